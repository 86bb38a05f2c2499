"""Invitations by e-mail (issue 14): with an SMTP server configured, a new member gets a link to choose a password
(valid a week, once) instead of a password the admin hands over; without one, the one-time password remains."""

from __future__ import annotations

import re

from django.test import Client

from hyte.accounts.models import Membership
from tests.smtp import smtp_server  # noqa: F401 (a fixture)


def test_a_new_member_chooses_a_password_through_the_mailed_invitation(world, smtp_server):  # noqa: F811
    admin = world.client_for("admin")
    response = admin.post(
        "/o/kemi/members/",
        {"email": "uusi.jasen@example.fi", "role": "editor", "first_name": "Uusi", "last_name": "Jäsen"},
        HTTP_ACCEPT_LANGUAGE="fi",
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="uusi.jasen@example.fi")
    assert not membership.user.has_usable_password()  # nobody knows a password for it
    assert len(smtp_server.messages) == 1
    mail = smtp_server.messages[0]
    assert mail["To"] == "uusi.jasen@example.fi"
    assert "Kemin kaupunki" in mail["Subject"]
    link = re.search(r"https?://[^/\s]+(/accounts/invitation/\S+/)", smtp_server.text()).group(1)
    client = Client()
    form = client.get(link, follow=True)
    assert "Valitse salasanasi" in form.content.decode() or "Choose your password" in form.content.decode()
    saved = client.post(
        form.redirect_chain[-1][0], {"new_password1": "Oma-Salasana-2026", "new_password2": "Oma-Salasana-2026"}
    )
    assert saved.status_code == 302
    signed_in = Client().post(
        "/accounts/login/", {"username": "uusi.jasen@example.fi", "password": "Oma-Salasana-2026"}
    )
    assert signed_in.status_code == 302
    assert client.get(link, follow=True).context["validlink"] is False  # once


def test_without_mail_the_admin_still_gets_a_one_time_password(world, settings):
    settings.EMAIL_HOST = ""
    admin = world.client_for("admin")
    response = admin.post("/o/kemi/members/", {"email": "toinen@example.fi", "role": "reader"}, follow=True)
    assert Membership.objects.get(user__email="toinen@example.fi").user.has_usable_password()
    assert any("toinen@example.fi" in str(m) for m in response.context["messages"])


def test_an_invitation_link_is_not_a_password_reset_link(world):
    from django.contrib.auth.tokens import default_token_generator

    from hyte.accounts.invitations import invitation_tokens

    user = world.users["editor"]
    assert not invitation_tokens.check_token(user, default_token_generator.make_token(user))
    assert not default_token_generator.check_token(user, invitation_tokens.make_token(user))
    assert invitation_tokens.check_token(user, invitation_tokens.make_token(user))
