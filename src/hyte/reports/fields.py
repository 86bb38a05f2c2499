"""The fields of a plan's goals, measures and goal indicators, checked: what the plan services store and what an
amendment proposes (and stores on approval)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.permissions import Action, permissions_for
from hyte.core.actors import Actor
from hyte.indicators.models import AgeGroup, Indicator, Observation
from hyte.reports.models import Direction, Goal, GoalIndicator, Report
from hyte.reports.text import clean_text


def goal_fields(*, text: str, text_sv: str = "", theme: str = "", age_group: str = "all") -> dict[str, Any]:
    """A goal's fields, checked: what `add_goal` stores and an amendment proposes."""
    if not text.strip():
        raise ValidationError(_("Write the goal."))
    if age_group not in AgeGroup.values:
        raise ValidationError(_("Choose an age group from the list."))
    return {
        "text": clean_text(text.strip()),
        "text_sv": clean_text(text_sv.strip()),
        "theme": theme.strip()[:200],
        "age_group": AgeGroup(age_group).value,
    }


def measure_fields(
    *,
    text: str,
    responsible_parties: Sequence[str] = (),
    schedule: str = "",
    budget_line: str = "",
    budget_amount: Decimal | None = None,
) -> dict[str, Any]:
    """A measure's fields, checked (the budget as text in JSON: a Decimal is exact)."""
    if not text.strip():
        raise ValidationError(_("Describe the measure."))
    if budget_amount is not None and budget_amount < 0:
        raise ValidationError(_("The budget cannot be negative."))
    return {
        "text": clean_text(text.strip()),
        "responsible_parties": [p.strip()[:200] for p in responsible_parties if p.strip()],
        "schedule": schedule[:200],
        "budget_line": budget_line[:200],
        "budget_amount": None if budget_amount is None else str(budget_amount),
    }


def indicator_fields(
    *,
    actor: Actor,
    report: Report,
    goal: Goal | None,
    indicator: Indicator,
    baseline_year: int,
    target_year: int,
    direction: str,
    target_value: float | None = None,
    baseline_value: float | None = None,
) -> dict[str, Any]:
    """A goal indicator's fields, checked; the baseline value comes from the data when not given."""
    own_elsewhere = indicator.organisation_id not in (None, report.organisation_id)
    if own_elsewhere or not permissions_for(actor).can(Action.VIEW, indicator):
        raise ValidationError(_("Unknown indicator."))
    if target_year < baseline_year:
        raise ValidationError(_("The target year cannot be before the baseline year."))
    direction = Direction(direction)
    if baseline_value is None:
        baseline_value = _baseline_from_data(report, indicator, baseline_year)
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
    if goal is not None and GoalIndicator.objects.filter(goal=goal, indicator=indicator, retired_by=None).exists():
        raise ValidationError(_("The indicator is already tied to this goal."))
    return {
        "indicator_id": indicator.pk,
        "baseline_year": baseline_year,
        "baseline_value": baseline_value,
        "target_year": target_year,
        "target_value": target_value,
        "direction": direction.value,
    }


def _baseline_from_data(report: Report, indicator: Indicator, year: int) -> float | None:
    area_id = report.organisation.area_id
    if area_id is None:
        return None
    found = Observation.objects.filter(
        indicator=indicator, area_id=area_id, year=year, gender="total", age_group="", period=""
    )
    return found.values_list("value", flat=True).first()
