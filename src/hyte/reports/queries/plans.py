"""Several organisations' plans at once, for those who work across organisations (a county's negotiations with
its municipalities): each one's current plan that the reader may read, with its goals."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Prefetch, prefetch_related_objects

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, permissions_for
from hyte.core.actors import Viewer
from hyte.reports.models import Goal, Measure, Report, ReportKind, ReportStatus


def readable_plans(user: Viewer, organisations: Sequence[Organisation]) -> dict[int, Report]:
    """Organisation id → its current plan (the newest broad or regional report) among those `user` may read (a
    published plan, or a draft the resolver lets the reader see), with its current goals and their measures
    prefetched in order. Three queries however many organisations."""
    perms = permissions_for(user)
    candidates = (
        Report.objects.filter(
            organisation__in=[o.pk for o in organisations], kind__in=[ReportKind.BROAD, ReportKind.REGIONAL]
        )
        .select_related("organisation")
        .order_by("-term_start", "-id")
    )
    chosen: dict[int, Report] = {}
    for report in candidates:
        if report.organisation_id not in chosen and perms.can(Action.VIEW, report):
            chosen[report.organisation_id] = report
    prefetch_related_objects(
        list(chosen.values()),
        Prefetch(
            "goals",
            queryset=Goal.objects.filter(retired_by=None).prefetch_related(
                Prefetch("measures", queryset=Measure.objects.filter(retired_by=None))
            ),
        ),
    )
    return chosen


def annual_report_in_preparation(organisation: Organisation, *, year: int | None = None) -> Report | None:
    """The organisation's annual report still being written (not approved): of `year` where there is one, else
    the newest."""
    open_reports = Report.objects.filter(
        organisation=organisation, kind=ReportKind.ANNUAL, status__in=[ReportStatus.DRAFT, ReportStatus.IN_REVIEW]
    ).order_by("-year", "-id")
    if year is not None:
        found = open_reports.filter(year=year).first()
        if found is not None:
            return found
    return open_reports.first()
