"""The national overview and the resources survey in a real browser: axe-core finds no WCAG 2.1 AA violation at
desktop width and at 375 px, and nothing runs off the narrow screen but the table's own scrolling box."""

from __future__ import annotations

import pytest

from tests.national_world import build_national
from tests.test_browser import _context, _policy_refusals, _violations, areas, browser  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 375])
def test_the_national_overview_passes_axe(browser, live_server, areas, world, width):  # noqa: F811
    made = build_national(world)
    survey = made["survey"]
    survey.answers_public = True
    survey.save(update_fields=["answers_public"])
    context = _context(browser, live_server, language="fi")
    page = context.new_page()
    refused = _policy_refusals(page)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/public/fi/national/?county=21")
    assert page.locator("#overview-table tbody tr").count() == 21  # Lapland's municipalities
    assert "Kemi" in page.locator("#overview-table").inner_text()
    assert _violations(page) == []
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    page.goto(f"{live_server.url}/public/sv/national/?kind=county")
    assert _violations(page) == []
    context.close()
    signed_in = _context(browser, live_server, language="en", user=world.users["national_admin"])
    page = signed_in.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/national/?county=21&sort=person_years")
    assert page.locator("#overview-table tbody tr").first.inner_text().startswith("Kemi")
    assert _violations(page) == []
    page.goto(f"{live_server.url}/o/thl/resources-survey/{survey.pk}/")
    assert _violations(page) == []
    signed_in.close()
    assert refused == []


def test_the_answer_form_passes_axe(browser, live_server, areas, world):  # noqa: F811
    survey = build_national(world)["survey"]
    context = _context(browser, live_server, language="fi", user=world.users["outsider"])
    page = context.new_page()
    page.set_viewport_size({"width": 375, "height": 900})
    page.goto(f"{live_server.url}/o/tornio/resources-survey/{survey.pk}/answer/")
    assert _violations(page) == []
    page.fill("#id_person_years", "0,5")
    page.select_option("#id_coordinator_named", "yes")
    with page.expect_navigation():
        page.click("button[name=submit]")
    assert "Lähetetty" in page.content() or "submitted" in page.content().lower()
    assert _violations(page) == []
    context.close()
