"""The county's yearly hyte negotiation from end to end, as its people use it through the pages: Lappi sets up the
series with Kemi and Tornio, the first meeting's agenda is prefilled from the plans and the indicators, the minutes
are confirmed by every party's checker, the agreed actions are carried into both parties' annual reports, and
next year's meeting opens with their status."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.conf import settings

from hyte.audit.actions import AuditAction
from hyte.audit.models import AuditEntry
from hyte.cooperation.models import (
    AgreedAction,
    CarriedAction,
    Confirmation,
    ItemKind,
    Meeting,
    MinutesStatus,
    Party,
    Series,
)
from hyte.indicators import services as indicator_services
from hyte.indicators.models import Indicator
from hyte.indicators.services import load_catalogue
from hyte.reports import services as reports
from hyte.reports.models import Block, OutlineKey
from tests.conftest import SYSTEM, approve_and_publish
from tests.test_situation import area, load

pytestmark = pytest.mark.django_db


def english(client: Any) -> Any:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _plan(organisation: Any, kind: str, goal: str, *, publish: bool) -> Any:
    plan = reports.create_report(
        actor=SYSTEM,
        organisation=organisation,
        kind=kind,
        title=f"{organisation.name} 2025–2029",
        term_start=2025,
        term_end=2029,
    )
    reports.add_goal(actor=SYSTEM, report=plan, text=goal)
    if publish:
        approve_and_publish(plan, SYSTEM)
    return plan


def _annual(organisation: Any, plan: Any) -> Any:
    return reports.create_report(
        actor=SYSTEM,
        organisation=organisation,
        kind="annual",
        title=f"{organisation.name}, vuosiraportti 2026",
        term_start=2025,
        term_end=2029,
        year=2026,
        plan_report=plan,
    )


@pytest.fixture
def region(world) -> dict[str, Any]:
    """Kemi's and Tornio's published plans, Lappi's regional plan in preparation, annual reports of 2026 for Kemi
    and Lappi, and unemployment in Kemi, Tornio, Lappi and Finland in Lappi's indicator set."""
    plans = {
        "kemi": _plan(world.kemi, "broad", "Kemiläiset nuoret liikkuvat enemmän", publish=True),
        "tornio": _plan(world.tornio, "broad", "Tornion ikääntyneet asuvat kotona", publish=True),
        "lappi": _plan(world.lappi, "regional", "Lapin elintapaohjaus yhtenäistyy", publish=False),
    }
    annual = {"kemi": _annual(world.kemi, plans["kemi"]), "lappi": _annual(world.lappi, plans["lappi"])}
    load_catalogue(actor=SYSTEM, entries=[{"id": 181, "title": {"fi": "Työttömät", "en": "Unemployed"}}])
    load(
        [
            ("181", area("municipality", "240"), 2025, "total", 13.5, None),
            ("181", area("municipality", "851"), 2025, "total", 11.2, None),
            ("181", area("county", "21"), 2025, "total", 12.7, None),
            ("181", area("country", "FI"), 2025, "total", 10.4, None),
        ]
    )
    unemployment = Indicator.objects.get(source="sotkanet", source_id="181")
    lappi_set = indicator_services.create_indicator_set(actor=SYSTEM, organisation=world.lappi, name="Neuvottelu")
    indicator_services.add_to_set(actor=SYSTEM, indicator_set=lappi_set, indicator=unemployment)
    return {"plans": plans, "annual": annual, "unemployment": unemployment}


def _new_meeting(client: Any, series: Series, date: str, title: str) -> Meeting:
    response = client.post(
        f"/o/lappi/cooperation/series/{series.pk}/meetings/",
        {
            "new-title": title,
            "new-date": date,
            "new-starts": "09:00",
            "new-ends": "12:30",
            "new-place": "Rovaniemi, aluetalo",
        },
    )
    meeting = Meeting.objects.get(title=title)
    assert response.status_code == 302
    assert response["Location"] == f"/o/lappi/cooperation/meetings/{meeting.pk}/"
    return meeting


def _kinds(meeting: Meeting) -> list[str]:
    return list(meeting.agenda_items.order_by("position").values_list("kind", flat=True))


def test_the_whole_series(world, region):
    county = english(world.client_for("county"))
    kemi_coordinator = english(world.client_for("coordinator"))
    tornio_admin = english(world.client_for("outsider"))

    # The county's coordinator sets up the yearly negotiation with Kemi and Tornio.
    county.post(
        "/o/lappi/cooperation/",
        {
            "title": "Lapin hyte-neuvottelu",
            "kind": "hyte_yearly",
            "arrangement": "joint",
            "members": [world.kemi.pk, world.tornio.pk],
        },
    )
    series = Series.objects.get()
    assert series.convener == world.lappi
    assert set(series.members.all()) == {world.kemi, world.tornio}

    # The first meeting: Finnish time, every party invited, the agenda prefilled (no earlier actions yet).
    first = _new_meeting(county, series, "2025-03-12", "Hyte-neuvottelu 2025")
    assert first.starts_at == dt.datetime(2025, 3, 12, 7, 0, tzinfo=dt.UTC)  # 9.00 in Helsinki (EET)
    assert set(first.parties.values_list("organisation__slug", flat=True)) == {"lappi", "kemi", "tornio"}
    assert _kinds(first) == [ItemKind.GOALS, ItemKind.INDICATORS, ItemKind.TEXT, ItemKind.TEXT, ItemKind.TEXT]
    page = county.get(f"/o/lappi/cooperation/meetings/{first.pk}/").content.decode()
    for goal in ("Kemiläiset nuoret liikkuvat enemmän", "Tornion ikääntyneet asuvat kotona", "Lapin elintapaohjaus"):
        assert goal in page  # each party's plan goals side by side
    for value in ("13.5", "11.2", "12.7", "10.4"):  # Kemi, Tornio, the county, the whole country
        assert value in page
    # Kemi's members see the meeting, but not the county's regional plan still in preparation.
    kemi_page = kemi_coordinator.get(f"/o/kemi/cooperation/meetings/{first.pk}/").content.decode()
    assert "Kemiläiset nuoret liikkuvat enemmän" in kemi_page
    assert "Lapin elintapaohjaus" not in kemi_page

    # Each party names its checker: the county its own, Kemi's and Tornio's coordinators theirs.
    parties = {p.organisation.slug: p for p in first.parties.select_related("organisation")}
    county.post(
        f"/o/lappi/cooperation/meetings/{first.pk}/parties/{parties['lappi'].pk}/checker/",
        {"checker": world.users["county"].pk},
    )
    kemi_coordinator.post(
        f"/o/kemi/cooperation/meetings/{first.pk}/parties/{parties['kemi'].pk}/checker/",
        {"checker": world.users["coordinator"].pk},
    )
    tornio_admin.post(
        f"/o/tornio/cooperation/meetings/{first.pk}/parties/{parties['tornio'].pk}/checker/",
        {"checker": world.users["outsider"].pk},
    )
    assert all(p.checker_id for p in first.parties.all())

    # Minutes, and two agreed actions, one of them serving both Kemi's and the county's goals.
    items = list(first.agenda_items.order_by("position"))
    county.post(
        f"/o/lappi/cooperation/meetings/{first.pk}/minutes/",
        {f"minutes-{items[0].pk}": "Tavoitteet käytiin läpi.", f"minutes-{items[2].pk}": "Sovittiin toimista."},
    )
    kemi_goal = region["plans"]["kemi"].goals.get()
    lappi_goal = region["plans"]["lappi"].goals.get()
    county.post(
        f"/o/lappi/cooperation/meetings/{first.pk}/actions/",
        {
            "text": "Liikuntaneuvonnan palveluketju käyttöön",
            "owner": world.kemi.pk,
            "owner_person": "Kaisa Koordinaattori",
            "due_date": "2025-12-31",
            "agenda_item": items[2].pk,
            "goals": [kemi_goal.pk, lappi_goal.pk],
            "indicators": [region["unemployment"].pk],
        },
    )
    county.post(
        f"/o/lappi/cooperation/meetings/{first.pk}/actions/",
        {"text": "Ikäihmisten kotikuntoutus", "owner": world.tornio.pk, "owner_person": "Tuula Tornio"},
    )
    shared_action, tornio_action = AgreedAction.objects.order_by("position")
    assert set(shared_action.goals.all()) == {kemi_goal, lappi_goal}

    # Shared for checking; every checker confirms; the minutes are final with who confirmed when.
    county.post(f"/o/lappi/cooperation/meetings/{first.pk}/minutes/share/")
    first.refresh_from_db()
    assert first.minutes_status == MinutesStatus.SHARED
    for client, slug in ((county, "lappi"), (kemi_coordinator, "kemi"), (tornio_admin, "tornio")):
        client.post(f"/o/{slug}/cooperation/meetings/{first.pk}/minutes/confirm/", {"decision": "confirmed"})
    first.refresh_from_db()
    assert first.minutes_status == MinutesStatus.FINAL
    assert first.finalised_at is not None
    who = set(Confirmation.objects.filter(party__meeting=first).values_list("checker__username", "decision"))
    assert who == {("county", "confirmed"), ("coordinator", "confirmed"), ("outsider", "confirmed")}
    assert AuditEntry.objects.filter(action=AuditAction.MINUTES_FINAL, object_id=str(first.pk)).count() == 1

    # Both parties carry the shared action into their annual reports with one click, the same words in both.
    response = kemi_coordinator.post(f"/o/kemi/cooperation/actions/{shared_action.pk}/carry/")
    assert response["Location"] == f"/o/kemi/reports/{region['annual']['kemi'].pk}/"
    county.post(f"/o/lappi/cooperation/actions/{shared_action.pk}/carry/")
    carried = {c.organisation.slug: c for c in CarriedAction.objects.select_related("organisation", "block__section")}
    assert set(carried) == {"kemi", "lappi"}
    assert carried["kemi"].block.section.key == OutlineKey.FOLLOW_UP
    assert carried["kemi"].block.text == carried["lappi"].block.text
    assert "Liikuntaneuvonnan palveluketju käyttöön" in carried["kemi"].block.text
    assert "Kemin kaupunki (Kaisa Koordinaattori)" in carried["kemi"].block.text
    assert AuditEntry.objects.filter(action=AuditAction.BLOCK_ADD, organisation=world.kemi).exists()
    # Carrying again adds nothing; the page says why.
    again = kemi_coordinator.post(f"/o/kemi/cooperation/actions/{shared_action.pk}/carry/", follow=True)
    assert "already" in again.content.decode()
    assert Block.objects.filter(section__report=region["annual"]["kemi"], text__contains="palveluketju").count() == 1
    # Tornio's action is not Kemi's: Kemi cannot carry it.
    kemi_coordinator.post(f"/o/kemi/cooperation/actions/{tornio_action.pk}/carry/")
    assert not CarriedAction.objects.filter(agreed_action=tornio_action).exists()

    # The owners follow their actions up during the year: Kemi's editor marks its action done.
    editor = english(world.client_for("editor"))
    editor.post(
        f"/o/kemi/cooperation/actions/{shared_action.pk}/follow-up/",
        {"status": "done", "progress_note": "Palveluketju on käytössä."},
    )
    tornio_admin.post(f"/o/tornio/cooperation/actions/{tornio_action.pk}/follow-up/", {"status": "in_progress"})
    shared_action.refresh_from_db()
    assert shared_action.status == "done"

    # Next year's meeting opens with the actions agreed last year and their status now.
    second = _new_meeting(county, series, "2026-03-11", "Hyte-neuvottelu 2026")
    assert _kinds(second)[0] == ItemKind.ACTIONS
    page = kemi_coordinator.get(f"/o/kemi/cooperation/meetings/{second.pk}/").content.decode()
    opening = page.split('id="agenda"')[1].split("</li>")[0]
    assert "Liikuntaneuvonnan palveluketju käyttöön" in opening
    assert "Palveluketju on käytössä." in opening
    assert f'id="action-{shared_action.pk}"' in opening
    assert "status-done" in opening
    assert "Ikäihmisten kotikuntoutus" in opening
    assert "status-in_progress" in opening
    # Kemi's plan page shows its agreed actions, and the annual report where it is now.
    plan_page = kemi_coordinator.get(f"/o/kemi/reports/{region['plans']['kemi'].pk}/").content.decode()
    assert "Liikuntaneuvonnan palveluketju käyttöön" in plan_page
    assert "Ikäihmisten kotikuntoutus" not in plan_page  # Tornio's, serving none of Kemi's goals


def test_a_municipality_outside_the_series_sees_nothing_of_it(world, region):
    from tests.cooperation_world import build_cooperation

    values = build_cooperation(world)
    outsider = world.client_for("outsider")  # Tornio is not in this series
    assert "Lapin hyte-neuvottelu" not in outsider.get("/o/tornio/cooperation/").content.decode()
    for path in (
        f"/o/tornio/cooperation/meetings/{values['coop_meeting']}/",
        f"/o/tornio/cooperation/meetings/{values['coop_meeting']}/minutes/",
        f"/o/tornio/cooperation/meetings/{values['coop_meeting']}/materials/{values['coop_material']}/",
        f"/o/tornio/cooperation/series/{values['coop_series']}/",
        f"/o/tornio/cooperation/series/{values['coop_series']}/meetings.ics",
        f"/o/kemi/cooperation/meetings/{values['coop_meeting']}/",
    ):
        assert outsider.get(path).status_code == 404, path
    assert outsider.get("/api/v1/organisations/tornio/agreed-actions").json() == []
    # The NGO invited sees the meeting it is invited to.
    ngo = world.client_for("anonymous")
    ngo.force_login(values["ngo_user"])
    assert ngo.get(f"/o/lapin-jarjestot/cooperation/meetings/{values['coop_meeting']}/").status_code == 200
    assert Party.objects.filter(organisation=world.tornio).count() == 0
