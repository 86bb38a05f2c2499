"""The decision on a call (its coordinators): the body, date and §, and per application the amount (prefilled
from the proposal) and the reasoning; then publishing it."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from hyte.accounts.permissions import Action
from hyte.core.http import AuthenticatedRequest, back_to, call_service, require_GET_or_POST
from hyte.grants import queries, review_queries, services
from hyte.grants.models import ApplicationStatus
from hyte.grants.views.calls import organisation_of


@require_GET_or_POST
@login_required
def decision(request: AuthenticatedRequest, slug: str, call_id: int) -> HttpResponse:
    organisation = organisation_of(request, slug)
    call = queries.call_for(request.user, organisation, call_id, Action.EDIT)
    results = review_queries.ranking(call)
    if request.method == "POST":
        try:
            date = dt.date.fromisoformat(request.POST.get("date", ""))
        except ValueError:
            messages.error(request, str(_date_message()))
            return back_to("grants-decision", slug=slug, call_id=call_id)
        due = request.POST.get("use_reports_due", "")
        try:
            use_reports_due = dt.date.fromisoformat(due) if due else None
        except ValueError:
            messages.error(request, str(_date_message()))
            return back_to("grants-decision", slug=slug, call_id=call_id)
        granted = {
            result.application.pk: services.Granted(
                amount=request.POST.get(f"amount-{result.application.pk}", "").replace(",", ".").replace(" ", ""),
                reasoning=request.POST.get(f"reasoning-{result.application.pk}", ""),
                reasoning_sv=request.POST.get(f"reasoning_sv-{result.application.pk}", ""),
            )
            for result in results
            if result.application.status == ApplicationStatus.SUBMITTED
        }
        call_service(
            request,
            services.decide,
            call=call,
            body=request.POST.get("body", ""),
            date=date,
            section=request.POST.get("section", ""),
            granted=granted,
            use_reports_due=use_reports_due,
        )
        return back_to("grants-decision", slug=slug, call_id=call_id)
    return render(
        request,
        "grants/decision.html",
        {
            "organisation": organisation,
            "call": call,
            "results": results,
            # The preparer recording the decision is flagged as the reviewers are (a member or contact of the NGO).
            "rows": list(
                zip(
                    results,
                    review_queries.conflicts_of_each(request.user, [r.application for r in results]),
                    strict=True,
                )
            ),
        },
    )


def _date_message() -> str:
    from django.utils.translation import gettext as _

    return _("Give the date of the decision.")


@require_POST
@login_required
def decision_publish(request: AuthenticatedRequest, slug: str, call_id: int) -> HttpResponse:
    call = queries.call_for(request.user, organisation_of(request, slug), call_id, Action.EDIT)
    call_service(request, services.publish_decision, call=call)
    return back_to("grants-decision", slug=slug, call_id=call_id)
