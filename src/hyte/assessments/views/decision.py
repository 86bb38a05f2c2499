"""Through the decision: ready, reopened, decided and followed up."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_POST

from hyte.accounts.permissions import Action, permissions_for
from hyte.assessments import services
from hyte.assessments.forms import (
    DecisionForm,
    FollowUpForm,
)
from hyte.assessments.views._common import assessment_for_page, back_to_assessment, form_errors
from hyte.core.http import AuthenticatedRequest, call_service


@require_POST
@login_required
def ready(request: AuthenticatedRequest, slug: str, assessment_id: int) -> HttpResponse:
    _organisation, assessment = assessment_for_page(request, slug, assessment_id)
    call_service(request, services.mark_ready, assessment=assessment)
    return back_to_assessment(slug, assessment.pk)


@require_POST
@login_required
def reopen(request: AuthenticatedRequest, slug: str, assessment_id: int) -> HttpResponse:
    _organisation, assessment = assessment_for_page(request, slug, assessment_id)
    call_service(request, services.reopen, assessment=assessment)
    return back_to_assessment(slug, assessment.pk)


@require_POST
@login_required
def decision(request: AuthenticatedRequest, slug: str, assessment_id: int) -> HttpResponse:
    _organisation, assessment = assessment_for_page(request, slug, assessment_id)
    options = list(assessment.options.all())
    form = DecisionForm(request.POST, options=options)
    if form.is_valid():
        data = dict(form.cleaned_data)
        chosen = data.pop("decided_option")
        call_service(
            request,
            services.record_decision,
            assessment=assessment,
            decided_option=next((o for o in options if o.pk == chosen), None),
            **data,
        )
    else:
        if not permissions_for(request.user).can(Action.EDIT, assessment):
            raise Http404
        form_errors(request, form)
    return back_to_assessment(slug, assessment.pk, "decision")


@require_POST
@login_required
def follow_up(request: AuthenticatedRequest, slug: str, assessment_id: int) -> HttpResponse:
    _organisation, assessment = assessment_for_page(request, slug, assessment_id)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        call_service(request, services.record_follow_up, assessment=assessment, notes=form.cleaned_data["notes"])
    else:
        if not permissions_for(request.user).can(Action.EDIT, assessment):
            raise Http404
        form_errors(request, form)
    return back_to_assessment(slug, assessment.pk, "decision")
