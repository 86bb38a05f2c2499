"""The plan: goals with their indicators, measures, the annual follow-up, and measures born of alerts."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor
from hyte.indicators.models import Indicator
from hyte.reports.fields import goal_fields, indicator_fields, measure_fields
from hyte.reports.models import Goal, GoalIndicator, Measure, MeasureStatus, Progress, Report
from hyte.reports.services._common import editable, next_position
from hyte.reports.text import clean_text


@audit.service(AuditAction.GOAL_ADD)
def add_goal(
    *,
    actor: Actor,
    report: Report,
    text: str,
    theme: str = "",
    age_group: str = "all",
    text_sv: str = "",
    origin: str = "",
    origin_sv: str = "",
) -> Goal:
    """A goal of the draft plan; `origin` (fi/sv) says where it came from, e.g. a value discussion's topic, and
    is shown with the goal in the report and its published versions."""
    require(actor, Action.EDIT, report)
    editable(report)
    fields = goal_fields(text=text, text_sv=text_sv, theme=theme, age_group=age_group)
    return audit.create(
        Goal,
        audit_fields=["text", "origin"],
        report=report,
        position=next_position(report.goals),
        origin=" ".join(origin.split())[:500],
        origin_sv=" ".join(origin_sv.split())[:500],
        **fields,
    )


@audit.service(AuditAction.GOAL_INDICATOR_ADD)
def add_goal_indicator(
    *,
    actor: Actor,
    goal: Goal,
    indicator: Indicator,
    baseline_year: int,
    target_year: int,
    direction: str,
    target_value: float | None = None,
    baseline_value: float | None = None,
) -> GoalIndicator:
    """Tie an indicator to a goal; the baseline value comes from the data when not given."""
    require(actor, Action.EDIT, goal)
    editable(goal.report)
    fields = indicator_fields(
        actor=actor,
        report=goal.report,
        goal=goal,
        indicator=indicator,
        baseline_year=baseline_year,
        target_year=target_year,
        direction=direction,
        target_value=target_value,
        baseline_value=baseline_value,
    )
    return audit.create(
        GoalIndicator, audit_fields=["indicator", "baseline_value", "target_value", "target_year"], goal=goal, **fields
    )


@audit.service(AuditAction.MEASURE_ADD)
def add_measure(
    *,
    actor: Actor,
    goal: Goal,
    text: str,
    responsible_parties: Sequence[str] = (),
    schedule: str = "",
    budget_line: str = "",
    budget_amount: Decimal | None = None,
) -> Measure:
    require(actor, Action.EDIT, goal)
    editable(goal.report)
    fields = measure_fields(
        text=text,
        responsible_parties=responsible_parties,
        schedule=schedule,
        budget_line=budget_line,
        budget_amount=budget_amount,
    )
    return audit.create(
        Measure,
        audit_fields=["text", "responsible_parties"],
        goal=goal,
        position=next_position(goal.measures),
        **{**fields, "budget_amount": budget_amount},
    )


@audit.service(AuditAction.PROGRESS)
def record_progress(*, actor: Actor, entry: Progress, status: str, text: str) -> Progress:
    require(actor, Action.EDIT, entry)
    editable(entry.report)
    audit.update(entry, status=MeasureStatus(status).value, text=clean_text(text), updated_at=clock.now())
    return entry
