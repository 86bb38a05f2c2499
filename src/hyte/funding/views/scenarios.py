"""Saving a what-if as a scenario, and an organisation's scenarios (its own and those shared)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from hyte.accounts.permissions import Action, get_for, get_organisation_for, permissions_for
from hyte.core.http import AuthenticatedRequest, call_service
from hyte.funding import queries, services
from hyte.funding.forms import ScenarioForm
from hyte.funding.models import Scenario
from hyte.funding.views.results import area_of, model_of


@require_POST
@login_required
def scenario_save(request: AuthenticatedRequest, slug: str, model_id: int, area_id: int) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    model = model_of(model_id)
    area = area_of(model, area_id)
    form = ScenarioForm(request.POST)
    changes = {
        key.removeprefix("v-"): str(value)
        for key, value in request.POST.items()
        if key.startswith("v-") and str(value).strip() != ""
    }
    if form.is_valid():
        saved = call_service(
            request,
            services.save_scenario,
            organisation=organisation,
            model=model,
            area=area,
            title=form.cleaned_data["title"],
            changes=changes,
            shared=form.cleaned_data["shared"],
        )
        if saved is not None:
            return redirect("funding-scenarios", slug=slug)
    return redirect("funding-area", model_id=model_id, area_id=area_id)


@require_GET
@login_required
def scenario_list(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    perms = permissions_for(request.user)
    scenarios = [s for s in queries.scenarios_for(request.user) if s.organisation_id == organisation.pk or s.shared]
    return render(
        request,
        "funding/scenarios.html",
        {
            "organisation": organisation,
            "scenarios": scenarios,
            "editable": {s.pk for s in scenarios if perms.can(Action.EDIT, s)},
        },
    )


@require_POST
@login_required
def scenario_share(request: AuthenticatedRequest, slug: str, scenario_id: int) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    scenario = get_for(request.user, Action.VIEW, Scenario.objects.filter(organisation=organisation), pk=scenario_id)
    if request.POST.get("action") == "delete":
        call_service(request, services.delete_scenario, scenario=scenario)
    elif request.POST.get("action") in {"share", "unshare"}:
        call_service(request, services.set_scenario_shared, scenario=scenario, shared=request.POST["action"] == "share")
    else:
        raise Http404
    return redirect("funding-scenarios", slug=slug)
