"""Two-factor sign-in with TOTP codes from an authenticator app (django-otp's TOTP devices and their throttling
of wrong codes). Optional for everyone, recommended for administrators: after the password, a person who has
turned it on is asked for the six-digit code before the session signs in."""

from __future__ import annotations

import time
from base64 import b32encode
from binascii import unhexlify
from urllib.parse import quote, urlencode

import segno
from django.conf import settings
from django.contrib.auth.models import User
from django_otp.oath import TOTP  # type: ignore[import-untyped]
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key  # type: ignore[import-untyped]

PENDING_SESSION_KEY = "hyte_two_factor_pending"
SETUP_SESSION_KEY = "hyte_two_factor_setup"
PENDING_SECONDS = 300  # the code must follow the password within five minutes


def device_for(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def new_key() -> str:
    """A new secret (hex, 20 bytes), kept in the session until the first code confirms it."""
    return str(default_key())


def code_matches(key: str, code: str) -> bool:
    """Whether `code` is the current code (or the one before or after: clocks differ) of the secret `key`."""
    code = code.strip().replace(" ", "")
    if not (code.isdigit() and len(code) == 6):
        return False
    totp = TOTP(unhexlify(key.encode()))
    totp.time = time.time()
    return bool(totp.verify(int(code), tolerance=1))


def secret_text(key: str) -> str:
    """The secret as the base32 text an app accepts when typed, in groups of four."""
    text = b32encode(unhexlify(key.encode())).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def otpauth_uri(user: User, key: str) -> str:
    issuer = str(getattr(settings, "OTP_TOTP_ISSUER", "Hyte")).replace(":", "")
    label = f"{issuer}:{user.get_username()}"
    params = urlencode(
        {"secret": b32encode(unhexlify(key.encode())).decode(), "algorithm": "SHA1", "digits": 6, "period": 30}
    )
    return f"otpauth://totp/{quote(label)}?{params}&issuer={quote(issuer)}"


def qr_svg(uri: str) -> str:
    """The QR code of `uri` as inline SVG (no script, no external image: fits the Content-Security-Policy)."""
    return str(segno.make(uri, error="m").svg_inline(scale=4, dark="#000", light="#fff", omitsize=False))
