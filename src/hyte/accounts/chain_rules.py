"""The resolver's rules for service chains (hyte.cooperation's chain_models), part of the one resolver
(permissions.py imports this module, so the rules are in its table whenever it is).

A chain is its keeper's (a county or a municipality): the keeper's coordinators and admins create it, change it
and its steps, and publish it. The members of the keeper and of the organisations taking part read it signed in;
once published, anyone reads it (the public site and the API)."""

from __future__ import annotations

from typing import Any

from hyte.accounts.models import OrganisationKind
from hyte.accounts.permissions import Action, Permissions, _rule
from hyte.accounts.roles import Perm

KEEPERS = (OrganisationKind.COUNTY, OrganisationKind.MUNICIPALITY)


@_rule("cooperation.servicechain", Action.VIEW)
def _view_chain(perms: Permissions, chain: Any) -> bool:
    if chain.is_published or perms._has(Perm.VIEW_ORGANISATION, chain.keeper):
        return True
    participants = chain.participants.all() if chain.pk is not None else []
    return any(perms._has(Perm.VIEW_ORGANISATION, each) for each in participants)


@_rule("cooperation.servicechain", Action.EDIT)
def _edit_chain(perms: Permissions, chain: Any) -> bool:
    return chain.keeper.kind in KEEPERS and perms._has(Perm.EDIT_ALL, chain.keeper)


@_rule("cooperation.chainstep", Action.EDIT)
def _edit_step(perms: Permissions, step: Any) -> bool:
    return _edit_chain(perms, step.chain)


# The strategic cooperation agreement: its keeper's coordinators draft and approve it; the members of the keeper
# and of the parties (of any version) read it; a party's own coordinators record its approval decision.


def _agreement_parties(agreement: Any) -> list[Any]:
    if agreement.pk is None:
        return []
    return [party.organisation for version in agreement.versions.all() for party in version.parties.all()]


@_rule("cooperation.agreement", Action.VIEW)
def _view_agreement(perms: Permissions, agreement: Any) -> bool:
    if perms._has(Perm.VIEW_ORGANISATION, agreement.keeper):
        return True
    return any(perms._has(Perm.VIEW_ORGANISATION, each) for each in _agreement_parties(agreement))


@_rule("cooperation.agreement", Action.EDIT)
def _edit_agreement(perms: Permissions, agreement: Any) -> bool:
    return agreement.keeper.kind in KEEPERS and perms._has(Perm.EDIT_ALL, agreement.keeper)


@_rule("cooperation.agreementparty", Action.EDIT)
def _record_decision(perms: Permissions, party: Any) -> bool:
    return _edit_agreement(perms, party.version.agreement) or perms._has(Perm.EDIT_ALL, party.organisation)
