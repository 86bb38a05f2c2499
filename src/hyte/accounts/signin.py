"""Sign-in in the audit log: every sign-in, failed attempt (with the address it came from), lockout and
sign-out. The lockout itself is django-axes' (settings: AXES_*); its signal is recorded here too."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest

from hyte.audit.actions import AuditAction
from hyte.audit.log import record
from hyte.core.actors import SystemActor
from hyte.core.http import client_address

SIGN_IN = SystemActor("sign-in")


def _address(request: HttpRequest | None) -> dict[str, Any]:
    return {"address": [None, client_address(request)]} if request is not None else {}


def _logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    record(user, actor=user, action=AuditAction.USER_LOGIN, organisation=None, changes=_address(request))


def _logged_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record(user, actor=user, action=AuditAction.USER_LOGOUT, organisation=None, changes=_address(request))


def _failed(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any) -> None:
    username = str(credentials.get("username", ""))[:150]
    user = get_user_model().objects.filter(username=username).first()
    record(
        user,
        actor=SIGN_IN,
        action=AuditAction.USER_LOGIN_FAILED,
        organisation=None,
        object_type="auth.user",
        object_repr=username,
        changes=_address(request),
    )


def record_failure(request: HttpRequest, user: Any, *, step: str, organisation: Any = None) -> None:
    """A failed second step (a wrong TOTP code) or a refused single sign-on, with the address it came from."""
    record(
        user,
        actor=SIGN_IN,
        action=AuditAction.USER_LOGIN_FAILED,
        organisation=organisation,
        object_type="auth.user",
        object_repr=user.get_username() if user is not None else "",
        changes={**_address(request), "step": [None, step]},
    )


def _locked_out(sender: Any, request: HttpRequest | None, username: str | None, ip_address: str, **kwargs: Any) -> None:
    user = get_user_model().objects.filter(username=username or "").first()
    record(
        user,
        actor=SIGN_IN,
        action=AuditAction.USER_LOCKED_OUT,
        organisation=None,
        object_type="auth.user",
        object_repr=(username or "")[:150],
        changes={"address": [None, ip_address]},
    )


def connect() -> None:
    from axes.signals import user_locked_out  # type: ignore[import-untyped]

    user_logged_in.connect(_logged_in, dispatch_uid="hyte.signin.logged_in")
    user_logged_out.connect(_logged_out, dispatch_uid="hyte.signin.logged_out")
    user_login_failed.connect(_failed, dispatch_uid="hyte.signin.failed")
    user_locked_out.connect(_locked_out, dispatch_uid="hyte.signin.locked_out")
