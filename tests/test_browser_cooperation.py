"""The negotiations in a real browser: axe-core finds no WCAG 2.1 AA violation on the negotiation page, the agenda
editor, the minutes and the published minutes; the agenda is edited and the minutes confirmed with the keyboard
only."""

from __future__ import annotations

from typing import Any

import pytest

from hyte.cooperation.models import AgendaItem, Confirmation
from tests.cooperation_world import build_cooperation
from tests.test_browser import _context, _policy_refusals, _violations, areas, browser  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _tab_to(page: Any, condition: str, limit: int = 250) -> None:
    """Press Tab until the focused element satisfies `condition` (JavaScript over `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return Boolean(el && ({condition})); }}"):
            return
    raise AssertionError(f"never reached by Tab: {condition}")


def test_the_agenda_is_edited_with_the_keyboard(browser, live_server, areas, world):  # noqa: F811
    values = build_cooperation(world)
    meeting_id = values["coop_meeting"]
    context = _context(browser, live_server, language="en", user=world.users["county"])
    page = context.new_page()
    refused = _policy_refusals(page)
    page.goto(f"{live_server.url}/o/lappi/cooperation/meetings/{meeting_id}/agenda/")
    assert _violations(page) == []
    first, second = AgendaItem.objects.filter(meeting_id=meeting_id).order_by("position")[:2]
    # Move the first item down: Tab to its button, Enter.
    _tab_to(page, "el.tagName === 'BUTTON' && el.value === 'down'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    order = list(AgendaItem.objects.filter(meeting_id=meeting_id).order_by("position").values_list("pk", flat=True))
    assert order[:2] == [second.pk, first.pk]
    assert page.url.endswith(f"#item-{first.pk}")
    # Rename the item now first: Tab to its title, type, and send the form with Enter.
    page.goto(f"{live_server.url}/o/lappi/cooperation/meetings/{meeting_id}/agenda/")
    _tab_to(page, f"el.id === 'title-{second.pk}'")
    page.keyboard.press("Control+A")
    page.keyboard.type("Avaus ja osallistujat")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert AgendaItem.objects.get(pk=second.pk).title == "Avaus ja osallistujat"
    # Add an item at the end.
    _tab_to(page, "el.id === 'id_new-title'")
    page.keyboard.type("Muut asiat")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert AgendaItem.objects.filter(meeting_id=meeting_id).order_by("position").last().title == "Muut asiat"
    assert _violations(page) == []
    page.goto(f"{live_server.url}/o/lappi/cooperation/meetings/{meeting_id}/")
    assert _violations(page) == []
    context.close()
    assert refused == []


@pytest.mark.parametrize("language", ["fi", "en"])
def test_the_checker_confirms_the_minutes_with_the_keyboard(browser, live_server, areas, world, language):  # noqa: F811
    values = build_cooperation(world)
    shared = values["coop_shared"]
    context = _context(browser, live_server, language=language, user=world.users["coordinator"])
    page = context.new_page()
    refused = _policy_refusals(page)
    page.set_viewport_size({"width": 375, "height": 900})
    page.goto(f"{live_server.url}/o/kemi/cooperation/meetings/{shared}/minutes/")
    assert _violations(page) == []
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    # Propose corrections: the radio buttons by arrow keys, the text, then the button.
    _tab_to(page, "el.type === 'radio'")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.value") == "corrections"
    _tab_to(page, "el.id === 'corrections'")
    page.keyboard.type("Kohtaan 2 lisättävä Tornion edustaja.")
    _tab_to(page, "el.tagName === 'BUTTON' && el.type === 'submit' && el.closest('form').action.endsWith('/confirm/')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    answer = Confirmation.objects.get(party__meeting_id=shared, checker=world.users["coordinator"])
    assert answer.decision == "corrections"
    assert answer.text == "Kohtaan 2 lisättävä Tornion edustaja."
    assert "Kohtaan 2 lisättävä Tornion edustaja." in page.content()
    assert _violations(page) == []
    context.close()
    assert refused == []


def test_the_checker_confirms_the_minutes_as_they_are_with_the_keyboard(browser, live_server, areas, world):  # noqa: F811
    values = build_cooperation(world)
    shared = values["coop_shared"]
    context = _context(browser, live_server, language="fi", user=world.users["county"])
    page = context.new_page()
    refused = _policy_refusals(page)
    page.goto(f"{live_server.url}/o/lappi/cooperation/meetings/{shared}/minutes/")
    # The first choice, "confirmed", chosen with the space bar, then the button.
    _tab_to(page, "el.type === 'radio'")
    page.keyboard.press("Space")
    assert page.evaluate("() => document.activeElement.value") == "confirmed"
    _tab_to(page, "el.tagName === 'BUTTON' && el.type === 'submit' && el.closest('form').action.endsWith('/confirm/')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    answer = Confirmation.objects.get(party__meeting_id=shared, checker=world.users["county"])
    assert (answer.decision, answer.party.organisation.slug) == ("confirmed", "lappi")
    assert _violations(page) == []
    context.close()
    assert refused == []


def test_the_published_minutes_meet_wcag_21_aa(browser, live_server, areas, world):  # noqa: F811
    values = build_cooperation(world)
    context = _context(browser, live_server, language="fi")
    page = context.new_page()
    refused = _policy_refusals(page)
    for path in ("/public/fi/lappi/negotiations/", f"/public/fi/lappi/negotiations/{values['coop_previous']}/"):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert _violations(page) == [], path
    context.close()
    assert refused == []
