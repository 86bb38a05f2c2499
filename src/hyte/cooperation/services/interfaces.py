"""A county's register of interfaces with its municipalities: the default list of seed 001 added on demand,
interfaces added, changed and retired, the owners on both sides, and the counterpart pairs with their periods.
The county's coordinators and admins keep it (`accounts/interface_rules.py`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.models import Membership, Organisation, OrganisationKind
from hyte.accounts.permissions import Action, permissions_for, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.cooperation.interface_models import DEFAULT_INTERFACES, CounterpartPair, Interface, InterfaceOwner
from hyte.cooperation.services._common import line, next_position, text
from hyte.core import clock
from hyte.core.actors import Actor
from hyte.indicators.models import Indicator
from hyte.reports.models import Goal


def _county(county: Organisation) -> None:
    if county.kind != OrganisationKind.COUNTY:
        raise ValidationError(_("Only a wellbeing services county keeps a register of interfaces."))


def _names(county: Organisation, name: str, name_sv: str, *, exclude: int | None = None) -> dict[str, Any]:
    name, name_sv = line(name, 300), line(name_sv, 300)
    if not name:
        raise ValidationError(_("Give the interface a name in Finnish."))
    same = Interface.objects.filter(county=county, name__iexact=name)
    if (same.exclude(pk=exclude) if exclude is not None else same).exists():
        raise ValidationError(_("The register has an interface of this name already."))
    return {"name": name, "name_sv": name_sv}


@audit.service(AuditAction.INTERFACE_DEFAULTS, AuditAction.INTERFACE_CREATE)
def add_default_interfaces(*, actor: Actor, county: Organisation) -> list[Interface]:
    """Add the interfaces of seed 001's list that the register lacks (by their place in the list, or a name it
    has already); adding again adds nothing twice."""
    require(actor, Action.EDIT, Interface(county=county))
    _county(county)
    existing = Interface.objects.filter(county=county)
    keys = set(existing.values_list("default_key", flat=True))
    names = {name.lower() for name in existing.values_list("name", flat=True)}
    position = next_position(existing)
    created = []
    for key, name, name_sv in DEFAULT_INTERFACES:
        if key in keys or name.lower() in names:
            continue
        created.append(
            audit.create(
                Interface,
                action=AuditAction.INTERFACE_CREATE,
                county=county,
                name=name,
                name_sv=name_sv,
                default_key=key,
                position=position,
                created_at=clock.now(),
            )
        )
        position += 1
    audit.record(county, action=AuditAction.INTERFACE_DEFAULTS, changes={"interfaces": [[], [i.pk for i in created]]})
    return created


@audit.service(AuditAction.INTERFACE_CREATE)
def create_interface(
    *, actor: Actor, county: Organisation, name: str, name_sv: str = "", description: str = ""
) -> Interface:
    require(actor, Action.EDIT, Interface(county=county))
    _county(county)
    names = _names(county, name, name_sv)
    return audit.create(
        Interface,
        county=county,
        description=text(description),
        position=next_position(Interface.objects.filter(county=county)),
        created_at=clock.now(),
        **names,
    )


def _goals_ok(actor: Actor, interface: Interface, goals: list[Goal]) -> None:
    county = interface.county
    perms = permissions_for(actor)
    for goal in goals:
        owner = goal.report.organisation
        ours = owner.pk == county.pk or (
            owner.kind == OrganisationKind.MUNICIPALITY
            and owner.area is not None
            and owner.area.county_id == county.area_id
        )
        if not ours or not perms.can(Action.VIEW, goal.report):
            raise ValidationError(_("A shared goal is not in the plan of the county or one of its municipalities."))


def _set_links(interface: Interface, goals: list[Goal], indicators: list[Indicator]) -> dict[str, Any]:
    changes = {}
    for name, wanted in (("goals", goals), ("indicators", indicators)):
        manager = getattr(interface, name)
        before = sorted(manager.values_list("pk", flat=True))
        manager.set(wanted)
        after = sorted(obj.pk for obj in wanted)
        if before != after:
            changes[name] = [before, after]
    return changes


@audit.service(AuditAction.INTERFACE_UPDATE)
def update_interface(
    *,
    actor: Actor,
    interface: Interface,
    name: str,
    name_sv: str = "",
    description: str = "",
    county_owner: str = "",
    next_review: dt.date | None = None,
    last_reviewed: dt.date | None = None,
    goals: Iterable[Goal] = (),
    indicators: Iterable[Indicator] = (),
) -> Interface:
    """Rename and describe an interface, name its owner in the county, its review dates, shared goals and
    indicators."""
    require(actor, Action.EDIT, interface)
    goals, indicators = list(goals), list(indicators)
    names = _names(interface.county, name, name_sv, exclude=interface.pk)
    if next_review is not None and last_reviewed is not None and next_review < last_reviewed:
        raise ValidationError(_("The next review is before the last one: check the dates."))
    _goals_ok(actor, interface, goals)
    perms = permissions_for(actor)
    if any(not perms.can(Action.VIEW, indicator) for indicator in indicators):
        raise ValidationError(_("Unknown indicator."))
    links = _set_links(interface, goals, indicators)
    audit.update(
        interface,
        also_changed=links,
        description=text(description),
        county_owner=line(county_owner, 300),
        next_review=next_review,
        last_reviewed=last_reviewed,
        **names,
    )
    return interface


@audit.service(AuditAction.INTERFACE_RETIRE)
def retire_interface(*, actor: Actor, interface: Interface, retired: bool = True) -> Interface:
    """Retire an interface no longer in use (its pairs stay in the record), or take it into use again."""
    require(actor, Action.EDIT, interface)
    audit.update(interface, is_retired=retired)
    return interface


def _municipality(interface: Interface, municipality: Organisation | None) -> Organisation:
    county = interface.county
    if (
        municipality is None
        or municipality.kind != OrganisationKind.MUNICIPALITY
        or municipality.area is None
        or municipality.area.county_id != county.area_id
        or not municipality.is_active
    ):
        raise ValidationError(_("Choose one of the municipalities of %(county)s.") % {"county": county.display_name})
    return municipality


@audit.service(AuditAction.INTERFACE_OWNER)
def set_owner(
    *, actor: Actor, interface: Interface, municipality: Organisation | None, owner: str
) -> InterfaceOwner | None:
    """Name the municipality's unit or person responsible for the interface; an empty name removes it."""
    require(actor, Action.EDIT, interface)
    municipality = _municipality(interface, municipality)
    owner = line(owner, 300)
    found = InterfaceOwner.objects.filter(interface=interface, municipality=municipality).first()
    if not owner:
        if found is not None:
            audit.delete(found)
        return None
    if found is None:
        return audit.create(InterfaceOwner, interface=interface, municipality=municipality, owner=owner)
    audit.update(found, owner=owner)
    return found


def _member(user: User | None, organisation: Organisation, *, missing: str, outside: str) -> User:
    if user is None:
        raise ValidationError(missing)
    if not Membership.objects.filter(user=user, organisation=organisation).exists():
        raise ValidationError(outside % {"organisation": organisation.display_name})
    return user


@audit.service(AuditAction.PAIR_ADD)
def add_pair(
    *,
    actor: Actor,
    interface: Interface,
    municipality: Organisation | None,
    county_person: User | None,
    municipality_person: User | None,
    starts_on: dt.date | None,
    ends_on: dt.date | None = None,
) -> CounterpartPair:
    """Name a counterpart pair: a person of the county and one of the municipality, for a period."""
    require(actor, Action.EDIT, interface)
    if interface.is_retired:
        raise ValidationError(_("The interface is retired: take it into use again to name counterparts."))
    municipality = _municipality(interface, municipality)
    county_person = _member(
        county_person,
        interface.county,
        missing=_("Name the county's counterpart."),
        outside=_("The county's counterpart must be a member of %(organisation)s."),
    )
    municipality_person = _member(
        municipality_person,
        municipality,
        missing=_("Name the municipality's counterpart."),
        outside=_("The municipality's counterpart must be a member of %(organisation)s."),
    )
    if starts_on is None:
        raise ValidationError(_("Give the date from which the pair is valid."))
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError(_("The pair's period ends before it starts: check the dates."))
    return audit.create(
        CounterpartPair,
        interface=interface,
        municipality=municipality,
        county_person=county_person,
        municipality_person=municipality_person,
        starts_on=starts_on,
        ends_on=ends_on,
        created_at=clock.now(),
    )


@audit.service(AuditAction.PAIR_REMOVE)
def remove_pair(*, actor: Actor, pair: CounterpartPair) -> None:
    require(actor, Action.EDIT, pair)
    audit.delete(pair)
