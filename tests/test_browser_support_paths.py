"""Support paths in a real browser: the public pages at a phone's and a desktop's width in Finnish, Swedish and
English meet WCAG 2.1 AA by axe-core, do not scroll sideways and are used with the keyboard; the signed-in pages
meet it too, and their steps are reordered with scripts turned off."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from tests.actors_world import build_register
from tests.paths_world import build_path
from tests.test_browser import _context, _policy_refusals, _violations, areas, browser  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADINGS = {
    "fi": ["Lähde liikkeelle", "Kysy neuvoa", "Tuo lapsenlapset mukaan"],
    "sv": ["Kom i rörelse", "Fråga om råd", "Ta med barnbarnen"],
    "en": ["Lähde liikkeelle", "Kysy neuvoa", "Tuo lapsenlapset mukaan"],  # no English given: Finnish
}


def _fits(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("case", [("fi", 375), ("fi", 1280), ("sv", 375), ("en", 1280)], ids=str)
def test_the_public_support_path_pages_meet_wcag_21_aa_and_work_with_the_keyboard(
    browser,  # noqa: F811
    live_server,
    areas,  # noqa: F811
    world,
    case,
):
    language, width = case
    register = build_register(world)
    path = build_path(register)["path"]
    context = _context(browser, live_server, language=language)
    page = context.new_page()
    refused = _policy_refusals(page)
    page.set_viewport_size({"width": width, "height": 900})
    base = f"{live_server.url}/public/{language}/activities/"
    for address in (base, base + "paths/", f"{base}paths/{path.pk}/"):
        page.goto(address)
        assert _violations(page) == [], address
        assert _fits(page), address
    assert page.locator(".path-steps h3").all_inner_texts() == HEADINGS[language]
    assert page.locator(".path-steps a[href^='tel:']").count() == 2  # the walking group's and the advice's
    # Keyboard only: from the skip link to the first step's activity, and into its page with Enter.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    target = f"/public/{language}/activities/{register['walking'].pk}/"
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('href')") == target:
            break
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == target
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(target)
    context.close()
    assert refused == []


def _no_script_context(browser, live_server, user):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url},
            {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url},
        ]
    )
    return context


def test_the_register_path_pages_meet_wcag_21_aa_and_steps_move_without_a_script(
    browser,  # noqa: F811
    live_server,
    areas,  # noqa: F811
    world,
):
    register = build_register(world)
    built = build_path(register, publish=False)
    path = built["path"]
    coordinator = world.users["coordinator"]
    context = _context(browser, live_server, language="fi", user=coordinator)
    page = context.new_page()
    refused = _policy_refusals(page)
    for address in (
        "/o/kemi/register/paths/",
        "/o/kemi/register/paths/new/",
        f"/o/kemi/register/paths/{path.pk}/",
        f"/o/kemi/register/paths/{path.pk}/steps/new/?q=kävely",
        f"/o/kemi/register/paths/{path.pk}/steps/{built['advice'].pk}/",
    ):
        page.goto(live_server.url + address)
        assert _violations(page) == [], address
    context.close()
    assert refused == []

    context = _no_script_context(browser, live_server, coordinator)
    page = context.new_page()
    page.goto(f"{live_server.url}/o/kemi/register/paths/{path.pk}/")
    with page.expect_navigation():
        page.locator(f"#step-{built['walking'].pk} button[value='down']").click()
    assert page.url.endswith(f"#step-{built['walking'].pk}")
    assert page.locator(".path-steps strong").all_inner_texts() == [
        "Kysy neuvoa",
        "Lähde liikkeelle",
        "Tuo lapsenlapset mukaan",
    ]
    with page.expect_navigation():
        page.locator(f"#step-{built['reading'].pk} button[value='up']").click()
    assert page.locator(".path-steps strong").all_inner_texts()[1] == "Tuo lapsenlapset mukaan"
    context.close()
