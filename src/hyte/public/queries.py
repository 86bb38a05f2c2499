"""What the public may read: published versions only, of active organisations, and nothing else."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from hyte.accounts.models import Organisation
from hyte.reports.models import Report, ReportKind, ReportStatus, ReportVersion

PUBLISHED = Q(status=ReportStatus.PUBLISHED)


def published_versions() -> QuerySet[ReportVersion]:
    return ReportVersion.objects.filter(PUBLISHED, report__organisation__is_active=True)


def organisations() -> QuerySet[Organisation]:
    """Organisations with at least one published report, with how many."""
    swedish = Report.objects.filter(
        organisation=OuterRef("pk"), versions__status=ReportStatus.PUBLISHED, title_sv__gt=""
    )
    return (
        Organisation.objects.filter(is_active=True, reports__versions__status=ReportStatus.PUBLISHED)
        .select_related("area")
        .annotate(published_reports=Count("reports", distinct=True), swedish_content=Exists(swedish))
        .order_by("name")
    )


def organisation(slug: str) -> Organisation:
    found = organisations().filter(slug=slug).first()
    if found is None:
        raise Http404
    return found


def reports_of(organisation: Organisation) -> list[Report]:
    """The organisation's reports that have a published version; each with `published` (newest first)."""
    return list(
        Report.objects.filter(organisation=organisation, versions__status=ReportStatus.PUBLISHED)
        .distinct()
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=ReportVersion.objects.filter(PUBLISHED),
                to_attr="published",
            )
        )
        .order_by("-term_start", "-year", "-id")
    )


def version(organisation: Organisation, report_id: int, number: int | None = None) -> ReportVersion:
    """A published version of one of the organisation's reports: the given number or the latest."""
    versions = published_versions().filter(report_id=report_id, report__organisation=organisation)
    found = versions.filter(number=number).first() if number is not None else versions.order_by("-number").first()
    if found is None:
        raise Http404
    return found


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


def latest_statuses(report: Report) -> dict[tuple[str, int], dict[str, Any]]:
    """The newest published annual follow-up of a plan: status and progress text per plan goal and measure."""
    if report.kind == ReportKind.ANNUAL:
        return {}
    annual = _latest_annual(report).select_related("report").first()
    if annual is None:
        return {}
    statuses: dict[tuple[str, int], dict[str, Any]] = {}
    for goal in annual.content.get("follow_up", {}).get("goals", []):
        if goal.get("progress"):
            statuses[("g", goal["id"])] = {**goal["progress"], "year": annual.report.year}
        for measure in goal["measures"]:
            if measure.get("progress"):
                statuses[("m", measure["id"])] = {**measure["progress"], "year": annual.report.year}
    return statuses
