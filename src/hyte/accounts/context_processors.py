from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from hyte.accounts.permissions import permissions_for


def organisations(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"my_memberships": [], "active_organisation": None, "active_perms": frozenset()}
    membership = getattr(request, "membership", None)
    return {
        "my_memberships": permissions_for(user).memberships,
        "active_organisation": membership.organisation if membership else None,
        "active_role": membership.get_role_display() if membership else "",
        "active_perms": permissions_for(user).allowed(membership.organisation) if membership else frozenset(),
    }
