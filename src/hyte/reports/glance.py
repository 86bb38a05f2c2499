"""A plan at a glance: each goal's status derived from its measures' latest follow-up and its indicators' way
toward their targets, and the plan's summary.

The rule (shown beside each status):
- **off track** when a measure is off track, or every indicator with data has moved away from its target;
- **at risk** when a measure is at risk, or an indicator has moved away from its target;
- **target reached** when every indicator has reached its target and no measure is behind;
- **on track** when the measures are on track or done and the indicators move toward their targets;
- **not followed up yet** when there is no follow-up and no indicator data.
A coordinator can set the goal's status in the annual report instead; then that status is shown, with the
reason written there, and the derived one beside it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from hyte.reports.models import Direction, MeasureStatus

OFF_TRACK, AT_RISK, ON_TRACK, REACHED, UNKNOWN = "off_track", "at_risk", "on_track", "reached", "unknown"
LABELS = {
    OFF_TRACK: _("off track"),
    AT_RISK: _("at risk"),
    ON_TRACK: _("on track"),
    REACHED: _("target reached"),
    UNKNOWN: _("not followed up yet"),
}
RULE = _(
    "Off track: a measure is off track, or every indicator with data has moved away from its target. At risk: a "
    "measure is at risk, or an indicator has moved away from its target. Target reached: every indicator has reached "
    "its target and no measure is behind. On track: the measures are on track or done and the indicators move toward "
    "their targets."
)


def indicator_way(direction: str, change: float | None, reached: bool | None) -> str:
    """How one goal indicator is doing: reached, toward (its target), away, or unknown (no data)."""
    if reached:
        return "reached"
    if change is None:
        return "unknown"
    if direction == Direction.INCREASE:
        return "toward" if change > 0 else "away" if change < 0 else "still"
    if direction == Direction.DECREASE:
        return "toward" if change < 0 else "away" if change > 0 else "still"
    return "toward" if change >= 0 else "away"  # keep at least at the level


def derived_status(measure_statuses: Sequence[str], indicator_ways: Sequence[str]) -> str:
    known = [way for way in indicator_ways if way != "unknown"]
    if MeasureStatus.OFF_TRACK in measure_statuses or (known and all(way == "away" for way in known)):
        return OFF_TRACK
    if MeasureStatus.AT_RISK in measure_statuses or "away" in known:
        return AT_RISK
    measures_fine = all(s in (MeasureStatus.ON_TRACK, MeasureStatus.DONE) for s in measure_statuses)
    if known and len(known) == len(indicator_ways) and all(way == "reached" for way in known) and measures_fine:
        return REACHED
    followed = [s for s in measure_statuses if s != MeasureStatus.NOT_STARTED]
    if not followed and not known:
        return UNKNOWN
    return ON_TRACK


@dataclass
class GoalGlance:
    status: str
    derived: str
    overridden: bool
    reason: str

    @property
    def label(self) -> str:
        return str(LABELS[self.status])

    @property
    def derived_label(self) -> str:
        return str(LABELS[self.derived])


_OVERRIDES = {
    MeasureStatus.OFF_TRACK: OFF_TRACK,
    MeasureStatus.AT_RISK: AT_RISK,
    MeasureStatus.ON_TRACK: ON_TRACK,
    MeasureStatus.DONE: REACHED,
}


def goal_glance(
    *,
    measure_statuses: Sequence[str],
    indicators: Iterable[tuple[str, float | None, bool | None]],
    set_status: str = "",
    set_reason: str = "",
) -> GoalGlance:
    """`indicators`: (direction, change since baseline, target reached) per goal indicator; `set_status`: the
    status a coordinator gave the goal in the annual report (not started = none given)."""
    derived = derived_status(measure_statuses, [indicator_way(*each) for each in indicators])
    chosen = _OVERRIDES.get(MeasureStatus(set_status)) if set_status else None
    if chosen is None or chosen == derived:
        return GoalGlance(status=derived, derived=derived, overridden=False, reason="")
    return GoalGlance(status=chosen, derived=derived, overridden=True, reason=set_reason)


@dataclass
class PlanSummary:
    measures_by_status: dict[str, int] = field(default_factory=dict)
    targets: int = 0
    targets_reached: int = 0
    goals_by_status: dict[str, int] = field(default_factory=dict)

    @property
    def measure_count(self) -> int:
        return sum(self.measures_by_status.values())

    def measure_rows(self) -> list[tuple[str, str, int]]:
        """(status, label, count) in the workflow's order, for the summary table."""
        return [(s.value, str(s.label), self.measures_by_status.get(s.value, 0)) for s in MeasureStatus]

    def goal_rows(self) -> list[tuple[str, str, int]]:
        return [(key, str(LABELS[key]), self.goals_by_status.get(key, 0)) for key in LABELS]


def plan_summary(goals: Iterable[Any]) -> PlanSummary:
    """From goals with `.glance`, `.measure_statuses` and `.indicator_reached` (see queries.pages)."""
    measures: Counter[str] = Counter()
    goal_counts: Counter[str] = Counter()
    targets = reached = 0
    for goal in goals:
        measures.update(goal.measure_statuses)
        goal_counts[goal.glance.status] += 1
        for flag in goal.indicator_reached:
            if flag is not None:
                targets += 1
                reached += bool(flag)
    return PlanSummary(dict(measures), targets, reached, dict(goal_counts))
