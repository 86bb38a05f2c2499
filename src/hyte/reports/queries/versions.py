"""Frozen versions: the published ones, and the plan's latest annual follow-up that the public pages show."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from hyte.reports.content import Progress
from hyte.reports.models import Report, ReportKind, ReportStatus, ReportVersion

PUBLISHED = Q(status=ReportStatus.PUBLISHED)
Statuses = dict[tuple[str, int], Progress]


def published_versions() -> QuerySet[ReportVersion]:
    return ReportVersion.objects.filter(PUBLISHED, report__organisation__is_active=True)


def _latest_annual(report: Report) -> QuerySet[ReportVersion]:
    return (
        published_versions()
        .filter(report__plan_report=report, report__kind=ReportKind.ANNUAL)
        .order_by("-report__year", "-number")
    )


def latest_annual_version_id(report: Report) -> int | None:
    if report.kind == ReportKind.ANNUAL:
        return None
    return _latest_annual(report).values_list("id", flat=True).first()


def latest_statuses(report: Report) -> Statuses:
    """The newest published annual follow-up of a plan: status and progress text per plan goal and measure."""
    if report.kind == ReportKind.ANNUAL:
        return {}
    annual = _latest_annual(report).select_related("report").first()
    if annual is None or annual.frozen.follow_up is None:
        return {}
    year = annual.report.year
    statuses: Statuses = {}
    for goal in annual.frozen.follow_up.goals:
        if goal.progress and goal.id is not None:
            statuses[("g", goal.id)] = goal.progress.model_copy(update={"year": year})
        for measure in goal.measures:
            if measure.progress and measure.id is not None:
                statuses[("m", measure.id)] = measure.progress.model_copy(update={"year": year})
    return statuses
