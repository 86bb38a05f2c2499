"""Invitations by e-mail: a new member gets a link to choose a password (valid INVITATION_DAYS days, once) instead
of a password handed over by the admin. Used when an SMTP server is configured; without one the admin still gets
a one-time password to hand over."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode

from hyte.accounts.models import Organisation

INVITATION_DAYS = 7


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Like the password reset token (it stops working once a password is set), but valid for a week and never
    accepted as a reset token or the other way round (its own salt)."""

    key_salt = "hyte.accounts.invitations.InvitationTokenGenerator"

    def check_token(self, user: User | None, token: str | None) -> bool:
        if not (user and token):
            return False
        try:
            ts = base36_to_int(token.split("-")[0])
        except ValueError:
            return False
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        ):
            return False
        return self._num_seconds(self._now()) - ts <= INVITATION_DAYS * 24 * 3600


invitation_tokens = InvitationTokenGenerator()


def mail_enabled() -> bool:
    return bool(settings.EMAIL_HOST)


def send_invitation(*, user: User, organisation: Organisation, invited_by: str, base_url: str, language: str) -> None:
    """The invitation mail, in the inviter's language, with the link to choose a password."""
    link = base_url + reverse(
        "invitation-accept",
        args=[urlsafe_base64_encode(force_bytes(user.pk)), invitation_tokens.make_token(user)],
    )
    with translation.override(language):
        context = {"organisation": organisation.name, "invited_by": invited_by, "link": link, "days": INVITATION_DAYS}
        subject = render_to_string("accounts/invitation/subject.txt", context).strip()
        body = render_to_string("accounts/invitation/email.txt", context)
    send_mail(subject, body, None, [user.email])
