"""Changing an approved plan during the council term: amendments, on their own or with an annual report, and
alerts turned into measures of an approved plan through an amendment."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from hyte.audit.models import AuditEntry
from hyte.reports import services
from hyte.reports.models import AmendmentStatus, Measure, Progress
from hyte.situation.models import Alert, AlertStatus
from hyte.situation.services import create_rule

pytestmark = pytest.mark.django_db
DECISION = {
    "decision_body": "Kemin kaupunginvaltuusto",
    "decision_date": dt.date(2026, 9, 21),
    "decision_reference": "§ 77",
}


@pytest.fixture(autouse=True)
def in_english():
    """Messages are asserted in English; the interface's default is Finnish."""
    with translation.override("en"):
        yield


@pytest.fixture
def plan(world, published):
    plan, _annual = published
    return plan


def approve(amendment, coordinator) -> None:
    services.change_amendment_status(actor=coordinator, amendment=amendment, status="in_review")
    services.change_amendment_status(actor=coordinator, amendment=amendment, status="approved", **DECISION)


def test_an_amendment_changes_the_approved_plan_and_freezes_a_new_version(world, plan):
    coordinator = world.users["coordinator"]
    goal = plan.goals.get()
    measure = goal.measures.get()
    versions_before = list(plan.versions.values_list("number", "content"))
    draft_annual = services.create_report(
        actor=coordinator,
        organisation=world.kemi,
        kind="annual",
        title="Vuosiraportti 2026",
        term_start=2025,
        term_end=2029,
        year=2026,
        plan_report=plan,
    )

    amendment = services.start_amendment(
        actor=coordinator, plan=plan, title="Syksyn 2026 muutokset", reason="Nuorisotalo suljettiin."
    )
    assert (amendment.number, amendment.status) == (1, AmendmentStatus.DRAFT)
    services.propose_retirement(actor=coordinator, amendment=amendment, item=measure, reason="Nuorisotalo suljettiin.")
    services.propose_measure(
        actor=coordinator, amendment=amendment, goal=goal, text="Liikkuva nuorisotyö", responsible_parties=["Nuoriso"]
    )
    new_goal = services.propose_goal(
        actor=coordinator, amendment=amendment, text="Ikäihmiset liikkuvat", age_group="older"
    )
    services.propose_measure(actor=coordinator, amendment=amendment, new_goal=new_goal, text="Tuolijumppa kirjastossa")
    services.propose_new_text(
        actor=coordinator,
        amendment=amendment,
        item=goal,
        text="Nuoret voivat hyvin ja liikkuvat",
        text_sv="De unga mår bra",
    )
    # Nothing changes in the plan before the council approves.
    assert goal.measures.filter(retired_by=None).count() == 1
    assert plan.goals.count() == 1

    approve(amendment, coordinator)

    amendment.refresh_from_db()
    goal.refresh_from_db()
    measure.refresh_from_db()
    assert amendment.status == AmendmentStatus.APPROVED
    assert measure.retired_by == amendment  # retired, not deleted: the annual report of 2025 followed it up
    assert goal.text == "Nuoret voivat hyvin ja liikkuvat"
    assert [m.text for m in goal.measures.filter(retired_by=None)] == ["Liikkuva nuorisotyö"]
    added = plan.goals.get(added_by=amendment)
    assert (added.text, [m.text for m in added.measures.all()]) == ("Ikäihmiset liikkuvat", ["Tuolijumppa kirjastossa"])
    # A new version of the plan holds the plan as it now stands; the earlier ones are unchanged.
    assert amendment.version.number == len(versions_before) + 1
    content = amendment.version.frozen
    measures = [m.text for g in content.goals for m in g.measures]
    assert measures == ["Liikkuva nuorisotyö", "Tuolijumppa kirjastossa"]
    assert list(plan.versions.exclude(pk=amendment.version.pk).values_list("number", "content")) == versions_before
    # This year's annual report, still being written, follows up what was added.
    followed = set(Progress.objects.filter(report=draft_annual).values_list("measure__text", flat=True))
    assert {"Liikkuva nuorisotyö", "Tuolijumppa kirjastossa"} <= followed
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"amendment.create", "amendment.propose", "amendment.status", "amendment.apply"} <= actions


def test_changes_are_proposed_and_approved_only_as_the_rules_say(world, plan, published):
    coordinator, editor = world.users["coordinator"], world.users["editor"]
    _plan, annual = published
    draft = services.create_report(
        actor=coordinator, organisation=world.kemi, kind="broad", title="Luonnos", term_start=2025, term_end=2029
    )
    with pytest.raises(ValidationError, match="not approved yet"):
        services.start_amendment(actor=coordinator, plan=draft, title="x")
    with pytest.raises(ValidationError, match="Only a plan"):
        services.start_amendment(actor=coordinator, plan=annual, title="x")
    amendment = services.start_amendment(actor=coordinator, plan=plan, title="Muutos")
    with pytest.raises(ValidationError, match="no changes yet"):
        services.change_amendment_status(actor=coordinator, amendment=amendment, status="in_review")
    services.propose_goal(actor=coordinator, amendment=amendment, text="Uusi tavoite")
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    with pytest.raises((PermissionDenied, Http404)):  # an editor proposes no changes to the plan itself
        services.propose_goal(actor=editor, amendment=amendment, text="Toinen")
    services.change_amendment_status(actor=coordinator, amendment=amendment, status="in_review")
    with pytest.raises(ValidationError, match="Only a draft amendment"):
        services.propose_goal(actor=coordinator, amendment=amendment, text="Kolmas")
    with pytest.raises(ValidationError, match="minute reference"):
        services.change_amendment_status(actor=coordinator, amendment=amendment, status="approved")
    approve_with = {**DECISION}
    services.change_amendment_status(actor=coordinator, amendment=amendment, status="approved", **approve_with)
    with pytest.raises(ValidationError, match="cannot go from"):
        services.change_amendment_status(actor=coordinator, amendment=amendment, status="draft")
    measure = plan.goals.first().measures.first()
    second = services.start_amendment(actor=coordinator, plan=plan, title="Toinen muutos")
    with pytest.raises(ValidationError, match="Say why"):
        services.propose_retirement(actor=coordinator, amendment=second, item=measure, reason=" ")


def test_changes_proposed_with_an_annual_report_are_approved_by_its_decision(world, plan):
    coordinator = world.users["coordinator"]
    annual = services.create_report(
        actor=coordinator,
        organisation=world.kemi,
        kind="annual",
        title="Vuosiraportti 2026",
        term_start=2025,
        term_end=2029,
        year=2026,
        plan_report=plan,
    )
    amendment = services.start_amendment(
        actor=coordinator, plan=plan, title="Vuoden 2026 muutokset", annual_report=annual
    )
    goal = plan.goals.get()
    services.propose_measure(actor=coordinator, amendment=amendment, goal=goal, text="Kesätyöseteli nuorille")
    for status in ("in_review", "approved"):
        services.change_status(actor=coordinator, report=annual, status=status, **DECISION)
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.APPROVED
    assert (amendment.decision_reference, amendment.decision_date) == ("§ 77", dt.date(2026, 9, 21))
    assert goal.measures.filter(text="Kesätyöseteli nuorille", added_by=amendment).exists()


def test_an_alert_becomes_a_measure_of_the_approved_plan_through_an_amendment(world, plan):
    coordinator = world.users["coordinator"]
    rule = create_rule(
        actor=coordinator,
        organisation=world.kemi,
        indicator=world.own_indicator,
        condition="above",
        threshold=50,
        measure="Nuorten liikuntaneuvonta",
    )
    alert = Alert.objects.get(rule=rule)
    goal = plan.goals.get()
    change = services.measure_from_alert(actor=coordinator, alert=alert, goal=goal)
    alert.refresh_from_db()
    assert alert.status == AlertStatus.CONVERTED
    assert change.amendment.plan == plan
    assert change.amendment.status == AmendmentStatus.DRAFT
    assert change.data["text"].startswith("Nuorten liikuntaneuvonta (from an alert:")
    assert not Measure.objects.filter(text__startswith="Nuorten liikuntaneuvonta").exists()  # not before approval
    approve(change.amendment, coordinator)
    assert goal.measures.filter(text__startswith="Nuorten liikuntaneuvonta", retired_by=None).exists()


def test_an_age_group_outside_the_choices_cannot_be_stored(world, plan):
    from django.db import IntegrityError, transaction

    from hyte.reports.models import Goal

    amendment = services.start_amendment(actor=world.users["coordinator"], plan=plan, title="Muutos")
    with pytest.raises(ValidationError, match="age group"):
        services.propose_goal(actor=world.users["coordinator"], amendment=amendment, text="x", age_group="elderly")
    with pytest.raises(IntegrityError), transaction.atomic():
        Goal.objects.create(report=plan, text="x", age_group="Elderly")


def test_a_coordinator_turns_an_alert_into_a_measure_from_the_situation_page(world, plan, client):
    coordinator = world.users["coordinator"]
    rule = create_rule(
        actor=coordinator,
        organisation=world.kemi,
        indicator=world.own_indicator,
        condition="above",
        threshold=50,
        measure="Nuorten liikuntaneuvonta",
    )
    alert = Alert.objects.get(rule=rule)
    client.force_login(coordinator)
    picture = client.get("/o/kemi/situation/").content.decode()
    link = f"/o/kemi/alerts/{alert.pk}/measure/"
    assert f'href="{link}"' in picture  # the action appears beside the alert
    page = client.get(link).content.decode()
    assert "Nuoret voivat hyvin" in page  # the current plan's goals to choose from
    assert "valtuusto sitten hyväksyy" in page  # the plan is approved: the council approves the change
    response = client.post(link, {"goal": plan.goals.get().pk})
    amendment = plan.amendments.get()
    assert response["Location"] == f"/o/kemi/reports/{plan.pk}/amendments/{amendment.number}/#changes"
    shown = client.get(response["Location"]).content.decode()
    assert "Nuorten liikuntaneuvonta" in shown
    plan_page = client.get(f"/o/kemi/reports/{plan.pk}/").content.decode()
    assert f"/o/kemi/reports/{plan.pk}/amendments/1/" in plan_page  # the plan lists its amendments
