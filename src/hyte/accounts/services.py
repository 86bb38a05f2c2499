"""Writes about organisations and people. Keyword-only, typed, atomic, audited, permission-checked.

`actor=None` means the system itself (management commands such as `hyte demo`); every request passes a user.
"""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hyte.accounts.models import (
    ApiToken,
    DraftSharing,
    Membership,
    Organisation,
    OrganisationKind,
    hash_token,
)
from hyte.accounts.permissions import require
from hyte.accounts.roles import Perm, Role
from hyte.audit.services import diff, record, snapshot
from hyte.core import clock
from hyte.regions.models import Area, AreaKind

User = get_user_model()

_AREA_KIND_FOR = {
    OrganisationKind.MUNICIPALITY: AreaKind.MUNICIPALITY,
    OrganisationKind.COUNTY: AreaKind.COUNTY,
}


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "organisation"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def create_organisation(
    *,
    actor: AbstractBaseUser | None,
    name: str,
    kind: str,
    area: Area | None = None,
    slug: str = "",
    name_sv: str = "",
    business_id: str = "",
) -> Organisation:
    if actor is not None and not actor.is_superuser:
        raise PermissionDenied
    expected_area_kind = _AREA_KIND_FOR.get(OrganisationKind(kind))
    if expected_area_kind is not None and (area is None or area.kind != expected_area_kind):
        raise ValidationError(_("A municipality or county organisation must be tied to an area of the same kind."))
    organisation = Organisation.objects.create(
        name=name.strip(),
        name_sv=name_sv.strip(),
        kind=kind,
        area=area,
        slug=slug or _unique_slug(name),
        business_id=business_id.strip(),
    )
    record(
        actor=actor,
        action="organisation.create",
        obj=organisation,
        organisation=organisation,
        changes=diff({}, snapshot(organisation, ["name", "kind", "area_id", "slug"])),
    )
    return organisation


@transaction.atomic
def add_member(
    *, actor: AbstractBaseUser | None, organisation: Organisation, user: AbstractBaseUser, role: str
) -> Membership:
    require(actor, Perm.MANAGE_MEMBERS, organisation)
    if Membership.objects.filter(organisation=organisation, user=user).exists():
        raise ValidationError(_("%(user)s is already a member.") % {"user": user.get_username()})
    membership = Membership.objects.create(organisation=organisation, user=user, role=Role(role))
    record(
        actor=actor,
        action="membership.add",
        obj=membership,
        organisation=organisation,
        changes={"user": [None, user.get_username()], "role": [None, membership.role]},
    )
    return membership


@transaction.atomic
def invite_member(
    *,
    actor: AbstractBaseUser | None,
    organisation: Organisation,
    email: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
) -> tuple[Membership, str | None]:
    """Add a person by e-mail; a new account gets a one-time password that the admin hands over."""
    require(actor, Perm.MANAGE_MEMBERS, organisation)
    email = User.objects.normalize_email(email.strip()).lower()
    user = User.objects.filter(email__iexact=email).first()
    temporary_password = None
    if user is None:
        temporary_password = secrets.token_urlsafe(12)
        user = User.objects.create_user(
            username=email,
            email=email,
            password=temporary_password,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
        )
        record(
            actor=actor,
            action="user.create",
            obj=user,
            organisation=organisation,
            changes={"username": [None, user.get_username()]},
        )
    return add_member(actor=actor, organisation=organisation, user=user, role=role), temporary_password


def _admins_left_after(membership: Membership) -> int:
    return (
        Membership.objects.filter(organisation=membership.organisation, role=Role.ADMIN)
        .exclude(pk=membership.pk)
        .count()
    )


@transaction.atomic
def change_role(*, actor: AbstractBaseUser | None, membership: Membership, role: str) -> Membership:
    require(actor, Perm.MANAGE_MEMBERS, membership.organisation)
    new_role = Role(role)
    if membership.role == Role.ADMIN and new_role != Role.ADMIN and _admins_left_after(membership) == 0:
        raise ValidationError(_("The organisation must keep at least one admin."))
    before = membership.role
    membership.role = new_role
    membership.save(update_fields=["role"])
    record(
        actor=actor,
        action="membership.change_role",
        obj=membership,
        organisation=membership.organisation,
        changes={"role": [before, new_role.value]},
    )
    return membership


@transaction.atomic
def remove_member(*, actor: AbstractBaseUser | None, membership: Membership) -> None:
    require(actor, Perm.MANAGE_MEMBERS, membership.organisation)
    if membership.role == Role.ADMIN and _admins_left_after(membership) == 0:
        raise ValidationError(_("The organisation must keep at least one admin."))
    record(
        actor=actor,
        action="membership.remove",
        obj=membership,
        organisation=membership.organisation,
        changes={"user": [membership.user.get_username(), None], "role": [membership.role, None]},
    )
    membership.delete()


def county_organisations_for(organisation: Organisation) -> list[Organisation]:
    """The county organisations a municipality may share its drafts with: those of its own county."""
    if organisation.kind != OrganisationKind.MUNICIPALITY or organisation.area is None:
        return []
    county = organisation.area.county
    if county is None:
        return []
    return list(Organisation.objects.filter(kind=OrganisationKind.COUNTY, area=county, is_active=True))


@transaction.atomic
def share_drafts(
    *, actor: AbstractBaseUser | None, organisation: Organisation, with_organisation: Organisation
) -> DraftSharing:
    require(actor, Perm.MANAGE_SETTINGS, organisation)
    if with_organisation not in county_organisations_for(organisation):
        raise ValidationError(_("Drafts can be shared only with the county the municipality belongs to."))
    sharing, created = DraftSharing.objects.get_or_create(organisation=organisation, shared_with=with_organisation)
    if created:
        record(
            actor=actor,
            action="sharing.add",
            obj=sharing,
            organisation=organisation,
            changes={"shared_with": [None, with_organisation.name]},
        )
    return sharing


@transaction.atomic
def unshare_drafts(
    *, actor: AbstractBaseUser | None, organisation: Organisation, with_organisation: Organisation
) -> None:
    require(actor, Perm.MANAGE_SETTINGS, organisation)
    deleted, _rows = DraftSharing.objects.filter(organisation=organisation, shared_with=with_organisation).delete()
    if deleted:
        record(
            actor=actor,
            action="sharing.remove",
            object_type="accounts.draftsharing",
            object_repr=f"{organisation} → {with_organisation}",
            organisation=organisation,
            changes={"shared_with": [with_organisation.name, None]},
        )


@transaction.atomic
def create_api_token(*, actor: AbstractBaseUser, name: str) -> tuple[ApiToken, str]:
    name = name.strip()
    if not name:
        raise ValidationError(_("Give the token a name."))
    raw = ApiToken.generate()
    token = ApiToken.objects.create(user=actor, name=name[:100], token_hash=hash_token(raw), hint=raw[:9])
    record(actor=actor, action="api_token.create", obj=token, changes={"name": [None, token.name]})
    return token, raw


@transaction.atomic
def revoke_api_token(*, actor: AbstractBaseUser, token: ApiToken) -> None:
    if token.user_id != actor.pk:
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
        record(actor=actor, action="api_token.revoke", obj=token)


def record_password_change(*, actor: AbstractBaseUser) -> None:
    record(actor=actor, action="user.password_change", obj=actor)
