"""The resolver's rules for the national view (hyte.national), part of the one resolver (permissions.py imports this
module, so the rules are in its table whenever it is).

A resources survey round is sent by a national body (its coordinators and admins: `ADMINISTER_NATIONALLY`) to all
municipalities or all counties, or by a county (its coordinators and admins) to its own municipalities. The round
is seen by its sender, by national bodies, and, once open, by the members of the organisations asked. An answer is
seen by the organisation's members, by the members of its county, by the sender and by national bodies; by everyone
when the round makes its answers public and the answer is submitted. An organisation's coordinators and admins
write its answer.
"""

from __future__ import annotations

from typing import Any

from hyte.accounts.models import OrganisationKind
from hyte.accounts.permissions import Action, Permissions, _rule
from hyte.accounts.roles import ROLE_PERMISSIONS, Perm, Role

COUNTY_SCOPE = "county_municipalities"


def _national(perms: Permissions, perm: Perm) -> bool:
    return perms._in_national_body(perm)


def _in_county_of(perms: Permissions, organisation: Any, perm: Perm) -> bool:
    """A member (with `perm`) of the county organisation whose area is the organisation's county."""
    area = organisation.area
    county_id = area.county_id if area is not None else None
    if county_id is None:
        return False
    return any(
        m.organisation.kind == OrganisationKind.COUNTY
        and m.organisation.area_id == county_id
        and perm in ROLE_PERMISSIONS[Role(m.role)]
        for m in perms.memberships
    )


@_rule("national.surveyround", Action.EDIT)
def _edit_round(perms: Permissions, survey: Any) -> bool:
    """Prepare, open and close a round: a national body's coordinators; a county's for its own municipalities."""
    sender = survey.sender
    if sender.kind == OrganisationKind.NATIONAL:
        return perms._has(Perm.EDIT_ALL, sender)
    if sender.kind == OrganisationKind.COUNTY:
        return survey.scope == COUNTY_SCOPE and perms._has(Perm.EDIT_ALL, sender)
    return False


@_rule("national.surveyround", Action.VIEW)
def _view_round(perms: Permissions, survey: Any) -> bool:
    if perms._has(Perm.VIEW_ORGANISATION, survey.sender) or _national(perms, Perm.VIEW_ORGANISATION):
        return True
    if survey.status == "draft" or survey.pk is None:
        return False
    return any(perms._has(Perm.VIEW_ORGANISATION, organisation) for organisation in survey.recipients.all())


@_rule("national.question", Action.EDIT)
def _edit_question(perms: Permissions, question: Any) -> bool:
    return _edit_round(perms, question.round)


@_rule("national.answer", Action.VIEW)
def _view_answer(perms: Permissions, answer: Any) -> bool:
    if answer.round.answers_public and answer.status == "submitted":
        return True
    organisation = answer.organisation
    return (
        perms._has(Perm.VIEW_ORGANISATION, organisation)
        or _in_county_of(perms, organisation, Perm.VIEW_ORGANISATION)
        or perms._has(Perm.VIEW_ORGANISATION, answer.round.sender)
        or _national(perms, Perm.VIEW_ORGANISATION)
    )


@_rule("national.answer", Action.EDIT)
def _edit_answer(perms: Permissions, answer: Any) -> bool:
    """The organisation's coordinators and admins answer for it (while it is one of those asked)."""
    return perms._has(Perm.EDIT_ALL, answer.organisation)
