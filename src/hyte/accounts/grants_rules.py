"""The resolver's rules for NGO grants (hyte.grants), part of the one resolver (permissions.py imports this module,
so the rules are in its table whenever it is).

A grant call is its funder's (a municipality or a county): its coordinators and admins set it up and publish it,
its members read it while it is a draft, and everyone reads it once published. An application is its applicant's
(an NGO in Hyte): its members read it, its editors and up write it; the funder's coordinators and admins read it
once it has been submitted, never a draft, and so do the call's reviewers, except one who declared themselves
disqualified from it (they see only their declaration). Each reviewer declares and scores for themselves alone.
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
    if application.status == "draft":
        return False
    return perms._has(Perm.EDIT_ALL, application.call.funder) or reviews(perms, application)


@_rule("grants.application", Action.EDIT)
def _edit_application(perms: Permissions, application: Any) -> bool:
    """Writing the application (a draft, or a change after the decision): the applicant NGO's editors and up."""
    return application.applicant.kind == OrganisationKind.NGO and perms._has(Perm.EDIT_ASSIGNED, application.applicant)


@_rule("grants.attachment", Action.VIEW)
def _view_attachment(perms: Permissions, attachment: Any) -> bool:
    return _view_application(perms, attachment.application)


def _reviewer_of(perms: Permissions, call: Any) -> Any:
    """The reader's assignment as a reviewer of `call`, while a member of the funder; None otherwise."""
    user_id = perms.user_id
    if user_id is None or call.pk is None or not perms._has(Perm.VIEW_ORGANISATION, call.funder):
        return None
    return call.reviewers.filter(user_id=user_id).first()


def reviews(perms: Permissions, application: Any) -> bool:
    """A reviewer of the call who has not declared themselves disqualified from this application."""
    reviewer = _reviewer_of(perms, application.call)
    if reviewer is None or application.status == "draft":
        return False
    return not application.declarations.filter(reviewer=reviewer, disqualified=True).exists()


@_rule("grants.reviewer", Action.EDIT)
def _assign_reviewer(perms: Permissions, reviewer: Any) -> bool:
    return _edit_call(perms, reviewer.call)


@_rule("grants.declaration", Action.EDIT)
def _declare(perms: Permissions, declaration: Any) -> bool:
    """Only the reviewer declares, for themselves, on an application sent to the call they review."""
    reviewer = declaration.reviewer
    return (
        perms.user_id is not None
        and reviewer.user_id == perms.user_id
        and perms._has(Perm.VIEW_ORGANISATION, reviewer.call.funder)
        and declaration.application.status != "draft"
    )


@_rule("grants.score", Action.EDIT)
def _score(perms: Permissions, score: Any) -> bool:
    """Only the reviewer scores, and not an application they declared themselves disqualified from."""
    return score.reviewer.user_id == perms.user_id and reviews(perms, score.application)


@_rule("grants.usereport", Action.VIEW)
def _view_use_report(perms: Permissions, report: Any) -> bool:
    """The grantee NGO's members and the funder's coordinators and admins."""
    application = report.application
    return perms._has(Perm.VIEW_ORGANISATION, application.applicant) or perms._has(
        Perm.EDIT_ALL, application.call.funder
    )


@_rule("grants.usereport", Action.EDIT)
def _write_use_report(perms: Permissions, report: Any) -> bool:
    """The grantee NGO's editors and up (the services refuse, with a message, a report sent and not returned)."""
    return _edit_application(perms, report.application)


@_rule("grants.usereport", Action.APPROVE)
def _check_use_report(perms: Permissions, report: Any) -> bool:
    """Checking the report, its due date and the sampling: the funder's coordinators and admins."""
    return _edit_call(perms, report.application.call)
