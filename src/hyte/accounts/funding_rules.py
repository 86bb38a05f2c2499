"""The resolver's rules for the HYTE coefficient (hyte.funding), part of the one resolver (permissions.py imports
this module, so the rules are in its table whenever it is).

Coefficient models, their results, official results and TEAviisari values are public: they are computed from
public data and published rules. Only national administrators (coordinators and admins of an organisation of
kind NATIONAL: `Action.ADMINISTER_NATIONALLY` on the site) change models, import official results and
TEAviisari files. A what-if scenario is its organisation's: its members read it, its editors and up save one,
and it is seen by everyone signed in only when shared; the person who saved it, or the organisation's
coordinators, change or remove it.
"""

from __future__ import annotations

from typing import Any

from hyte.accounts.permissions import Action, Permissions, _rule
from hyte.accounts.roles import Perm


def _national_admin(perms: Permissions) -> bool:
    return perms._in_national_body(Perm.EDIT_ALL)


@_rule("funding.coefficientmodel", Action.VIEW)
@_rule("funding.officialresult", Action.VIEW)
@_rule("funding.teaviisarivalue", Action.VIEW)
def _public(perms: Permissions, obj: Any) -> bool:
    return True


@_rule("funding.coefficientmodel", Action.EDIT, Action.IMPORT)
@_rule("funding.officialresult", Action.EDIT)
@_rule("funding.teaviisarivalue", Action.EDIT)
def _administer(perms: Permissions, obj: Any) -> bool:
    return _national_admin(perms)


@_rule("funding.scenario", Action.VIEW)
def _view_scenario(perms: Permissions, scenario: Any) -> bool:
    if perms._has(Perm.VIEW_ORGANISATION, scenario.organisation):
        return True
    return bool(scenario.shared) and perms.is_authenticated


@_rule("funding.scenario", Action.CONTRIBUTE)
def _save_scenario(perms: Permissions, scenario: Any) -> bool:
    """Saving a new scenario: the organisation's editors and up."""
    return perms._has(Perm.EDIT_ASSIGNED, scenario.organisation)


@_rule("funding.scenario", Action.EDIT)
def _edit_scenario(perms: Permissions, scenario: Any) -> bool:
    if perms._has(Perm.EDIT_ALL, scenario.organisation):
        return True
    return (
        perms._has(Perm.EDIT_ASSIGNED, scenario.organisation)
        and perms.user_id is not None
        and scenario.created_by_id == perms.user_id
    )
