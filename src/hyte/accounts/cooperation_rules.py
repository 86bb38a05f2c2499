"""The resolver's rules for cooperation (hyte.cooperation), part of the one resolver (permissions.py imports this
module, so the rules are in its table whenever it is).

A negotiation series is the convening county's: its coordinators and admins set it up and run its meetings.
A meeting, its materials, draft minutes and agreed actions are seen by the members of the convening county and
of the organisations invited to it, and by no one else: a municipality outside the series sees nothing of it.
Each invited organisation names one checker of the minutes (its coordinators, or the convener's); only that
person confirms the minutes on its behalf, while a member of it. An agreed action is followed up by its owner
organisation's editors and up, and by the convener.
"""

from __future__ import annotations

from typing import Any

from hyte.accounts.models import OrganisationKind
from hyte.accounts.permissions import Action, Permissions, _rule
from hyte.accounts.roles import Perm


def _in(perms: Permissions, organisation: Any, perm: Perm) -> bool:
    return perms._has(perm, organisation)


@_rule("cooperation.series", Action.VIEW)
def _view_series(perms: Permissions, series: Any) -> bool:
    if _in(perms, series.convener, Perm.VIEW_ORGANISATION):
        return True
    members = series.members.all() if series.pk is not None else []
    return any(_in(perms, member, Perm.VIEW_ORGANISATION) for member in members)


@_rule("cooperation.series", Action.EDIT)
def _edit_series(perms: Permissions, series: Any) -> bool:
    return series.convener.kind == OrganisationKind.COUNTY and _in(perms, series.convener, Perm.EDIT_ALL)


@_rule("cooperation.meeting", Action.VIEW)
def _view_meeting(perms: Permissions, meeting: Any) -> bool:
    if _in(perms, meeting.series.convener, Perm.VIEW_ORGANISATION):
        return True
    return any(_in(perms, party.organisation, Perm.VIEW_ORGANISATION) for party in meeting.parties.all())


@_rule("cooperation.meeting", Action.EDIT)
def _edit_meeting(perms: Permissions, meeting: Any) -> bool:
    return _edit_series(perms, meeting.series)


@_rule("cooperation.material", Action.VIEW)
def _view_material(perms: Permissions, material: Any) -> bool:
    return _view_meeting(perms, material.meeting)


@_rule("cooperation.party", Action.EDIT)
def _edit_party(perms: Permissions, party: Any) -> bool:
    """Naming the checker: the convener's coordinators, or the invited organisation's own."""
    return _edit_meeting(perms, party.meeting) or _in(perms, party.organisation, Perm.EDIT_ALL)


@_rule("cooperation.party", Action.APPROVE)
def _confirm_for_party(perms: Permissions, party: Any) -> bool:
    """Confirming the minutes on the organisation's behalf: its named checker, while a member of it."""
    user_id = perms.user_id
    return (
        user_id is not None and party.checker_id == user_id and _in(perms, party.organisation, Perm.VIEW_ORGANISATION)
    )


@_rule("cooperation.agreedaction", Action.VIEW)
def _view_action(perms: Permissions, action: Any) -> bool:
    return _view_meeting(perms, action.meeting)


@_rule("cooperation.agreedaction", Action.EDIT)
def _follow_up_action(perms: Permissions, action: Any) -> bool:
    """Its status and progress note: the owner organisation's editors and up, and the convener's coordinators."""
    return _edit_meeting(perms, action.meeting) or _in(perms, action.owner, Perm.EDIT_ASSIGNED)


@_rule("cooperation.calendarstep", Action.VIEW)
def _view_calendar_step(perms: Permissions, step: Any) -> bool:
    """The council-term calendar: the organisation's members see it."""
    return _in(perms, step.organisation, Perm.VIEW_ORGANISATION)


@_rule("cooperation.calendarstep", Action.EDIT)
def _edit_calendar_step(perms: Permissions, step: Any) -> bool:
    """Generated and edited by the organisation's coordinators and admins."""
    return _in(perms, step.organisation, Perm.EDIT_ALL)


@_rule("cooperation.calendarstep", Action.RESOLVE)
def _mark_calendar_step_done(perms: Permissions, step: Any) -> bool:
    """Marking a step done (or not done): its coordinators and admins, and the person responsible for it while a
    member of the organisation."""
    if _edit_calendar_step(perms, step):
        return True
    user_id = perms.user_id
    return (
        user_id is not None and step.responsible_id == user_id and _in(perms, step.organisation, Perm.VIEW_ORGANISATION)
    )
