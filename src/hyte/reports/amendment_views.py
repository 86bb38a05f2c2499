"""Pages of plan amendments: start one from the plan (or its annual report), propose changes, take it through
review to the council's approval. Thin: forms in, services do the work."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, get_organisation_for, permissions_for
from hyte.core.http import AuthenticatedRequest, back_to, call_service
from hyte.indicators.picker import searched
from hyte.indicators.queries import visible_indicators
from hyte.reports import queries, services
from hyte.reports.amendment_forms import (
    AmendmentForm,
    ProposeIndicatorForm,
    ProposeMeasureForm,
    ProposeTextForm,
    RetireForm,
)
from hyte.reports.forms import GoalForm, StatusForm
from hyte.reports.models import Amendment, AmendmentChange, AmendmentStatus, Goal, GoalIndicator, Measure, Report
from hyte.reports.queries.amendments import Choices, amendment_for, change_lines, proposal_choices

_NEXT = {
    AmendmentStatus.DRAFT: [AmendmentStatus.IN_REVIEW],
    AmendmentStatus.IN_REVIEW: [AmendmentStatus.APPROVED, AmendmentStatus.DRAFT],
    AmendmentStatus.APPROVED: [],
}


def _report(request: HttpRequest, slug: str, report_id: int) -> tuple[Organisation, Report]:
    organisation = get_organisation_for(request.user, slug, Action.VIEW_DRAFTS)
    return organisation, queries.report_for(request.user, organisation, report_id)


def _amendment(request: HttpRequest, slug: str, report_id: int, number: int) -> tuple[Organisation, Report, Amendment]:
    organisation, plan = _report(request, slug, report_id)
    return organisation, plan, amendment_for(plan, number)


def _to(amendment: Amendment, anchor: str = "") -> HttpResponse:
    return back_to(
        "report-amendment",
        anchor,
        slug=amendment.plan.organisation.slug,
        report_id=amendment.plan_id,
        number=amendment.number,
    )


@require_POST
@login_required
def amendment_start(request: AuthenticatedRequest, slug: str, report_id: int) -> HttpResponse:
    _organisation, plan = _report(request, slug, report_id)
    form = AmendmentForm(request.POST)
    annual = None
    if request.POST.get("annual_report", "").isdigit():
        annual = get_object_or_404(Report, pk=int(request.POST["annual_report"]), plan_report=plan)
    if not form.is_valid():
        messages.error(request, _("Check the amendment: %(errors)s") % {"errors": form.errors.as_text()})
        return back_to("report-detail", "amendments", slug=slug, report_id=(annual or plan).pk)
    amendment = call_service(request, services.start_amendment, plan=plan, annual_report=annual, **form.cleaned_data)
    if amendment is None:
        return back_to("report-detail", "amendments", slug=slug, report_id=(annual or plan).pk)
    return _to(amendment)


@require_GET
@login_required
def amendment_detail(request: AuthenticatedRequest, slug: str, report_id: int, number: int) -> HttpResponse:
    organisation, plan, amendment = _amendment(request, slug, report_id, number)
    perms = permissions_for(request.user)
    draft = amendment.status == AmendmentStatus.DRAFT
    can_edit = draft and perms.can(Action.EDIT, amendment)
    statuses = _NEXT[AmendmentStatus(amendment.status)]
    can_move = bool(statuses) and perms.can(Action.EDIT, amendment)
    if AmendmentStatus.APPROVED in statuses and not perms.can(Action.APPROVE, amendment):
        statuses = [s for s in statuses if s != AmendmentStatus.APPROVED]
    choices = proposal_choices(amendment) if can_edit else Choices([], [], [], [])
    picker, picks = searched(request.user, organisation, request.GET, wanted=can_edit)
    return render(
        request,
        "reports/amendment_detail.html",
        {
            "organisation": organisation,
            "plan": plan,
            "amendment": amendment,
            "lines": change_lines(amendment),
            "can_edit": can_edit,
            "status_form": StatusForm(statuses=statuses) if can_move and statuses else None,
            "goal_form": GoalForm(prefix="goal"),
            "measure_form": ProposeMeasureForm(prefix="measure", choices=choices),
            "indicator_form": ProposeIndicatorForm(prefix="indicator", choices=choices, picks=picks),
            "picker": picker,
            "text_form": ProposeTextForm(prefix="text", choices=choices),
            "retire_form": RetireForm(prefix="retire", choices=choices),
            "choices": choices,
        },
    )


def _item(plan: Report, key: str) -> Goal | Measure | GoalIndicator:
    """`g12`, `m7` or `i3` → the plan's goal, measure or goal indicator."""
    kind, number = key[:1], key[1:]
    if not number.isdigit():
        raise Http404
    if kind == "g":
        return get_object_or_404(Goal, pk=int(number), report=plan)
    if kind == "m":
        return get_object_or_404(Measure.objects.select_related("goal"), pk=int(number), goal__report=plan)
    if kind == "i":
        return get_object_or_404(
            GoalIndicator.objects.select_related("goal", "indicator"), pk=int(number), goal__report=plan
        )
    raise Http404


@require_POST
@login_required
def amendment_propose(request: AuthenticatedRequest, slug: str, report_id: int, number: int, kind: str) -> HttpResponse:
    _organisation, plan, amendment = _amendment(request, slug, report_id, number)
    choices = proposal_choices(amendment)
    if kind == "goal":
        form: Any = GoalForm(request.POST, prefix="goal")
        if form.is_valid():
            call_service(request, services.propose_goal, amendment=amendment, **form.cleaned_data)
    elif kind == "measure":
        form = ProposeMeasureForm(request.POST, prefix="measure", choices=choices)
        if form.is_valid():
            data = dict(form.cleaned_data)
            target = data.pop("goal")
            data["responsible_parties"] = data["responsible_parties"].splitlines()
            if target.startswith("n"):
                data["new_goal"] = get_object_or_404(AmendmentChange, pk=int(target[1:]), amendment=amendment)
            else:
                data["goal"] = _item(plan, target)
            call_service(request, services.propose_measure, amendment=amendment, **data)
    elif kind == "indicator":
        form = ProposeIndicatorForm(request.POST, prefix="indicator", choices=choices)
        if form.is_valid():
            data = dict(form.cleaned_data)
            indicator = visible_indicators(request.user).filter(pk=data.pop("indicator")).first()
            goal = _item(plan, data.pop("goal"))
            if indicator is None:
                messages.error(request, _("Unknown indicator."))
            else:
                call_service(
                    request,
                    services.propose_goal_indicator,
                    amendment=amendment,
                    goal=goal,
                    indicator=indicator,
                    **data,
                )
    elif kind == "text":
        form = ProposeTextForm(request.POST, prefix="text", choices=choices)
        if form.is_valid():
            data = dict(form.cleaned_data)
            call_service(
                request, services.propose_new_text, amendment=amendment, item=_item(plan, data.pop("item")), **data
            )
    elif kind == "retire":
        form = RetireForm(request.POST, prefix="retire", choices=choices)
        if form.is_valid():
            data = dict(form.cleaned_data)
            call_service(
                request, services.propose_retirement, amendment=amendment, item=_item(plan, data.pop("item")), **data
            )
    else:
        raise Http404
    if not form.is_valid():
        messages.error(request, _("Check the change: %(errors)s") % {"errors": form.errors.as_text()})
    return _to(amendment, "changes")


@require_POST
@login_required
def amendment_withdraw(
    request: AuthenticatedRequest, slug: str, report_id: int, number: int, change_id: int
) -> HttpResponse:
    _organisation, _plan, amendment = _amendment(request, slug, report_id, number)
    change = get_object_or_404(AmendmentChange, pk=change_id, amendment=amendment)
    call_service(request, services.withdraw_change, change=change)
    return _to(amendment, "changes")


@require_POST
@login_required
def amendment_status(request: AuthenticatedRequest, slug: str, report_id: int, number: int) -> HttpResponse:
    _organisation, _plan, amendment = _amendment(request, slug, report_id, number)
    form = StatusForm(request.POST, statuses=_NEXT[AmendmentStatus(amendment.status)])
    if form.is_valid():
        call_service(request, services.change_amendment_status, amendment=amendment, **form.cleaned_data)
    else:
        messages.error(request, form.errors.as_text())
    return _to(amendment)
