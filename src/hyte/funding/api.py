"""The coefficient API: models (public; national administrators import), every area's results, what-ifs, an
organisation's scenarios and TEAviisari values. The same services and queries as the pages; refusals answer 400,
what the caller may not see 404 (mapped in `hyte.api.root`)."""

from __future__ import annotations

import json
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Status

from hyte.accounts.permissions import Action, get_organisation_for
from hyte.core.api import Problem
from hyte.core.http import AuthenticatedRequest
from hyte.funding import queries, services
from hyte.funding.api_schemas import (
    AreaResultOut,
    ModelIn,
    ModelOut,
    ResultsOut,
    ScenarioIn,
    ScenarioOut,
    TeaviisariOut,
    WhatIfIn,
    WhatIfOut,
)
from hyte.funding.models import CoefficientModel, ModelKind, Scenario, TeaviisariValue
from hyte.funding.queries import AreaResult
from hyte.regions.models import Area, AreaKind

router = Router(tags=["coefficient"])


def _model(model_id: int) -> CoefficientModel:
    model = queries.models_queryset().filter(pk=model_id).first()
    if model is None:
        raise Http404
    return model


def _area(model: CoefficientModel, code: str) -> Area:
    kind = AreaKind.MUNICIPALITY if model.kind == ModelKind.MUNICIPAL else AreaKind.COUNTY
    area = Area.objects.filter(kind=kind, code=code).first()
    if area is None:
        raise Http404
    return area


def _model_out(model: CoefficientModel) -> dict[str, Any]:
    indicators = list(model.indicators.all())
    return {
        **{f: getattr(model, f) for f in ModelOut.model_fields if f not in {"indicators", "provisional"}},
        "provisional": model.is_provisional,
        "indicators": [
            {
                f: getattr(ind, f)
                for f in (
                    "code",
                    "part",
                    "title_fi",
                    "title_sv",
                    "source",
                    "sector",
                    "item",
                    "sotkanet_id",
                    "data_years",
                    "scaling",
                    "target_value",
                    "change_years",
                    "weight",
                    "direction",
                    "provisional",
                    "provisional_note",
                )
            }
            for ind in indicators
        ],
    }


def _row(row: AreaResult) -> dict[str, Any]:
    return {
        "area": {"kind": row.area.kind, "code": row.area.code, "name": row.area.name},
        **{f: getattr(row, f) for f in AreaResultOut.model_fields if f != "area"},
    }


def _scenario(scenario: Scenario) -> dict[str, Any]:
    return {
        "id": scenario.pk,
        "model": scenario.model_id,
        "organisation": scenario.organisation.slug,
        "area": {"kind": scenario.area.kind, "code": scenario.area.code, "name": scenario.area.name},
        "title": scenario.title,
        "changes": scenario.changes,
        "result": scenario.result,
        "shared": scenario.shared,
        "created_at": scenario.created_at.isoformat(),
    }


@router.get("/coefficient/models", response=list[ModelOut], auth=None, summary="HYTE coefficient models")
def list_models(request: HttpRequest) -> list[dict[str, Any]]:
    return [_model_out(m) for m in queries.models_queryset().order_by("-kind", "key", "-version")]


@router.get("/coefficient/models/{model_id}", response=ModelOut, auth=None, summary="One model version")
def get_model(request: HttpRequest, model_id: int) -> dict[str, Any]:
    return _model_out(_model(model_id))


@router.post(
    "/coefficient/models",
    response={201: ModelOut, 400: Problem},
    summary="Import a model as the next version of its key (national administrators)",
)
def post_model(request: AuthenticatedRequest, data: ModelIn) -> Any:
    model = services.import_model(actor=request.user, data=json.dumps(data.document))
    return Status(201, _model_out(_model(model.pk)))


@router.get("/coefficient/models/{model_id}/results", response=ResultsOut, auth=None, summary="Every area's result")
def get_results(request: HttpRequest, model_id: int) -> dict[str, Any]:
    results = queries.results_for(_model(model_id))
    return {
        "model": model_id,
        "provisional": results.provisional,
        "synthetic": results.synthetic,
        "count": results.count,
        "total_euros": results.total_euros,
        "results": [_row(row) for row in results.rows],
    }


@router.post(
    "/coefficient/models/{model_id}/what-if",
    response={200: WhatIfOut, 400: Problem},
    auth=None,
    summary="Compute a what-if (nothing is saved)",
)
def post_what_if(request: HttpRequest, model_id: int, data: WhatIfIn) -> Any:
    model = _model(model_id)
    result = queries.what_if(model, _area(model, data.area), queries.clean_changes(model, data.values))
    if result is None:
        raise Http404
    return {
        "model": model_id,
        "provisional": model.is_provisional,
        "count": result.count,
        "changes": result.changes,
        "before": _row(result.before),
        "after": _row(result.after),
    }


@router.get(
    "/organisations/{slug}/coefficient-scenarios",
    response=list[ScenarioOut],
    summary="The organisation's what-if scenarios and those shared",
)
def list_scenarios(request: AuthenticatedRequest, slug: str) -> list[dict[str, Any]]:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    return [
        _scenario(s) for s in queries.scenarios_for(request.user) if s.organisation_id == organisation.pk or s.shared
    ]


@router.post(
    "/organisations/{slug}/coefficient-scenarios",
    response={201: ScenarioOut, 400: Problem},
    summary="Save a what-if scenario (editors and up)",
)
def post_scenario(request: AuthenticatedRequest, slug: str, data: ScenarioIn) -> Any:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    model = _model(data.model)
    scenario = services.save_scenario(
        actor=request.user,
        organisation=organisation,
        model=model,
        area=_area(model, data.area),
        title=data.title,
        changes=data.values,
        shared=data.shared,
    )
    return Status(201, _scenario(scenario))


@router.get(
    "/teaviisari/{kind}/{code}", response=list[TeaviisariOut], auth=None, summary="An area's TEAviisari results"
)
def list_teaviisari(request: HttpRequest, kind: AreaKind, code: str) -> list[TeaviisariValue]:
    area = Area.objects.filter(kind=kind, code=code).first()
    if area is None:
        raise Http404
    return list(TeaviisariValue.objects.filter(area=area).order_by("sector", "-survey_year", "item", "dimension"))
