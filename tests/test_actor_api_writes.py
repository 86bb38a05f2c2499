"""The register's signed-in API: actors and activities written through the same services as the pages, with the
same rules (an NGO's users keep their own entry and activities, a municipality's coordinator its area, nobody
else), clear refusals (400 with the reason, 404 for what the caller may not reach, 422 for a malformed body), and
drafts readable by those who may edit them (issue 16)."""

from __future__ import annotations

import io
import json

import pytest
from django.test import Client
from django.utils import translation
from PIL import Image

from hyte.accounts.services import create_api_token
from hyte.actors.models import Activity, ActivityImage, Actor
from hyte.audit.models import AuditEntry
from tests.actors_world import build_register

KEMI = "/api/v1/organisations/kemi"
NGO = "/api/v1/organisations/kemin-seniorit"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def register(world):
    """The register, and the world's signed-in clients asking for answers in English."""
    made = build_register(world)
    client_for = world.client_for

    def english_client(name: str) -> Client:
        client = client_for(name)
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return client

    world.client_for = english_client
    return made


def send(client: Client, method: str, path: str, body: dict | None = None):
    return client.generic(method, path, json.dumps(body or {}), content_type="application/json")


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 10), (200, 40, 0)).save(out, format="PNG")
    return out.getvalue()


def test_a_coordinator_adds_an_activity_that_the_finder_then_finds(world, register):
    client = world.client_for("coordinator")
    body = {
        "title": "Tuolijumppa senioreille",
        "title_sv": "Stolgymnastik för seniorer",
        "description": "Kevyttä liikuntaa istuen.",
        "providers": [register["library"].pk],
        "municipality": "240",
        "themes": ["physical-activity"],
        "age_groups": ["older"],
        "target_groups": ["living-alone"],
        "latitude": 65.736,
        "longitude": 24.564,
        "recurring": True,
        "schedule": "Torstaisin 13–14",
        "languages": ["fi", "sv"],
        "join_url": "https://kirjasto.kemi.fi/tuolijumppa",
        "is_published": True,
    }
    response = send(client, "POST", f"{KEMI}/activities", body)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["themes"] == ["physical-activity"]
    assert created["target_groups"] == ["living-alone"]
    assert created["providers"][0]["id"] == register["library"].pk
    assert (created["is_published"], created["is_hidden"], created["image"]) == (True, False, None)
    assert created["last_checked_at"] is not None
    assert AuditEntry.objects.filter(action="activity.create", object_id=str(created["id"])).exists()
    found = Client().get("/api/v1/activities?q=tuolijumppa").json()["items"]
    assert [item["id"] for item in found] == [created["id"]]


def test_an_activity_is_changed_only_where_fields_are_given(world, register):
    client = world.client_for("coordinator")
    reading = register["reading"]
    response = send(client, "PATCH", f"{KEMI}/activities/{reading.pk}", {"title": "Satutunti", "themes": ["culture"]})
    assert response.status_code == 200, response.content
    reading.refresh_from_db()
    assert (reading.title, reading.fee, reading.is_free) == ("Satutunti", "2 € / kerta", False)
    assert list(reading.themes.values_list("code", flat=True)) == ["culture"]
    assert response.json()["themes"] == ["culture"]
    cleared = send(client, "PATCH", f"{KEMI}/activities/{reading.pk}", {"ends_on": None})
    assert cleared.json()["ends_on"] is None
    refused = send(client, "PATCH", f"{KEMI}/activities/{reading.pk}", {"title": None})
    assert refused.status_code == 400
    assert "title" in refused.json()["detail"]


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"starts_on": "2026-12-01", "ends_on": "2026-11-01"}, "cannot end before it starts"),
        ({"recurring": True, "schedule": ""}, "recurring activity"),
        ({"is_free": False, "fee": ""}, "what the activity costs"),
        ({"join_url": "javascript:alert(1)"}, "web address"),
        ({"themes": ["astrology"]}, "no theme astrology"),
        ({"target_groups": ["pets"]}, "no target group pets"),
        ({"measures": [999_999]}, "no such measure"),
        ({"municipality": "999"}, "no municipality with the code 999"),
        ({"providers": [999_999]}, "no such actor"),
        ({"latitude": 65.848, "longitude": 24.146}, "in Tornio, not in Kemi"),
        ({"latitude": 59.33, "longitude": 18.06}, "outside Finland"),
        ({"latitude": 65.736, "longitude": None}, "both its latitude and its longitude"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_a_refused_change_answers_400_with_the_reason_and_writes_nothing(world, register, changes, problem):
    reading, client = register["reading"], world.client_for("coordinator")
    before = (Activity.objects.values().get(pk=reading.pk), AuditEntry.objects.count())
    response = send(client, "PATCH", f"{KEMI}/activities/{reading.pk}", changes)
    assert response.status_code == 400, response.content
    assert problem in response.json()["detail"]
    assert (Activity.objects.values().get(pk=reading.pk), AuditEntry.objects.count()) == before


def test_a_malformed_body_answers_422_naming_the_field(world, register):
    client = world.client_for("coordinator")
    response = send(client, "POST", f"{KEMI}/activities", {"title": "", "providers": [], "municipality": "240"})
    assert response.status_code == 422
    assert {tuple(p["loc"]) for p in response.json()["detail"]} >= {("body", "data", "title")}
    bad_age = send(client, "PATCH", f"{KEMI}/activities/{register['reading'].pk}", {"age_groups": ["babies"]})
    assert bad_age.status_code == 422


def test_an_ngo_s_users_keep_their_own_activities_and_nothing_else(world, register):
    ngo = world.client_for("ngo")
    mine = {"title": "Muistikahvila", "providers": [register["seniors"].pk], "municipality": "240"}
    created = send(ngo, "POST", f"{NGO}/activities", mine)
    assert created.status_code == 201, created.content
    assert created.json()["is_published"] is False, "a draft unless published"
    in_library_s_name = send(ngo, "POST", f"{NGO}/activities", {**mine, "providers": [register["library"].pk]})
    assert in_library_s_name.status_code == 400
    assert "no such actor" in in_library_s_name.json()["detail"]
    walking = register["walking"]
    assert send(ngo, "PATCH", f"{NGO}/activities/{walking.pk}", {"schedule": "Keskiviikkoisin"}).status_code == 200
    for path in (f"{NGO}/activities/{register['reading'].pk}", f"{KEMI}/activities/{register['reading'].pk}"):
        assert send(ngo, "PATCH", path, {"title": "Kaapattu"}).status_code == 404
    assert send(ngo, "POST", f"{NGO}/activities/{walking.pk}/hide", {"reason": "Oma"}).status_code == 404
    reader = world.client_for("ngo_reader")
    assert send(reader, "POST", f"{NGO}/activities", mine).status_code == 404
    assert send(reader, "PATCH", f"{NGO}/activities/{walking.pk}", {"title": "x"}).status_code == 404
    assert Activity.objects.filter(title="Kaapattu").count() == 0


def test_a_coordinator_keeps_only_the_municipality_s_area(world, register):
    client = world.client_for("coordinator")
    football = register["football"]  # in Tornio
    assert send(client, "PATCH", f"{KEMI}/activities/{football.pk}", {"title": "x"}).status_code == 404
    assert send(client, "POST", f"{KEMI}/activities/{football.pk}/hide", {"reason": "x"}).status_code == 404
    assert send(client, "PATCH", f"{KEMI}/actors/{register['tornio_club'].pk}", {"name": "x"}).status_code == 404
    outsider = world.client_for("outsider")
    assert send(outsider, "POST", f"{KEMI}/activities/{register['walking'].pk}/checked").status_code == 404
    assert Client().get(f"{KEMI}/activities").status_code == 401


def test_hiding_needs_a_reason_and_is_the_municipality_s(world, register):
    client = world.client_for("coordinator")
    walking = register["walking"]
    assert send(client, "POST", f"{KEMI}/activities/{walking.pk}/hide", {}).status_code == 422
    blank = send(client, "POST", f"{KEMI}/activities/{walking.pk}/hide", {"reason": "   "})
    assert blank.status_code == 400
    assert "reason" in blank.json()["detail"]
    hidden = send(client, "POST", f"{KEMI}/activities/{walking.pk}/hide", {"reason": "Harhaanjohtava ilmoitus"})
    assert (hidden.json()["is_hidden"], hidden.json()["hidden_reason"]) == (True, "Harhaanjohtava ilmoitus")
    entry = AuditEntry.objects.get(action="activity.hide", object_id=str(walking.pk))
    assert entry.changes["hidden_reason"] == ["", "Harhaanjohtava ilmoitus"]
    assert Client().get(f"/api/v1/activities/{walking.pk}").status_code == 404
    shown = send(client, "POST", f"{KEMI}/activities/{walking.pk}/unhide")
    assert (shown.json()["is_hidden"], shown.json()["hidden_reason"]) == (False, "")
    assert Client().get(f"/api/v1/activities/{walking.pk}").status_code == 200


def test_marking_checked_moves_the_date(world, register):
    draft = register["draft"]
    Activity.objects.filter(pk=draft.pk).update(last_checked_at=None)
    response = send(world.client_for("ngo"), "POST", f"{NGO}/activities/{draft.pk}/checked")
    assert response.status_code == 200
    assert response.json()["last_checked_at"] is not None
    assert AuditEntry.objects.filter(action="activity.check", object_id=str(draft.pk)).exists()


def test_drafts_and_hidden_activities_are_read_by_those_who_may_edit_them(world, register):
    coordinator = world.client_for("coordinator").get(f"{KEMI}/activities").json()
    titles = {item["title"] for item in coordinator["items"]}
    assert {register["draft"].title, register["hidden"].title, register["reading"].title} <= titles
    assert register["football"].title not in titles, "Tornio's"
    drafts = world.client_for("coordinator").get(f"{KEMI}/activities?status=draft").json()["items"]
    assert [item["id"] for item in drafts] == [register["draft"].pk]
    reader = world.client_for("reader").get(f"{KEMI}/activities").json()
    assert register["draft"].title not in {item["title"] for item in reader["items"]}
    assert world.client_for("reader").get(f"{KEMI}/activities/{register['draft'].pk}").status_code == 404
    own = world.client_for("ngo").get(f"{NGO}/activities/{register['draft'].pk}")
    assert (own.status_code, own.json()["is_published"]) == (200, False)
    assert world.client_for("ngo").get(f"{NGO}/activities/{register['reading'].pk}").status_code == 404


def test_actors_are_added_and_changed_with_their_business_id_checked(world, register):
    client = world.client_for("coordinator")
    body = {"kind": "ngo", "name": "Kemin Martat ry", "municipality": "240", "business_id": "0201256-6"}
    created = send(client, "POST", f"{KEMI}/actors", body)
    assert created.status_code == 201, created.content
    assert created.json()["business_id"] == "0201256-6"
    wrong = send(client, "POST", f"{KEMI}/actors", {**body, "name": "Toinen", "business_id": "0201256-7"})
    assert wrong.status_code == 400
    twice = send(client, "POST", f"{KEMI}/actors", {**body, "name": "Kolmas"})
    assert "business id" in twice.json()["detail"]
    unsafe = send(client, "PATCH", f"{KEMI}/actors/{created.json()['id']}", {"website": "javascript:alert(1)"})
    assert unsafe.status_code == 400
    changed = send(client, "PATCH", f"{KEMI}/actors/{created.json()['id']}", {"website": "https://martat.fi"})
    assert changed.json()["website"] == "https://martat.fi"
    assert Actor.objects.filter(name__in=["Toinen", "Kolmas"]).count() == 0
    ngo = world.client_for("ngo")
    assert send(ngo, "PATCH", f"{NGO}/actors/{register['seniors'].pk}", {"contact": "p. 040 1"}).status_code == 200
    again = send(ngo, "POST", f"{NGO}/actors", {"kind": "ngo", "name": "Toinen ry", "municipality": "240"})
    assert "has its entry" in again.json()["detail"]
    listed = world.client_for("reader").get(f"{KEMI}/actors").json()
    assert register["library"].pk in {item["id"] for item in listed["items"]}


def test_a_picture_is_sent_as_a_form_and_removed(world, register):
    client = world.client_for("coordinator")
    walking = register["walking"]
    address = f"{KEMI}/activities/{walking.pk}/image"
    fields = {"alt_text": "Kävelijät", "alt_text_sv": "Promenerare"}
    answer = client.post(address, {"file": io.BytesIO(png()), **fields})  # a nameless file: refused
    assert answer.status_code == 400
    from django.core.files.uploadedfile import SimpleUploadedFile

    sent = client.post(address, {"file": SimpleUploadedFile("kuva.png", png(), "image/png"), **fields})
    assert sent.status_code == 200, sent.content
    image = ActivityImage.objects.get(activity=walking)
    assert sent.json()["url"] == f"/public/activity-images/{walking.pk}/{image.file_name}"
    assert sent.json()["alt_text_sv"] == "Promenerare"
    listed = Client().get(f"/api/v1/activities/{walking.pk}").json()
    assert listed["image"]["alt_text"] == "Kävelijät"
    without = client.post(address, {"file": SimpleUploadedFile("kuva.png", png(), "image/png"), "alt_text": "x"})
    assert without.status_code == 422, "the Swedish text alternative is required"
    not_image = client.post(address, {"file": SimpleUploadedFile("kuva.png", b"%PDF-1.7", "image/png"), **fields})
    assert not_image.status_code == 400
    assert ActivityImage.objects.get(activity=walking).sha256 == image.sha256
    assert client.delete(address).status_code == 204
    assert client.delete(address).status_code == 400
    draft = register["draft"]
    ngo = world.client_for("ngo")
    drafted = ngo.post(
        f"{NGO}/activities/{draft.pk}/image", {"file": SimpleUploadedFile("k.png", png(), "image/png"), **fields}
    )
    assert drafted.json()["url"] is None, "a draft's picture is not public"


def test_a_read_only_token_may_not_write(world, register):
    _token, raw = create_api_token(actor=world.users["coordinator"], name="lukija", read_only=True)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert client.get(f"{KEMI}/activities").status_code == 200
    response = send(client, "POST", f"{KEMI}/activities/{register['walking'].pk}/checked")
    assert response.status_code == 403
