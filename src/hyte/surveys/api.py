"""The surveys API, for the organisation's members: its surveys, and a survey's groupings and indicators with their
computed cells (suppressed cells without numbers). Respondents' answers are never answered."""

from __future__ import annotations

from typing import Any

from ninja import Router

from hyte.accounts.permissions import Action, get_organisation_for
from hyte.core.http import AuthenticatedRequest
from hyte.surveys import queries
from hyte.surveys.api_schemas import SurveyDetailOut, SurveyOut
from hyte.surveys.models import Survey
from hyte.surveys.services._common import source_id

router = Router(tags=["surveys"])


def _survey(survey: Survey) -> dict[str, Any]:
    return {
        "id": survey.pk,
        "title_fi": survey.title_fi,
        "title_sv": survey.title_sv,
        "year": survey.year,
        "tool": survey.tool,
        "respondents": survey.respondents,
        "min_cell": survey.min_cell,
        "keep_responses_until": survey.keep_responses_until,
        "responses_deleted_at": survey.responses_deleted_at,
    }


@router.get("/organisations/{slug}/surveys", response=list[SurveyOut], summary="The organisation's surveys")
def list_surveys(request: AuthenticatedRequest, slug: str) -> list[dict[str, Any]]:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    return [_survey(survey) for survey in queries.surveys_of(request.user, organisation)]


@router.get(
    "/organisations/{slug}/surveys/{survey_id}",
    response=SurveyDetailOut,
    summary="A survey with its groupings and indicators by group",
)
def get_survey(request: AuthenticatedRequest, slug: str, survey_id: int) -> dict[str, Any]:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    survey = queries.survey_for(request.user, organisation, survey_id)
    indicators = []
    for indicator in queries.indicators_of(survey):
        groupings = list(indicator.groupings.all())
        published = [source_id(indicator, grouping) for grouping in groupings] or [source_id(indicator, None)]
        indicators.append(
            {
                "id": indicator.pk,
                "title_fi": indicator.title_fi,
                "title_sv": indicator.title_sv,
                "question": indicator.question,
                "counted": indicator.counted,
                "polarity": indicator.polarity,
                "groupings": [grouping.pk for grouping in groupings],
                "published": published,
                "cells": queries.cell_rows(indicator),
            }
        )
    grouping_rows = [
        {"id": g.pk, "title_fi": g.title_fi, "title_sv": g.title_sv, "question": g.question, "dimension": g.dimension}
        for g in queries.groupings_of(survey)
    ]
    return {**_survey(survey), "groupings": grouping_rows, "indicators": indicators}
