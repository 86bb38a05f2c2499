"""Reading a plan's amendments: the list on the plan's page, one amendment with its changes in words, and what a
change can be made to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from hyte.indicators.models import AgeGroup
from hyte.reports.models import (
    Amendment,
    AmendmentChange,
    AmendmentStatus,
    ChangeKind,
    Goal,
    GoalIndicator,
    Measure,
    Report,
)


def amendments_of(plan: Report) -> QuerySet[Amendment]:
    return plan.amendments.select_related("annual_report", "version").prefetch_related("changes")


def amendment_for(plan: Report, number: int) -> Amendment:
    """The plan's amendment of this number (the caller has checked that the reader may see the plan's drafts)."""
    return get_object_or_404(
        Amendment.objects.select_related("plan__organisation", "annual_report"), plan=plan, number=number
    )


@dataclass
class ChangeLine:
    """A proposed change in words: what kind, about what, the new text, why."""

    change: AmendmentChange
    kind: str
    subject: str
    detail: str
    reason: str


def change_lines(amendment: Amendment) -> list[ChangeLine]:
    lines = []
    for change in amendment.changes.select_related("goal", "measure", "goal_indicator__indicator", "new_goal"):
        data: dict[str, Any] = change.data
        goal_text = (
            change.goal.text if change.goal else (change.new_goal.data.get("text", "") if change.new_goal else "")
        )
        subject, detail = "", ""
        if change.kind == ChangeKind.ADD_GOAL:
            subject = data.get("text", "")
            detail = str(AgeGroup(data.get("age_group", "all")).label)
        elif change.kind in (ChangeKind.ADD_MEASURE, ChangeKind.RETIRE_MEASURE):
            subject = data.get("text", "")
            detail = _("goal: %(goal)s") % {"goal": goal_text}
        elif change.kind == ChangeKind.ADD_INDICATOR:
            subject = change.goal_indicator.indicator.title if change.goal_indicator else _indicator_title(data)
            detail = _("goal: %(goal)s; target %(target)s in %(year)s") % {
                "goal": goal_text,
                "target": "–" if data.get("target_value") is None else data["target_value"],
                "year": data.get("target_year", ""),
            }
        elif change.kind == ChangeKind.RETIRE_INDICATOR:
            subject = data.get("indicator", "")
            detail = _("goal: %(goal)s") % {"goal": goal_text}
        elif change.kind in (ChangeKind.CHANGE_GOAL, ChangeKind.CHANGE_MEASURE):
            subject = data.get("text", "")
            detail = _("was: %(old)s") % {"old": data.get("old_text", "")}
        elif change.kind == ChangeKind.RETIRE_GOAL:
            subject = data.get("text", "")
        lines.append(ChangeLine(change, str(ChangeKind(change.kind).label), subject, detail, change.reason))
    return lines


def _indicator_title(data: dict[str, Any]) -> str:
    from hyte.indicators.models import Indicator

    indicator = Indicator.objects.filter(pk=int(data.get("indicator_id") or 0)).first()
    return indicator.title if indicator else ""


@dataclass
class Choices:
    """What changes can be proposed to: the plan's current goals, measures and goal indicators, and the goals the
    amendment itself adds."""

    goals: list[Goal]
    measures: list[Measure]
    goal_indicators: list[GoalIndicator]
    new_goals: list[AmendmentChange]


def proposal_choices(amendment: Amendment) -> Choices:
    goals = list(amendment.plan.goals.filter(retired_by=None))
    return Choices(
        goals=goals,
        measures=list(Measure.objects.filter(goal__in=goals, retired_by=None).select_related("goal")),
        goal_indicators=list(
            GoalIndicator.objects.filter(goal__in=goals, retired_by=None).select_related("goal", "indicator")
        ),
        new_goals=list(amendment.changes.filter(kind=ChangeKind.ADD_GOAL)),
    )


def open_amendment_count(plan: Report) -> int:
    return plan.amendments.exclude(status=AmendmentStatus.APPROVED).count()
