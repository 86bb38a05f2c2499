"""The grants' API (read): the published calls and the published decisions, for everyone (CC BY 4.0, as the open
data files say); an NGO's own applications, for its members. The records are the open data's own
(`opendata.call_record`, `decisions`), so the API and the files never disagree."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import Http404
from ninja import Field, Router, Schema

from hyte.accounts.permissions import Action, get_organisation_for, permissions_for
from hyte.core.http import AuthenticatedRequest
from hyte.grants import decisions, opendata, queries

router = Router(tags=["grants"])


class ScaleLevelOut(Schema):
    points: float
    text: str
    text_sv: str


class CallGoalOut(Schema):
    id: int
    text: str
    text_sv: str


class CallCriterionOut(Schema):
    title: str
    title_sv: str
    weight: float
    plan_goal: int | None = Field(description="the plan goal's id")


class GrantCallOut(Schema):
    id: int
    funder: str
    funder_sv: str
    funder_business_id: str
    kind: str = Field(description="general, project, partnership or small")
    title: str
    title_sv: str
    description: str
    description_sv: str
    budget_eur: str
    opens_at: str = Field(description="ISO 8601, Europe/Helsinki")
    closes_at: str = Field(description="ISO 8601, Europe/Helsinki")
    eligibility: str
    eligibility_sv: str
    division_of_work: str
    division_of_work_sv: str
    required_attachments: list[str]
    weights_total: float
    scale: list[ScaleLevelOut]
    proposal_rule: str
    plan_goals: list[CallGoalOut]
    criteria: list[CallCriterionOut]


class DecisionCriterionOut(Schema):
    criterion: str
    weight: float
    plan_goal: str
    average_points: str


class DecisionGrantOut(Schema):
    ngo: str
    business_id: str
    call: str
    activities: list[str]
    amount_eur: str
    amount_applied_eur: str
    plan_goals: list[str]
    weighted_score: str
    rank: int | None
    reasoning: str
    reasoning_sv: str
    criteria: list[DecisionCriterionOut]


class DisqualificationOut(Schema):
    reviewer: str
    ngo: str
    ground: str


class DecisionChangeOut(Schema):
    ngo: str
    business_id: str
    decided_by: str
    date: str | None
    section: str
    amount_eur: str = Field(description="the grant after the change")
    reasoning: str
    reasoning_sv: str


class GrantDecisionOut(Schema):
    call_id: int
    call: str
    funder: str
    decided_by: str
    date: str | None
    section: str
    budget_eur: str
    grants: list[DecisionGrantOut]
    disqualifications: list[DisqualificationOut]
    changes: list[DecisionChangeOut] = Field(description="changes to the grants decided after the decision")


class OwnApplicationOut(Schema):
    id: int
    call: int
    call_title: str
    funder: str
    status: str = Field(description="draft, submitted or decided")
    amount_applied: Decimal
    granted_amount: Decimal | None = Field(description="the grant now (a decided change sets it)")
    change_of: int | None = Field(description="the decided application this one changes, for a change")
    created_at: dt.datetime
    submitted_at: dt.datetime | None


@router.get("/grants/calls", response=list[GrantCallOut], auth=None, summary="The published grant calls")
def list_grant_calls(request: Any) -> list[dict[str, Any]]:
    """Every published call of every funder (CC BY 4.0): its criteria and weights, the scale, the plan goals."""
    return [opendata.call_record(call) for call in queries.published_calls()]


@router.get("/grants/calls/{call_id}", response=GrantCallOut, auth=None, summary="A published grant call")
def get_grant_call(request: Any, call_id: int) -> dict[str, Any]:
    call = queries.published_call(call_id)
    if call is None:
        raise Http404
    return opendata.call_record(call)


@router.get("/grants/decisions", response=list[GrantDecisionOut], auth=None, summary="The published grant decisions")
def list_grant_decisions(request: Any) -> list[dict[str, Any]]:
    """Every published decision (CC BY 4.0): each grant with its NGO, amount, weighted score and its breakdown by
    criterion, and the disqualifications recorded in the decision."""
    calls = decisions.published_decisions()
    batch = decisions.read_batch(calls)
    return [decisions.decision_record(call, batch) for call in calls]


@router.get(
    "/organisations/{slug}/grant-applications",
    response=list[OwnApplicationOut],
    summary="An NGO's own grant applications",
)
def list_own_applications(request: AuthenticatedRequest, slug: str) -> list[dict[str, Any]]:
    """The organisation's applications as an applicant (its members only), newest first."""
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    perms = permissions_for(request.user)
    return [
        {
            "id": application.pk,
            "call": application.call_id,
            "call_title": application.call.title,
            "funder": application.call.funder.name,
            "status": application.status,
            "amount_applied": application.amount_applied,
            "granted_amount": application.granted_amount,
            "change_of": application.change_of_id,
            "created_at": application.created_at,
            "submitted_at": application.submitted_at,
        }
        for application in queries.applications_of(organisation)
        if perms.can(Action.VIEW, application)
    ]
