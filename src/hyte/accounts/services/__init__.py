"""Writes about organisations and people. Keyword-only, typed, atomic, audited, permission-checked."""

from __future__ import annotations

import datetime as dt
import secrets

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hyte.accounts.models import ApiToken, DraftSharing, Membership, Organisation, OrganisationKind, hash_token
from hyte.accounts.permissions import SITE, Action, require
from hyte.accounts.queries import county_organisations_for
from hyte.accounts.roles import Role
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor
from hyte.regions.models import Area, AreaKind

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


@audit.service(AuditAction.ORGANISATION_CREATE)
def create_organisation(
    *,
    actor: Actor,
    name: str,
    kind: str,
    area: Area | None = None,
    slug: str = "",
    name_sv: str = "",
    business_id: str = "",
) -> Organisation:
    require(actor, Action.CREATE_ORGANISATION, SITE)
    expected_area_kind = _AREA_KIND_FOR.get(OrganisationKind(kind))
    if expected_area_kind is not None and (area is None or area.kind != expected_area_kind):
        raise ValidationError(_("A municipality or county organisation must be tied to an area of the same kind."))
    return audit.create(
        Organisation,
        audit_fields=["name", "kind", "area_id", "slug"],
        name=name.strip(),
        name_sv=name_sv.strip(),
        kind=kind,
        area=area,
        slug=slug or _unique_slug(name),
        business_id=business_id.strip(),
    )


@audit.service(AuditAction.USER_CREATE)
def create_account(
    *,
    actor: Actor,
    username: str,
    email: str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    for_organisation: Organisation | None = None,
) -> User:
    """A new account (the demo's people, or someone invited by e-mail), logged in the inviting organisation's log.
    Without a password the account cannot sign in until its owner chooses one through an invitation link."""
    if for_organisation is not None:
        require(actor, Action.MANAGE_MEMBERS, for_organisation)
    user = User.objects.create_user(
        username=username, email=email, password=password, first_name=first_name.strip(), last_name=last_name.strip()
    )
    audit.record(user, organisation=for_organisation, changes={"username": [None, user.get_username()]})
    return user


@audit.service(AuditAction.MEMBER_ADD)
def add_member(*, actor: Actor, organisation: Organisation, user: User, role: str) -> Membership:
    require(actor, Action.MANAGE_MEMBERS, organisation)
    if Membership.objects.filter(organisation=organisation, user=user).exists():
        raise ValidationError(_("%(user)s is already a member.") % {"user": user.get_username()})
    membership = Membership.objects.create(organisation=organisation, user=user, role=Role(role))
    audit.record(membership, changes={"user": [None, user.get_username()], "role": [None, membership.role]})
    return membership


@audit.service(AuditAction.MEMBER_ADD, AuditAction.USER_CREATE)
def invite_member(
    *,
    actor: Actor,
    organisation: Organisation,
    email: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    by_mail: bool = False,
) -> tuple[Membership, str | None]:
    """Add a person by e-mail. A new account gets a one-time password that the admin hands over or, `by_mail`,
    no password: its owner chooses one through the invitation link (the caller sends it)."""
    require(actor, Action.MANAGE_MEMBERS, organisation)
    email = User.objects.normalize_email(email.strip()).lower()
    user = User.objects.filter(email__iexact=email).first()
    temporary_password = None
    if user is None:
        temporary_password = None if by_mail else secrets.token_urlsafe(12)
        user = create_account(
            actor=actor,
            username=email,
            email=email,
            password=temporary_password,
            first_name=first_name,
            last_name=last_name,
            for_organisation=organisation,
        )
    return add_member(actor=actor, organisation=organisation, user=user, role=role), temporary_password


def _keeps_an_admin(membership: Membership, new_role: Role | None) -> None:
    """The organisation must keep an admin. Its row is locked first, so that two admins demoting each other at
    the same moment take turns and the second sees the first's change."""
    Organisation.objects.select_for_update().filter(pk=membership.organisation_id).first()
    current = Membership.objects.get(pk=membership.pk)
    if current.role != Role.ADMIN or new_role == Role.ADMIN:
        return
    others = Membership.objects.filter(organisation_id=membership.organisation_id, role=Role.ADMIN)
    if not others.exclude(pk=membership.pk).exists():
        raise ValidationError(_("The organisation must keep at least one admin."))


@audit.service(AuditAction.MEMBER_ROLE)
def change_role(*, actor: Actor, membership: Membership, role: str) -> Membership:
    require(actor, Action.EDIT, membership)
    new_role = Role(role)
    _keeps_an_admin(membership, new_role)
    audit.update(membership, role=new_role.value)
    return membership


@audit.service(AuditAction.MEMBER_REMOVE)
def remove_member(*, actor: Actor, membership: Membership) -> None:
    require(actor, Action.EDIT, membership)
    _keeps_an_admin(membership, None)
    changes = {"user": [membership.user.get_username(), None], "role": [membership.role, None]}
    audit.delete(membership, changes=changes)


@audit.service(AuditAction.SHARING_ADD)
def share_drafts(*, actor: Actor, organisation: Organisation, with_organisation: Organisation) -> DraftSharing:
    require(actor, Action.MANAGE_SETTINGS, organisation)
    if with_organisation not in county_organisations_for(organisation):
        raise ValidationError(_("Drafts can be shared only with the county the municipality belongs to."))
    sharing, created = DraftSharing.objects.get_or_create(organisation=organisation, shared_with=with_organisation)
    if created:
        audit.record(sharing, changes={"shared_with": [None, with_organisation.name]})
    return sharing


@audit.service(AuditAction.SHARING_REMOVE)
def unshare_drafts(*, actor: Actor, organisation: Organisation, with_organisation: Organisation) -> None:
    require(actor, Action.MANAGE_SETTINGS, organisation)
    sharing = DraftSharing.objects.filter(organisation=organisation, shared_with=with_organisation).first()
    if sharing is not None:
        audit.delete(sharing, changes={"shared_with": [with_organisation.name, None]})


@audit.service(AuditAction.API_TOKEN_CREATE)
def create_api_token(
    *, actor: User, name: str, valid_days: int | None = 90, read_only: bool = False
) -> tuple[ApiToken, str]:
    """A new token for the actor, shown once: valid for `valid_days` days (None: until revoked), and able to read
    only, when `read_only`."""
    name = name.strip()
    if not name:
        raise ValidationError(_("Give the token a name."))
    if valid_days is not None and not 1 <= valid_days <= 3660:
        raise ValidationError(_("A token is valid for 1–3660 days, or until revoked."))
    raw = ApiToken.generate()
    token = audit.create(
        ApiToken,
        audit_fields=["name", "expires_at", "read_only"],
        user=actor,
        name=name[:100],
        token_hash=hash_token(raw),
        hint=raw[:9],
        expires_at=None if valid_days is None else clock.now() + dt.timedelta(days=valid_days),
        read_only=read_only,
    )
    return token, raw


@audit.service(AuditAction.API_TOKEN_REVOKE)
def revoke_api_token(*, actor: User, token: ApiToken) -> None:
    require(actor, Action.REVOKE, token)
    if token.revoked_at is None:
        audit.update(token, revoked_at=clock.now())


@audit.service(AuditAction.USER_PASSWORD_RESET)
def record_password_reset(*, actor: User) -> None:
    """Django's own view set a new password through an e-mailed link; this records that it did."""
    audit.record(actor)


@audit.service(AuditAction.USER_PASSWORD)
def record_password_change(*, actor: User) -> None:
    """Django's own view changes the password; this records that it did."""
    audit.record(actor)
