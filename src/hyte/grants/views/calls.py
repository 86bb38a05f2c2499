"""A funder's calls: the list with a new call, a call's page with its criteria, questions and publishing. An NGO's
grants page: the calls open now and its own applications."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hyte.accounts.models import Organisation, OrganisationKind
from hyte.accounts.permissions import Action, get_organisation_for, permissions_for
from hyte.core import clock
from hyte.core.http import AuthenticatedRequest, back_to, call_service, require_GET_or_POST
from hyte.grants import queries, services
from hyte.grants.forms import CallForm, CriterionForm, QuestionForm
from hyte.grants.models import Call, Criterion, Question


def organisation_of(request: AuthenticatedRequest, slug: str) -> Organisation:
    return get_organisation_for(request.user, slug, Action.VIEW)


def to_call(slug: str, call_id: int, anchor: str = "") -> HttpResponse:
    return back_to("grants-call", anchor, slug=slug, call_id=call_id)


@require_GET_or_POST
@login_required
def grants(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """A funder's calls and a new call (its coordinators); an NGO's open calls and its own applications."""
    organisation = organisation_of(request, slug)
    perms = permissions_for(request.user)
    can_create = perms.can(Action.EDIT, Call(funder=organisation))
    form = CallForm(request.POST or None, funder=organisation) if can_create else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            created = call_service(request, services.create_call, funder=organisation, details=form.details())
            if created is not None:
                return redirect("grants-call", slug=slug, call_id=created.pk)
    is_ngo = organisation.kind == OrganisationKind.NGO
    context = {
        "organisation": organisation,
        "is_ngo": is_ngo,
        "calls": [] if is_ngo else queries.calls_of(organisation),
        "open_calls": queries.open_calls() if is_ngo else [],
        "applications": queries.applications_of(organisation) if is_ngo else [],
        "use_reports": queries.use_reports_of(organisation) if is_ngo else [],
        "today": clock.today(),
        "can_apply": is_ngo and perms.can(Action.CONTRIBUTE, organisation),
        "form": form,
    }
    return render(request, "grants/grants.html", context)


@require_GET_or_POST
@login_required
def call_page(request: AuthenticatedRequest, slug: str, call_id: int) -> HttpResponse:
    organisation = organisation_of(request, slug)
    call = queries.call_for(request.user, organisation, call_id)
    can_edit = permissions_for(request.user).can(Action.EDIT, call)
    form = (
        CallForm(request.POST or None, initial=CallForm.initial_from(call), funder=organisation) if can_edit else None
    )
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            saved = call_service(request, services.update_call, call=call, details=form.details())
            if saved is not None:
                return to_call(slug, call.pk)
    return render(
        request,
        "grants/call.html",
        {
            "organisation": organisation,
            "call": call,
            "form": form,
            "weight_problem": call.weight_problem(),
            "criterion_form": CriterionForm(prefix="criterion", funder=organisation) if can_edit else None,
            "question_form": QuestionForm(prefix="question") if can_edit else None,
            "applications": queries.applications_to(call) if can_edit else [],
        },
    )


@require_POST
@login_required
def call_publish(request: AuthenticatedRequest, slug: str, call_id: int) -> HttpResponse:
    call = queries.call_for(request.user, organisation_of(request, slug), call_id, Action.EDIT)
    call_service(request, services.publish_call, call=call)
    return to_call(slug, call_id)


@require_POST
@login_required
def criterion_add(request: AuthenticatedRequest, slug: str, call_id: int) -> HttpResponse:
    organisation = organisation_of(request, slug)
    call = queries.call_for(request.user, organisation, call_id, Action.EDIT)
    form = CriterionForm(request.POST, prefix="criterion", funder=organisation)
    if form.is_valid():
        call_service(request, services.add_criterion, call=call, **form.cleaned_data)
    else:
        from django.contrib import messages

        messages.error(request, form.errors.as_text())
    return to_call(slug, call_id, "criteria")


@require_POST
@login_required
def criterion_remove(request: AuthenticatedRequest, slug: str, call_id: int, criterion_id: int) -> HttpResponse:
    call = queries.call_for(request.user, organisation_of(request, slug), call_id, Action.EDIT)
    criterion = Criterion.objects.filter(call=call, pk=criterion_id).select_related("call").first()
    if criterion is None:
        raise Http404
    call_service(request, services.remove_criterion, criterion=criterion)
    return to_call(slug, call_id, "criteria")


@require_POST
@login_required
def question_add(request: AuthenticatedRequest, slug: str, call_id: int) -> HttpResponse:
    call = queries.call_for(request.user, organisation_of(request, slug), call_id, Action.EDIT)
    form = QuestionForm(request.POST, prefix="question")
    if form.is_valid():
        call_service(request, services.add_question, call=call, **form.cleaned_data)
    else:
        from django.contrib import messages

        messages.error(request, form.errors.as_text())
    return to_call(slug, call_id, "questions")


@require_POST
@login_required
def question_remove(request: AuthenticatedRequest, slug: str, call_id: int, question_id: int) -> HttpResponse:
    call = queries.call_for(request.user, organisation_of(request, slug), call_id, Action.EDIT)
    question = Question.objects.filter(call=call, pk=question_id).select_related("call").first()
    if question is None:
        raise Http404
    call_service(request, services.remove_question, question=question)
    return to_call(slug, call_id, "questions")
