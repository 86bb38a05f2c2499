"""Optional two-factor sign-in with TOTP codes (RFC 6238) from an authenticator app."""

from __future__ import annotations

import datetime as dt
import re
from binascii import unhexlify

import pytest
from django_otp.oath import TOTP, totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from hyte.accounts import two_factor
from hyte.audit.actions import AuditAction
from hyte.audit.models import AuditEntry
from tests.conftest import PASSWORD

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def code(key: str) -> str:
    """The code an authenticator app shows now for the secret `key` (hex)."""
    return f"{totp(unhexlify(key)):06d}"


def test_codes_are_those_of_rfc_6238():
    # RFC 6238, appendix B: the SHA-1 secret "12345678901234567890" gives 94287082 at 59 s and 07081804 at
    # 1111111109 s (eight digits); the sign-in accepts the current code and the one before and after it.
    reference = TOTP(b"12345678901234567890", digits=8)
    reference.time = 59
    assert reference.token() == 94287082
    reference.time = 1111111109
    assert reference.token() == 7081804
    key = b"12345678901234567890".hex()
    assert two_factor.code_matches(key, code(key))
    assert not two_factor.code_matches(key, "12345")  # five digits
    assert not two_factor.code_matches(key, "abcdef")


@pytest.fixture
def enabled(client, world) -> str:
    """The editor turns two-factor sign-in on, as on the page; returns the secret (hex)."""
    client.force_login(world.users["editor"])
    page = client.get("/accounts/two-factor/", **EN).content.decode()
    assert "<svg" in page
    key = client.session[two_factor.SETUP_SESSION_KEY]
    typed = re.search(r'<code class="secret-key">([A-Z2-7 ]+)</code>', page).group(1)
    import base64

    assert base64.b32decode(typed.replace(" ", "")) == unhexlify(key)
    response = client.post("/accounts/two-factor/", {"code": code(key)}, follow=True, **EN)
    assert "Two-factor authentication is on." in response.content.decode()
    client.logout()
    return key


def test_turning_it_on_needs_a_right_code(client, world):
    client.force_login(world.users["editor"])
    client.get("/accounts/two-factor/")
    key = client.session[two_factor.SETUP_SESSION_KEY]
    wrong = f"{(int(code(key)) + 1) % 1_000_000:06d}"
    response = client.post("/accounts/two-factor/", {"code": wrong}, follow=True, **EN)
    assert "The code did not match" in response.content.decode()
    assert not TOTPDevice.objects.exists()
    client.post("/accounts/two-factor/", {"code": code(key)})
    device = TOTPDevice.objects.get(user=world.users["editor"])
    assert device.confirmed
    assert device.key == key
    entry = AuditEntry.objects.get(action=AuditAction.USER_TWO_FACTOR_ON)
    assert entry.actor == world.users["editor"]
    assert key not in str(entry.changes)


def test_the_password_alone_no_longer_signs_in(client, world, enabled):
    response = client.post("/accounts/login/", {"username": "editor", "password": PASSWORD, "next": "/o/kemi/"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/code/"
    assert "_auth_user_id" not in client.session
    assert client.get("/o/kemi/").status_code == 302  # still sent to sign in
    response = client.post("/accounts/login/code/", {"code": "000000" if code(enabled) != "000000" else "111111"}, **EN)
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session
    failure = AuditEntry.objects.get(action=AuditAction.USER_LOGIN_FAILED)
    assert failure.changes["step"] == [None, "two-factor code"]


def test_the_code_completes_the_sign_in(client, world, enabled):
    client.post("/accounts/login/", {"username": "editor", "password": PASSWORD, "next": "/o/kemi/"})
    response = client.post("/accounts/login/code/", {"code": code(enabled)})
    assert response.status_code == 302
    assert response["Location"] == "/o/kemi/"
    assert client.session["_auth_user_id"] == str(world.users["editor"].pk)
    assert AuditEntry.objects.filter(action=AuditAction.USER_LOGIN, actor=world.users["editor"]).exists()
    # The same code cannot sign in a second time (someone who saw it over a shoulder).
    client.logout()
    client.post("/accounts/login/", {"username": "editor", "password": PASSWORD})
    assert client.post("/accounts/login/code/", {"code": code(enabled)}).status_code == 400


def test_wrong_codes_slow_down_guessing(client, world, enabled, time_machine):
    time_machine.move_to(dt.datetime.now(tz=dt.UTC), tick=False)
    client.post("/accounts/login/", {"username": "editor", "password": PASSWORD})
    right = code(enabled)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    client.post("/accounts/login/code/", {"code": wrong})
    client.post("/accounts/login/code/", {"code": wrong})
    # After two wrong codes even the right one is refused for a moment (django-otp's throttling: 2 s, doubling).
    response = client.post("/accounts/login/code/", {"code": right}, **EN)
    assert "Too many wrong codes" in response.content.decode()
    assert "_auth_user_id" not in client.session
    time_machine.shift(dt.timedelta(seconds=3))
    assert client.post("/accounts/login/code/", {"code": code(enabled)}).status_code == 302


def test_the_code_must_follow_the_password_within_five_minutes(client, world, enabled, time_machine):
    time_machine.move_to(dt.datetime.now(tz=dt.UTC), tick=False)
    client.post("/accounts/login/", {"username": "editor", "password": PASSWORD})
    time_machine.shift(dt.timedelta(minutes=6))
    response = client.post("/accounts/login/code/", {"code": code(enabled)})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert "_auth_user_id" not in client.session


def test_the_code_page_without_a_password_first_signs_nobody_in(client, world, enabled):
    response = client.post("/accounts/login/code/", {"code": code(enabled)})
    assert response["Location"] == "/accounts/login/"
    assert "_auth_user_id" not in client.session


def test_turning_it_off_needs_a_code_too(client, world, enabled):
    client.force_login(world.users["editor"])
    client.post("/accounts/two-factor/", {"code": "abc"})
    assert TOTPDevice.objects.filter(user=world.users["editor"]).exists()
    client.post("/accounts/two-factor/", {"code": code(enabled)})
    assert not TOTPDevice.objects.filter(user=world.users["editor"]).exists()
    assert AuditEntry.objects.filter(action=AuditAction.USER_TWO_FACTOR_OFF, actor=world.users["editor"]).exists()
    client.logout()
    assert client.post("/accounts/login/", {"username": "editor", "password": PASSWORD})["Location"] != (
        "/accounts/login/code/"
    )


def test_an_administrator_removes_a_lost_phone_in_the_admin_and_the_log_says_so(client, world, enabled):
    from django.contrib.auth.models import User

    root = User.objects.create_superuser(username="root", email="root@example.fi", password=PASSWORD)
    client.force_login(root)
    device = TOTPDevice.objects.get(user=world.users["editor"])
    assert enabled not in client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/").content.decode()
    response = client.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.exists()
    entry = AuditEntry.objects.get(action=AuditAction.ADMIN_DELETE, object_type="otp_totp.totpdevice")
    assert entry.actor == root
    assert enabled not in str(entry.changes)
