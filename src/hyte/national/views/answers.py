"""An organisation's answer to a round: the form, saved as a draft or submitted."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from hyte.accounts.permissions import Action, get_organisation_for, permissions_for
from hyte.core.http import AuthenticatedRequest, call_service, require_GET_or_POST
from hyte.national import queries, services
from hyte.national.forms import AnswerForm, initial_of
from hyte.national.models import RoundStatus


@require_GET_or_POST
@login_required
def answer(request: AuthenticatedRequest, slug: str, round_id: int) -> HttpResponse:
    """The organisation's coordinators answer for it while the round is open; its members read the answer."""
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    survey = queries.round_for(request.user, organisation, round_id)
    if not survey.recipients.filter(pk=organisation.pk).exists():
        raise Http404
    questions = queries.questions_of(survey)
    existing = queries.answer_of(survey, organisation)
    can_edit = survey.status == RoundStatus.OPEN and permissions_for(request.user).can(Action.EDIT, organisation)
    form = AnswerForm(request.POST or None, initial=initial_of(existing), questions=questions)
    if request.method == "POST":
        if not can_edit:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            named = {"yes": True, "no": False}.get(data["coordinator_named"])
            saved = call_service(
                request,
                services.save_answer,
                survey=survey,
                organisation=organisation,
                coordinator_named=named,
                coordinator_name=data["coordinator_name"],
                person_years=data["person_years"],
                structures=data["structures"],
                county_cooperation=data["county_cooperation"],
                extra=form.extra(),
                submit="submit" in request.POST,
            )
            if saved is not None:
                return redirect("national-answer", slug=slug, round_id=round_id)
    context = {"organisation": organisation, "survey": survey, "form": form, "answer": existing, "can_edit": can_edit}
    return render(request, "national/answer.html", context)
