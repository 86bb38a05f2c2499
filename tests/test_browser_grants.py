"""NGO grants in a real browser: an NGO's editor applies with the keyboard only (the call's Apply button, the
form's fields, the attachments, sending), and axe-core finds no WCAG 2.1 AA violation on the NGO's pages, on the
use report page and on the public call, decision and grants-per-goal pages in Finnish, Swedish and English at
desktop and phone widths."""

from __future__ import annotations

import datetime as dt

import pytest

from hyte.grants import services
from hyte.grants.models import Application, ApplicationStatus, UseReport
from tests.conftest import SYSTEM
from tests.grants_world import PDF, _closed_call, build_grants
from tests.test_browser import _context, _policy_refusals, _violations, areas, browser  # noqa: F401
from tests.test_browser_cooperation import _tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _focus(page, element_id: str) -> None:
    _tab_to(page, f"el.id === '{element_id}'")


def test_an_ngo_applies_by_keyboard_and_the_pages_meet_wcag_21_aa(browser, live_server, areas, world, tmp_path):  # noqa: F811
    grants = build_grants(world)
    call, question = grants["call"], grants["question"]
    context = _context(browser, live_server, language="en", user=world.users["ngo"])
    page = context.new_page()
    refused = _policy_refusals(page)
    assert page.goto(f"{live_server.url}/o/kemin-martat/grants/").status == 200
    assert _violations(page) == []
    _tab_to(page, "el.tagName === 'BUTTON' && el.closest('form') && el.closest('form').action.endsWith('/apply/')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    application = Application.objects.get(call=call, applicant=grants["martat"]["organisation"])
    assert page.url.endswith(f"/o/kemin-martat/grants/applications/{application.pk}/")
    assert _violations(page) == []
    # The form by keyboard: each field reached with Tab, typed into; the activity ticked with Space.
    _focus(page, "id_summary")
    page.keyboard.type("Kerhotoimintaa yksinäisille")
    _focus(page, "id_activities_0")
    page.keyboard.press("Space")
    for field, value in (("costs", "3000"), ("amount_applied", "2000"), ("other_funding", "500")):
        _focus(page, f"id_{field}")
        page.keyboard.type(value)
    _focus(page, "id_self_financing")
    page.keyboard.type("400")  # does not add up: the message says so and the draft is kept
    _focus(page, f"id_q{question.pk}")
    page.keyboard.type("120")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "The budget does not add up" in page.content()
    assert _violations(page) == []
    application.refresh_from_db()
    assert application.summary == "Kerhotoimintaa yksinäisille"
    _focus(page, "id_self_financing")
    page.keyboard.press("Control+A")
    page.keyboard.type("500")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # The attachment: the file chooser is the browser's own; the form is sent from the keyboard.
    plan = tmp_path / "suunnitelma.pdf"
    plan.write_bytes(PDF)
    _focus(page, "id_file")
    page.locator("#id_file").set_input_files(str(plan))
    _tab_to(
        page, "el.tagName === 'BUTTON' && el.closest('form') && el.closest('form').action.endsWith('/attachments/')"
    )
    with page.expect_navigation():
        page.keyboard.press("Enter")
    _tab_to(page, "el.tagName === 'BUTTON' && el.closest('form') && el.closest('form').action.endsWith('/submit/')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED, page.content()
    assert _violations(page) == []
    assert refused == []
    context.close()

    # A decided and published call (Kemin Nuoret's grant), its use report, and the public pages.
    closed = _closed_call(world, grants, "Päätetty haku")
    services.decide(
        actor=SYSTEM,
        call=closed["call"],
        body="Hyvinvointilautakunta",
        date=dt.date(2026, 11, 20),
        section="§ 9",
        granted={closed["application"].pk: services.Granted(amount="1500", reasoning="Hyvä", reasoning_sv="Bra")},
    )
    services.publish_decision(actor=SYSTEM, call=closed["call"])
    assert UseReport.objects.filter(application=closed["application"]).exists()
    for user, path in (
        ("ngo2", f"/o/kemin-nuoret/grants/applications/{closed['application'].pk}/use-report/"),
        ("coordinator", f"/o/kemi/grants/applications/{closed['application'].pk}/use-report/"),
        ("coordinator", f"/o/kemi/grants/calls/{closed['call'].pk}/use-reports/"),
        ("coordinator", "/o/kemi/grants/summary/"),
    ):
        context = _context(browser, live_server, language="fi", user=world.users[user])
        page = context.new_page()
        page.set_viewport_size({"width": 375, "height": 800})
        assert page.goto(live_server.url + path).status == 200
        assert _violations(page) == [], path
        context.close()
    pages = [
        f"/public/{{lang}}/kemi/grants/{call.pk}/",
        f"/public/{{lang}}/kemi/grants/{closed['call'].pk}/decision/",
        "/public/{lang}/kemi/grants/goals/",
    ]
    for language, width in (("fi", 1280), ("sv", 375), ("en", 1280)):
        context = _context(browser, live_server, language=language)
        page = context.new_page()
        page.set_viewport_size({"width": width, "height": 800})
        refused = _policy_refusals(page)
        for path in pages:
            assert page.goto(live_server.url + path.format(lang=language)).status == 200, path
            assert _violations(page) == [], (language, width, path)
        assert refused == []
        context.close()
