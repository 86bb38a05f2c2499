"""The service chains' API: the chains an organisation keeps or takes part in, one chain with its steps (and its
diagram as SVG); writes for the keeper's coordinators (a new chain and its changes, steps added, changed, moved
and removed). The same services and rules as the pages; refusals answer 400, what the caller may not see or
change 404 (mapped in `hyte.api.root`)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, get_organisation_for
from hyte.actors.models import Activity, AgeGroup
from hyte.actors.path_models import SupportPath
from hyte.cooperation import chain_diagram, chain_queries
from hyte.cooperation.chain_models import ChainStep, Phase, ServiceChain
from hyte.cooperation.services import chains as services
from hyte.core.api import Problem
from hyte.core.http import AuthenticatedRequest
from hyte.indicators.models import Indicator

router = Router(tags=["service chains"])

SVG_ANSWER = {
    "responses": {
        "200": {
            "description": "The chain's diagram (SVG, role img, with its title and description).",
            "content": {"image/svg+xml": {"schema": {"type": "string"}}},
        }
    }
}


class ChainIn(Schema):
    name: str = Field(max_length=200)
    name_sv: str = Field("", max_length=200)
    description: str = Field("", max_length=20000)
    description_sv: str = Field("", max_length=20000)
    participants: list[str] = Field([], max_length=400, description="the organisations' short names (slugs)")
    indicators: list[int] = Field([], max_length=100, description="ids of the shared indicators")
    indicators_text: str = Field("", max_length=20000, description="other shared indicators, one a line")
    is_published: bool = False


class ChainStepIn(Schema):
    title: str = Field(max_length=200)
    title_sv: str = Field("", max_length=200)
    phase: Phase = Phase.COUNSELLING
    age_group: AgeGroup | None = None
    organisation: str = Field(max_length=80, description="the responsible organisation's short name (slug)")
    unit: str = Field("", max_length=200)
    unit_sv: str = Field("", max_length=200)
    description: str = Field("", max_length=20000)
    description_sv: str = Field("", max_length=20000)
    handoff: str = Field("", max_length=20000, description="hand-off criteria")
    handoff_sv: str = Field("", max_length=20000)
    contact: str = Field("", max_length=300)
    activity: int | None = Field(None, description="an activity of the register")
    support_path: int | None = Field(None, description="a support path")


class ChainChangeIn(ChainIn):
    indicators: list[int] | None = Field(  # type: ignore[assignment]
        None, max_length=100, description="ids of the shared indicators; null leaves them as they are"
    )


class ChainStepMoveIn(Schema):
    direction: Literal["up", "down"] = Field(description="one place up or down")


class ChainOrganisationOut(Schema):
    slug: str
    name: str
    name_sv: str
    kind: str


class ChainStepOut(Schema):
    id: int
    position: int
    phase: str = Field(description="entry, referral, counselling, continuation or follow_up")
    age_group: str = Field(description="children, young, working_age, older, or empty for all")
    title: str
    title_sv: str
    organisation: ChainOrganisationOut
    unit: str
    unit_sv: str
    description: str
    description_sv: str
    handoff: str
    handoff_sv: str
    contact: str
    activity: int | None
    support_path: int | None


class ChainOut(Schema):
    id: int
    name: str
    name_sv: str
    description: str
    description_sv: str
    keeper: ChainOrganisationOut
    participants: list[ChainOrganisationOut]
    indicators: list[int]
    indicators_text: str
    is_published: bool
    updated_at: dt.datetime
    steps: list[ChainStepOut]


def _ref(organisation: Organisation) -> dict[str, str]:
    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "name_sv": organisation.name_sv,
        "kind": organisation.kind,
    }


def _step(step: ChainStep) -> dict[str, Any]:
    fields = ["id", "position", "phase", "age_group", "title", "title_sv", "unit", "unit_sv", "description"]
    fields += ["description_sv", "handoff", "handoff_sv", "contact"]
    return {
        **{name: getattr(step, name) for name in fields},
        "organisation": _ref(step.organisation),
        "activity": step.activity_id,
        "support_path": step.support_path_id,
    }


def _chain(chain: ServiceChain) -> dict[str, Any]:
    fields = ["id", "name", "name_sv", "description", "description_sv", "indicators_text", "is_published"]
    return {
        **{name: getattr(chain, name) for name in fields},
        "updated_at": chain.updated_at,
        "keeper": _ref(chain.keeper),
        "participants": [_ref(each) for each in chain.participants.all()],
        "indicators": [indicator.pk for indicator in chain.indicators.all()],
        "steps": [_step(step) for step in chain.steps.all()],
    }


def _organisation(request: AuthenticatedRequest, slug: str) -> Organisation:
    return get_organisation_for(request.user, slug, Action.VIEW)


@router.get("/organisations/{slug}/service-chains", response=list[ChainOut], summary="The organisation's chains")
def list_chains(request: AuthenticatedRequest, slug: str) -> list[dict[str, Any]]:
    """The service chains the organisation keeps or takes part in, with their steps in order."""
    return [_chain(chain) for chain in chain_queries.chains_of(request.user, _organisation(request, slug))]


@router.get("/organisations/{slug}/service-chains/{chain_id}", response=ChainOut, summary="A service chain")
def get_chain(request: AuthenticatedRequest, slug: str, chain_id: int) -> dict[str, Any]:
    return _chain(chain_queries.chain_for(request.user, _organisation(request, slug), chain_id))


@router.get(
    "/organisations/{slug}/service-chains/{chain_id}/diagram.svg",
    summary="A service chain's diagram",
    openapi_extra=SVG_ANSWER,
)
def chain_svg(request: AuthenticatedRequest, slug: str, chain_id: int) -> HttpResponse:
    chain = chain_queries.chain_for(request.user, _organisation(request, slug), chain_id)
    return HttpResponse(chain_diagram.svg(chain, list(chain.steps.all())), content_type="image/svg+xml; charset=utf-8")


@router.post(
    "/organisations/{slug}/service-chains",
    response={201: ChainOut, 400: Problem},
    summary="A new service chain (the keeper's coordinators)",
)
def post_chain(request: AuthenticatedRequest, slug: str, data: ChainIn) -> Any:
    organisation = _organisation(request, slug)
    participants = list(Organisation.objects.filter(slug__in=data.participants))
    if len(participants) != len(set(data.participants)):
        return Status(400, {"detail": _("Unknown organisation among those taking part.")})
    indicators = list(Indicator.objects.filter(pk__in=data.indicators))
    if len(indicators) != len(set(data.indicators)):
        return Status(400, {"detail": _("Unknown indicator.")})
    values = data.dict(exclude={"participants", "indicators"})
    details = services.ChainDetails(participants=participants, indicators=indicators, **values)
    created = services.create_chain(actor=request.user, keeper=organisation, details=details)
    return Status(201, _chain(chain_queries.chain_for(request.user, organisation, created.pk)))


@router.post(
    "/organisations/{slug}/service-chains/{chain_id}/steps",
    response={201: ChainOut, 400: Problem},
    summary="A step added at the end of a service chain",
)
def post_chain_step(request: AuthenticatedRequest, slug: str, chain_id: int, data: ChainStepIn) -> Any:
    organisation = _organisation(request, slug)
    chain = chain_queries.chain_for(request.user, organisation, chain_id, Action.EDIT)
    details = _step_details(data)
    services.add_step(actor=request.user, chain=chain, details=details)
    return Status(201, _chain(chain_queries.chain_for(request.user, organisation, chain.pk)))


def _step_details(data: ChainStepIn) -> services.StepDetails:
    """The step's body with its organisation, activity and support path looked up (unknown ones refused)."""
    responsible = Organisation.objects.filter(slug=data.organisation).first()
    if responsible is None:
        raise ValidationError(_("Unknown responsible organisation."))
    activity = Activity.objects.filter(pk=data.activity).first() if data.activity else None
    path = SupportPath.objects.filter(pk=data.support_path).first() if data.support_path else None
    if (data.activity and activity is None) or (data.support_path and path is None):
        raise ValidationError(_("Unknown activity or support path."))
    values = data.dict(exclude={"organisation", "activity", "support_path", "age_group"})
    return services.StepDetails(
        organisation=responsible, activity=activity, support_path=path, age_group=data.age_group or "", **values
    )


@router.put(
    "/organisations/{slug}/service-chains/{chain_id}",
    response={200: ChainOut, 400: Problem},
    summary="Change a service chain's details (the keeper's coordinators)",
)
def put_chain(request: AuthenticatedRequest, slug: str, chain_id: int, data: ChainChangeIn) -> Any:
    """Its names, descriptions, the organisations taking part (each responsible for a step must stay), the shared
    indicators (null: left as they are) and whether it is published on the public site."""
    organisation = _organisation(request, slug)
    chain = chain_queries.chain_for(request.user, organisation, chain_id, Action.EDIT)
    participants = list(Organisation.objects.filter(slug__in=data.participants))
    if len(participants) != len(set(data.participants)):
        raise ValidationError(_("Unknown organisation among those taking part."))
    indicators = None
    if data.indicators is not None:
        indicators = list(Indicator.objects.filter(pk__in=data.indicators))
        if len(indicators) != len(set(data.indicators)):
            raise ValidationError(_("Unknown indicator."))
    values = data.dict(exclude={"participants", "indicators"})
    details = services.ChainDetails(participants=participants, indicators=indicators, **values)
    services.update_chain(actor=request.user, chain=chain, details=details)
    return _chain(chain_queries.chain_for(request.user, organisation, chain.pk))


STEP = "/organisations/{slug}/service-chains/{chain_id}/steps/{step_id}"


def _chain_step(request: AuthenticatedRequest, slug: str, chain_id: int, step_id: int) -> ChainStep:
    chain = chain_queries.chain_for(request.user, _organisation(request, slug), chain_id, Action.EDIT)
    return chain_queries.step_of(chain, step_id)


@router.put(STEP, response={200: ChainOut, 400: Problem}, summary="Change a step of a service chain")
def put_chain_step(request: AuthenticatedRequest, slug: str, chain_id: int, step_id: int, data: ChainStepIn) -> Any:
    """The whole step, as when it was added; answers the chain."""
    step = _chain_step(request, slug, chain_id, step_id)
    services.update_step(actor=request.user, step=step, details=_step_details(data))
    return _chain(chain_queries.chain_for(request.user, _organisation(request, slug), chain_id))


@router.post(
    STEP + "/move", response={200: ChainOut, 400: Problem}, summary="Move a step of a service chain up or down"
)
def move_chain_step(
    request: AuthenticatedRequest, slug: str, chain_id: int, step_id: int, data: ChainStepMoveIn
) -> Any:
    """One place; answers the chain with its steps in their new order (the first up, the last down: `400`)."""
    step = _chain_step(request, slug, chain_id, step_id)
    services.move_step(actor=request.user, step=step, offset=-1 if data.direction == "up" else 1)
    return _chain(chain_queries.chain_for(request.user, _organisation(request, slug), chain_id))


@router.delete(STEP, response={204: None, 400: Problem}, summary="Remove a step from a service chain")
def delete_chain_step(request: AuthenticatedRequest, slug: str, chain_id: int, step_id: int) -> Any:
    services.remove_step(actor=request.user, step=_chain_step(request, slug, chain_id, step_id))
    return Status(204, None)
