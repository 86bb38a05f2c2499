from __future__ import annotations

from typing import Any

import markdown as markdown_lib
import nh3
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.safestring import SafeString, mark_safe

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import permissions_for
from hyte.accounts.roles import Perm
from hyte.reports.models import Block, Goal, Measure, Progress, Report, Section
from hyte.reports.services import ALLOWED_TAGS, indicator_changes


def render_markdown(text: str) -> SafeString:
    html = markdown_lib.markdown(text or "", extensions=["tables", "sane_lists"])
    return mark_safe(nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href"}}))


def reports_of(organisation: Organisation) -> QuerySet[Report]:
    return Report.objects.filter(organisation=organisation).select_related("plan_report")


def report_for(user: Any, organisation: Organisation, report_id: int) -> Report:
    """A report of `organisation` that `user` may read (drafts need view_drafts); 404 otherwise."""
    if not permissions_for(user).has(Perm.VIEW_DRAFTS, organisation):
        from django.http import Http404

        raise Http404
    return get_object_or_404(
        Report.objects.select_related("organisation__area"), pk=report_id, organisation=organisation
    )


def report_content(report: Report) -> dict[str, Any]:
    sections = list(
        report.sections.prefetch_related(
            "assignees", Prefetch("blocks", queryset=Block.objects.prefetch_related("indicators")), "comments"
        )
    )
    goals = list(
        report.goals.prefetch_related(
            "assignees",
            "goal_indicators__indicator",
            Prefetch("measures", queryset=Measure.objects.prefetch_related("assignees")),
        )
    )
    _attach_changes(goals, area_id=report.organisation.area_id, until=report.year)
    progress = {}
    if report.kind == "annual":
        for entry in Progress.objects.filter(report=report):
            progress[("g", entry.goal_id) if entry.goal_id else ("m", entry.measure_id)] = entry
    return {
        "sections": sections,
        "goals": goals,
        "progress": progress,
        "plan_goals": _plan_goals(report) if report.kind == "annual" else [],
    }


def _plan_goals(report: Report) -> list[Goal]:
    if report.plan_report is None:
        return []
    goals = list(report.plan_report.goals.prefetch_related("goal_indicators__indicator", "measures"))
    _attach_changes(goals, area_id=report.organisation.area_id, until=report.year)
    entries = {(e.goal_id, e.measure_id): e for e in Progress.objects.filter(report=report)}
    for goal in goals:
        goal.entry = entries.get((goal.pk, None))
        for measure in goal.measures.all():
            measure.entry = entries.get((None, measure.pk))
    return goals


def _attach_changes(goals: list[Goal], *, area_id: int | None, until: int | None) -> None:
    """Each goal indicator's change since its baseline, for all goals in one query."""
    tied = [gi for goal in goals for gi in goal.goal_indicators.all()]
    changes = indicator_changes(tied, area_id=area_id, until=until) if area_id and tied else {}
    for gi in tied:
        gi.change = changes.get(gi.pk, {})


def section_for(report: Report, section_id: int) -> Section:
    return get_object_or_404(Section, pk=section_id, report=report)


def municipal_reports_for_county(county: Organisation) -> list[dict[str, Any]]:
    """For the county's regional work: each municipality's latest broad report it may read, side by side.

    Drafts only where the municipality shares them with this county; otherwise only what is published.
    """
    from hyte.accounts.queries import county_municipalities
    from hyte.reports.models import OutlineKey, ReportKind, ReportStatus

    rows = []
    for item in county_municipalities(county):
        municipality = item["organisation"]
        reports = Report.objects.filter(organisation=municipality, kind=ReportKind.BROAD)
        if not item["shares_drafts"]:
            reports = reports.filter(status=ReportStatus.PUBLISHED)
        report = reports.order_by("-term_start", "-id").first()
        strengths = []
        goals = []
        if report is not None:
            strengths = [
                b.text
                for b in Block.objects.filter(section__report=report, section__key=OutlineKey.STRENGTHS)
                if b.text.strip()
            ]
            goals = list(report.goals.all())
        rows.append(
            {
                "organisation": municipality,
                "shares": item["shares_drafts"],
                "report": report,
                "strengths": [render_markdown(text) for text in strengths],
                "goals": goals,
            }
        )
    return rows


def regional_reports(county: Organisation) -> QuerySet[Report]:
    from hyte.reports.models import ReportKind

    return Report.objects.filter(organisation=county, kind=ReportKind.REGIONAL).exclude(
        status__in=["approved", "published"]
    )


def linkable_municipal_goals(county: Organisation) -> list[Goal]:
    return [goal for row in municipal_reports_for_county(county) for goal in row["goals"]]
