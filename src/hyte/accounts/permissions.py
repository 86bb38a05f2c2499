"""The one permission resolver. Every "may this user do X to Y" in views, the API and services asks it.

`permissions_for(user)` loads the user's memberships once per request; object-level questions (a goal, a
section) reduce to a permission in the owning organisation plus, for editors, being assigned.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from functools import cached_property
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from hyte.accounts.models import DraftSharing, Membership, Organisation
from hyte.accounts.roles import ROLE_PERMISSIONS, SHARED_WITH_COUNTY, Perm, Role


class Permissions:
    def __init__(self, user: Any) -> None:
        self.user = user if user is not None else AnonymousUser()

    @property
    def is_authenticated(self) -> bool:
        return bool(self.user.is_authenticated and self.user.is_active)

    @cached_property
    def memberships(self) -> list[Membership]:
        if not self.is_authenticated:
            return []
        return list(
            Membership.objects.filter(user=self.user, organisation__is_active=True)
            .select_related("organisation", "organisation__area")
            .order_by("organisation__name")
        )

    @cached_property
    def _roles(self) -> dict[int, Role]:
        return {m.organisation_id: Role(m.role) for m in self.memberships}

    @cached_property
    def _shared_with_me(self) -> dict[int, frozenset[Perm]]:
        """Organisations whose drafts are shared with an organisation where I may read drafts."""
        readers_in = [org_id for org_id, role in self._roles.items() if Perm.VIEW_DRAFTS in ROLE_PERMISSIONS[role]]
        if not readers_in:
            return {}
        shares = DraftSharing.objects.filter(shared_with_id__in=readers_in, organisation__is_active=True).values_list(
            "organisation_id", flat=True
        )
        return dict.fromkeys(shares, SHARED_WITH_COUNTY)

    def role_in(self, organisation: Organisation) -> Role | None:
        return self._roles.get(organisation.pk)

    def is_member(self, organisation: Organisation) -> bool:
        return organisation.pk in self._roles

    def perms_in(self, organisation: Organisation) -> frozenset[Perm]:
        if not self.is_authenticated or not organisation.is_active:
            return frozenset()
        role = self._roles.get(organisation.pk)
        own = ROLE_PERMISSIONS[role] if role is not None else frozenset()
        return own | self._shared_with_me.get(organisation.pk, frozenset())

    def has(self, perm: Perm, organisation: Organisation) -> bool:
        return perm in self.perms_in(organisation)

    def can_view_drafts(self, organisation: Organisation) -> bool:
        return self.has(Perm.VIEW_DRAFTS, organisation)

    def can_edit(self, organisation: Organisation, *, assignee_ids: Iterable[int] = ()) -> bool:
        """Coordinators edit everything of their organisation; editors what is assigned to them."""
        perms = self.perms_in(organisation)
        if Perm.EDIT_ALL in perms:
            return True
        return Perm.EDIT_ASSIGNED in perms and self.user.pk in set(assignee_ids)

    def readable_organisation_ids(self) -> set[int]:
        return set(self._roles) | set(self._shared_with_me)


def permissions_for(user: Any) -> Permissions:
    """The resolver for `user`, cached on the user object for the rest of the request."""
    cached = getattr(user, "_hyte_permissions", None)
    if cached is None:
        cached = Permissions(user)
        if user is not None:
            with contextlib.suppress(AttributeError):
                user._hyte_permissions = cached
    return cached


def require(actor: Any, perm: Perm, organisation: Organisation) -> None:
    """For services: raise PermissionDenied unless `actor` has `perm`; `actor=None` is the system itself."""
    if actor is not None and not permissions_for(actor).has(perm, organisation):
        raise PermissionDenied


def get_organisation_for(user: Any, slug: str, perm: Perm) -> Organisation:
    """Fetch an organisation and check `perm` in one call; 404 both when missing and when forbidden."""
    organisation = Organisation.objects.select_related("area", "area__county").filter(slug=slug).first()
    if organisation is None or not permissions_for(user).has(perm, organisation):
        raise Http404
    return organisation
