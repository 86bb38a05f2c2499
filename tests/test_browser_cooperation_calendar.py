"""The council-term calendar in a real browser: axe-core finds no WCAG 2.1 AA violation on the coordinator's
calendar (with its forms), on the responsible person's calendar and "my work" page, at desktop and phone widths;
the person responsible marks a step done with the keyboard only."""

from __future__ import annotations

import pytest

from hyte.cooperation import services
from hyte.cooperation.calendar_models import CalendarStep, StepKind
from tests.conftest import SYSTEM
from tests.test_browser import _context, _policy_refusals, _violations, areas, browser  # noqa: F401
from tests.test_browser_cooperation import _tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_calendar_meets_wcag_21_aa_and_a_step_is_marked_done_by_keyboard(browser, live_server, areas, world):  # noqa: F811
    services.generate_calendar(actor=SYSTEM, organisation=world.kemi, term_start=2025)
    step = CalendarStep.objects.get(organisation=world.kemi, kind=StepKind.BUDGET, year=2026)
    services.update_step(actor=SYSTEM, step=step, due=step.due, responsible=world.users["editor"], done_on=None)
    for language, width in (("en", 1280), ("fi", 375)):
        context = _context(browser, live_server, language=language, user=world.users["coordinator"])
        page = context.new_page()
        page.set_viewport_size({"width": width, "height": 800})
        refused = _policy_refusals(page)
        assert page.goto(f"{live_server.url}/o/kemi/cooperation/calendar/").status == 200
        assert _violations(page) == [], (language, width)
        assert refused == []
        context.close()
    context = _context(browser, live_server, language="en", user=world.users["editor"])
    page = context.new_page()
    refused = _policy_refusals(page)
    page.goto(f"{live_server.url}/o/kemi/")
    assert _violations(page) == []
    _tab_to(page, "el.tagName === 'BUTTON' && el.closest('form') && el.closest('form').action.endsWith('/done/')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    step.refresh_from_db()
    assert step.done_on is not None
    page.goto(f"{live_server.url}/o/kemi/cooperation/calendar/")
    assert _violations(page) == []
    assert page.locator(f"#step-{step.pk} button").inner_text().startswith("Mark not done")
    assert refused == []
    context.close()
