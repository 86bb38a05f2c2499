"""The API of a county's interfaces with its municipalities (with owners and counterpart pairs) and of
cooperation structures: read by the participants (the county's and its municipalities' members; a structure's
member organisations), written by those responsible (the county's coordinators; the keeper's coordinators). The
same services as the pages; refusals answer 400, what the caller may not see 404."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Status

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, get_organisation_for
from hyte.cooperation import interface_queries as q
from hyte.cooperation import services
from hyte.cooperation.interface_api_schemas import (
    InterfaceChangeIn,
    InterfaceIn,
    InterfaceOut,
    InterfaceOwnerIn,
    InterfaceRetireIn,
    PairIn,
    PairOut,
    StructureIn,
    StructureMemberIn,
    StructureMemberOut,
    StructureOut,
)
from hyte.cooperation.interface_models import CounterpartPair, Interface
from hyte.cooperation.structure_models import Structure, StructureMember
from hyte.cooperation.structure_queries import structure_for, structures_of
from hyte.core import clock
from hyte.core.api import Problem
from hyte.core.http import AuthenticatedRequest
from hyte.indicators.models import Indicator
from hyte.reports.models import Goal

router = Router(tags=["cooperation"])


def _organisation(request: AuthenticatedRequest, slug: str) -> Organisation:
    return get_organisation_for(request.user, slug, Action.VIEW)


def _ref(organisation: Organisation) -> dict[str, str]:
    return {"slug": organisation.slug, "name": organisation.name, "kind": organisation.kind}


def _person(user: User | None) -> dict[str, Any] | None:
    return None if user is None else {"id": user.pk, "name": user.get_full_name() or user.get_username()}


def _pair(pair: CounterpartPair) -> dict[str, Any]:
    return {
        "id": pair.pk,
        "municipality": _ref(pair.municipality),
        "county_person": _person(pair.county_person),
        "municipality_person": _person(pair.municipality_person),
        "starts_on": pair.starts_on,
        "ends_on": pair.ends_on,
        "valid_today": pair.valid_on(clock.today()),
    }


def _interface(interface: Interface) -> dict[str, Any]:
    return {
        "id": interface.pk,
        "county": _ref(interface.county),
        "name": interface.name,
        "name_sv": interface.name_sv,
        "description": interface.description,
        "county_owner": interface.county_owner,
        "is_retired": interface.is_retired,
        "next_review": interface.next_review,
        "last_reviewed": interface.last_reviewed,
        "owners": [{"municipality": _ref(o.municipality), "owner": o.owner} for o in interface.owners.all()],
        "pairs": [_pair(pair) for pair in interface.pairs.all()],
        "goals": [goal.pk for goal in interface.goals.all()],
        "indicators": [indicator.pk for indicator in interface.indicators.all()],
    }


def _structure(structure: Structure) -> dict[str, Any]:
    return {
        "id": structure.pk,
        "kind": structure.kind,
        "name": structure.name,
        "name_sv": structure.name_sv,
        "description": structure.description,
        "keeper": _ref(structure.keeper),
        "members": [_member(m) for m in structure.members.all()],
    }


def _member(member: StructureMember) -> dict[str, Any]:
    return {
        "id": member.pk,
        "name": member.name,
        "job_title": member.job_title,
        "organisation": _ref(member.organisation),
    }


@router.get("/organisations/{slug}/interfaces", response=list[InterfaceOut], summary="The county's interfaces")
def list_interfaces(request: AuthenticatedRequest, slug: str) -> list[dict[str, Any]]:
    """The register of interfaces the organisation reads (a county's own, a municipality's county's), with the
    owners and counterpart pairs of every municipality."""
    _county, interfaces = q.register_for(request.user, _organisation(request, slug))
    return [_interface(interface) for interface in interfaces]


@router.post(
    "/organisations/{slug}/interfaces",
    response={201: InterfaceOut, 400: Problem},
    summary="Add an interface to the county's register",
)
def post_interface(request: AuthenticatedRequest, slug: str, data: InterfaceIn) -> Any:
    organisation = _organisation(request, slug)
    created = services.create_interface(
        actor=request.user, county=organisation, name=data.name, name_sv=data.name_sv, description=data.description
    )
    return Status(201, _interface(q.interface_for(request.user, organisation, created.pk)))


@router.get(
    "/organisations/{slug}/interfaces/{interface_id}", response=InterfaceOut, summary="One interface of the register"
)
def get_interface(request: AuthenticatedRequest, slug: str, interface_id: int) -> dict[str, Any]:
    return _interface(q.interface_for(request.user, _organisation(request, slug), interface_id))


@router.post(
    "/organisations/{slug}/interfaces/{interface_id}/pairs",
    response={201: PairOut, 400: Problem},
    summary="Name a counterpart pair for a municipality",
)
def post_pair(request: AuthenticatedRequest, slug: str, interface_id: int, data: PairIn) -> Any:
    interface = q.interface_for(request.user, _organisation(request, slug), interface_id)
    municipality = Organisation.objects.select_related("area").filter(slug=data.municipality).first()
    if municipality is None:
        return Status(400, {"detail": _("Unknown municipality.")})
    pair = services.add_pair(
        actor=request.user,
        interface=interface,
        municipality=municipality,
        county_person=User.objects.filter(pk=data.county_person).first(),
        municipality_person=User.objects.filter(pk=data.municipality_person).first(),
        starts_on=data.starts_on,
        ends_on=data.ends_on,
    )
    return Status(201, _pair(pair))


@router.get(
    "/organisations/{slug}/structures",
    response=list[StructureOut],
    summary="The cooperation groups and networks of an organisation",
)
def list_structures(request: AuthenticatedRequest, slug: str) -> list[dict[str, Any]]:
    """The structures the organisation keeps or has members in, with their members."""
    return [_structure(s) for s in structures_of(request.user, _organisation(request, slug))]


@router.post(
    "/organisations/{slug}/structures",
    response={201: StructureOut, 400: Problem},
    summary="Set up a cooperation group or network (kept by the organisation)",
)
def post_structure(request: AuthenticatedRequest, slug: str, data: StructureIn) -> Any:
    organisation = _organisation(request, slug)
    created = services.create_structure(
        actor=request.user,
        keeper=organisation,
        name=data.name,
        name_sv=data.name_sv,
        kind=data.kind,
        description=data.description,
    )
    return Status(201, _structure(structure_for(request.user, organisation, created.pk)))


def _reread(request: AuthenticatedRequest, slug: str, interface: Interface) -> dict[str, Any]:
    return _interface(q.interface_for(request.user, _organisation(request, slug), interface.pk))


@router.put(
    "/organisations/{slug}/interfaces/{interface_id}",
    response={200: InterfaceOut, 400: Problem},
    summary="Change an interface: names, owner in the county, review dates, shared goals and indicators",
)
def put_interface(request: AuthenticatedRequest, slug: str, interface_id: int, data: InterfaceChangeIn) -> Any:
    interface = q.interface_for(request.user, _organisation(request, slug), interface_id)
    goals = list(Goal.objects.filter(pk__in=data.goals).select_related("report__organisation__area"))
    indicators = list(Indicator.objects.filter(pk__in=data.indicators))
    if len(goals) != len(set(data.goals)) or len(indicators) != len(set(data.indicators)):
        raise ValidationError(_("Unknown goal or indicator."))
    services.update_interface(
        actor=request.user,
        interface=interface,
        name=data.name,
        name_sv=data.name_sv,
        description=data.description,
        county_owner=data.county_owner,
        next_review=data.next_review,
        last_reviewed=data.last_reviewed,
        goals=goals,
        indicators=indicators,
    )
    return _reread(request, slug, interface)


@router.post(
    "/organisations/{slug}/interfaces/{interface_id}/retire",
    response={200: InterfaceOut, 400: Problem},
    summary="Retire an interface, or take it into use again",
)
def post_interface_retire(request: AuthenticatedRequest, slug: str, interface_id: int, data: InterfaceRetireIn) -> Any:
    """A retired interface keeps its pairs in the record, takes no new ones and leaves the gap view."""
    interface = q.interface_for(request.user, _organisation(request, slug), interface_id)
    services.retire_interface(actor=request.user, interface=interface, retired=data.retired)
    return _reread(request, slug, interface)


@router.put(
    "/organisations/{slug}/interfaces/{interface_id}/owners",
    response={200: InterfaceOut, 400: Problem},
    summary="Name a municipality's owner of the interface",
)
def put_interface_owner(request: AuthenticatedRequest, slug: str, interface_id: int, data: InterfaceOwnerIn) -> Any:
    interface = q.interface_for(request.user, _organisation(request, slug), interface_id)
    municipality = Organisation.objects.select_related("area").filter(slug=data.municipality).first()
    services.set_owner(actor=request.user, interface=interface, municipality=municipality, owner=data.owner)
    return _reread(request, slug, interface)


@router.post(
    "/organisations/{slug}/default-interfaces",
    response={200: list[InterfaceOut], 400: Problem},
    summary="Add the default list of interfaces (what the register lacks)",
)
def post_interface_defaults(request: AuthenticatedRequest, slug: str) -> Any:
    """Seed 001's list, in Finnish and Swedish; adding again adds nothing twice. Answers the interfaces added."""
    organisation = _organisation(request, slug)
    created = services.add_default_interfaces(actor=request.user, county=organisation)
    _county, register = q.register_for(request.user, organisation)
    added = {interface.pk for interface in created}
    return [_interface(interface) for interface in register if interface.pk in added]


@router.delete(
    "/organisations/{slug}/interfaces/{interface_id}/pairs/{pair_id}",
    response={204: None, 400: Problem},
    summary="Remove a counterpart pair",
)
def delete_pair(request: AuthenticatedRequest, slug: str, interface_id: int, pair_id: int) -> Any:
    pair = q.pair_for(request.user, _organisation(request, slug), pair_id)
    if pair.interface_id != interface_id:
        raise Http404
    services.remove_pair(actor=request.user, pair=pair)
    return Status(204, None)


@router.put(
    "/organisations/{slug}/structures/{structure_id}",
    response={200: StructureOut, 400: Problem},
    summary="Change a cooperation structure (its keeper)",
)
def put_structure(request: AuthenticatedRequest, slug: str, structure_id: int, data: StructureIn) -> Any:
    organisation = _organisation(request, slug)
    structure = structure_for(request.user, organisation, structure_id)
    services.update_structure(
        actor=request.user,
        structure=structure,
        name=data.name,
        name_sv=data.name_sv,
        kind=data.kind,
        description=data.description,
    )
    return _structure(structure_for(request.user, organisation, structure.pk))


@router.post(
    "/organisations/{slug}/structures/{structure_id}/members",
    response={201: StructureMemberOut, 400: Problem},
    summary="Add a member to a structure, on behalf of an organisation",
)
def post_structure_member(request: AuthenticatedRequest, slug: str, structure_id: int, data: StructureMemberIn) -> Any:
    structure = structure_for(request.user, _organisation(request, slug), structure_id)
    member = services.add_structure_member(
        actor=request.user,
        structure=structure,
        organisation=Organisation.objects.filter(slug=data.organisation).first(),
        name=data.name,
        job_title=data.job_title,
    )
    return Status(201, _member(member))


@router.delete(
    "/organisations/{slug}/structures/{structure_id}/members/{member_id}",
    response={204: None, 400: Problem},
    summary="Remove a member from a structure",
)
def delete_structure_member(request: AuthenticatedRequest, slug: str, structure_id: int, member_id: int) -> Any:
    structure = structure_for(request.user, _organisation(request, slug), structure_id)
    member = next((m for m in structure.members.all() if m.pk == member_id), None)
    if member is None:
        raise Http404
    services.remove_structure_member(actor=request.user, member=member)
    return Status(204, None)
