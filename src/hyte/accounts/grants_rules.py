"""The resolver's rules for NGO grants (hyte.grants), part of the one resolver (permissions.py imports this module,
so the rules are in its table whenever it is).

A grant call is its funder's (a municipality or a county): its coordinators and admins set it up and publish it,
its members read it while it is a draft, and everyone reads it once published. An application is its applicant's
(an NGO in Hyte): its members read it, its editors and up write it; the funder's coordinators and admins read it
once it has been submitted, never a draft.
"""

from __future__ import annotations

from typing import Any

from hyte.accounts.models import OrganisationKind
from hyte.accounts.permissions import Action, Permissions, _rule
from hyte.accounts.roles import Perm

FUNDERS = (OrganisationKind.MUNICIPALITY, OrganisationKind.COUNTY)


@_rule("grants.call", Action.VIEW)
def _view_call(perms: Permissions, call: Any) -> bool:
    return bool(call.is_published) or perms._has(Perm.VIEW_ORGANISATION, call.funder)


@_rule("grants.call", Action.EDIT)
def _edit_call(perms: Permissions, call: Any) -> bool:
    return call.funder.kind in FUNDERS and perms._has(Perm.EDIT_ALL, call.funder)


@_rule("grants.application", Action.VIEW)
def _view_application(perms: Permissions, application: Any) -> bool:
    if perms._has(Perm.VIEW_ORGANISATION, application.applicant):
        return True
    return application.status != "draft" and perms._has(Perm.EDIT_ALL, application.call.funder)


@_rule("grants.application", Action.EDIT)
def _edit_application(perms: Permissions, application: Any) -> bool:
    """Writing the application (a draft, or a change after the decision): the applicant NGO's editors and up."""
    return application.applicant.kind == OrganisationKind.NGO and perms._has(Perm.EDIT_ASSIGNED, application.applicant)


@_rule("grants.attachment", Action.VIEW)
def _view_attachment(perms: Permissions, attachment: Any) -> bool:
    return _view_application(perms, attachment.application)
