"""Service chains: the chains an organisation keeps or takes part in, a chain's page with its diagram and steps,
and the keeper's forms (the chain, its steps added, changed, moved up and down, removed)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from hyte.accounts.permissions import Action, permissions_for
from hyte.cooperation import chain_diagram, chain_queries
from hyte.cooperation.chain_forms import ChainForm, StepForm, chain_picks
from hyte.cooperation.chain_models import ServiceChain
from hyte.cooperation.services import chains as services
from hyte.cooperation.views._common import organisation_of
from hyte.core.http import AuthenticatedRequest, back_to, call_service, require_GET_or_POST
from hyte.indicators.picker import searched


def _to_chain(slug: str, chain_id: int, anchor: str = "") -> HttpResponse:
    return back_to("cooperation-chain", anchor, slug=slug, chain_id=chain_id)


@require_GET_or_POST
@login_required
def chain_list(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """The chains the organisation keeps or takes part in; its coordinators create one."""
    organisation = organisation_of(request, slug)
    can_create = permissions_for(request.user).can(Action.EDIT, ServiceChain(keeper=organisation))
    form = ChainForm(request.POST or None, keeper=organisation) if can_create else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            chain = call_service(request, services.create_chain, keeper=organisation, details=form.details())
            if chain is not None:
                return redirect("cooperation-chain", slug=slug, chain_id=chain.pk)
    return render(
        request,
        "cooperation/chains.html",
        {"organisation": organisation, "chains": chain_queries.chains_of(request.user, organisation), "form": form},
    )


@require_GET_or_POST
@login_required
def chain_page(request: AuthenticatedRequest, slug: str, chain_id: int) -> HttpResponse:
    """A chain: its diagram, its steps as text, and for the keeper's coordinators the forms."""
    organisation = organisation_of(request, slug)
    chain = chain_queries.chain_for(request.user, organisation, chain_id)
    can_edit = permissions_for(request.user).can(Action.EDIT, chain) and chain.keeper_id == organisation.pk
    form = picker = None
    if can_edit:
        picker, found = searched(request.user, organisation, request.GET)
        picks = chain_picks(chain, found, organisation.area_id)
        form = ChainForm(request.POST or None, initial=ChainForm.initial_of(chain), keeper=chain.keeper, picks=picks)
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid() and call_service(request, services.update_chain, chain=chain, details=form.details()):
            return _to_chain(slug, chain.pk)
    steps = list(chain.steps.all())
    return render(
        request,
        "cooperation/chain.html",
        {
            "organisation": organisation,
            "chain": chain,
            "steps": steps,
            "form": form,
            "picker": picker,
            "step_form": StepForm(chain=chain, prefix="new") if can_edit else None,
        },
    )


@require_GET
@login_required
def chain_svg(request: AuthenticatedRequest, slug: str, chain_id: int) -> HttpResponse:
    """The diagram alone, as an SVG file (for a report or a slide)."""
    chain = chain_queries.chain_for(request.user, organisation_of(request, slug), chain_id)
    body = '<?xml version="1.0" encoding="UTF-8"?>\n' + chain_diagram.svg(chain, list(chain.steps.all()))
    response = HttpResponse(body, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="chain-{chain.pk}.svg"'
    return response


@require_POST
@login_required
def step_add(request: AuthenticatedRequest, slug: str, chain_id: int) -> HttpResponse:
    chain = chain_queries.chain_for(request.user, organisation_of(request, slug), chain_id, Action.EDIT)
    form = StepForm(request.POST, chain=chain, prefix="new")
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
        return _to_chain(slug, chain.pk, "new-step-title")
    step = call_service(request, services.add_step, chain=chain, details=form.details())
    return _to_chain(slug, chain.pk, f"step-{step.pk}" if step is not None else "new-step-title")


@require_GET_or_POST
@login_required
def step_edit(request: AuthenticatedRequest, slug: str, chain_id: int, step_id: int) -> HttpResponse:
    organisation = organisation_of(request, slug)
    chain = chain_queries.chain_for(request.user, organisation, chain_id, Action.EDIT)
    step = chain_queries.step_of(chain, step_id)
    form = StepForm(request.POST or None, initial=StepForm.initial_of(step), chain=chain)
    saved = None
    if request.method == "POST" and form.is_valid():
        saved = call_service(request, services.update_step, step=step, details=form.details())
    if saved is not None:
        return _to_chain(slug, chain.pk, f"step-{step.pk}")
    return render(
        request,
        "cooperation/chain_step.html",
        {"organisation": organisation, "chain": chain, "step": step, "form": form},
    )


@require_POST
@login_required
def step_move(request: AuthenticatedRequest, slug: str, chain_id: int, step_id: int) -> HttpResponse:
    chain = chain_queries.chain_for(request.user, organisation_of(request, slug), chain_id, Action.EDIT)
    step = chain_queries.step_of(chain, step_id)
    call_service(request, services.move_step, step=step, offset=-1 if request.POST.get("to") == "up" else 1)
    return _to_chain(slug, chain.pk, f"step-{step.pk}")


@require_POST
@login_required
def step_remove(request: AuthenticatedRequest, slug: str, chain_id: int, step_id: int) -> HttpResponse:
    chain = chain_queries.chain_for(request.user, organisation_of(request, slug), chain_id, Action.EDIT)
    step = chain_queries.step_of(chain, step_id)
    call_service(request, services.remove_step, step=step)
    return _to_chain(slug, chain.pk, "steps-title")
