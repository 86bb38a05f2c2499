"""A plan at a glance: goal statuses by the documented rule, the coordinator's own status with its reason, the
plan's summary, and the signed-in plan page that shows the latest follow-up."""

from __future__ import annotations

import pytest

from hyte.reports import services
from hyte.reports.glance import AT_RISK, OFF_TRACK, ON_TRACK, REACHED, UNKNOWN, goal_glance, indicator_way

INCREASE, DECREASE, KEEP = "increase", "decrease", "keep"


@pytest.mark.parametrize(
    ("direction", "change", "reached", "way"),
    [
        (INCREASE, 2.0, False, "toward"),
        (INCREASE, -1.0, False, "away"),
        (DECREASE, -1.0, False, "toward"),
        (DECREASE, 0.5, None, "away"),
        (KEEP, 0.0, False, "toward"),
        (KEEP, -0.1, False, "away"),
        (INCREASE, None, None, "unknown"),
        (DECREASE, 3.0, True, "reached"),  # reached counts even after a rise back
    ],
)
def test_which_way_an_indicator_goes(direction, change, reached, way):
    assert indicator_way(direction, change, reached) == way


@pytest.mark.parametrize(
    ("measures", "indicators", "status"),
    [
        (["on_track", "off_track"], [(INCREASE, 1.0, False)], OFF_TRACK),  # one measure off track
        (["on_track"], [(INCREASE, -1.0, False), (DECREASE, 2.0, False)], OFF_TRACK),  # every indicator away
        (["at_risk", "done"], [(INCREASE, 1.0, False)], AT_RISK),
        (["on_track"], [(INCREASE, 1.0, False), (DECREASE, 1.0, False)], AT_RISK),  # one of two away
        (["done", "on_track"], [(INCREASE, 1.0, True), (DECREASE, -2.0, True)], REACHED),
        (["not_started"], [(INCREASE, 1.0, True)], ON_TRACK),  # reached, but a measure has not started
        (["on_track"], [(INCREASE, 1.0, False)], ON_TRACK),
        (["not_started"], [(INCREASE, None, None)], UNKNOWN),
        ([], [], UNKNOWN),
    ],
)
def test_a_goals_status_follows_the_rule(measures, indicators, status):
    assert goal_glance(measure_statuses=measures, indicators=indicators).status == status


def test_a_status_set_in_the_annual_report_wins_and_shows_its_reason():
    glance = goal_glance(
        measure_statuses=["on_track"],
        indicators=[(INCREASE, 1.0, False)],
        set_status="at_risk",
        set_reason="Rahoitus päättyy 2027",
    )
    assert (glance.status, glance.derived, glance.overridden, glance.reason) == (
        AT_RISK,
        ON_TRACK,
        True,
        "Rahoitus päättyy 2027",
    )
    same = goal_glance(measure_statuses=["on_track"], indicators=[], set_status="on_track", set_reason="x")
    assert not same.overridden


@pytest.mark.django_db
def test_the_plan_page_shows_the_latest_follow_up_and_a_summary(world, published, client):
    plan, annual = published  # the 2025 annual report set the measure "at risk"
    client.force_login(world.users["reader"])
    page = client.get(f"/o/kemi/reports/{plan.pk}/").content.decode()
    assert "status-at_risk" in page  # not "not started": the follow-up of 2025
    assert "glance-at_risk" in page
    assert 'class="plan-summary panel"' in page
    behind = client.get(f"/o/kemi/reports/{plan.pk}/?show=behind").content.decode()
    assert "Nuoret voivat hyvin" in behind  # the goal is at risk, so it stays in the filtered view
    coordinator = world.users["coordinator"]
    amendment = services.start_amendment(actor=coordinator, plan=plan, title="Uusi tavoite")
    services.propose_goal(actor=coordinator, amendment=amendment, text="Ikäihmiset liikkuvat", age_group="older")
    services.change_amendment_status(actor=coordinator, amendment=amendment, status="in_review")
    services.change_amendment_status(
        actor=coordinator,
        amendment=amendment,
        status="approved",
        decision_body="Valtuusto",
        decision_date=annual.decision_date,
        decision_reference="§ 9",
    )
    behind = client.get(f"/o/kemi/reports/{plan.pk}/?show=behind").content.decode()
    assert "Nuoret voivat hyvin" in behind
    assert "Ikäihmiset liikkuvat" not in behind  # not followed up yet: not behind
    assert "Ikäihmiset liikkuvat" in client.get(f"/o/kemi/reports/{plan.pk}/").content.decode()
