"""The cooperation agreement's API: the agreements an organisation keeps or is a party to, with every version's
sections, parties and approval decisions; a party's decision recorded (the keeper's coordinators or the party's
own). The same services and rules as the pages; refusals answer 400, what the caller may not see 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from hyte.accounts.permissions import Action, get_organisation_for
from hyte.cooperation import agreement_docs as docs
from hyte.cooperation.agreement_models import Agreement, AgreementVersion
from hyte.cooperation.services import agreements as services
from hyte.core.api import Problem
from hyte.core.http import AuthenticatedRequest

router = Router(tags=["cooperation agreements"])


class AgreementDecisionIn(Schema):
    party: str = Field(max_length=80, description="the party's short name (slug)")
    body: str = Field(max_length=200, description="the body that decided, e.g. the city council")
    date: dt.date
    reference: str = Field(max_length=100, description="the section of its minutes, e.g. § 77")
    business_id: str = Field("", max_length=9)


class AgreementPartyOut(Schema):
    organisation: str = Field(description="the party's short name (slug)")
    name: str
    business_id: str
    decision_body: str
    decision_date: dt.date | None
    decision_reference: str


class AgreementVersionOut(Schema):
    number: int
    term_start: dt.date
    term_end: dt.date
    background: str
    goals: str
    actions: str
    indicators: str
    structures: str
    rules: str
    follow_up: str
    approved_at: dt.datetime | None = Field(description="set once approved: the version is then frozen")
    parties: list[AgreementPartyOut]


class AgreementOut(Schema):
    id: int
    title: str
    keeper: str = Field(description="the keeper's short name (slug)")
    versions: list[AgreementVersionOut]


def _version(version: AgreementVersion) -> dict[str, Any]:
    fields = ["number", "term_start", "term_end", *services.TEXTS, "approved_at"]
    return {
        **{name: getattr(version, name) for name in fields},
        "parties": [
            {
                "organisation": party.organisation.slug,
                "name": party.organisation.name,
                "business_id": party.business_id,
                "decision_body": party.decision_body,
                "decision_date": party.decision_date,
                "decision_reference": party.decision_reference,
            }
            for party in version.parties.all()
        ],
    }


def _agreement(agreement: Agreement) -> dict[str, Any]:
    return {
        "id": agreement.pk,
        "title": agreement.title,
        "keeper": agreement.keeper.slug,
        "versions": [_version(version) for version in agreement.versions.all()],
    }


@router.get("/organisations/{slug}/agreements", response=list[AgreementOut], summary="The cooperation agreements")
def list_agreements(request: AuthenticatedRequest, slug: str) -> list[dict[str, Any]]:
    """The agreements the organisation keeps or is a party to, every version with its parties and decisions."""
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    return [_agreement(each) for each in docs.agreements_of(request.user, organisation)]


@router.get("/organisations/{slug}/agreements/{agreement_id}", response=AgreementOut, summary="A cooperation agreement")
def get_agreement(request: AuthenticatedRequest, slug: str, agreement_id: int) -> dict[str, Any]:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    return _agreement(docs.agreement_for(request.user, organisation, agreement_id))


@router.post(
    "/organisations/{slug}/agreements/{agreement_id}/versions/{number}/decisions",
    response={200: AgreementVersionOut, 400: Problem},
    summary="A party's approval decision recorded",
)
def post_decision(
    request: AuthenticatedRequest, slug: str, agreement_id: int, number: int, data: AgreementDecisionIn
) -> Any:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    agreement = docs.agreement_for(request.user, organisation, agreement_id)
    version = docs.version_of(agreement, number)
    party = next((p for p in version.parties.all() if p.organisation.slug == data.party), None)
    if party is None:
        return Status(400, {"detail": _("That organisation is not a party to this version.")})
    party.version = version
    services.record_decision(
        actor=request.user,
        party=party,
        body=data.body,
        date=data.date,
        reference=data.reference,
        business_id=data.business_id,
    )
    fresh = docs.agreement_for(request.user, organisation, agreement_id)
    return _version(docs.version_of(fresh, number))
