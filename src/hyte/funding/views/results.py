"""Public pages: the models, one version's results for every area, an area's explanation and its what-if."""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hyte.accounts.permissions import SITE, Action, permissions_for
from hyte.funding import queries
from hyte.funding.exchange import model_to_json
from hyte.funding.forms import ModelUploadForm, ScenarioForm, UploadForm
from hyte.funding.models import CoefficientModel, Scenario
from hyte.regions.models import Area, AreaKind


def model_of(model_id: int) -> CoefficientModel:
    model = queries.models_queryset().filter(pk=model_id).first()
    if model is None:
        raise Http404
    return model


def area_of(model: CoefficientModel, area_id: int) -> Area:
    kind = AreaKind.MUNICIPALITY if model.kind == "municipal" else AreaKind.COUNTY
    area = Area.objects.filter(pk=area_id, kind=kind).first()
    if area is None:
        raise Http404
    return area


@require_GET
def models_page(request: HttpRequest) -> HttpResponse:
    perms = permissions_for(request.user)
    administer = perms.can(Action.ADMINISTER_NATIONALLY, SITE)
    return render(
        request,
        "funding/models.html",
        {
            "models": queries.models_queryset().order_by("-kind", "key", "-version"),
            "administer": administer,
            "upload_form": ModelUploadForm() if administer else None,
            "teaviisari_form": UploadForm() if administer else None,
        },
    )


@require_GET
def results_page(request: HttpRequest, model_id: int) -> HttpResponse:
    model = model_of(model_id)
    administer = permissions_for(request.user).can(Action.EDIT, model)
    return render(
        request,
        "funding/results.html",
        {
            "model": model,
            "results": queries.results_for(model),
            "administer": administer,
            "official_form": UploadForm() if administer else None,
        },
    )


@require_GET
def model_export(request: HttpRequest, model_id: int) -> HttpResponse:
    model = model_of(model_id)
    body = json.dumps(model_to_json(model), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="hyte-coefficient-{model.key}-v{model.version}.json"'
    return response


@require_GET
def area_page(request: HttpRequest, model_id: int, area_id: int) -> HttpResponse:
    """An area's result explained, and the what-if form: the changed values come as GET parameters (a read)."""
    model = model_of(model_id)
    area = area_of(model, area_id)
    explanation = queries.explain(model, area)
    if explanation is None:
        raise Http404
    changes = {
        key.removeprefix("v-"): str(value)
        for key, value in request.GET.items()
        if key.startswith("v-") and str(value).strip() != ""
    }
    error = ""
    result = None
    if changes:
        try:
            cleaned = queries.clean_changes(model, changes)
            result = queries.what_if(model, area, cleaned)
        except ValidationError as refused:
            error = " ".join(refused.messages)
    perms = permissions_for(request.user)
    savers = [
        m.organisation for m in perms.memberships if perms.can(Action.CONTRIBUTE, Scenario(organisation=m.organisation))
    ]
    return render(
        request,
        "funding/area.html",
        {
            "model": model,
            "area": area,
            "explanation": explanation,
            "what_if": result,
            "changes": changes,
            "error": error,
            "savers": savers,
            "scenario_form": ScenarioForm() if savers and result is not None else None,
        },
    )
