"""Agreed actions: recorded from the minutes, changed while the minutes are a draft, followed up by their owners,
and carried into a party's annual report with one click."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from hyte.accounts.permissions import Action, permissions_for
from hyte.cooperation import queries, services
from hyte.cooperation.forms import ActionForm, FollowUpForm
from hyte.cooperation.models import AgreedAction, Meeting
from hyte.cooperation.views._common import action_of, meeting_of, organisation_of, to_meeting
from hyte.cooperation.views.meetings import action_choices
from hyte.core.http import AuthenticatedRequest, call_service, require_GET_or_POST
from hyte.indicators.models import Indicator
from hyte.reports.models import Goal


def _values(form: ActionForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "text": data["text"],
        "owner": data["owner"],
        "owner_person": data["owner_person"],
        "due_date": data["due_date"],
        "agenda_item": data["agenda_item"],
        "goals": list(Goal.objects.filter(pk__in=data["goals"]).select_related("report")),
        "indicators": list(Indicator.objects.filter(pk__in=data["indicators"])),
    }


def _form(request: AuthenticatedRequest, meeting: Meeting, **kwargs: Any) -> ActionForm:
    goals, indicators = action_choices(request, queries.meeting_detail(meeting.pk))
    return ActionForm(request.POST or None, meeting=meeting, goals=goals, indicators=indicators, **kwargs)


@require_POST
@login_required
def action_add(request: AuthenticatedRequest, slug: str, meeting_id: int) -> HttpResponse:
    meeting = meeting_of(request, slug, meeting_id, Action.EDIT)
    form = _form(request, meeting)
    if form.is_valid():
        call_service(request, services.add_action, meeting=meeting, **_values(form))
    else:
        messages.error(request, form.errors.as_text())
    return to_meeting(slug, meeting_id, "actions")


@require_GET_or_POST
@login_required
def action_edit(request: AuthenticatedRequest, slug: str, action_id: int) -> HttpResponse:
    """Change what was agreed (the convener's coordinators, while the minutes are a draft)."""
    organisation = organisation_of(request, slug)
    action = action_of(request, slug, action_id)
    if not permissions_for(request.user).can(Action.EDIT, action.meeting):
        raise Http404
    initial = {
        "text": action.text,
        "owner": action.owner,
        "owner_person": action.owner_person,
        "due_date": action.due_date,
        "agenda_item": action.agenda_item,
        "goals": [goal.pk for goal in action.goals.all()],
        "indicators": [indicator.pk for indicator in action.indicators.all()],
    }
    form = _form(request, action.meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = call_service(request, services.edit_action, action=action, **_values(form))
        if saved is not None:
            return to_meeting(slug, action.meeting_id, "actions")
    return render(
        request, "cooperation/action_form.html", {"organisation": organisation, "action": action, "form": form}
    )


@require_POST
@login_required
def action_follow_up(request: AuthenticatedRequest, slug: str, action_id: int) -> HttpResponse:
    action = action_of(request, slug, action_id)
    form = FollowUpForm(request.POST)
    if not permissions_for(request.user).can(Action.EDIT, action):
        raise Http404
    if form.is_valid():
        call_service(request, services.follow_up_action, action=action, **form.cleaned_data)
    else:
        messages.error(request, form.errors.as_text())
    return _back(request, slug, action)


@require_POST
@login_required
def action_carry(request: AuthenticatedRequest, slug: str, action_id: int) -> HttpResponse:
    """Carry the agreed action into the annual report in preparation of the organisation looked through."""
    organisation = organisation_of(request, slug)
    action = action_of(request, slug, action_id)
    carried = call_service(request, services.carry_action, action=action, organisation=organisation)
    if carried is not None:
        return redirect("report-detail", slug=slug, report_id=carried.report_id)
    return _back(request, slug, action)


def _back(request: AuthenticatedRequest, slug: str, action: AgreedAction) -> HttpResponse:
    """Back where the form was: the plan page or the organisation's cooperation page send `next`."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return to_meeting(slug, action.meeting_id, "actions")
