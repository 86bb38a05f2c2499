"""Which organisation the signed-in user is working in: kept in the session, checked against memberships."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from hyte.accounts.models import Membership, Organisation
from hyte.accounts.permissions import Permissions, permissions_for

SESSION_KEY = "hyte_active_organisation"


def active_membership(request: HttpRequest) -> Membership | None:
    memberships = permissions_for(request.user).memberships
    if not memberships:
        return None
    wanted = request.session.get(SESSION_KEY)
    return next((m for m in memberships if m.organisation_id == wanted), memberships[0])


class ActiveOrganisationMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        working = cast(OrganisationRequest, request)
        working.permissions = SimpleLazyObject(lambda: permissions_for(request.user))  # type: ignore[assignment]
        working.membership = SimpleLazyObject(lambda: active_membership(request))  # type: ignore[assignment]
        working.organisation = SimpleLazyObject(  # type: ignore[assignment]
            lambda: working.membership.organisation if working.membership else None
        )
        return self.get_response(request)


class OrganisationRequest(HttpRequest):
    """A request as the middleware leaves it: the resolver, and the organisation the user is working in."""

    permissions: Permissions
    membership: Membership | None
    organisation: Organisation | None
