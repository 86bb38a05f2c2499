"""Signing in as people do, in Chromium: through the organisation's identity provider (a real OpenID provider on
loopback, tests/oidc.py), and with a password and a TOTP code; the pages meet WCAG 2.1 AA at phone width too."""

from __future__ import annotations

from binascii import unhexlify

import pytest
from django_otp.oath import totp

from hyte.accounts.models import SingleSignOn
from hyte.accounts.services.two_factor import enable_two_factor
from hyte.accounts.two_factor import new_key
from tests.conftest import PASSWORD
from tests.oidc import oidc_provider
from tests.test_browser import _context, _policy_refusals, _violations, areas, browser  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_signs_in_through_the_organisations_identity_provider(browser, live_server, areas, world):  # noqa: F811
    callback = f"{live_server.url}/accounts/sso/kemi/callback/"
    with oidc_provider(client_id="hyte-kemi", client_secret="s3cret", redirect_uris=[callback]) as issuer:
        SingleSignOn.objects.create(
            organisation=world.kemi, issuer=issuer, client_id="hyte-kemi", client_secret="s3cret"
        )
        context = _context(browser, live_server, language="fi")
        page = context.new_page()
        page.set_viewport_size({"width": 375, "height": 800})
        page.goto(f"{live_server.url}/accounts/login/?next=/o/kemi/members/")
        assert _violations(page) == []
        page.get_by_role("link", name="Kemin kaupunki").click()
        page.wait_for_url(f"{issuer}/interaction/**")
        page.fill("input[name=login]", "coordinator@example.fi")
        page.fill("input[name=password]", "anything")
        page.get_by_role("button").first.click()
        page.wait_for_url(f"{issuer}/interaction/**")
        page.get_by_role("button").first.click()  # the provider's consent
        page.wait_for_url(f"{live_server.url}/o/kemi/members/")
        assert "coordinator" in page.locator(".user-name").inner_text()
        assert _policy_refusals(page) == []
        context.close()


def test_a_password_and_a_code_from_the_app(browser, live_server, areas, world):  # noqa: F811
    key = new_key()
    enable_two_factor(actor=world.users["admin"], key=key, code=f"{totp(unhexlify(key)):06d}")
    context = _context(browser, live_server, language="sv")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/accounts/login/code/")
    assert _violations(page) == []
    page.fill("#id_code", f"{totp(unhexlify(key), drift=1):06d}")  # the next code: clocks differ a little
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/o/kemi/")
    page.goto(f"{live_server.url}/accounts/two-factor/")
    assert page.get_by_role("heading", level=1).inner_text() == "Tvåstegsverifiering"
    assert _violations(page) == []
    context.close()


def test_the_setup_page_shows_a_qr_code_a_phone_can_read(browser, live_server, areas, world):  # noqa: F811
    context = _context(browser, live_server, language="fi", user=world.users["editor"])
    page = context.new_page()
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/accounts/two-factor/")
    assert _violations(page) == []
    qr = page.locator(".qr-code svg")
    box = qr.bounding_box()
    assert box is not None
    assert 150 <= box["width"] <= 375  # big enough to scan, within the phone's width
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()
