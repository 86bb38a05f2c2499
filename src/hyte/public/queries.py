"""What the public may read: published versions only, of active organisations, and nothing else."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from hyte.accounts.models import Organisation
from hyte.regions.models import AreaKind
from hyte.reports.models import Report, ReportStatus, ReportVersion
from hyte.reports.queries.versions import PUBLISHED, latest_annual_version_id, latest_statuses, published_versions

__all__ = [
    "by_county",
    "latest_annual_version_id",
    "latest_statuses",
    "organisation",
    "organisations",
    "reports_of",
    "search",
    "version",
]


def organisations() -> QuerySet[Any]:
    """Organisations with at least one published report, with how many."""
    swedish = Report.objects.filter(
        organisation=OuterRef("pk"), versions__status=ReportStatus.PUBLISHED, title_sv__gt=""
    )
    return (
        Organisation.objects.filter(is_active=True, reports__versions__status=ReportStatus.PUBLISHED)
        .select_related("area__county")
        .annotate(published_reports=Count("reports", distinct=True), swedish_content=Exists(swedish))
        .order_by("name")
    )


def search(organisations: QuerySet[Any], q: str) -> QuerySet[Any]:
    """Organisations whose name, or whose area's or county's name in any language, contains `q`: a resident
    finds their municipality by its Swedish name, and every municipality of a county by the county's name."""
    q = q.strip()[:100]
    if not q:
        return organisations
    found = Q()
    for field in ("name", "name_sv"):
        found |= Q(**{f"{field}__icontains": q})
    for area in ("area", "area__county"):
        for field in ("name_fi", "name_sv", "name_en"):
            found |= Q(**{f"{area}__{field}__icontains": q})
    return organisations.filter(found)


def by_county(organisations: list[Any]) -> list[tuple[Any, list[Any]]]:
    """The organisations under their wellbeing services county (a county under itself), counties in name order;
    those without a county last, under None."""
    groups: dict[Any, list[Any]] = {}
    for found in organisations:
        area = found.area
        county = None if area is None else (area if area.kind == AreaKind.COUNTY else area.county)
        groups.setdefault(county, []).append(found)
    return sorted(groups.items(), key=lambda group: (group[0] is None, group[0].name if group[0] else ""))


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
