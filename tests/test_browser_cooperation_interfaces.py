"""The interface register in a real browser: axe-core finds no WCAG 2.1 AA violation on the register, an
interface's page with its forms, the gap view, a municipality's counterparts and a structure's page; a counterpart
pair is named with the keyboard only."""

from __future__ import annotations

import pytest

from hyte.cooperation.models import CounterpartPair, Interface
from tests.interface_world import build_interfaces
from tests.test_browser import _context, _policy_refusals, _violations, areas, browser  # noqa: F401
from tests.test_browser_cooperation import _tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_register_and_the_gap_view_meet_wcag_21_aa(browser, live_server, areas, world):  # noqa: F811
    made = build_interfaces(world)
    context = _context(browser, live_server, language="en", user=world.users["county"])
    page = context.new_page()
    refused = _policy_refusals(page)
    for path in (
        "/o/lappi/cooperation/interfaces/",
        "/o/lappi/cooperation/interfaces/gaps/",
        f"/o/lappi/cooperation/interfaces/{made['coop_interface']}/",
        f"/o/lappi/cooperation/structures/{made['coop_structure']}/",
    ):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert _violations(page) == [], path
    # Name Tornio's pair on the interface with the keyboard: open its form, choose the people, type the date.
    tornio = world.tornio
    interface = Interface.objects.get(pk=made["coop_interface"])
    page.goto(f"{live_server.url}/o/lappi/cooperation/interfaces/{interface.pk}/")
    _tab_to(page, f"el.tagName === 'SUMMARY' && el.closest('tr').id === 'municipality-{tornio.pk}'")
    page.keyboard.press("Enter")
    _tab_to(page, f"el.id === 'county-person-{tornio.pk}'")
    page.select_option(f"#county-person-{tornio.pk}", str(world.users["county"].pk))
    _tab_to(page, f"el.id === 'municipality-person-{tornio.pk}'")
    page.select_option(f"#municipality-person-{tornio.pk}", str(world.users["outsider"].pk))
    _tab_to(page, f"el.id === 'starts-{tornio.pk}'")
    page.keyboard.type("01012026")
    _tab_to(page, "el.tagName === 'BUTTON' && el.closest('form') && el.closest('form').action.endsWith('/pairs/')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    pair = CounterpartPair.objects.get(interface=interface, municipality=tornio)
    assert pair.municipality_person == world.users["outsider"]
    assert _violations(page) == []
    context.close()
    municipality = _context(browser, live_server, language="fi", user=world.users["reader"])
    page = municipality.new_page()
    for path in ("/o/kemi/cooperation/counterparts/", "/o/kemi/", "/o/kemi/cooperation/structures/"):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert _violations(page) == [], path
    municipality.close()
    assert refused == []
