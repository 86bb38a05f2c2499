"""The base UI: accessible structure on every page, and the organisation pages work as users use them."""

from __future__ import annotations

import re

import pytest

from hyte.accounts.models import Membership
from hyte.accounts.roles import Role
from tests.conftest import SYSTEM


def assert_accessible_structure(html: str) -> None:
    assert re.search(r'<html lang="(fi|sv|en)">', html)
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert "<header" in html
    assert "<footer" in html
    assert '<nav class="main-nav" aria-label=' in html
    assert 'name="viewport"' in html
    assert len(re.findall(r"<h1[ >]", html)) == 1


@pytest.mark.parametrize(
    ("persona", "path"),
    [
        ("anonymous", "/"),
        ("anonymous", "/areas/"),
        ("anonymous", "/areas/county/21/"),
        ("anonymous", "/accounts/login/"),
        ("admin", "/o/kemi/"),
        ("admin", "/o/kemi/members/"),
        ("admin", "/o/kemi/settings/"),
        ("admin", "/o/kemi/audit/"),
        ("admin", "/accounts/tokens/"),
        ("admin", "/accounts/password/"),
        ("county", "/o/lappi/"),
    ],
)
def test_every_page_has_the_accessible_structure(world, persona, path):
    response = world.client_for(persona).get(path)
    assert response.status_code == 200
    assert_accessible_structure(response.content.decode())


def test_login_and_logout(world, client):
    response = client.post("/accounts/login/", {"username": "reader", "password": "correct-horse-battery"})
    assert response.status_code == 302
    assert client.get("/", follow=True).redirect_chain[-1][0] == "/o/kemi/"
    client.post("/accounts/logout/")
    assert client.get("/o/kemi/").status_code == 302


def test_a_wrong_password_gets_a_clear_message(world, client):
    response = client.post("/accounts/login/", {"username": "reader", "password": "wrong"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_the_organisation_switcher_moves_between_organisations(world):
    from hyte.accounts.services import add_member

    add_member(actor=SYSTEM, organisation=world.lappi, user=world.users["reader"], role=Role.READER)
    client = world.client_for("reader")
    page = client.get("/o/kemi/").content.decode()
    assert 'id="organisation-switch"' in page
    response = client.post("/organisations/switch/", {"organisation": world.lappi.pk})
    assert response["Location"] == "/o/lappi/"
    assert client.get("/", follow=True).redirect_chain[-1][0] == "/o/lappi/"


def test_an_admin_adds_changes_and_removes_a_member_from_the_page(world):
    client = world.client_for("admin")
    response = client.post("/o/kemi/members/", {"email": "sote@kemi.fi", "role": "editor"}, follow=True)
    assert "sote@kemi.fi" in response.content.decode()
    membership = Membership.objects.get(user__email="sote@kemi.fi")
    client.post(f"/o/kemi/members/{membership.pk}/role/", {"role": "coordinator"})
    membership.refresh_from_db()
    assert membership.role == "coordinator"
    client.post(f"/o/kemi/members/{membership.pk}/remove/")
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_an_invalid_member_form_is_answered_with_the_field_error(world):
    response = world.client_for("admin").post("/o/kemi/members/", {"email": "not-an-address", "role": "editor"})
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()


def test_a_coordinator_shares_drafts_from_the_settings_page(world):
    client = world.client_for("coordinator")
    client.post("/o/kemi/settings/", {"county": world.lappi.pk, "share": "0"})
    assert not world.kemi.shares.exists()
    client.post("/o/kemi/settings/", {"county": world.lappi.pk, "share": "1"})
    assert world.kemi.shares.filter(shared_with=world.lappi).exists()


def test_the_county_home_lists_which_municipalities_share(world):
    content = world.client_for("county").get("/o/lappi/").content.decode()
    assert "Kemin kaupunki" in content
    assert "Tornion kaupunki" in content


@pytest.mark.django_db
def test_the_front_page_and_the_health_check_answer_head(client):
    for path in ("/", "/healthz"):
        response = client.head(path)
        assert response.status_code == 200, path
        assert response.content == b""


def test_the_demo_prints_the_address_the_server_uses():
    from hyte.demo.management.commands.demo import _url

    assert _url("127.0.0.1:8000") == "http://127.0.0.1:8000/"
    assert _url("8080") == "http://127.0.0.1:8080/"
    assert _url("0.0.0.0:9000") == "http://127.0.0.1:9000/"
    assert _url("192.168.1.5:8000") == "http://192.168.1.5:8000/"


@pytest.mark.django_db
def test_the_swedish_interface_names_the_organisation_in_swedish(world, client):
    from django.conf import settings

    world.kemi.name_sv = "Kemi stad"
    world.kemi.save()
    client.force_login(world.users["reader"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    page = client.get("/o/kemi/").content.decode()
    assert "Kemi stad" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fi"
    assert "Kemi stad" not in client.get("/o/kemi/").content.decode()


def test_every_described_by_reference_names_an_element_on_the_page(client, world):
    """Django points a field with help text at `id_<field>_helptext`: the help must carry that id, or screen
    readers never read it."""
    import re

    client.force_login(world.users["admin"])
    pages = ["/notifications/", "/accounts/password/", "/accounts/tokens/", "/o/kemi/members/"]
    checked = 0
    for path in pages:
        html = client.get(path).content.decode()
        ids = set(re.findall(r'\sid="([^"]+)"', html))
        for references in re.findall(r'aria-describedby="([^"]+)"', html):
            for reference in references.split():
                assert reference in ids, f"{path}: aria-describedby names #{reference}, which is not on the page"
                checked += 1
    assert checked >= 3
