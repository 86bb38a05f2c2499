"""The impact assessment API: the register, an assessment with its matrix, and the writes of the whole flow.

Every write calls the same service as the pages; a refusal answers 400 with the reason, a missing permission 404
(both mapped in one place, `hyte.api.root`).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from hyte.accounts.permissions import Action, get_organisation_for
from hyte.assessments import exports, queries, services
from hyte.assessments.api_schemas import (
    AnswersIn,
    AssessmentIn,
    AssessmentOut,
    AssessmentPatch,
    AssessmentRowOut,
    CountsOut,
    DecisionIn,
    FollowUpIn,
    GoalEffectIn,
    GoalEffectOut,
    HearingIn,
    HearingSaved,
    ImpactIn,
    ImpactOut,
    MatrixOut,
    OptionIn,
    OptionOut,
    RegisterFilters,
    ScreeningIn,
)
from hyte.assessments.models import Assessment, Impact, ImpactArea
from hyte.core.api import Problem
from hyte.core.http import AuthenticatedRequest
from hyte.reports.models import Goal

router = Router(tags=["assessments"])

# The register's CSV download: a file, described by its media type (not as JSON).
CSV_ANSWER = {
    "responses": {
        "200": {
            "description": "The register as CSV (`;`-separated, UTF-8), the same columns as the list.",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    }
}


def _assessment(request: HttpRequest, slug: str, assessment_id: int) -> Assessment:
    organisation = get_organisation_for(request.user, slug, Action.VIEW_DRAFTS)
    return queries.assessment_for(request.user, organisation, assessment_id)


def _impact(impact: Impact) -> dict[str, Any]:
    return {
        "option": impact.option_id,
        "area": impact.area,
        "direction": impact.direction,
        "size": impact.size or None,
        "certainty": impact.certainty or None,
        "time_span": impact.time_span or None,
        "description": impact.description,
        "sources": impact.sources,
        "indicators": [
            {"id": i.pk, "source": i.source, "code": i.source_id, "title": i.title_fi} for i in impact.indicators.all()
        ],
    }


def _detail(assessment: Assessment) -> dict[str, Any]:
    content = queries.summary(assessment)
    row = exports.register_rows([assessment])[0]
    return {
        **row,
        "description": assessment.description,
        "preparer": assessment.preparer.get_username() if assessment.preparer else None,
        "participants": [u.get_username() for u in content["participants"]],
        "other_participants": content["other_participants"],
        "screening": {"questions": assessment.screening_questions, "reason": assessment.screening_reason},
        "answers": assessment.answers,
        "options": [
            {"id": o.pk, "title": o.title, "description": o.description, "no_change": o.is_no_change}
            for o in content["options"]
        ],
        "cumulative_effects": assessment.cumulative_effects,
        "goal_effects": [
            {"option": e.option_id, "goal": e.goal_id, "goal_text": e.goal.text, "effect": e.effect, "note": e.note}
            for o in content["options"]
            for e in o.goal_effects.all()
        ],
        "hearings": [
            {
                "party": h.party,
                "heard_on": h.heard_on.isoformat() if h.heard_on else None,
                "views": h.views,
                "response": h.response,
            }
            for h in content["hearings"]
        ],
        "conclusion": assessment.conclusion,
        "recommended_option": assessment.recommended_option_id,
        "decided_option": assessment.decided_option_id,
        "follow_up_notes": assessment.follow_up_notes,
    }


def _register(request: HttpRequest, slug: str, filters: RegisterFilters) -> Any:
    organisation = get_organisation_for(request.user, slug, Action.VIEW_DRAFTS)
    return queries.search(
        queries.readable_assessments(request.user, organisation),
        text=filters.q,
        body=filters.body,
        status=filters.status or "",
        group=filters.group or "",
        goal=filters.goal,
        year=filters.year,
    )


@router.get(
    "/organisations/{slug}/assessments",
    response=list[AssessmentRowOut],
    summary="The organisation's impact assessments",
)
def list_assessments(request: AuthenticatedRequest, slug: str, filters: Query[RegisterFilters]) -> list[dict[str, Any]]:
    return exports.register_rows(_register(request, slug, filters))


@router.get(
    "/organisations/{slug}/assessments.csv",
    summary="The register as CSV",
    openapi_extra=CSV_ANSWER,
)
def assessments_csv(request: AuthenticatedRequest, slug: str, filters: Query[RegisterFilters]) -> HttpResponse:
    return HttpResponse(exports.register_csv(_register(request, slug, filters)), content_type="text/csv; charset=utf-8")


@router.get(
    "/organisations/{slug}/assessments/counts",
    response=list[CountsOut],
    summary="Assessments per year, for the annual report",
)
def assessment_counts(request: AuthenticatedRequest, slug: str) -> list[dict[str, Any]]:
    organisation = get_organisation_for(request.user, slug, Action.VIEW_DRAFTS)
    return [
        {
            "year": row.year,
            "started": row.started,
            "screened_out": row.screened_out,
            "full": row.full,
            "child": row.child,
            "decided": row.decided,
            "followed_up": row.followed_up,
        }
        for row in queries.counts_per_year(organisation)
    ]


@router.post(
    "/organisations/{slug}/assessments",
    response={201: AssessmentOut, 400: Problem},
    exclude_unset=True,
    summary="Start an impact assessment",
)
def post_assessment(request: AuthenticatedRequest, slug: str, data: AssessmentIn) -> Any:
    organisation = get_organisation_for(request.user, slug, Action.VIEW_DRAFTS)
    fields = data.dict()
    source_id = fields.pop("copy_from")
    source = queries.copyable(organisation).filter(pk=source_id).first() if source_id is not None else None
    if source_id is not None and source is None:
        return Status(400, {"detail": _("There is no such assessment to copy in the organisation.")})
    created = services.create_assessment(actor=request.user, organisation=organisation, copy_from=source, **fields)
    return Status(201, _detail(created))


@router.get(
    "/organisations/{slug}/assessments/{assessment_id}",
    response=AssessmentOut,
    exclude_unset=True,
    summary="An assessment with its options",
)
def get_assessment(request: AuthenticatedRequest, slug: str, assessment_id: int) -> dict[str, Any]:
    return _detail(_assessment(request, slug, assessment_id))


@router.patch(
    "/organisations/{slug}/assessments/{assessment_id}",
    response={200: AssessmentOut, 400: Problem},
    exclude_unset=True,
    summary="Change an assessment's details",
)
def patch_assessment(request: AuthenticatedRequest, slug: str, assessment_id: int, data: AssessmentPatch) -> Any:
    assessment = _assessment(request, slug, assessment_id)
    changes = data.dict(exclude_unset=True)
    if "recommended_option" in changes:
        option_id = changes["recommended_option"]
        changes["recommended_option"] = (
            assessment.options.filter(pk=option_id).first() if option_id is not None else None
        )
        if option_id is not None and changes["recommended_option"] is None:
            return Status(400, {"detail": _("The option is not one of this assessment's options.")})
    return _detail(services.update_assessment(actor=request.user, assessment=assessment, **changes))


@router.put(
    "/organisations/{slug}/assessments/{assessment_id}/answers",
    response={200: AssessmentOut, 400: Problem},
    exclude_unset=True,
    summary="Answer the method's questions",
)
def put_answers(request: AuthenticatedRequest, slug: str, assessment_id: int, data: AnswersIn) -> Any:
    assessment = _assessment(request, slug, assessment_id)
    return _detail(services.save_answers(actor=request.user, assessment=assessment, **data.dict()))


@router.post(
    "/organisations/{slug}/assessments/{assessment_id}/screening",
    response={200: AssessmentOut, 400: Problem},
    exclude_unset=True,
    summary="Conclude the screening",
)
def post_screening(request: AuthenticatedRequest, slug: str, assessment_id: int, data: ScreeningIn) -> Any:
    assessment = _assessment(request, slug, assessment_id)
    return _detail(services.record_screening(actor=request.user, assessment=assessment, **data.dict()))


@router.post(
    "/organisations/{slug}/assessments/{assessment_id}/options",
    response={201: OptionOut, 400: Problem},
    summary="Add an option to compare",
)
def post_option(request: AuthenticatedRequest, slug: str, assessment_id: int, data: OptionIn) -> Any:
    assessment = _assessment(request, slug, assessment_id)

    option = services.add_option(actor=request.user, assessment=assessment, **data.dict())
    return Status(201, {"id": option.pk, "title": option.title, "description": option.description, "no_change": False})


@router.get("/organisations/{slug}/assessments/{assessment_id}/matrix", response=MatrixOut, summary="The impact matrix")
def get_matrix(request: AuthenticatedRequest, slug: str, assessment_id: int) -> dict[str, Any]:
    """Every option, every impact area and every assessed cell with its indicators."""
    assessment = _assessment(request, slug, assessment_id)
    options = queries.options_with_impacts(assessment)
    return {
        "options": [{"id": o.pk, "title": o.title, "no_change": o.is_no_change} for o in options],
        "areas": [{"code": area.value, "label": str(area.label)} for area in ImpactArea],
        "cells": [_impact(impact) for option in options for impact in option.impacts.all()],
        "cumulative_effects": assessment.cumulative_effects,
    }


@router.put(
    "/organisations/{slug}/assessments/{assessment_id}/options/{option_id}/impacts/{area}",
    response={200: ImpactOut, 400: Problem},
    summary="Write one cell of the impact matrix",
)
def put_impact(
    request: AuthenticatedRequest, *, slug: str, assessment_id: int, option_id: int, area: ImpactArea, data: ImpactIn
) -> Any:
    assessment = _assessment(request, slug, assessment_id)
    option = queries.option_for(assessment, option_id)
    impact = services.set_impact(
        actor=request.user,
        option=option,
        area=area,
        direction=data.direction,
        size=data.size or "",
        certainty=data.certainty or "",
        time_span=data.time_span or "",
        description=data.description,
        sources=data.sources,
        indicator_codes=data.indicators,
    )
    return _impact(impact)


@router.put(
    "/organisations/{slug}/assessments/{assessment_id}/options/{option_id}/goals/{goal_id}",
    response={200: GoalEffectOut, 400: Problem},
    summary="Record an option's effect on a plan goal",
)
def put_goal_effect(
    request: AuthenticatedRequest, *, slug: str, assessment_id: int, option_id: int, goal_id: int, data: GoalEffectIn
) -> Any:
    assessment = _assessment(request, slug, assessment_id)
    option = queries.option_for(assessment, option_id)
    goal = get_object_or_404(
        Goal.objects.select_related("report"), pk=goal_id, report__organisation=assessment.organisation
    )

    found = services.set_goal_effect(actor=request.user, option=option, goal=goal, **data.dict())
    return {"option": option.pk, "goal": goal.pk, "effect": found.effect, "note": found.note}


@router.post(
    "/organisations/{slug}/assessments/{assessment_id}/hearings",
    response={201: HearingSaved, 400: Problem},
    summary="Record a hearing",
)
def post_hearing(request: AuthenticatedRequest, slug: str, assessment_id: int, data: HearingIn) -> Any:
    assessment = _assessment(request, slug, assessment_id)

    hearing = services.add_hearing(actor=request.user, assessment=assessment, **data.dict())
    return Status(201, {"id": hearing.pk, "party": hearing.party, "views": hearing.views})


@router.post(
    "/organisations/{slug}/assessments/{assessment_id}/ready",
    response={200: AssessmentOut, 400: Problem},
    exclude_unset=True,
    summary="Produce the summary for the decision",
)
def post_ready(request: AuthenticatedRequest, slug: str, assessment_id: int) -> Any:
    assessment = _assessment(request, slug, assessment_id)
    return _detail(services.mark_ready(actor=request.user, assessment=assessment))


@router.put(
    "/organisations/{slug}/assessments/{assessment_id}/decision",
    response={200: AssessmentOut, 400: Problem},
    exclude_unset=True,
    summary="Record the decision",
)
def put_decision(request: AuthenticatedRequest, slug: str, assessment_id: int, data: DecisionIn) -> Any:
    assessment = _assessment(request, slug, assessment_id)
    values = data.dict()
    option_id = values.pop("decided_option")
    option = assessment.options.filter(pk=option_id).first() if option_id is not None else None
    if option_id is not None and option is None:
        return Status(400, {"detail": _("The option is not one of this assessment's options.")})
    return _detail(services.record_decision(actor=request.user, assessment=assessment, decided_option=option, **values))


@router.put(
    "/organisations/{slug}/assessments/{assessment_id}/follow-up",
    response={200: AssessmentOut, 400: Problem},
    exclude_unset=True,
    summary="Record the follow-up of the decision's effects",
)
def put_follow_up(request: AuthenticatedRequest, slug: str, assessment_id: int, data: FollowUpIn) -> Any:
    assessment = _assessment(request, slug, assessment_id)
    return _detail(services.record_follow_up(actor=request.user, assessment=assessment, notes=data.notes))
