"""The register's signed-in pages: lists with filters, forms in fi/sv, hiding with a reason, the stale list."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from hyte.actors.models import Activity, Actor
from hyte.audit.models import AuditEntry
from hyte.core import clock
from tests.actors_world import build_register, kemi_area

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _client(world, persona):
    client = Client()
    client.force_login(world.users[persona])
    return client


def test_the_coordinator_sees_drafts_and_the_reader_only_what_is_public(world):
    register = build_register(world)
    page = _client(world, "coordinator").get("/o/kemi/register/activities/", **EN).content.decode()
    for title in ("Senioreiden kävelyryhmä", "Luonnos: muistikahvila", "Piilotettu tapahtuma", "Add an activity"):
        assert title in page
    assert register["football"].title not in page
    page = _client(world, "reader").get("/o/kemi/register/activities/", **EN).content.decode()
    assert "Senioreiden kävelyryhmä" in page
    assert "Luonnos" not in page
    assert "Piilotettu" not in page
    assert "Add an activity" not in page


def test_the_filters_narrow_the_list(world):
    build_register(world)
    client = _client(world, "coordinator")
    page = client.get("/o/kemi/register/activities/?age=children", **EN).content.decode()
    assert "Satutunti lapsille" in page
    assert "Senioreiden" not in page
    page = client.get("/o/kemi/register/activities/?q=yksinäisyys", **EN).content.decode()
    assert "Senioreiden" in page
    assert "Satutunti" not in page
    page = client.get("/o/kemi/register/activities/?status=hidden", **EN).content.decode()
    assert "Piilotettu tapahtuma" in page
    assert "Senioreiden" not in page
    page = client.get("/o/kemi/register/actors/?q=kirjasto", **EN).content.decode()
    assert "Kemin kaupunginkirjasto" in page
    assert "Kemin Seniorit" not in page


def test_an_actor_is_added_with_its_business_id_checked(world):
    client = _client(world, "coordinator")
    data = {"kind": "ngo", "name": "Kemin Martat ry", "name_sv": "Kemi Martha", "area": kemi_area().pk}
    response = client.post("/o/kemi/register/actors/new/", {**data, "business_id": "0112038-1"}, **EN)
    assert response.status_code == 200
    assert "does not pass its check digit" in response.content.decode()
    assert not Actor.objects.filter(name="Kemin Martat ry").exists()
    response = client.post("/o/kemi/register/actors/new/", {**data, "business_id": "0201256-6"}, **EN)
    assert response.status_code == 302
    assert Actor.objects.get(name="Kemin Martat ry").name_sv == "Kemi Martha"


def test_an_activity_is_added_and_an_end_before_its_start_is_explained(world):
    register = build_register(world)
    client = _client(world, "ngo")
    form = client.get("/o/kemin-seniorit/register/activities/new/", **EN).content.decode()
    assert "Kemin Seniorit ry" in form
    assert "Kemin kaupunginkirjasto" not in form  # only its own actor to choose
    data = {
        "title": "Tuolijumppa",
        "title_sv": "Stolgymnastik",
        "providers": [register["seniors"].pk],
        "area": kemi_area().pk,
        "age_groups": ["older"],
        "languages": ["fi", "sv"],
        "is_free": "on",
        "starts_on": "2026-10-01",
        "ends_on": "2026-09-01",
    }
    response = client.post("/o/kemin-seniorit/register/activities/new/", data, **EN)
    assert "cannot end before it starts" in response.content.decode()
    assert not Activity.objects.filter(title="Tuolijumppa").exists()
    response = client.post("/o/kemin-seniorit/register/activities/new/", {**data, "ends_on": "2026-12-01"}, **EN)
    assert response.status_code == 302
    activity = Activity.objects.get(title="Tuolijumppa")
    assert (activity.title_sv, activity.age_groups, activity.is_published) == ("Stolgymnastik", ["older"], False)
    # the NGO may not touch the library's activity, nor hide its own
    assert client.get(f"/o/kemin-seniorit/register/activities/{register['reading'].pk}/").status_code == 404
    hide = f"/o/kemin-seniorit/register/activities/{activity.pk}/hide/"
    assert client.post(hide, {"reason": "x"}).status_code == 404


def test_hiding_needs_a_reason_and_unhiding_brings_it_back(world):
    register = build_register(world)
    client = _client(world, "coordinator")
    walking = register["walking"]
    base = f"/o/kemi/register/activities/{walking.pk}/"
    assert "Hide from the finder" in client.get(base, **EN).content.decode()
    client.post(base + "hide/", {"reason": ""}, **EN)
    walking.refresh_from_db()
    assert not walking.is_hidden
    client.post(base + "hide/", {"reason": "Ilmoitus vanhentunut"}, **EN)
    walking.refresh_from_db()
    assert walking.is_hidden
    assert walking.hidden_reason == "Ilmoitus vanhentunut"
    assert "Ilmoitus vanhentunut" in client.get(base, **EN).content.decode()
    client.post(base + "unhide/", **EN)
    walking.refresh_from_db()
    assert not walking.is_hidden
    assert AuditEntry.objects.filter(action="activity.unhide", object_id=str(walking.pk)).exists()


def test_the_stale_list_shows_what_was_not_checked_in_a_year(world, monkeypatch):
    register = build_register(world)
    later = clock.now() + dt.timedelta(days=400)
    monkeypatch.setattr(clock, "now", lambda: later)
    client = _client(world, "coordinator")
    page = client.get("/o/kemi/register/stale/", **EN).content.decode()
    assert "Senioreiden kävelyryhmä" in page
    assert "Kemin kaupunginkirjasto" in page
    client.post(f"/o/kemi/register/activities/{register['walking'].pk}/checked/")
    page = client.get("/o/kemi/register/stale/", **EN).content.decode()
    assert "Senioreiden kävelyryhmä" not in page
    assert _client(world, "reader").get("/o/kemi/register/stale/").status_code == 404
