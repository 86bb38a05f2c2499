"""A member of two organisations cannot carry one organisation's own (private) indicator into the other's plan,
where that organisation's readers would see it (issue 14): goals, report blocks and the goal-indicator page all
take only shared indicators and the report's own organisation's."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from hyte.accounts import services as accounts
from hyte.accounts.roles import Role
from hyte.indicators import services as indicator_services
from hyte.reports import services
from hyte.reports.models import BlockKind, GoalIndicator
from tests.conftest import SYSTEM


@pytest.fixture
def tornio_private(world):
    """Tornio's own indicator, and Kemi's coordinator also a member of Tornio."""
    accounts.add_member(actor=SYSTEM, organisation=world.tornio, user=world.users["coordinator"], role=Role.EDITOR)
    return indicator_services.create_own_indicator(
        actor=SYSTEM, organisation=world.tornio, title_fi="Tornion oma kysely", source_id="TO1"
    )


@pytest.fixture
def kemi_goal(world):
    report = services.create_report(
        actor=world.users["coordinator"],
        organisation=world.kemi,
        kind="broad",
        title="HYTE",
        term_start=2025,
        term_end=2029,
    )
    return services.add_goal(actor=world.users["coordinator"], report=report, text="Nuoret voivat hyvin")


def test_the_service_refuses_another_organisations_private_indicator(world, tornio_private, kemi_goal):
    with pytest.raises(ValidationError, match=r"Unknown indicator|Tuntematon"):
        services.add_goal_indicator(
            actor=world.users["coordinator"],
            goal=kemi_goal,
            indicator=tornio_private,
            baseline_year=2024,
            target_year=2029,
            direction="increase",
        )
    section = kemi_goal.report.sections.first()
    with pytest.raises(ValidationError):
        services.add_block(
            actor=world.users["coordinator"], section=section, kind=BlockKind.CHART, indicators=[tornio_private]
        )


def test_the_page_refuses_it_and_stores_nothing(world, tornio_private, kemi_goal):
    report = kemi_goal.report
    response = world.client_for("coordinator").post(
        f"/o/kemi/reports/{report.pk}/goals/{kemi_goal.pk}/indicators/",
        {"indicator": tornio_private.pk, "baseline_year": 2024, "target_year": 2029, "direction": "increase"},
    )
    assert response.status_code in (200, 302, 400, 404)
    assert not GoalIndicator.objects.filter(indicator=tornio_private).exists()
