"""The duplicates of a municipality's register: the likely pairs with their reasons, the merge form with a choice
per field, and "not a duplicate". For the municipality's coordinators (who keep its register)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from hyte.accounts.models import Organisation, OrganisationKind
from hyte.accounts.permissions import Action, get_organisation_for, permissions_for
from hyte.actors import duplicates, merge_services, queries
from hyte.actors.duplicates import Pair
from hyte.actors.merge_forms import MergeForm
from hyte.core.http import AuthenticatedRequest, call_service, require_GET_or_POST


def _keeper_organisation(request: AuthenticatedRequest, slug: str) -> Organisation:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    keeps = queries.edits_register(permissions_for(request.user), organisation)
    if organisation.kind != OrganisationKind.MUNICIPALITY or not keeps:
        raise Http404
    return organisation


def _pair(request: AuthenticatedRequest, organisation: Organisation, first_id: int, second_id: int) -> Pair:
    """Two entries of the register that the reader may merge (edit both); 404 otherwise."""
    pair = duplicates.pair_of(organisation, first_id, second_id)
    perms = permissions_for(request.user)
    if pair is None or not (perms.can(Action.EDIT, pair.first) and perms.can(Action.EDIT, pair.second)):
        raise Http404
    return pair


@require_GET
@login_required
def duplicate_list(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = _keeper_organisation(request, slug)
    perms = permissions_for(request.user)
    pairs = duplicates.likely_duplicates(organisation)
    rows = [
        {
            "pair": pair,
            "can_merge": perms.can(Action.EDIT, pair.first) and perms.can(Action.EDIT, pair.second),
            "can_dismiss": perms.can(Action.EDIT, pair.first) or perms.can(Action.EDIT, pair.second),
        }
        for pair in pairs
    ]
    return render(
        request,
        "actors/duplicates.html",
        {"organisation": organisation, "rows": rows, "threshold": duplicates.NAME_SIMILARITY},
    )


@require_GET_or_POST
@login_required
def duplicate_merge(request: AuthenticatedRequest, slug: str, first_id: int, second_id: int) -> HttpResponse:
    organisation = _keeper_organisation(request, slug)
    pair = _pair(request, organisation, first_id, second_id)
    form = MergeForm(request.POST or None, pair=pair)
    if request.method == "POST" and form.is_valid():
        survivor, merged = form.survivor_and_merged()
        kept = call_service(request, merge_services.merge_actors, survivor=survivor, merged=merged, take=form.take())
        if kept is not None:
            return redirect("register-actor", slug=slug, actor_id=kept.pk)
    counts = {entry.pk: entry.activities.count() for entry in (pair.first, pair.second)}
    return render(
        request,
        "actors/merge.html",
        {
            "organisation": organisation,
            "pair": pair,
            "form": form,
            "entries": [(entry, counts[entry.pk]) for entry in (pair.first, pair.second)],
        },
    )


@require_POST
@login_required
def duplicate_dismiss(request: AuthenticatedRequest, slug: str, first_id: int, second_id: int) -> HttpResponse:
    organisation = _keeper_organisation(request, slug)
    pair = next(
        (p for p in duplicates.likely_duplicates(organisation) if {p.first.pk, p.second.pk} == {first_id, second_id}),
        None,
    )
    if pair is None:
        raise Http404
    call_service(request, merge_services.mark_not_duplicate, first=pair.first, second=pair.second)
    return redirect("register-duplicates", slug=slug)
