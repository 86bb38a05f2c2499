"""Forgot your password: a link by e-mail, sent through a real SMTP server on loopback, in the reader's language;
the link sets a new password once; the answer does not tell who has an account; requests are limited per
address; the reset is audited (issue 14)."""

from __future__ import annotations

import re

from django.test import Client

from hyte.audit.models import AuditEntry
from tests.smtp import smtp_server  # noqa: F401 (a fixture)


def _link(text: str) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/password/reset/\S+/)", text).group(1)


def test_a_forgotten_password_is_set_again_through_an_emailed_link(world, smtp_server):  # noqa: F811
    client = Client()
    response = client.post("/accounts/password/forgotten/", {"email": "editor@example.fi"}, HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 302
    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert message["To"] == "editor@example.fi"
    assert "lösenord" in message["Subject"].lower()  # in the reader's language
    link = _link(smtp_server.text())
    form = client.get(link, follow=True)
    assert form.status_code == 200
    saved = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link,
        {"new_password1": "uusi-Salasana-2026", "new_password2": "uusi-Salasana-2026"},
    )
    assert saved.status_code == 302
    assert (
        Client().post("/accounts/login/", {"username": "editor", "password": "uusi-Salasana-2026"}).status_code == 302
    )
    assert AuditEntry.objects.filter(action="user.password_reset", actor=world.users["editor"]).exists()
    # The link works once.
    again = client.get(link, follow=True)
    assert (
        "expired or has been used" in again.content.decode()
        or "vanhentunut" in again.content.decode()
        or ("har gått ut" in again.content.decode())
    )


def test_the_answer_does_not_tell_whether_an_address_has_an_account(world, smtp_server):  # noqa: F811
    known = Client().post("/accounts/password/forgotten/", {"email": "editor@example.fi"})
    unknown = Client().post("/accounts/password/forgotten/", {"email": "nobody@example.fi"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(smtp_server.messages) == 1  # only the real account gets a mail


def test_one_address_may_ask_only_a_few_times_an_hour(world, smtp_server):  # noqa: F811
    client = Client()
    answers = [
        client.post("/accounts/password/forgotten/", {"email": "editor@example.fi"}, REMOTE_ADDR="192.0.2.5")
        for _ in range(6)
    ]
    assert [a.status_code for a in answers] == [302] * 5 + [200]
    assert len(smtp_server.messages) == 5


def test_the_login_page_links_to_it(client, db):
    assert "/accounts/password/forgotten/" in client.get("/accounts/login/").content.decode()
