"""The grants per plan goal, for the annual report and the public site: what a funder granted in a year to the
calls serving each goal (the call's goals and its criteria's), and what the use reports say (money used,
activities, participants). A grant of a call serving several goals is counted under each of them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from hyte.accounts.models import Organisation
from hyte.grants.models import Application, ApplicationStatus, Criterion, UseReportStatus

REPORTED = (UseReportStatus.SENT, UseReportStatus.ACCEPTED)


@dataclass
class GoalGrants:
    granted: Decimal = Decimal(0)
    grants: int = 0
    ngos: set[int] = field(default_factory=set)
    activities: set[int] = field(default_factory=set)
    reported: int = 0
    used: Decimal = Decimal(0)
    participants: int = 0
    names: list[str] = field(default_factory=list)

    @property
    def ngo_count(self) -> int:
        return len(self.ngos)

    @property
    def activity_count(self) -> int:
        return len(self.activities)


def granted(funder: Organisation, years: Iterable[int] | None, *, published_only: bool) -> list[Application]:
    """The funder's grants above zero decided in `years` (every year: None), with their calls' goals, activities
    and use reports."""
    found = Application.objects.filter(
        call__funder=funder, status=ApplicationStatus.DECIDED, granted_amount__gt=0, change_of=None
    )  # a decided change sets its original's amount
    if years is not None:
        found = found.filter(call__decision_date__year__in=list(years))
    if published_only:
        found = found.filter(call__decision_published=True)
    return list(
        found.select_related("call", "use_report")
        .defer("use_report__ledger")
        .prefetch_related(
            "call__goals",
            Prefetch("call__criteria", queryset=Criterion.objects.only("id", "call_id", "goal_id")),
            "activities",
        )
        .order_by("applicant_name", "id")
    )


def goals_of(application: Application) -> set[int]:
    call = application.call
    return {goal.pk for goal in call.goals.all()} | {c.goal_id for c in call.criteria.all() if c.goal_id}


def by_goal(applications: Iterable[Application]) -> dict[int, GoalGrants]:
    totals: dict[int, GoalGrants] = {}
    for application in applications:
        report = getattr(application, "use_report", None)
        for goal_id in goals_of(application):
            entry = totals.setdefault(goal_id, GoalGrants())
            entry.granted += application.granted_amount or Decimal(0)
            entry.grants += 1
            entry.ngos.add(application.applicant_id)
            entry.activities.update(activity.pk for activity in application.activities.all())
            if application.applicant_name not in entry.names:
                entry.names.append(application.applicant_name)
            if report is not None and report.status in REPORTED:
                entry.reported += 1
                entry.used += report.money_used
                entry.participants += report.participants_total
    return totals


def grants_by_goal(funder: Organisation, years: Iterable[int], *, published_only: bool) -> dict[int, GoalGrants]:
    return by_goal(granted(funder, years, published_only=published_only))


def public_goal_rows(funder: Organisation) -> list[dict[str, object]]:
    """For the public site: each plan goal served by the funder's published grant decisions, with a row per year
    of decision (newest first)."""
    from hyte.reports.models import Goal

    applications = granted(funder, None, published_only=True)
    years = sorted({a.call.decision_date.year for a in applications if a.call.decision_date}, reverse=True)
    per_year = {
        year: by_goal(a for a in applications if a.call.decision_date and a.call.decision_date.year == year)
        for year in years
    }
    goal_ids = {goal_id for totals in per_year.values() for goal_id in totals}
    goals = Goal.objects.filter(pk__in=goal_ids).select_related("report").order_by("report_id", "position", "id")
    return [
        {"goal": goal, "years": [(year, per_year[year][goal.pk]) for year in years if goal.pk in per_year[year]]}
        for goal in goals
    ]
