"""Sign-in cannot be guessed at (issue 14: 50 wrong passwords in 9 s were accepted, and the right one then
worked): after ten wrong passwords the account is locked at that address, the right password included, and
every sign-in, failure, lockout and sign-out is in the audit log with the address."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.test import Client

from hyte.audit.models import AuditEntry
from tests.conftest import PASSWORD


def _sign_in(client: Client, username: str, password: str, address: str = "192.0.2.10"):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE="en"
    )


def test_ten_wrong_passwords_lock_the_account_at_that_address_even_for_the_right_one(world):
    client = Client()
    for _ in range(9):
        assert _sign_in(client, "editor", "wrong").status_code == 200  # the form again
    assert _sign_in(client, "editor", "wrong").status_code == 429  # the tenth locks
    locked = _sign_in(client, "editor", PASSWORD)
    assert locked.status_code == 429
    assert "Sign-in locked" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address is not locked out by this one's guesses.
    assert _sign_in(Client(), "editor", PASSWORD, address="198.51.100.7").status_code == 302
    # The lock opens after the cool-off time.
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(minutes=16)):
        assert _sign_in(Client(), "editor", PASSWORD).status_code == 302
    assert AuditEntry.objects.filter(action="user.login_failed", object_repr="editor").count() >= 10
    lockout = AuditEntry.objects.filter(action="user.locked_out").first()
    assert lockout.changes["address"][1] == "192.0.2.10"


def test_sign_in_failure_and_sign_out_are_audited_with_the_address(world):
    client = Client()
    _sign_in(client, "nobody-here", "x")
    failed = AuditEntry.objects.get(action="user.login_failed")
    assert failed.object_repr == "nobody-here"
    assert failed.actor is None
    assert _sign_in(client, "reader", PASSWORD).status_code == 302
    login = AuditEntry.objects.get(action="user.login")
    assert login.actor == world.users["reader"]
    assert login.changes["address"][1] == "192.0.2.10"
    client.post("/accounts/logout/", REMOTE_ADDR="192.0.2.10")
    assert AuditEntry.objects.filter(action="user.logout", actor=world.users["reader"]).exists()


def test_the_address_behind_a_proxy_is_the_one_the_proxy_saw(world, settings):
    settings.NINJA_NUM_PROXIES = 1
    client = Client()
    client.post(
        "/accounts/login/",
        {"username": "reader", "password": "wrong"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.23",
    )
    assert AuditEntry.objects.get(action="user.login_failed").changes["address"][1] == "198.51.100.23"
