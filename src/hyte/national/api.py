"""The national API: the resources survey's rounds, their results and an organisation's answer (the same services
as the pages), and all of Finland side by side (the national bodies' version for their members, the public one for
everyone else). Refusals answer 400, what the caller may not see 404 (mapped in `hyte.api.root`)."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from ninja import Query, Router, Schema

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import SITE, Action, get_organisation_for, permissions_for
from hyte.core.api import Problem
from hyte.core.http import AuthenticatedRequest
from hyte.national import queries, services
from hyte.national.api_schemas import (
    NationalOverviewOut,
    SurveyAnswerIn,
    SurveyAnswerOut,
    SurveyResultsOut,
    SurveyRoundOut,
)
from hyte.national.models import Answer, SurveyRound
from hyte.national.overview.filters import Choices
from hyte.national.overview.rows import Row, overview

router = Router(tags=["national"])


def _ref(organisation: Organisation) -> dict[str, str]:
    return {"slug": organisation.slug, "name": organisation.name, "kind": organisation.kind}


def _round(survey: SurveyRound) -> dict[str, Any]:
    return {
        "id": survey.pk,
        "year": survey.year,
        "title_fi": survey.title_fi,
        "title_sv": survey.title_sv,
        "sender": _ref(survey.sender),
        "scope": survey.scope,
        "status": survey.status,
        "closes_on": survey.closes_on,
        "answers_public": survey.answers_public,
        "asked": getattr(survey, "asked", 0),
        "submitted": getattr(survey, "submitted", 0),
        "questions": [
            {"id": q.pk, "kind": q.kind, "text_fi": q.text_fi, "text_sv": q.text_sv, "choices": q.choices}
            for q in survey.questions.all()
        ],
    }


def _answer(answer: Answer) -> dict[str, Any]:
    area = answer.organisation.area
    return {
        "organisation": _ref(answer.organisation),
        "area_code": area.code if area else None,
        "status": answer.status,
        "coordinator_named": answer.coordinator_named,
        "coordinator_name": answer.coordinator_name,
        "person_years": float(answer.person_years) if answer.person_years is not None else None,
        "structures": answer.structures,
        "county_cooperation": answer.county_cooperation,
        "extra": answer.extra,
        "submitted_at": answer.submitted_at,
    }


@router.get(
    "/organisations/{slug}/resource-surveys", response=list[SurveyRoundOut], summary="The resources survey's rounds"
)
def list_resource_rounds(request: AuthenticatedRequest, slug: str) -> list[dict[str, Any]]:
    """The rounds the organisation sends or is asked in (on a national body's pages, every round)."""
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    rounds = queries.rounds_of(request.user, organisation)
    questions = queries.questions_by_round([survey.pk for survey in rounds])
    for survey in rounds:
        survey._prefetched_objects_cache = {"questions": questions.get(survey.pk, [])}  # type: ignore[attr-defined]
    return [_round(survey) for survey in rounds]


@router.get(
    "/organisations/{slug}/resource-surveys/{round_id}/results",
    response=SurveyResultsOut,
    summary="A round's results: the response rate and the answers the caller may see",
)
def get_resource_results(request: AuthenticatedRequest, slug: str, round_id: int) -> dict[str, Any]:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    survey = queries.round_for(request.user, organisation, round_id)
    found = queries.results(request.user, survey)
    return {
        "round": _round(survey),
        "response_rate": found.response_rate,
        "answers": [_answer(a) for a in found.answers],
    }


@router.put(
    "/organisations/{slug}/resource-surveys/{round_id}/answer",
    response={200: SurveyAnswerOut, 400: Problem},
    summary="Save or submit the organisation's answer (its coordinators, while the round is open)",
)
def put_resource_answer(request: AuthenticatedRequest, slug: str, round_id: int, data: SurveyAnswerIn) -> Any:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    survey = queries.round_for(request.user, organisation, round_id)
    if not permissions_for(request.user).can(Action.EDIT, organisation):
        raise Http404
    saved = services.save_answer(
        actor=request.user,
        survey=survey,
        organisation=organisation,
        coordinator_named=data.coordinator_named,
        coordinator_name=data.coordinator_name,
        person_years=data.person_years,
        structures=[str(code) for code in data.structures],
        county_cooperation=data.county_cooperation,
        extra=data.extra,
        submit=data.submit,
    )
    return _answer(saved)


class NationalOverviewFilter(Schema):
    kind: str = "municipality"
    county: str = ""
    group: str = ""
    size: str = ""
    sort: str = "name"


def _row(row: Row) -> dict[str, Any]:
    area, plan, answer = row.area, row.plan, row.answer
    return {
        "kind": area.kind,
        "code": area.code,
        "name_fi": area.name_fi,
        "name_sv": area.name_sv,
        "county_code": row.county.code if row.county else "",
        "municipality_group": area.municipality_group,
        "population": row.population,
        "population_year": row.population_year,
        "organisation": row.organisation.slug if row.organisation else None,
        "plan": (
            {
                "term": plan.term,
                "status": plan.status,
                "decision_date": plan.decision_date,
                "published_on": plan.published_on,
            }
            if plan
            else None
        ),
        "annual_report_year": row.annual_year,
        "survey_year": answer.round.year if answer else None,
        "coordinator_named": answer.coordinator_named if answer else None,
        "coordinator": answer.coordinator_name if answer else None,
        "person_years": float(answer.person_years) if answer and answer.person_years is not None else None,
        "structures": answer.structures if answer else None,
        "coefficient": row.coefficient,
        "teaviisari": [
            {
                "sector": t.sector,
                "survey_year": t.survey_year,
                "value": t.value,
                "band": t.band,
                "synthetic": t.synthetic,
            }
            for t in row.teaviisari
        ],
        "indicators": {key: {"value": value, "year": year} for key, (value, year) in row.indicators.items()},
    }


@router.get("/national/overview", response=NationalOverviewOut, summary="All of Finland side by side")
def get_overview(request: AuthenticatedRequest, filters: Query[NationalOverviewFilter]) -> dict[str, Any]:
    """Every current municipality (or county) with its plan, annual report, survey answer and key indicators:
    the national bodies' version for their members, the public one (CC BY 4.0) for everyone else."""
    public = not permissions_for(request.user).can(Action.VIEW_NATIONALLY, SITE)
    found = overview(public=public)
    choices = Choices.of(filters.dict())  # type: ignore[arg-type]
    return {"licence": "CC BY 4.0", "public": public, "areas": [_row(row) for row in choices.apply(found.rows)]}
