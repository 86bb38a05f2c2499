"""Which organisation the signed-in user is working in: kept in the session, checked against memberships."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from hyte.accounts.models import Membership
from hyte.accounts.permissions import permissions_for

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
        request.permissions = SimpleLazyObject(lambda: permissions_for(request.user))
        request.membership = SimpleLazyObject(lambda: active_membership(request))
        request.organisation = SimpleLazyObject(lambda: request.membership.organisation if request.membership else None)
        return self.get_response(request)
