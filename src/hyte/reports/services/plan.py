"""The plan: goals with their indicators, measures, the annual follow-up, and measures born of alerts."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.permissions import Action, permissions_for, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor
from hyte.indicators.models import Indicator, Observation
from hyte.reports.models import Direction, Goal, GoalIndicator, Measure, MeasureStatus, Progress, Report
from hyte.reports.services._common import editable, next_position
from hyte.reports.text import clean_text
from hyte.situation.models import Alert, AlertStatus


@audit.service(AuditAction.GOAL_ADD)
def add_goal(
    *, actor: Actor, report: Report, text: str, theme: str = "", age_group: str = "all", text_sv: str = ""
) -> Goal:
    require(actor, Action.EDIT, report)
    editable(report)
    if not text.strip():
        raise ValidationError(_("Write the goal."))
    return audit.create(
        Goal,
        audit_fields=["text"],
        report=report,
        position=next_position(report.goals),
        text=clean_text(text.strip()),
        text_sv=clean_text(text_sv.strip()),
        theme=theme.strip()[:200],
        age_group=age_group,
    )


def _baseline_from_data(goal: Goal, indicator: Indicator, year: int) -> float | None:
    area_id = goal.report.organisation.area_id
    if area_id is None:
        return None
    found = Observation.objects.filter(
        indicator=indicator, area_id=area_id, year=year, gender="total", age_group="", period=""
    )
    return found.values_list("value", flat=True).first()


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
    report = goal.report
    require(actor, Action.EDIT, goal)
    editable(report)
    own_elsewhere = indicator.organisation_id not in (None, report.organisation_id)
    if own_elsewhere or not permissions_for(actor).can(Action.VIEW, indicator):
        raise ValidationError(_("Unknown indicator."))
    if target_year < baseline_year:
        raise ValidationError(_("The target year cannot be before the baseline year."))
    direction = Direction(direction)
    if baseline_value is None:
        baseline_value = _baseline_from_data(goal, indicator, baseline_year)
    if (
        target_value is not None
        and baseline_value is not None
        and direction != Direction.KEEP
        and (
            (direction == Direction.INCREASE and target_value < baseline_value)
            or (direction == Direction.DECREASE and target_value > baseline_value)
        )
    ):
        raise ValidationError(_("The target value goes the other way than the direction."))
    if GoalIndicator.objects.filter(goal=goal, indicator=indicator).exists():
        raise ValidationError(_("The indicator is already tied to this goal."))
    return audit.create(
        GoalIndicator,
        audit_fields=["indicator", "baseline_value", "target_value", "target_year"],
        goal=goal,
        indicator=indicator,
        baseline_year=baseline_year,
        baseline_value=baseline_value,
        target_year=target_year,
        target_value=target_value,
        direction=direction,
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
    if not text.strip():
        raise ValidationError(_("Describe the measure."))
    if budget_amount is not None and budget_amount < 0:
        raise ValidationError(_("The budget cannot be negative."))
    return audit.create(
        Measure,
        audit_fields=["text", "responsible_parties"],
        goal=goal,
        position=next_position(goal.measures),
        text=clean_text(text.strip()),
        responsible_parties=[p.strip()[:200] for p in responsible_parties if p.strip()],
        schedule=schedule[:200],
        budget_line=budget_line[:200],
        budget_amount=budget_amount,
    )


@audit.service(AuditAction.PROGRESS)
def record_progress(*, actor: Actor, entry: Progress, status: str, text: str) -> Progress:
    require(actor, Action.EDIT, entry)
    editable(entry.report)
    audit.update(entry, status=MeasureStatus(status).value, text=clean_text(text), updated_at=clock.now())
    return entry


@audit.service(AuditAction.ALERT_CONVERT)
def measure_from_alert(*, actor: Actor, alert: Alert, goal: Goal) -> Measure:
    """Indicator → threshold → measure: the rule's proposed measure becomes a measure of a plan goal."""
    require(actor, Action.EDIT, alert)
    organisation = alert.rule.organisation
    if goal.report.organisation_id != organisation.pk:
        raise ValidationError(_("The goal is not in the organisation's plan."))
    evidence = _("(from an alert: %(indicator)s %(value)s in %(year)s)") % {
        "indicator": alert.rule.indicator.title,
        "value": alert.value,
        "year": alert.year,
    }
    measure = add_measure(actor=actor, goal=goal, text=f"{alert.rule.measure} {evidence}")
    audit.update(alert, status=AlertStatus.CONVERTED.value, also_changed={"measure": [None, measure.pk]})
    return measure
