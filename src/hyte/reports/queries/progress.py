"""Each goal indicator's progress from the data: latest value against its baseline and target."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hyte.indicators.models import Observation
from hyte.reports.models import Direction, GoalIndicator


def indicator_changes(
    goal_indicators: Sequence[GoalIndicator], *, area_id: int, until: int | None
) -> dict[int, dict[str, Any]]:
    """Each goal indicator's latest value (up to `until`) against its baseline and target, from the data.

    One query for all of them: a plan's page shows every goal's indicators at once.
    """
    values = Observation.objects.filter(
        indicator_id__in={gi.indicator_id for gi in goal_indicators},
        area_id=area_id,
        gender="total",
        age_group="",
        period="",
        value__isnull=False,
    )
    if until is not None:
        values = values.filter(year__lte=until)
    latest: dict[int, tuple[int, float]] = {}
    for indicator_id, year, value in values.order_by("year").values_list("indicator_id", "year", "value"):
        if value is not None:  # never, by the filter above; said again for the type checker
            latest[indicator_id] = (year, value)  # ordered by year: the last one stays
    return {gi.pk: _change_of(gi, latest.get(gi.indicator_id)) for gi in goal_indicators}


def indicator_change(goal_indicator: GoalIndicator, *, area_id: int, until: int | None) -> dict[str, Any]:
    return indicator_changes([goal_indicator], area_id=area_id, until=until)[goal_indicator.pk]


def _change_of(goal_indicator: GoalIndicator, latest: tuple[int, float] | None) -> dict[str, Any]:
    change = None
    if latest is not None and goal_indicator.baseline_value is not None:
        change = latest[1] - goal_indicator.baseline_value
    reached = None
    if latest is not None and goal_indicator.target_value is not None:
        target, value = goal_indicator.target_value, latest[1]
        reached = {
            Direction.INCREASE: value >= target,
            Direction.DECREASE: value <= target,
            Direction.KEEP: value >= target,
        }.get(Direction(goal_indicator.direction))
    return {
        "latest_year": latest[0] if latest else None,
        "latest_value": latest[1] if latest else None,
        "change_since_baseline": change,
        "target_reached": reached,
    }
