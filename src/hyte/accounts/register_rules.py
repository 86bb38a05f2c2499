"""The resolver's rules for the register of actors and activities (hyte.actors), part of the one resolver
(permissions.py imports this module, so the rules are in its table whenever it is).

The municipality whose area an entry is in keeps it: its coordinators and admins edit, its members read. An NGO
that is an organisation in Hyte keeps its own entry and its activities: its editors and up edit, its members
read. Drafts and activities hidden by a coordinator are seen only by those who may edit them; hiding is the
municipality's coordinators' alone. Imports into the register are for those who keep the importing
organisation's register.

Support paths are the municipality's alone, whatever actors their steps name: its coordinators and admins keep
them; a published path is everyone's to read, a draft only its keepers'.

The welfare concept an area uses is chosen by the coordinators and admins of that area's own organisation (the
county's for the county, a municipality's for the municipality).
"""

from __future__ import annotations

from typing import Any

from hyte.accounts.models import OrganisationKind
from hyte.accounts.permissions import Action, Permissions, _rule
from hyte.accounts.roles import ROLE_PERMISSIONS, Perm, Role


@_rule("actors.actor", Action.VIEW)
def _view_actor(perms: Permissions, actor: Any) -> bool:
    return perms._keeps(actor.area_id, actor.organisation_id, Perm.VIEW_ORGANISATION, Perm.VIEW_ORGANISATION)


@_rule("actors.actor", Action.EDIT)
def _edit_actor(perms: Permissions, actor: Any) -> bool:
    return perms._keeps(actor.area_id, actor.organisation_id, Perm.EDIT_ASSIGNED, Perm.EDIT_ALL)


@_rule("actors.activity", Action.VIEW)
def _view_activity(perms: Permissions, activity: Any) -> bool:
    return (activity.is_published and not activity.is_hidden) or _edit_activity(perms, activity)


@_rule("actors.activity", Action.EDIT)
def _edit_activity(perms: Permissions, activity: Any) -> bool:
    providers = activity.providers.all() if activity.pk is not None else []
    return _hide_activity(perms, activity) or any(_edit_actor(perms, actor) for actor in providers)


@_rule("actors.activity", Action.HIDE)
def _hide_activity(perms: Permissions, activity: Any) -> bool:
    return perms._keeps(activity.area_id, None, Perm.EDIT_ALL, Perm.EDIT_ALL)


@_rule("actors.registerimport", Action.VIEW, Action.EDIT)
def _import_into_register(perms: Permissions, run: Any) -> bool:
    """An import into the register is its organisation's: a municipality's coordinators and admins, an NGO's
    editors and above (who import into their own entry only)."""
    organisation = run.organisation
    if organisation.kind == OrganisationKind.NGO:
        return perms._has(Perm.EDIT_ASSIGNED, organisation)
    return organisation.kind == OrganisationKind.MUNICIPALITY and perms._has(Perm.EDIT_ALL, organisation)


@_rule("actors.supportpath", Action.VIEW)
def _view_support_path(perms: Permissions, path: Any) -> bool:
    return path.is_published or _edit_support_path(perms, path)


@_rule("actors.supportpath", Action.EDIT)
def _edit_support_path(perms: Permissions, path: Any) -> bool:
    return perms._keeps(path.area_id, None, Perm.EDIT_ALL, Perm.EDIT_ALL)


@_rule("actors.areaconcept", Action.MANAGE_SETTINGS)
def _choose_concept(perms: Permissions, choice: Any) -> bool:
    return any(
        Perm.MANAGE_SETTINGS in ROLE_PERMISSIONS[Role(m.role)]
        for m in perms.memberships
        if m.organisation.area_id == choice.area_id
        and m.organisation.kind in (OrganisationKind.MUNICIPALITY, OrganisationKind.COUNTY)
    )
