"""The public activity finder in a real browser at a phone's and a desktop's width: axe-core finds no WCAG 2.1 AA
violation, the page does not scroll sideways, and a search can be made with the keyboard only; with a tile server
set, the same holds with the results' map, which keeps out of the keyboard's way. The open data page of the
register and the register's signed-in pages are checked with axe too."""

from __future__ import annotations

import pytest

from tests.actors_world import build_register, edit_activity
from tests.conftest import SYSTEM
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


@pytest.mark.usefixtures("areas")
@pytest.mark.parametrize("width", [375, 1280])
def test_the_map_adds_to_the_list_without_getting_in_its_way(browser, live_server, world, settings, width):  # noqa: F811
    """With a tile server set, the results are drawn on a map too: still no WCAG violation, nothing refused by the
    page's policy, nothing on the map in the keyboard's way, and a marker goes to its activity's page."""
    register = build_register(world)
    for key, point in (("walking", (65.736, 24.564)), ("football", (65.848, 24.146))):
        edit_activity(SYSTEM, register[key], latitude=point[0], longitude=point[1])
    # A tile from the live server itself (any image will do): the page's policy must let it through.
    settings.HYTE_MAP_TILES = live_server.url + "/static/hyte/favicon.svg?z={z}&x={x}&y={y}"
    context = _context(browser, live_server, language="fi")
    page = context.new_page()
    refused = _policy_refusals(page)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/public/fi/activities/")
    page.wait_for_selector(".finder-map-canvas .leaflet-marker-icon")
    assert page.locator("#finder-map").is_visible()
    assert page.locator(".leaflet-marker-icon").count() == 2
    page.wait_for_function("() => document.querySelector('.leaflet-tile-loaded') !== null")
    assert _violations(page) == []
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    # The keyboard goes from the search form to the list, never into the map.
    inside = []
    for _ in range(40):
        page.keyboard.press("Tab")
        inside.append(page.evaluate("() => !!document.activeElement.closest('.finder-map-canvas')"))
    assert not any(inside)
    page.locator(".leaflet-marker-icon[title='Senioreiden kävelyryhmä']").click()
    page.wait_for_url(f"**/public/fi/activities/{register['walking'].pk}/")
    context.close()
    assert refused == []
