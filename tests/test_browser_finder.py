"""The public activity finder in a real browser at a phone's and a desktop's width: axe-core finds no WCAG 2.1 AA
violation, the page does not scroll sideways, and a search can be made with the keyboard only. The open data page
of the register and the register's signed-in pages are checked with axe too."""

from __future__ import annotations

import pytest

from tests.actors_world import build_register
from tests.test_browser import _context, _policy_refusals, _violations, areas, browser  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("case", [("fi", 375), ("fi", 1280), ("en", 375), ("en", 1280)], ids=str)
def test_the_finder_meets_wcag_21_aa_and_works_with_the_keyboard(browser, live_server, areas, world, case):  # noqa: F811
    language, width = case
    register = build_register(world)
    context = _context(browser, live_server, language=language)
    page = context.new_page()
    refused = _policy_refusals(page)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/public/{language}/activities/")
    assert _violations(page) == []
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    # Keyboard only: from the skip link to the search field, type, and send with Enter.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the skip link moves focus to the main content
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "finder-q":
            break
    assert page.evaluate("() => document.activeElement.id") == "finder-q"
    page.keyboard.type("jalkapallo")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "q=jalkapallo" in page.url
    results = page.locator(".finder-results li a").all_inner_texts()
    assert results == [register["football"].title]
    assert _violations(page) == []
    page.goto(f"{live_server.url}/public/{language}/activities/{register['walking'].pk}/")
    assert _violations(page) == []
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert page.locator("a[href^='tel:']").count() == 1
    page.goto(f"{live_server.url}/public/{language}/activities/open-data/")  # the register's open data
    assert _violations(page) == []
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert page.locator("a[href='/public/activities/240.csv']").count() == 1
    context.close()
    assert refused == []


def test_the_register_pages_meet_wcag_21_aa(browser, live_server, areas, world):  # noqa: F811
    register = build_register(world)
    context = _context(browser, live_server, language="fi", user=world.users["coordinator"])
    page = context.new_page()
    refused = _policy_refusals(page)
    for path in (
        "/o/kemi/register/activities/",
        "/o/kemi/register/actors/",
        "/o/kemi/register/actors/new/",
        f"/o/kemi/register/activities/{register['walking'].pk}/",
        "/o/kemi/register/stale/",
    ):
        page.goto(live_server.url + path)
        assert _violations(page) == [], path
    context.close()
    assert refused == []
