"""The cooperation agreement's API: the agreements an organisation keeps or is a party to, with every version's
sections, parties and approval decisions; a party's decision recorded (the keeper's coordinators or the party's
own); the keeper's coordinators draft an agreement, edit the version in preparation, approve it, start a new
version and add or remove its parties. The same services and rules as the pages; refusals answer 400, what the
caller may not see or change 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from hyte.accounts.models import Organisation
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


class AgreementTextIn(Schema):
    term_start: dt.date
    term_end: dt.date = Field(description="after term_start")
    background: str = Field("", max_length=50000)
    goals: str = Field("", max_length=50000)
    actions: str = Field("", max_length=50000)
    indicators: str = Field("", max_length=50000)
    structures: str = Field("", max_length=50000)
    rules: str = Field("", max_length=50000)
    follow_up: str = Field("", max_length=50000)


class AgreementNewIn(AgreementTextIn):
    title: str = Field(max_length=300)
    parties: list[str] = Field(
        max_length=400, description="the other parties' short names (slugs); the keeper is always a party"
    )


class AgreementPartyIn(Schema):
    organisation: str = Field(max_length=80, description="the new party's short name (slug)")


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


def _content(data: AgreementTextIn) -> services.AgreementText:
    return services.AgreementText(**data.dict(include={"term_start", "term_end", *services.TEXTS}))


def _kept(request: AuthenticatedRequest, slug: str, agreement_id: int) -> tuple[Organisation, Agreement]:
    """The agreement, if the caller may change it (the keeper's coordinators), else 404."""
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    return organisation, docs.agreement_for(request.user, organisation, agreement_id, Action.EDIT)


def _version_out(request: AuthenticatedRequest, organisation: Organisation, agreement_id: int, number: int) -> Any:
    return _version(docs.version_of(docs.agreement_for(request.user, organisation, agreement_id), number))


@router.post(
    "/organisations/{slug}/agreements",
    response={201: AgreementOut, 400: Problem},
    summary="A new cooperation agreement and its first version (the keeper's coordinators)",
)
def post_agreement(request: AuthenticatedRequest, slug: str, data: AgreementNewIn) -> Any:
    """Kept by the organisation in the address, a party to it with the organisations named."""
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    parties = list(Organisation.objects.filter(slug__in=data.parties))
    if len(parties) != len(set(data.parties)):
        raise ValidationError(_("Unknown organisation among the parties."))
    created = services.create_agreement(
        actor=request.user, keeper=organisation, title=data.title, parties=parties, content=_content(data)
    )
    return Status(201, _agreement(docs.agreement_for(request.user, organisation, created.pk)))


VERSION = "/organisations/{slug}/agreements/{agreement_id}/versions/{number}"


@router.put(
    VERSION,
    response={200: AgreementVersionOut, 400: Problem},
    summary="Edit the texts and term of a version in preparation",
)
def put_agreement_version(
    request: AuthenticatedRequest, slug: str, agreement_id: int, number: int, data: AgreementTextIn
) -> Any:
    """Every section as a whole; an approved version no longer changes (`400`: start a new version)."""
    organisation, agreement = _kept(request, slug, agreement_id)
    services.edit_version(actor=request.user, version=docs.version_of(agreement, number), content=_content(data))
    return _version_out(request, organisation, agreement_id, number)


@router.post(
    VERSION + "/approve",
    response={200: AgreementVersionOut, 400: Problem},
    summary="Approve a version once every party has decided (it is then frozen)",
)
def post_agreement_approve(request: AuthenticatedRequest, slug: str, agreement_id: int, number: int) -> Any:
    organisation, agreement = _kept(request, slug, agreement_id)
    services.approve_version(actor=request.user, version=docs.version_of(agreement, number))
    return _version_out(request, organisation, agreement_id, number)


@router.post(
    "/organisations/{slug}/agreements/{agreement_id}/versions",
    response={201: AgreementVersionOut, 400: Problem},
    summary="Start a new version, copying the newest approved one",
)
def post_agreement_version(request: AuthenticatedRequest, slug: str, agreement_id: int) -> Any:
    """Its texts and parties, without their decisions; while the newest is in preparation: `400`."""
    organisation, agreement = _kept(request, slug, agreement_id)
    version = services.new_version(actor=request.user, agreement=agreement)
    return Status(201, _version_out(request, organisation, agreement_id, version.number))


@router.post(
    VERSION + "/parties",
    response={201: AgreementVersionOut, 400: Problem},
    summary="Add a party to the version in preparation",
)
def post_agreement_party(
    request: AuthenticatedRequest, slug: str, agreement_id: int, number: int, data: AgreementPartyIn
) -> Any:
    """Answers the version with its parties."""
    organisation, agreement = _kept(request, slug, agreement_id)
    joining = Organisation.objects.filter(slug=data.organisation).first()
    if joining is None:
        raise ValidationError(_("Unknown organisation."))
    services.add_agreement_party(actor=request.user, version=docs.version_of(agreement, number), organisation=joining)
    return Status(201, _version_out(request, organisation, agreement_id, number))


@router.delete(
    VERSION + "/parties/{party}",
    response={204: None, 400: Problem},
    summary="Remove a party from the version in preparation",
)
def delete_agreement_party(request: AuthenticatedRequest, slug: str, agreement_id: int, number: int, party: str) -> Any:
    """The party by its short name (slug); never the keeper, and at least one other party stays."""
    _organisation, agreement = _kept(request, slug, agreement_id)
    version = docs.version_of(agreement, number)
    leaving = next((p for p in version.parties.all() if p.organisation.slug == party), None)
    if leaving is None:
        raise Http404
    leaving.version = version
    services.remove_agreement_party(actor=request.user, party=leaving)
    return Status(204, None)
