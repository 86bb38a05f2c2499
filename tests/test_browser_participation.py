"""Comment rounds in a real browser: a resident comments on a section with the keyboard only on a phone-width
screen (quoting a passage with the script's button), and axe-core finds no WCAG 2.1 AA violation on the round's
public pages in Finnish and Swedish, with comments, a reply, a removed comment, the poll, a statement and "what
changed after feedback"; nor on the moderators' page."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from hyte.participation import services
from hyte.participation.models import Comment
from tests.conftest import SYSTEM, approve_and_publish
from tests.participation_world import build_participation
from tests.test_browser import _context, _policy_refusals, _violations, areas, browser  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _tab_to(page: Any, condition: str, limit: int = 300) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return Boolean(el && ({condition})); }}"):
            return
    raise AssertionError(f"never reached by Tab: {condition}")


def test_a_resident_comments_with_the_keyboard_on_a_phone(browser, live_server, areas, world):  # noqa: F811
    made = build_participation(world)
    round_, section = made["round"], made["section"]
    context = _context(browser, live_server, language="fi")
    page = context.new_page()
    refused = _policy_refusals(page)
    page.set_viewport_size({"width": 375, "height": 900})
    page.goto(f"{live_server.url}/public/fi/kemi/rounds/{round_.pk}/")
    assert _violations(page) == []
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    # Select a passage of the section's text and quote it with the script's button, by keyboard.
    page.evaluate(
        """(id) => {
            const text = document.querySelector(`#section-${id} .draft-text p`).firstChild;
            const range = document.createRange();
            range.setStart(text, 0); range.setEnd(text, 20);
            const selection = window.getSelection(); selection.removeAllRanges(); selection.addRange(range);
        }""",
        section.pk,
    )
    _tab_to(page, f"el.classList.contains('quote-button') && el.closest('#section-{section.pk}')")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == f"c{section.pk}-quote"
    quoted = page.evaluate("() => document.activeElement.value")
    assert quoted == "Kemissä lasten ja nu"
    _tab_to(page, f"el.id === 'c{section.pk}-nickname'")
    page.keyboard.type("Näppäilijä")
    _tab_to(page, f"el.id === 'c{section.pk}-body'")
    page.keyboard.type("Harrastuksia tarvitaan lisää <script>alert(1)</script>")
    _tab_to(page, "el.tagName === 'BUTTON' && el.type === 'submit' && el.closest('form.comment-form')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    comment = Comment.objects.latest("pk")
    assert (comment.nickname, comment.quote) == ("Näppäilijä", quoted)
    assert comment.text == "Harrastuksia tarvitaan lisää <script>alert(1)</script>"
    assert page.locator(f"#comment-{comment.pk}").inner_text().count("<script>alert(1)</script>") == 1
    assert _violations(page) == []
    # Support it by keyboard.
    _tab_to(
        page,
        f"el.tagName === 'BUTTON' && el.closest('form')?.action.endsWith('/{comment.pk}/support/')",
    )
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert comment.supports.count() == 1
    context.close()
    assert refused == []


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_round_pages_meet_wcag_21_aa(browser, live_server, areas, world, language):  # noqa: F811
    made = build_participation(world)
    coordinator = world.users["coordinator"]
    hidden = services.add_comment(actor=AnonymousUser(), section=made["section"], body="Roskaa", nickname="R")
    services.moderate_comment(actor=coordinator, comment=hidden, publish=False, reason="personal_data")
    services.answer_comment(actor=coordinator, comment=made["comment"], answer="Kiitos", change=made["change"])
    services.answer_poll(actor=AnonymousUser(), section=made["section"], value=1, reader="r")
    block = made["plan"].sections.order_by("position").first().blocks.filter(kind="text").first()
    from hyte.reports import services as reports

    reports.edit_block(
        actor=SYSTEM,
        block=block,
        text="Uusi teksti harrastuksista.",
        text_sv="Ny text om fritidsaktiviteter.",
        expected_revision=block.revision,
    )
    approve_and_publish(made["plan"], coordinator)
    context = _context(browser, live_server, language=language)
    page = context.new_page()
    refused = _policy_refusals(page)
    for path in (f"/public/{language}/kemi/rounds/", f"/public/{language}/kemi/rounds/{made['round'].pk}/"):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert _violations(page) == [], path
    assert page.locator("ins").count() >= 1
    context.close()
    staff = _context(browser, live_server, language=language, user=coordinator)
    page = staff.new_page()
    page.goto(f"{live_server.url}/o/kemi/participation/{made['round'].pk}/")
    assert _violations(page) == []
    staff.close()
    assert refused == []


def test_the_statements_asked_of_an_organisation_meet_wcag_21_aa(browser, live_server, areas, world):  # noqa: F811
    made = build_participation(world)
    services.request_statement(actor=SYSTEM, round=made["round"], author_name="", organisation=world.lappi)
    for language, width in (("fi", 1280), ("sv", 375)):
        context = _context(browser, live_server, language=language, user=world.users["county"])
        page = context.new_page()
        page.set_viewport_size({"width": width, "height": 900})
        refused = _policy_refusals(page)
        assert page.goto(f"{live_server.url}/o/lappi/statements/").status == 200
        assert _violations(page) == [], (language, width)
        assert refused == []
        context.close()
