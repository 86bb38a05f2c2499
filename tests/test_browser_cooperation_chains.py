"""Service chains in a real browser: the public chain page (diagram and its text alternative) has no WCAG 2.1 AA
violation by axe-core at a phone's 375 px and on a desktop, and the diagram fits the phone's width; the keeper
reorders the steps with the keyboard only."""

from __future__ import annotations

import pytest

from hyte.cooperation.chain_models import ServiceChain
from tests.chain_world import build_chains
from tests.test_browser import _context, _policy_refusals, _violations, areas, browser  # noqa: F401
from tests.test_browser_cooperation import _tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("view", [(375, "fi"), (1280, "sv")], ids=["phone-fi", "desktop-sv"])
def test_the_public_chain_page(browser, live_server, areas, world, view):  # noqa: F811
    width, language = view
    values = build_chains(world)
    context = _context(browser, live_server, language=language)
    page = context.new_page()
    refused = _policy_refusals(page)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/public/{language}/lappi/chains/{values['chain']}/")
    assert _violations(page) == []
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    box = page.locator("svg.chain-diagram").bounding_box()
    assert box is not None
    assert 0 < box["width"] <= width
    assert page.locator("svg.chain-diagram").get_attribute("role") == "img"
    assert page.locator("ol.chain-steps > li").count() == 3
    page.goto(f"{live_server.url}/public/{language}/lappi/chains/")
    assert _violations(page) == []
    context.close()
    assert refused == []


def test_the_keeper_reorders_steps_with_the_keyboard(browser, live_server, areas, world):  # noqa: F811
    values = build_chains(world)
    context = _context(browser, live_server, language="en", user=world.users["county"])
    page = context.new_page()
    refused = _policy_refusals(page)
    page.goto(f"{live_server.url}/o/lappi/cooperation/chains/{values['chain']}/")
    assert _violations(page) == []
    _tab_to(page, "el.tagName === 'BUTTON' && el.value === 'down'")  # the first step's
    with page.expect_navigation():
        page.keyboard.press("Enter")
    steps = list(ServiceChain.objects.get(pk=values["chain"]).steps.values_list("pk", flat=True))
    assert steps[:2] == [values["chain_step"], values["chain_first_step"]]
    assert page.url.endswith(f"#step-{values['chain_first_step']}")
    assert _violations(page) == []
    context.close()
    assert refused == []
