"""The coefficient in a real browser: the results page, an area's explanation and the what-if (a plain form, no
JavaScript needed) have no axe-core WCAG 2.1 AA violation; a what-if is computed and saved as a scenario with the
keyboard only."""

from __future__ import annotations

from typing import Any

import pytest

from hyte.funding.models import Scenario
from tests.funding_world import TORNIO, area, build_funding
from tests.test_browser import _context, _policy_refusals, _violations, areas, browser  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _tab_to(page: Any, condition: str, limit: int = 300) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return Boolean(el && ({condition})); }}"):
            return
    raise AssertionError(f"never reached by Tab: {condition}")


@pytest.mark.parametrize("language", ["fi", "en"])
def test_the_what_if_with_the_keyboard(browser, live_server, areas, world, language):  # noqa: F811
    funding = build_funding(world)
    model_id, tornio = funding.model.pk, area(TORNIO).pk
    context = _context(browser, live_server, language=language, user=world.users["editor"])
    page = context.new_page()
    refused = _policy_refusals(page)
    page.goto(f"{live_server.url}/coefficient/{model_id}/")
    assert _violations(page) == []
    page.goto(f"{live_server.url}/coefficient/{model_id}/areas/{tornio}/")
    assert _violations(page) == []
    # Type a new value for the leadership score and send the form with Enter.
    _tab_to(page, "el.id === 'v-leadership'")
    page.keyboard.type("90")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "v-leadership=90" in page.url
    result = page.locator("#what-if-result").inner_text()
    # The score before and after (tests/funding_world.py): 25,0 → 75,0 in Finnish, 25.0 → 75.0 in English.
    assert "25" in result
    assert "75" in result
    assert _violations(page) == []
    # Save it as Kemi's scenario.
    _tab_to(page, "el.id === 'id_title'")
    page.keyboard.type("Kuntajohto 90")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    scenario = Scenario.objects.get(title="Kuntajohto 90")
    assert scenario.changes == {"leadership": 90.0}
    assert page.url.endswith("/o/kemi/coefficient/scenarios/")
    assert _violations(page) == []
    page.set_viewport_size({"width": 375, "height": 900})
    page.goto(f"{live_server.url}/coefficient/{model_id}/areas/{tornio}/?v-leadership=90")
    assert _violations(page) == []
    context.close()
    assert refused == []


def test_a_national_administrator_changes_a_version_with_the_keyboard(browser, live_server, areas, world):  # noqa: F811
    funding = build_funding(world)
    model_id = funding.model.pk
    context = _context(browser, live_server, language="en", user=funding.national)
    page = context.new_page()
    refused = _policy_refusals(page)
    page.goto(f"{live_server.url}/coefficient/{model_id}/edit/")
    assert _violations(page) == []
    # Give the leadership indicator a provisional mark with Space and send the form with Enter in a text field.
    _tab_to(page, "el.id === 'id_ind-leadership-provisional'")
    page.keyboard.press("Space")
    _tab_to(page, "el.id === 'id_ind-leadership-provisional_note'")
    page.keyboard.type("Kohta vahvistamatta")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    leadership = funding.model.indicators.get(code="leadership")
    assert (leadership.provisional, leadership.provisional_note) == (True, "Kohta vahvistamatta")
    assert page.url.endswith(f"/coefficient/{model_id}/")
    page.set_viewport_size({"width": 375, "height": 900})
    page.goto(f"{live_server.url}/coefficient/{model_id}/edit/")
    assert _violations(page) == []
    context.close()
    assert refused == []
