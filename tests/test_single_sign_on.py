"""Single sign-on through an organisation's OpenID Connect provider, against a real provider on loopback
(panva's oidc-provider, tests/oidc.py): the whole authorization code flow with PKCE, the ID token's signature,
issuer, audience and nonce checked by authlib, and members matched by their verified e-mail address."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.core import mail

from hyte.accounts.models import ExternalIdentity, SingleSignOn
from hyte.audit.actions import AuditAction
from hyte.audit.models import AuditEntry
from tests.conftest import PASSWORD
from tests.oidc import oidc_provider, sign_in_at_provider

CALLBACK = "http://testserver/accounts/sso/kemi/callback/"


@pytest.fixture(scope="module")
def issuer() -> Iterator[str]:
    with oidc_provider(client_id="hyte-kemi", client_secret="kemi-secret", redirect_uris=[CALLBACK]) as address:
        yield address


@pytest.fixture
def kemi_sso(world, issuer) -> SingleSignOn:
    return SingleSignOn.objects.create(
        organisation=world.kemi, issuer=issuer, client_id="hyte-kemi", client_secret="kemi-secret"
    )


def sign_in(client, issuer: str, login: str, *, start: str = "/accounts/sso/kemi/"):
    """The browser's way: Hyte → the provider's pages → back to Hyte's callback."""
    response = client.get(start)
    assert response.status_code == 302
    assert response["Location"].startswith(issuer + "/auth?")
    back = sign_in_at_provider(response["Location"], issuer, login=login)
    assert back.startswith(CALLBACK)
    parts = urlsplit(back)
    return client.get(parts.path + "?" + parts.query, HTTP_ACCEPT_LANGUAGE="en")


def signed_in_as(client) -> User | None:
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def test_a_member_signs_in_by_the_e_mail_address_the_provider_vouches_for(client, world, issuer, kemi_sso):
    response = sign_in(client, issuer, "coordinator@example.fi", start="/accounts/sso/kemi/?next=/o/kemi/members/")
    assert response.status_code == 302
    assert response["Location"] == "/o/kemi/members/"
    assert signed_in_as(client) == world.users["coordinator"]
    identity = ExternalIdentity.objects.get(user=world.users["coordinator"])
    assert (identity.issuer, identity.subject) == (issuer, "coordinator@example.fi")
    link = AuditEntry.objects.get(action=AuditAction.USER_IDENTITY_LINK)
    assert link.organisation == world.kemi
    assert link.actor_name == "system: sign-in"
    assert AuditEntry.objects.filter(action=AuditAction.USER_LOGIN, actor=world.users["coordinator"]).exists()


def test_the_next_sign_in_finds_the_linked_account_even_after_the_address_changed(client, world, issuer, kemi_sso):
    sign_in(client, issuer, "editor@example.fi")
    client.logout()
    editor = world.users["editor"]
    editor.email = "new-address@kemi.fi"
    editor.save()
    response = sign_in(client, issuer, "editor@example.fi")
    assert response.status_code == 302
    assert signed_in_as(client) == editor
    assert ExternalIdentity.objects.filter(user=editor).count() == 1


def test_an_invited_member_who_never_chose_a_password_signs_in(client, world, issuer, kemi_sso):
    invited = User.objects.create_user(username="new@kemi.fi", email="New@Kemi.fi", password=None)
    world.kemi.memberships.create(user=invited, role="editor")
    assert not invited.has_usable_password()
    sign_in(client, issuer, "new@kemi.fi")
    assert signed_in_as(client) == invited


@pytest.mark.parametrize(
    ("login", "reason"),
    [
        ("stranger@example.fi", "has no member with the address stranger@example.fi"),
        ("outsider@example.fi", "has no member with the address outsider@example.fi"),  # Tornio's, not Kemi's
        ("unverified-admin@example.fi", "has not verified your e-mail address"),
    ],
)
def test_nobody_else_gets_in(client, world, issuer, kemi_sso, login, reason):  # noqa: PLR0917 - fixtures
    if login.startswith("unverified"):
        world.users["admin"].email = login
        world.users["admin"].save()
    response = sign_in(client, issuer, login)
    assert response.status_code == 403
    assert reason in response.content.decode()
    assert signed_in_as(client) is None
    assert not ExternalIdentity.objects.exists()
    failure = AuditEntry.objects.get(action=AuditAction.USER_LOGIN_FAILED)
    assert failure.organisation == world.kemi
    assert failure.changes["step"] == [None, "single sign-on"]


def test_a_member_who_left_cannot_come_back_through_the_linked_account(client, world, issuer, kemi_sso):
    sign_in(client, issuer, "reader@example.fi")
    client.logout()
    world.kemi.memberships.filter(user=world.users["reader"]).delete()
    response = sign_in(client, issuer, "reader@example.fi")
    assert response.status_code == 403
    assert "no longer a member" in response.content.decode()
    assert signed_in_as(client) is None


def test_a_forged_or_replayed_answer_signs_nobody_in(client, world, issuer, kemi_sso):
    start = client.get("/accounts/sso/kemi/")
    back = urlsplit(sign_in_at_provider(start["Location"], issuer, login="admin@example.fi"))
    forged = back.query.replace("state=", "state=x")
    assert client.get(f"{back.path}?{forged}", HTTP_ACCEPT_LANGUAGE="en").status_code == 403
    assert signed_in_as(client) is None
    # The genuine answer still works, once: replayed, its state and its code are spent.
    assert client.get(f"{back.path}?{back.query}", HTTP_ACCEPT_LANGUAGE="en").status_code == 302
    assert signed_in_as(client) == world.users["admin"]
    client.logout()
    assert client.get(f"{back.path}?{back.query}", HTTP_ACCEPT_LANGUAGE="en").status_code == 403
    assert signed_in_as(client) is None
    # An answer for another browser's sign-in (no state of ours in this session) is refused.
    other = client_class_like(client)
    start = other.get("/accounts/sso/kemi/")
    back = urlsplit(sign_in_at_provider(start["Location"], issuer, login="admin@example.fi"))
    assert client.get(f"{back.path}?{back.query}", HTTP_ACCEPT_LANGUAGE="en").status_code == 403
    assert signed_in_as(client) is None
    assert other.get(f"{back.path}?{back.query}").status_code == 302
    assert signed_in_as(other) == world.users["admin"]


def client_class_like(client):
    return type(client)()


def test_a_wrong_client_secret_signs_nobody_in(client, world, issuer, kemi_sso):
    kemi_sso.client_secret = "wrong"
    kemi_sso.save()
    response = sign_in(client, issuer, "admin@example.fi")
    assert response.status_code == 403
    assert "could not be checked" in response.content.decode()
    assert signed_in_as(client) is None


def test_an_organisation_without_single_sign_on_has_no_such_route(client, world, kemi_sso):
    assert client.get("/accounts/sso/tornio/").status_code == 404
    kemi_sso.enabled = False
    kemi_sso.save()
    assert client.get("/accounts/sso/kemi/").status_code == 404


def test_the_sign_in_page_offers_the_organisations_provider(client, world, kemi_sso):
    page = client.get("/accounts/login/?next=/o/kemi/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Sign in with your organisation's account" in page
    assert 'href="/accounts/sso/kemi/?next=/o/kemi/"' in page
    assert "/accounts/sso/tornio/" not in page


def test_local_passwords_turned_off_send_members_to_the_provider(client, world, kemi_sso, settings):
    assert client.post("/accounts/login/", {"username": "editor", "password": PASSWORD}).status_code == 302
    client.logout()
    kemi_sso.passwords_allowed = False
    kemi_sso.save()
    response = client.post("/accounts/login/", {"username": "editor", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "signs in through its identity provider" in response.content.decode()
    assert signed_in_as(client) is None
    # Another organisation's members keep their passwords.
    assert client.post("/accounts/login/", {"username": "outsider", "password": PASSWORD}).status_code == 302
    client.logout()
    # No reset link either.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.post("/accounts/password/forgotten/", {"email": "editor@example.fi"})
    client.post("/accounts/password/forgotten/", {"email": "outsider@example.fi"})
    assert [m.to for m in mail.outbox] == [["outsider@example.fi"]]


def test_passwords_cannot_be_turned_off_without_single_sign_on(world, issuer):
    from django.core.exceptions import ValidationError

    sso = SingleSignOn(organisation=world.kemi, issuer=issuer, client_id="x", enabled=False, passwords_allowed=False)
    with pytest.raises(ValidationError):
        sso.full_clean()


def test_the_admin_sets_it_up_without_the_secret_reaching_the_page_or_the_log(client, world, issuer):
    superuser = User.objects.create_superuser(username="root", email="root@example.fi", password=PASSWORD)
    client.force_login(superuser)
    response = client.post(
        "/admin/accounts/singlesignon/add/",
        {
            "organisation": world.kemi.pk,
            "issuer": issuer,
            "client_id": "hyte-kemi",
            "client_secret": "kemi-secret",
            "enabled": "on",
            "passwords_allowed": "on",
        },
    )
    assert response.status_code == 302
    sso = SingleSignOn.objects.get(organisation=world.kemi)
    assert sso.client_secret == "kemi-secret"
    page = client.get(f"/admin/accounts/singlesignon/{sso.pk}/change/").content.decode()
    assert "kemi-secret" not in page
    # Saved again without typing the secret, the stored one stays.
    client.post(
        f"/admin/accounts/singlesignon/{sso.pk}/change/",
        {
            "organisation": world.kemi.pk,
            "issuer": issuer,
            "client_id": "hyte-kemi",
            "client_secret": "",
            "enabled": "on",
        },
    )
    sso.refresh_from_db()
    assert (sso.client_secret, sso.passwords_allowed) == ("kemi-secret", False)
    entries = AuditEntry.objects.filter(object_type="accounts.singlesignon")
    assert [e.action for e in entries.order_by("pk")] == [AuditAction.ADMIN_ADD, AuditAction.ADMIN_CHANGE]
    assert all("kemi-secret" not in str(e.changes) for e in entries)
    assert entries.order_by("pk").last().changes["passwords_allowed"] == [True, False]
    client.logout()
    # And it works with what was typed.
    client.force_login(world.users["admin"])
    client.logout()
    sso.passwords_allowed = True
    sso.save()
    assert sign_in(client, issuer, "admin@example.fi").status_code == 302
