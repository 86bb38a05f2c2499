"""Turning two-factor sign-in on and off: each needs a current code, and each is in the audit log."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped]

from hyte.accounts import two_factor
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction


@audit.service(AuditAction.USER_TWO_FACTOR_ON)
def enable_two_factor(*, actor: User, key: str, code: str) -> TOTPDevice:
    """Turn on two-factor sign-in for `actor` with the secret their app shows `code` for."""
    if two_factor.device_for(actor) is not None:
        raise ValidationError(_("Two-factor authentication is already on."))
    if not two_factor.code_matches(key, code):
        raise ValidationError(_("The code did not match. Check the time on your phone and try again."))
    device = TOTPDevice.objects.create(user=actor, name="authenticator app", key=key, confirmed=True)
    audit.record(actor, organisation=None, changes={"two_factor": [False, True]})
    return device


@audit.service(AuditAction.USER_TWO_FACTOR_OFF)
def disable_two_factor(*, actor: User, code: str) -> None:
    """Turn two-factor sign-in off for `actor`, who proves it with a current code."""
    device = two_factor.device_for(actor)
    if device is None:
        raise ValidationError(_("Two-factor authentication is not on."))
    if not device.verify_token(code.strip().replace(" ", "")):
        raise ValidationError(_("The code did not match. Check the time on your phone and try again."))
    TOTPDevice.objects.filter(user=actor).delete()
    audit.record(actor, organisation=None, changes={"two_factor": [True, False]})
