"""Reading reports for the signed-in pages and the API: always scoped to what the reader may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from hyte.accounts.models import Organisation, OrganisationKind
from hyte.accounts.permissions import Action, permissions_for
from hyte.accounts.queries import county_municipalities
from hyte.core import clock
from hyte.core.actors import Viewer
from hyte.reports.glance import RULE, goal_glance, plan_summary
from hyte.reports.models import (
    Block,
    Goal,
    GoalIndicator,
    Measure,
    MeasureStatus,
    OutlineKey,
    Progress,
    Report,
    ReportKind,
    ReportStatus,
    Section,
)
from hyte.reports.queries.amendments import amendments_of
from hyte.reports.queries.euros import euros_per_goal
from hyte.reports.queries.progress import indicator_changes
from hyte.reports.text import render_markdown
from hyte.reports.workflow import empty_sections, next_statuses


def current_plan(organisation: Organisation) -> Report | None:
    """The organisation's plan for the current council term: its newest broad (or regional) report."""
    kinds = [ReportKind.BROAD, ReportKind.REGIONAL]
    return Report.objects.filter(organisation=organisation, kind__in=kinds).order_by("-term_start", "-id").first()


def current_plan_goals(organisation: Organisation) -> list[Goal]:
    """The goals of the current plan as it stands: where a measure born of an alert can go."""
    plan = current_plan(organisation)
    return list(plan.goals.filter(retired_by=None).select_related("report")) if plan else []


def with_activity_counts(measures: QuerySet[Measure]) -> QuerySet[Measure]:
    """Each measure with `current_activities`: the register's published, not hidden activities that carry it out.
    The register (hyte.actors) is a layer above reports: it is read through the reverse relation, not imported."""
    current = Q(activities__is_published=True, activities__is_hidden=False)
    return measures.annotate(current_activities=Count("activities", filter=current, distinct=True))


def reports_of(organisation: Organisation) -> QuerySet[Report]:
    return Report.objects.filter(organisation=organisation).select_related("plan_report")


def report_for(user: Viewer, organisation: Organisation, report_id: int) -> Report:
    """A report of `organisation` that `user` may read as a draft; 404 otherwise (missing or forbidden alike)."""
    if not permissions_for(user).can(Action.VIEW_DRAFTS, organisation):
        raise Http404
    return get_object_or_404(
        Report.objects.select_related("organisation__area", "plan_report"), pk=report_id, organisation=organisation
    )


def report_content(report: Report) -> dict[str, Any]:
    sections = list(
        report.sections.prefetch_related(
            "assignees", Prefetch("blocks", queryset=Block.objects.prefetch_related("indicators")), "comments"
        )
    )
    # The plan as it stands: what an amendment retired is in the plan's earlier versions and its history.
    goals = list(
        report.goals.filter(retired_by=None)
        .select_related("added_by")
        .prefetch_related(
            "assignees",
            Prefetch(
                "goal_indicators",
                queryset=GoalIndicator.objects.filter(retired_by=None).select_related("indicator", "added_by"),
            ),
            Prefetch("supported_by", queryset=Goal.objects.select_related("report__organisation")),
            Prefetch(
                "measures",
                queryset=with_activity_counts(Measure.objects.filter(retired_by=None))
                .select_related("added_by")
                .prefetch_related("assignees"),
            ),
        )
    )
    _attach_changes(goals, area_id=report.organisation.area_id, until=report.year)
    if report.kind != ReportKind.ANNUAL:
        _attach_follow_up(report, goals)
    progress = {}
    if report.kind == ReportKind.ANNUAL:
        for entry in Progress.objects.filter(report=report):
            progress[("g", entry.goal_id) if entry.goal_id else ("m", entry.measure_id)] = entry
    return {
        "sections": sections,
        "goals": goals,
        "progress": progress,
        "plan_goals": _plan_goals(report) if report.kind == ReportKind.ANNUAL else [],
    }


def report_page(user: Viewer, report: Report) -> dict[str, Any]:
    """Everything the report's page shows, with what this reader may do there (answered by the resolver)."""
    perms = permissions_for(user)
    organisation = report.organisation
    content = report_content(report)
    open_for_edits = not report.is_frozen
    for section in content["sections"]:
        section.can_edit = open_for_edits and perms.can(Action.EDIT, section)
        for block in section.blocks.all():
            block.html = render_markdown(block.text)
    can_edit_all = open_for_edits and perms.can(Action.EDIT, report)
    budget_year = None
    if report.kind != ReportKind.ANNUAL and content["goals"]:
        budget_year = min(max(clock.today().year, report.term_start), report.term_end)
        euros = euros_per_goal(report, budget_year)
        for goal in content["goals"]:
            goal.euros = euros.get(goal.pk, 0)
    statuses = next_statuses(report)
    forward = {ReportStatus.IN_REVIEW, ReportStatus.APPROVED} & set(statuses)
    has_goals = bool(content["goals"] or content["plan_goals"])
    return {
        **content,
        "statuses": statuses,
        "budget_year": budget_year,
        "empty_sections": empty_sections(content["sections"], has_goals=has_goals) if forward else [],
        "can_edit_all": can_edit_all,
        "can_approve": bool(statuses) and perms.can(Action.APPROVE, report),
        "linkable_goals": linkable_municipal_goals(user, organisation)
        if report.kind == ReportKind.REGIONAL and can_edit_all
        else [],
        "members": [m.user for m in organisation.memberships.select_related("user").order_by("user__last_name")]
        if can_edit_all
        else [],
        "versions": report.versions.all(),
        **_amendments(user, report),
        "summary": plan_summary(content["goals"]) if report.kind != ReportKind.ANNUAL and content["goals"] else None,
        "status_rule": RULE,
        "open_comments": [c for c in report.comments.select_related("author") if c.resolved_at is None],
        # A municipality's plan measures are what its register's activities link to (actors' measures_for).
        "register_marks": organisation.kind == OrganisationKind.MUNICIPALITY and report.kind != ReportKind.REGIONAL,
    }


def _attach_follow_up(plan: Report, goals: list[Goal]) -> None:
    """Each goal's and measure's latest follow-up: from the plan's newest annual report, approved or not (the
    signed-in page shows work in progress; the public page shows the published follow-up)."""
    annual = plan.annual_reports.order_by("-year").first()
    entries = {}
    if annual is not None:
        entries = {(e.goal_id, e.measure_id): e for e in Progress.objects.filter(report=annual)}
    for goal in goals:
        entry = entries.get((goal.pk, None))
        goal.follow_up = entry  # type: ignore[attr-defined]
        goal.follow_up_report = annual  # type: ignore[attr-defined]
        statuses: list[str] = []
        for measure in goal.measures.all():
            found = entries.get((None, measure.pk))
            measure.follow_up = found  # type: ignore[attr-defined]
            statuses.append(found.status if found else MeasureStatus.NOT_STARTED)
        changes: list[dict[str, Any]] = [getattr(gi, "change", {}) for gi in goal.goal_indicators.all()]
        tied = [
            (gi.direction, change.get("change_since_baseline"), change.get("target_reached"))
            for gi, change in zip(goal.goal_indicators.all(), changes, strict=True)
        ]
        goal.measure_statuses = statuses  # type: ignore[attr-defined]
        goal.indicator_reached = [reached for _d, _c, reached in tied]  # type: ignore[attr-defined]
        goal.glance = goal_glance(  # type: ignore[attr-defined]
            measure_statuses=statuses,
            indicators=tied,
            set_status=entry.status if entry else "",
            set_reason=entry.text if entry else "",
        )


def _amendments(user: Viewer, report: Report) -> dict[str, Any]:
    """A plan's amendments (or those proposed with an annual report), and whether the reader may start one."""
    plan = report.plan_report if report.kind == ReportKind.ANNUAL else report
    if plan is None or plan.kind == ReportKind.ANNUAL:
        return {"amendments": [], "can_amend": False}
    amendments = amendments_of(plan)
    if report.kind == ReportKind.ANNUAL:
        amendments = amendments.filter(annual_report=report)
    can_amend = plan.is_frozen and permissions_for(user).can(Action.EDIT, plan)
    if report.kind == ReportKind.ANNUAL:
        can_amend = can_amend and not report.is_frozen
    return {"amendments": list(amendments), "can_amend": can_amend, "amended_plan": plan}


def _plan_goals(report: Report) -> list[Goal]:
    if report.plan_report is None:
        return []
    followed = Progress.objects.filter(report=report)
    current_indicators = GoalIndicator.objects.filter(retired_by=None)
    followed_measures = with_activity_counts(Measure.objects.filter(Q(retired_by=None) | Q(progress__in=followed)))
    goals = list(
        report.plan_report.goals.filter(Q(retired_by=None) | Q(progress__in=followed))
        .distinct()
        .prefetch_related(
            Prefetch("goal_indicators", queryset=current_indicators.select_related("indicator")),
            Prefetch("measures", queryset=followed_measures),
        )
    )
    _attach_changes(goals, area_id=report.organisation.area_id, until=report.year)
    entries = {(e.goal_id, e.measure_id): e for e in Progress.objects.filter(report=report)}
    for goal in goals:
        goal.entry = entries.get((goal.pk, None))  # type: ignore[attr-defined]
        for measure in goal.measures.all():
            measure.entry = entries.get((None, measure.pk))  # type: ignore[attr-defined]
    return goals


def _attach_changes(goals: list[Goal], *, area_id: int | None, until: int | None) -> None:
    """Each goal indicator's change since its baseline, for all goals in one query."""
    tied = [gi for goal in goals for gi in goal.goal_indicators.all()]
    changes = indicator_changes(tied, area_id=area_id, until=until) if area_id and tied else {}
    for gi in tied:
        gi.change = changes.get(gi.pk, {})  # type: ignore[attr-defined]


def section_for(report: Report, section_id: int) -> Section:
    return get_object_or_404(Section, pk=section_id, report=report)


def municipal_reports_for_county(user: Viewer, county: Organisation) -> list[dict[str, Any]]:
    """For the county's regional work: each municipality's latest broad report the reader may read, side by side.

    Drafts only where the municipality shares them with the county (the resolver decides); otherwise only what is
    published. A fixed number of queries, however many municipalities the county has.
    """
    perms = permissions_for(user)
    municipalities = county_municipalities(county)
    candidates = (
        Report.objects.filter(organisation__in=[m["organisation"] for m in municipalities], kind=ReportKind.BROAD)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("goals", queryset=Goal.objects.order_by("position", "id")),
            Prefetch(
                "sections",
                queryset=Section.objects.filter(key=OutlineKey.STRENGTHS).prefetch_related("blocks"),
                to_attr="strength_sections",
            ),
        )
        .order_by("-term_start", "-id")
    )
    latest: dict[int, Any] = {}  # municipality → its report, with `strength_sections` prefetched
    for candidate in candidates:
        if candidate.organisation_id not in latest and perms.can(Action.VIEW, candidate):
            latest[candidate.organisation_id] = candidate
    rows = []
    for item in municipalities:
        municipality: Organisation = item["organisation"]
        report = latest.get(municipality.pk)
        strengths = []
        if report is not None:
            strengths = [
                render_markdown(b.text)
                for section in report.strength_sections
                for b in section.blocks.all()
                if b.text.strip()
            ]
        rows.append(
            {
                "organisation": municipality,
                "shares": item["shares_drafts"],
                "report": report,
                "strengths": strengths,
                "goals": list(report.goals.all()) if report is not None else [],
            }
        )
    return rows


def regional_reports(county: Organisation) -> QuerySet[Report]:
    return Report.objects.filter(organisation=county, kind=ReportKind.REGIONAL).exclude(
        status__in=[ReportStatus.APPROVED, ReportStatus.PUBLISHED]
    )


def linkable_municipal_goals(user: Viewer, county: Organisation) -> list[Goal]:
    return [goal for row in municipal_reports_for_county(user, county) for goal in row["goals"]]
