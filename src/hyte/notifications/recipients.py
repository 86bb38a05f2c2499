"""Who is told: the members of an organisation by role."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import User

from hyte.accounts.models import Organisation
from hyte.accounts.roles import Role


def members(organisation: Organisation, roles: Iterable[Role] | None = None) -> list[User]:
    found = User.objects.filter(memberships__organisation=organisation, is_active=True)
    if roles is not None:
        found = found.filter(memberships__role__in=[r.value for r in roles])
    return list(found.distinct())


def coordinators(organisation: Organisation) -> list[User]:
    return members(organisation, [Role.COORDINATOR, Role.ADMIN])


def editors(organisation: Organisation) -> list[User]:
    """Those who edit an organisation's own material: its editors, coordinators and admins."""
    return members(organisation, [Role.EDITOR, Role.COORDINATOR, Role.ADMIN])
