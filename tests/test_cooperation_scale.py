"""The negotiation page of a whole county: with 20 municipalities, each with its plan's goals, and 200 agreed actions
(those of the previous meeting opening the agenda, and this meeting's), the page runs the same fixed number of
queries as with two municipalities and two actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hyte.accounts import services as accounts
from hyte.cooperation import services
from hyte.cooperation.models import AgreedAction
from hyte.indicators import services as indicator_services
from hyte.indicators.models import Indicator
from hyte.indicators.services import load_catalogue
from hyte.regions.models import Area
from hyte.reports import services as reports
from tests.conftest import SYSTEM, approve_and_publish
from tests.cooperation_world import at
from tests.test_cooperation import english
from tests.test_situation import load

pytestmark = pytest.mark.django_db

PINNED = 33  # the county's negotiation page: agenda with plans side by side, indicators and earlier actions


def _plan(organisation: Any) -> Any:
    plan = reports.create_report(
        actor=SYSTEM, organisation=organisation, kind="broad", title="Suunnitelma", term_start=2025, term_end=2029
    )
    for number in (1, 2):
        goal = reports.add_goal(actor=SYSTEM, report=plan, text=f"{organisation.name}: tavoite {number}")
        reports.add_measure(actor=SYSTEM, goal=goal, text=f"Toimenpide {number}")
    approve_and_publish(plan, SYSTEM)
    return plan


def _invite(meetings: list[Any], organisation: Any) -> None:
    _plan(organisation)
    for meeting in meetings:
        party = services.add_party(actor=SYSTEM, meeting=meeting, organisation=organisation)
        services.add_invitee(actor=SYSTEM, party=party, name="Edustaja", role="expert", participation="prepares")


def _actions(meeting: Any, count: int, indicator: Any) -> None:
    parties = [party.organisation for party in meeting.parties.select_related("organisation")]
    goals = {g.report.organisation_id: g for g in _goals(parties)}
    for i in range(count):
        owner = parties[i % len(parties)]
        services.add_action(
            actor=SYSTEM,
            meeting=meeting,
            text=f"Sovittu toimi {i}",
            owner=owner,
            owner_person="Vastuuhenkilö",
            due_date=dt.date(2027, 12, 31),
            goals=[goals[owner.pk]] if owner.pk in goals else [],
            indicators=[indicator],
        )


def _goals(organisations: list[Any]) -> list[Any]:
    from hyte.reports.models import Goal

    return list(Goal.objects.filter(report__organisation__in=organisations, position=1).select_related("report"))


def _count(client: Any, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_the_negotiation_page_of_a_whole_county_runs_a_fixed_number_of_queries(world):
    lappi_area = world.lappi.area
    others = list(
        Area.objects.filter(kind="municipality", county=lappi_area, valid_until__isnull=True)
        .exclude(code__in=["240", "851"])
        .order_by("code")[:18]
    )
    load_catalogue(actor=SYSTEM, entries=[{"id": 181, "title": {"fi": "Työttömät"}}])
    country = Area.objects.get(kind="country")
    areas = [world.kemi.area, world.tornio.area, *others, lappi_area, country]
    load([("181", a, 2025, "total", 10.0 + i / 10, None) for i, a in enumerate(areas)])
    unemployment = Indicator.objects.get(source="sotkanet", source_id="181")
    key_set = indicator_services.create_indicator_set(actor=SYSTEM, organisation=world.lappi, name="Avain")
    indicator_services.add_to_set(actor=SYSTEM, indicator_set=key_set, indicator=unemployment)
    for organisation in (world.kemi, world.tornio):
        _plan(organisation)
    _plan(world.lappi)
    series = services.create_series(
        actor=SYSTEM,
        convener=world.lappi,
        kind="hyte_yearly",
        arrangement="joint",
        title="Koko Lapin neuvottelu",
        members=[world.kemi, world.tornio],
    )
    previous = services.create_meeting(
        actor=SYSTEM, series=series, title="2025", starts_at=at(2025, 3, 12), ends_at=at(2025, 3, 12, 12)
    )
    _actions(previous, 1, unemployment)
    # The meeting of 2026, made after: its agenda opens with the actions agreed in 2025.
    meeting = services.create_meeting(
        actor=SYSTEM, series=series, title="2026", starts_at=at(2026, 3, 11), ends_at=at(2026, 3, 11, 12)
    )
    _actions(meeting, 1, unemployment)
    client = english(world.client_for("county"))
    path = f"/o/lappi/cooperation/meetings/{meeting.pk}/"
    client.get(path)  # the session and the resolver's caches, as on any later page
    small = _count(client, path)
    page = client.get(path).content.decode()
    assert "Sovittu toimi 0" in page
    assert "10.0" in page  # Kemi's value in the key indicators

    for area in others:
        municipality = accounts.create_organisation(actor=SYSTEM, name=area.name_fi, kind="municipality", area=area)
        _invite([previous, meeting], municipality)
    _actions(previous, 150, unemployment)
    _actions(meeting, 48, unemployment)
    assert meeting.parties.filter(organisation__kind="municipality").count() == 20
    assert AgreedAction.objects.filter(meeting__series=series).count() == 200
    large = _count(client, path)
    page = client.get(path).content.decode()
    assert page.count('<tr id="action-') == 200
    assert page.count('class="party-plans"') == 1
    assert f"{others[-1].name_fi}: tavoite 1" in page  # the last municipality's goals, side by side
    assert large == small, f"{small} queries with 2 municipalities, {large} with 20: a query per row somewhere"
    assert small == PINNED, f"{small} queries, pinned at {PINNED}"
