"""The resolver's rules for a county's interfaces with its municipalities and for cooperation structures
(hyte.cooperation, issue 15), part of the one resolver (permissions.py imports this module).

A county's register of interfaces, with its owners and counterpart pairs, is kept by the county's coordinators
and admins; the members of the county and of each of its municipalities read all of it (the counterparts are
named so that each side finds the other). Another county's members and anyone else see nothing of it.

A cooperation structure (group, network, forum) is kept by the coordinators and admins of the organisation that
keeps it (a county or a municipality); the members of that organisation and of every organisation with a member
in it read it.
"""

from __future__ import annotations

from typing import Any

from hyte.accounts.models import OrganisationKind
from hyte.accounts.permissions import Action, Permissions, _rule
from hyte.accounts.roles import Perm


def _reads_county(perms: Permissions, county: Any) -> bool:
    """A member of the county, or of a municipality in the county's area."""
    if perms._has(Perm.VIEW_ORGANISATION, county):
        return True
    if county.area_id is None:
        return False
    return any(
        m.organisation.kind == OrganisationKind.MUNICIPALITY
        and m.organisation.area is not None
        and m.organisation.area.county_id == county.area_id
        and perms._has(Perm.VIEW_ORGANISATION, m.organisation)
        for m in perms.memberships
    )


def _keeps_register(perms: Permissions, county: Any) -> bool:
    return county.kind == OrganisationKind.COUNTY and perms._has(Perm.EDIT_ALL, county)


@_rule("cooperation.interface", Action.VIEW)
def _view_interface(perms: Permissions, interface: Any) -> bool:
    return interface.county.kind == OrganisationKind.COUNTY and _reads_county(perms, interface.county)


@_rule("cooperation.interface", Action.EDIT)
def _edit_interface(perms: Permissions, interface: Any) -> bool:
    return _keeps_register(perms, interface.county)


@_rule("cooperation.counterpartpair", Action.VIEW)
@_rule("cooperation.interfaceowner", Action.VIEW)
def _view_part(perms: Permissions, part: Any) -> bool:
    return _view_interface(perms, part.interface)


@_rule("cooperation.counterpartpair", Action.EDIT)
@_rule("cooperation.interfaceowner", Action.EDIT)
def _edit_part(perms: Permissions, part: Any) -> bool:
    return _edit_interface(perms, part.interface)


@_rule("cooperation.structure", Action.VIEW)
def _view_structure(perms: Permissions, structure: Any) -> bool:
    if perms._has(Perm.VIEW_ORGANISATION, structure.keeper):
        return True
    members = structure.members.all() if structure.pk is not None else []
    return any(perms._has(Perm.VIEW_ORGANISATION, member.organisation) for member in members)


@_rule("cooperation.structure", Action.EDIT)
def _edit_structure(perms: Permissions, structure: Any) -> bool:
    keeper = structure.keeper
    return keeper.kind in (OrganisationKind.COUNTY, OrganisationKind.MUNICIPALITY) and perms._has(Perm.EDIT_ALL, keeper)
