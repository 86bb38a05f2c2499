"""Statements asked of an organisation: the youth council's municipality, an NGO or a neighbouring municipality
asked by another organisation's comment round. Its members see what was asked and by when; its coordinators give
the statement here (its text and signed file), as the round's coordinators may on the round's page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from hyte.accounts.permissions import Action, get_organisation_for, permissions_for
from hyte.core.http import AuthenticatedRequest
from hyte.participation.forms import StatementForm
from hyte.participation.models import Statement
from hyte.participation.views.manage import give_from_form


@require_GET
@login_required
def asked_statements(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    perms = permissions_for(request.user)
    statements = list(
        Statement.objects.filter(organisation=organisation)
        .select_related("round__organisation", "organisation")
        .order_by("given_at", "due_on", "-requested_at", "id")
    )
    rows = [(statement, perms.can(Action.EDIT, statement)) for statement in statements]
    return render(
        request,
        "participation/asked.html",
        {"organisation": organisation, "rows": rows, "form": StatementForm()},
    )


@require_POST
@login_required
def give_asked_statement(request: AuthenticatedRequest, slug: str, statement_id: int) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    found = (
        Statement.objects.filter(organisation=organisation, pk=statement_id)
        .select_related("round__organisation", "organisation")
        .first()
    )
    if found is None or not permissions_for(request.user).can(Action.EDIT, found):
        raise Http404
    give_from_form(request, found)
    return redirect(reverse("participation-asked", kwargs={"slug": slug}) + f"#statement-{found.pk}")
