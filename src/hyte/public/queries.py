"""What the public may read: published versions only, of active organisations, and nothing else."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404

from hyte.accounts.models import Organisation
from hyte.reports.models import Report, ReportStatus, ReportVersion
from hyte.reports.queries.versions import PUBLISHED, latest_annual_version_id, latest_statuses, published_versions

__all__ = ["latest_annual_version_id", "latest_statuses", "organisation", "organisations", "reports_of", "version"]


def organisations() -> QuerySet[Any]:
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


def organisation(slug: str) -> Any:  # an Organisation annotated with its published reports
    found = organisations().filter(slug=slug).first()
    if found is None:
        raise Http404
    return found


def reports_of(organisation: Organisation) -> list[Any]:
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
