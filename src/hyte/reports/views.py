from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, get_for, get_organisation_for, permissions_for
from hyte.core.http import AuthenticatedRequest, back_to, call_service, download, require_GET_or_POST
from hyte.funding.queries import scenarios_for
from hyte.indicators.picker import searched
from hyte.indicators.queries import visible_indicators
from hyte.reports import exports, queries, services
from hyte.reports.forms import (
    CommentForm,
    GoalForm,
    GoalIndicatorForm,
    MeasureForm,
    ProgressForm,
    ReportForm,
    StatusForm,
)
from hyte.reports.models import (
    AmendmentChange,
    BlockKind,
    Comment,
    Goal,
    Measure,
    Progress,
    Report,
    ReportStatus,
    ReportVersion,
    Section,
)
from hyte.situation.models import Alert


@require_GET_or_POST
@login_required
def report_list(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.VIEW_DRAFTS)
    reports = queries.reports_of(organisation)
    can_edit = permissions_for(request.user).can(Action.EDIT, organisation)
    form = ReportForm(request.POST or None, reports=reports)
    if request.method == "POST":
        if not can_edit:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = services.create_report(
                    actor=request.user,
                    organisation=organisation,
                    kind=data["kind"],
                    title=data["title"],
                    title_sv=data["title_sv"],
                    term_start=data["term_start"],
                    term_end=data["term_end"],
                    year=data["year"],
                    copy_from=data["start_from"],
                    plan_report=data["plan_report"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect("report-detail", slug=slug, report_id=report.pk)
    return render(
        request,
        "reports/report_list.html",
        {"organisation": organisation, "reports": reports, "form": form, "can_edit": can_edit},
    )


@require_GET
@login_required
def report_detail(request: AuthenticatedRequest, slug: str, report_id: int) -> HttpResponse:
    organisation, report = _report(request, slug, report_id)
    page = queries.report_page(request.user, report)
    picker, picks = searched(request.user, organisation, request.GET)
    writing = any(section.can_edit for section in page["sections"])
    return render(
        request,
        "reports/report_detail.html",
        {
            "organisation": organisation,
            "report": report,
            **page,
            "status_form": StatusForm(statuses=page["statuses"]),
            "comment_form": CommentForm(),
            "goal_form": GoalForm(),
            "measure_form": MeasureForm(),
            "indicator_form": GoalIndicatorForm(picks=picks),
            "picker": picker,
            "progress_form": ProgressForm(),
            "show_behind": request.GET.get("show") == "behind",
            "block_kinds": BlockKind.choices,
            "scenarios": scenarios_for(request.user) if writing else [],  # the coefficient's what-ifs, as evidence
        },
    )


def _warn_empty(request: HttpRequest, report: Report) -> None:
    content = queries.report_content(report)
    has_goals = bool(content["goals"] or content["plan_goals"])
    empty = queries.empty_sections(content["sections"], has_goals=has_goals)
    if empty:
        titles = ", ".join(section.title for section in empty)
        messages.warning(request, _("These sections are still empty: %(titles)s.") % {"titles": titles})


def _report(request: HttpRequest, slug: str, report_id: int) -> tuple[Organisation, Report]:
    organisation = get_organisation_for(request.user, slug, Action.VIEW_DRAFTS)
    return organisation, queries.report_for(request.user, organisation, report_id)


def _back(slug: str, report_id: int, anchor: str = "") -> HttpResponse:
    return back_to("report-detail", anchor, slug=slug, report_id=report_id)


@require_POST
@login_required
def goal_add(request: AuthenticatedRequest, slug: str, report_id: int) -> HttpResponse:
    _organisation, report = _report(request, slug, report_id)
    form = GoalForm(request.POST)
    if form.is_valid():
        call_service(request, services.add_goal, report=report, **form.cleaned_data)
    else:
        messages.error(request, _("Check the goal: %(errors)s") % {"errors": form.errors.as_text()})
    return _back(slug, report.pk, "plan")


@require_POST
@login_required
def goal_indicator_add(request: AuthenticatedRequest, slug: str, report_id: int, goal_id: int) -> HttpResponse:
    _organisation, report = _report(request, slug, report_id)
    goal = get_for(request.user, Action.EDIT, Goal.objects.filter(report=report), pk=goal_id)
    form = GoalIndicatorForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        indicator = visible_indicators(request.user).filter(pk=data.pop("indicator")).first()
        if indicator is None:
            messages.error(request, _("Unknown indicator."))
        else:
            call_service(request, services.add_goal_indicator, goal=goal, indicator=indicator, **data)
    else:
        messages.error(request, _("Check the indicator: %(errors)s") % {"errors": form.errors.as_text()})
    return _back(slug, report.pk, f"goal-{goal.pk}")


@require_POST
@login_required
def measure_add(request: AuthenticatedRequest, slug: str, report_id: int, goal_id: int) -> HttpResponse:
    _organisation, report = _report(request, slug, report_id)
    goal = get_object_or_404(Goal, pk=goal_id, report=report)
    form = MeasureForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        data["responsible_parties"] = data["responsible_parties"].splitlines()
        call_service(request, services.add_measure, goal=goal, **data)
    else:
        messages.error(request, _("Check the measure: %(errors)s") % {"errors": form.errors.as_text()})
    return _back(slug, report.pk, f"goal-{goal.pk}")


@require_POST
@login_required
def progress_edit(request: AuthenticatedRequest, slug: str, report_id: int, entry_id: int) -> HttpResponse:
    _organisation, report = _report(request, slug, report_id)
    entry = get_object_or_404(Progress, pk=entry_id, report=report)
    form = ProgressForm(request.POST)
    if form.is_valid():
        call_service(request, services.record_progress, entry=entry, **form.cleaned_data)
    return _back(slug, report.pk, f"progress-{entry.pk}")


@require_POST
@login_required
def comment_add(request: AuthenticatedRequest, slug: str, report_id: int) -> HttpResponse:
    _organisation, report = _report(request, slug, report_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        call_service(request, services.add_comment, report=report, text=form.cleaned_data["text"])
    return _back(slug, report.pk, "comments")


@require_POST
@login_required
def comment_resolve(request: AuthenticatedRequest, slug: str, report_id: int, comment_id: int) -> HttpResponse:
    _organisation, report = _report(request, slug, report_id)
    comment = get_object_or_404(Comment, pk=comment_id, report=report)
    call_service(request, services.resolve_comment, comment=comment)
    return _back(slug, report.pk, "comments")


@require_POST
@login_required
def status_change(request: AuthenticatedRequest, slug: str, report_id: int) -> HttpResponse:
    _organisation, report = _report(request, slug, report_id)
    if not permissions_for(request.user).can(Action.APPROVE, report):
        raise Http404
    form = StatusForm(request.POST, statuses=queries.next_statuses(report))
    if form.is_valid():
        changed = call_service(request, services.change_status, report=report, **form.cleaned_data)
        if changed is not None and changed.status in (ReportStatus.IN_REVIEW, ReportStatus.APPROVED):
            _warn_empty(request, report)
    else:
        messages.error(request, form.errors.as_text())
    return _back(slug, report.pk)


@require_GET
@login_required
def report_export(request: AuthenticatedRequest, slug: str, report_id: int, file_format: str) -> HttpResponse:
    _organisation, report = _report(request, slug, report_id)
    if file_format == "docx":
        body = exports.report_docx(report)
    elif file_format == "xlsx":
        body = exports.plan_xlsx(report)
    elif file_format == "pdf":  # made in the background now (large reports took too long for a request)
        return redirect("report-pdfs", slug=slug, report_id=report.pk)
    else:
        raise Http404
    return download(body, file_format=file_format, filename=f"hyvinvointikertomus-{report.pk}")


@require_GET
@login_required
def county_overview(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """The county's view of its municipalities' reports, for the regional report and the yearly negotiations."""
    organisation = get_organisation_for(request.user, slug, Action.WORK_REGIONALLY)
    return render(
        request,
        "reports/county_overview.html",
        {
            "organisation": organisation,
            "rows": queries.municipal_reports_for_county(request.user, organisation),
            "regional_reports": queries.regional_reports(organisation)
            if permissions_for(request.user).can(Action.EDIT, organisation)
            else [],
        },
    )


@require_POST
@login_required
def pull_into_regional(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.WORK_REGIONALLY)
    regional = get_for(request.user, Action.EDIT, queries.regional_reports(organisation), pk=_id(request, "regional"))
    municipal = next(
        (
            row["report"]
            for row in queries.municipal_reports_for_county(request.user, organisation)
            if row["report"] is not None and str(row["report"].pk) == request.POST.get("municipal")
        ),
        None,
    )
    if municipal is None:
        raise Http404
    call_service(request, services.pull_into_regional, regional=regional, municipal=municipal)
    return _back(slug, regional.pk)


@require_POST
@login_required
def goal_link(request: AuthenticatedRequest, slug: str, report_id: int, goal_id: int) -> HttpResponse:
    organisation, report = _report(request, slug, report_id)
    if not permissions_for(request.user).can(Action.EDIT, report):
        raise Http404
    goal = get_object_or_404(Goal, pk=goal_id, report=report)
    wanted = request.POST.get("municipal_goal")
    municipal_goal = next(
        (g for g in queries.linkable_municipal_goals(request.user, organisation) if str(g.pk) == wanted), None
    )
    if municipal_goal is None:
        raise Http404
    call_service(request, services.link_supporting_goal, regional_goal=goal, municipal_goal=municipal_goal)
    return _back(slug, report.pk, f"goal-{goal.pk}")


@require_GET
@login_required
def version_compare(request: AuthenticatedRequest, slug: str, report_id: int) -> HttpResponse:
    """What changed between two frozen versions of this report or of the report it was copied from."""
    organisation, report = _report(request, slug, report_id)
    sources = [r for r in (report, report.copied_from) if r is not None]
    versions = list(ReportVersion.objects.filter(report__in=sources).select_related("report"))
    old = next((v for v in versions if str(v.pk) == request.GET.get("old")), None)
    new = next((v for v in versions if str(v.pk) == request.GET.get("new")), None)
    diff = queries.compare_versions(old, new) if old and new else None
    return render(
        request,
        "reports/version_compare.html",
        {
            "organisation": organisation,
            "report": report,
            "versions": versions,
            "old": old,
            "new": new,
            "diff": diff,
        },
    )


@require_POST
@login_required
def assign(request: AuthenticatedRequest, slug: str, report_id: int, subject: str, subject_id: int) -> HttpResponse:
    """Assign a section, goal or measure to members (coordinators only)."""
    organisation, report = _report(request, slug, report_id)
    if not permissions_for(request.user).can(Action.ASSIGN, report):
        raise Http404
    models = {
        "section": (Section, {"report": report}),
        "goal": (Goal, {"report": report}),
        "measure": (Measure, {"goal__report": report}),
    }
    if subject not in models:
        raise Http404
    model, scope = models[subject]
    target = get_object_or_404(model, pk=subject_id, **scope)
    member_ids = {str(pk) for pk in organisation.memberships.values_list("user_id", flat=True)}
    chosen = [pk for pk in request.POST.getlist("users") if pk in member_ids]
    call_service(request, services.assign, subject=target, users=list(User.objects.filter(pk__in=chosen)))
    anchor = f"goal-{target.goal_id}" if isinstance(target, Measure) else f"{subject}-{target.pk}"
    return _back(slug, report.pk, anchor)


@require_GET_or_POST
@login_required
def alert_to_measure(request: AuthenticatedRequest, slug: str, alert_id: int) -> HttpResponse:
    """An alert's proposed measure made a measure of the current plan: at once in a plan being written, through
    an amendment of an approved one."""
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    alerts = Alert.objects.select_related("rule__indicator", "rule__organisation", "area").filter(
        rule__organisation=organisation
    )
    alert = get_for(request.user, Action.EDIT, alerts, pk=alert_id)
    goals = queries.current_plan_goals(organisation)
    if request.method == "POST":
        goal = get_object_or_404(Goal, pk=_id(request, "goal"), report__organisation=organisation)
        made = call_service(request, services.measure_from_alert, alert=alert, goal=goal)
        if isinstance(made, AmendmentChange):
            amendment = made.amendment
            messages.info(
                request,
                _("The plan is approved: the measure is proposed in amendment %(number)s, which the council approves.")
                % {"number": amendment.number},
            )
            return back_to(
                "report-amendment", "changes", slug=slug, report_id=amendment.plan_id, number=amendment.number
            )
        if made is not None:
            return _back(slug, goal.report_id, f"goal-{goal.pk}")
    plan = goals[0].report if goals else None
    return render(
        request,
        "reports/alert_to_measure.html",
        {"organisation": organisation, "alert": alert, "goals": goals, "plan": plan},
    )


def _id(request: HttpRequest, field: str) -> int:
    """A posted object id; anything else is no object (404)."""
    value = request.POST.get(field, "")
    if not value.isdigit():
        raise Http404
    return int(value)
