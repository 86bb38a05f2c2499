"""The county's gap view, its register and an interface's page with 20 municipalities × 13 interfaces and a
counterpart pair for most of them run the same fixed number of queries as with two municipalities and no pairs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hyte.accounts import services as accounts
from hyte.accounts.roles import Role
from hyte.cooperation import services
from hyte.core import clock
from hyte.regions.models import Area
from tests.conftest import SYSTEM, make_user
from tests.test_cooperation import english

pytestmark = pytest.mark.django_db

PINNED = {"gaps": 11, "register": 11, "interface": 16}


def _count(client: Any, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_the_gap_view_of_a_whole_county_runs_a_fixed_number_of_queries(world):
    interfaces = services.add_default_interfaces(actor=SYSTEM, county=world.lappi)
    assert len(interfaces) == 13
    client = english(world.client_for("county"))
    paths = {
        "gaps": "/o/lappi/cooperation/interfaces/gaps/",
        "register": "/o/lappi/cooperation/interfaces/",
        "interface": f"/o/lappi/cooperation/interfaces/{interfaces[2].pk}/",
    }
    client.get(paths["gaps"])  # the session and the resolver's caches, as on any later page
    small = {name: _count(client, path) for name, path in paths.items()}
    page = client.get(paths["gaps"])
    assert page.context["missing"] == 2 * 13  # Kemi and Tornio, no pairs yet

    others = (
        Area.objects.filter(kind="municipality", county=world.lappi.area, valid_until__isnull=True)
        .exclude(code__in=["240", "851"])
        .order_by("code")[:18]
    )
    today = clock.today()
    municipalities = [world.kemi, world.tornio]
    for area in others:
        municipalities.append(
            accounts.create_organisation(actor=SYSTEM, name=area.name_fi, kind="municipality", area=area)
        )
    assert len(municipalities) == 20
    for number, municipality in enumerate(municipalities):
        person = make_user(f"vastinpari-{number}")
        accounts.add_member(actor=SYSTEM, organisation=municipality, user=person, role=Role.READER)
        for interface in interfaces[: 13 - number % 3]:  # the last one or two interfaces lack a pair somewhere
            services.add_pair(
                actor=SYSTEM,
                interface=interface,
                municipality=municipality,
                county_person=world.users["county"],
                municipality_person=person,
                starts_on=today - dt.timedelta(days=10),
            )
            services.set_owner(actor=SYSTEM, interface=interface, municipality=municipality, owner="Hyte")
    large = {name: _count(client, path) for name, path in paths.items()}
    page = client.get(paths["gaps"])
    assert len(page.context["rows"]) == 20
    # number % 3 == 1 lacks one pair, == 2 lacks two: 7 × 0 + 7 × 1 + 6 × 2
    assert page.context["missing"] == 7 * 1 + 6 * 2
    assert page.content.decode().count("<strong>missing</strong>") == 19
    assert large == small, f"{small} queries with 2 municipalities, {large} with 20: a query per row somewhere"
    assert small == PINNED, f"{small} queries, pinned at {PINNED}"
