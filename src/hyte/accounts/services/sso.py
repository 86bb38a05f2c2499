"""Single sign-on's one write: linking a person's account at the identity provider to their Hyte account."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.models import ExternalIdentity, SingleSignOn
from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core.actors import Actor


@audit.service(AuditAction.USER_IDENTITY_LINK)
def link_identity(
    *, actor: Actor, single_sign_on: SingleSignOn, user: User, issuer: str, subject: str
) -> ExternalIdentity:
    """Link `user` to the provider's account `subject` (at their first sign-in through it, matched by e-mail).
    One Hyte account per provider account, and one provider account per Hyte account at each provider."""
    require(actor, Action.MANAGE_MEMBERS, single_sign_on.organisation)
    if ExternalIdentity.objects.filter(user=user, issuer=issuer).exclude(subject=subject).exists():
        raise ValidationError(
            _("%(user)s is already linked to another account at this identity provider.")
            % {"user": user.get_username()}
        )
    identity, _created = ExternalIdentity.objects.get_or_create(issuer=issuer, subject=subject, defaults={"user": user})
    audit.record(
        user,
        organisation=single_sign_on.organisation,
        changes={"identity": [None, f"{subject} @ {issuer}"]},
    )
    return identity
