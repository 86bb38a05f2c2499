"""Reviewing: the call's ranking with the proposal and its reviewers (the funder's coordinators), and a reviewer's
page for one application (the declaration first, then the scores; the flags of conflict and double funding)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from hyte.accounts.models import Membership
from hyte.accounts.permissions import Action, permissions_for
from hyte.core.http import AuthenticatedRequest, back_to, call_service, require_GET_or_POST
from hyte.grants import queries, review_queries, services
from hyte.grants.models import Application, ApplicationStatus
from hyte.grants.views.calls import organisation_of


@require_GET_or_POST
@login_required
def ranking(request: AuthenticatedRequest, slug: str, call_id: int) -> HttpResponse:
    """The weighted totals, the ranking and the proposal by the call's rule; reviewers assigned here."""
    organisation = organisation_of(request, slug)
    call = queries.call_for(request.user, organisation, call_id, Action.EDIT)
    if request.method == "POST":
        user = get_user_model().objects.filter(pk=request.POST.get("user") or 0).first()
        if user is None:
            messages.error(request, "–")
        else:
            call_service(request, services.add_reviewer, call=call, user=user)
        return back_to("grants-ranking", "reviewers", slug=slug, call_id=call_id)
    results = review_queries.ranking(call)
    return render(
        request,
        "grants/ranking.html",
        {
            "organisation": organisation,
            "call": call,
            "results": results,
            "criteria": list(call.criteria.all()),
            "proposed_total": sum((result.proposed for result in results), Decimal(0)),
            "reviewers": list(call.reviewers.select_related("user")),
            "members": list(
                Membership.objects.filter(organisation=organisation).select_related("user").order_by("user__username")
            ),
            "declarations": review_queries.declarations_of_call(call),
        },
    )


@require_GET_or_POST
@login_required
def review(request: AuthenticatedRequest, slug: str, application_id: int) -> HttpResponse:
    """A reviewer's page: declare, then score. A disqualified reviewer sees only their declaration."""
    organisation = organisation_of(request, slug)
    application = (
        Application.objects.select_related("call", "call__funder", "applicant", "register_entry")
        .filter(pk=application_id, call__funder=organisation)
        .exclude(status=ApplicationStatus.DRAFT)
        .first()
    )
    if application is None:
        raise Http404
    reviewer = review_queries.reviewer_of(request.user, application.call)
    if reviewer is None:
        raise Http404
    declaration = review_queries.declaration_of(reviewer, application)
    if request.method == "POST":
        if request.POST.get("step") == "declare":
            call_service(
                request,
                services.declare,
                application=application,
                reviewer=reviewer,
                disqualified=request.POST.get("disqualified") == "yes",
                ground=request.POST.get("ground", ""),
            )
        else:
            points = {}
            for criterion in application.call.criteria.all():
                raw = request.POST.get(f"c{criterion.pk}", "")
                if raw.isdigit():
                    points[criterion.pk] = int(raw)
            call_service(request, services.score, application=application, reviewer=reviewer, points=points)
        return back_to("grants-review", slug=slug, application_id=application_id)
    disqualified = declaration is not None and declaration.disqualified
    sees = not disqualified and permissions_for(request.user).can(Action.VIEW, application)
    scores = review_queries.scores_seen_by(reviewer, application, preparer=False) if sees else []
    own = {score.criterion_id: score.points for score in scores if score.reviewer_id == reviewer.pk}
    return render(
        request,
        "grants/review.html",
        {
            "organisation": organisation,
            "application": application if sees else None,
            "call": application.call,
            "applicant_name": application.applicant_name,
            "declaration": declaration,
            "conflicts": review_queries.conflicts(request.user, application),
            "flags": review_queries.double_funding(application) if sees else [],
            "criteria": [(criterion, own.get(criterion.pk)) for criterion in application.call.criteria.all()],
            "others": [score for score in scores if score.reviewer_id != reviewer.pk],
            "application_id": application.pk,
        },
    )


@require_POST
@login_required
def proposal(request: AuthenticatedRequest, slug: str, application_id: int) -> HttpResponse:
    organisation = organisation_of(request, slug)
    application = queries.application_for(request.user, organisation, application_id, Action.VIEW)
    if application.call.funder_id != organisation.pk:
        raise Http404
    call_service(
        request,
        services.set_proposal,
        application=application,
        amount=request.POST.get("amount", "").replace(",", ".").replace(" ", "") or None,
        reason=request.POST.get("reason", ""),
    )
    return back_to("grants-ranking", "ranking", slug=slug, call_id=application.call_id)
