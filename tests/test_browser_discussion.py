"""The value discussion in a real browser: a resident votes with the keyboard only on the public page, and axe-core
finds no WCAG 2.1 AA violation there in Finnish and Swedish (topics with their indicators, the results per group
with their bars) nor on the coordinators' page."""

from __future__ import annotations

from typing import Any

import pytest

from hyte.participation.models import Vote
from tests.discussion_world import build_discussion
from tests.participation_world import build_participation
from tests.test_browser import _context, _policy_refusals, _violations, areas, browser  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _tab_to(page: Any, condition: str, limit: int = 300) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return Boolean(el && ({condition})); }}"):
            return
    raise AssertionError(f"never reached by Tab: {condition}")


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_resident_votes_with_the_keyboard_and_the_pages_meet_wcag_21_aa(
    browser,  # noqa: F811
    live_server,
    areas,  # noqa: F811
    world,
    language,
):
    made = build_discussion(world, build_participation(world))
    discussion, joy, worry = made["discussion"], made["joy"], made["worry"]
    context = _context(browser, live_server, language=language)
    page = context.new_page()
    refused = _policy_refusals(page)
    page.set_viewport_size({"width": 375, "height": 900})
    page.goto(f"{live_server.url}/public/{language}/kemi/discussions/{discussion.pk}/")
    assert _violations(page) == []
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    for topic in (joy, worry):
        _tab_to(page, f"el.id === 'vote-{topic.pk}'")
        page.keyboard.press("Space")
    _tab_to(page, "el.tagName === 'BUTTON' && el.type === 'submit' && el.closest('#vote')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    mine = Vote.objects.filter(discussion=discussion, group=made["residents"]).exclude(voter__in=["r1", "r2"])
    assert sorted(v.topic_id for v in mine) == sorted([joy.pk, worry.pk])
    assert page.locator(f"#vote-{joy.pk}").is_checked()
    assert _violations(page) == []
    context.close()
    assert refused == []


def test_the_coordinators_page_meets_wcag_21_aa(browser, live_server, areas, world):  # noqa: F811
    made = build_discussion(world, build_participation(world))
    context = _context(browser, live_server, language="fi", user=world.users["coordinator"])
    page = context.new_page()
    page.goto(f"{live_server.url}/o/kemi/participation/discussions/{made['discussion'].pk}/")
    assert _violations(page) == []
    context.close()
