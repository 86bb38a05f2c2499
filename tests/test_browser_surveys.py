"""The survey pages in a real browser: axe-core finds no WCAG 2.1 AA violation on the column mapping, the preview
and the survey's page in Finnish and Swedish; the mapping is filled in and sent with the keyboard only."""

from __future__ import annotations

import pytest

from hyte.surveys.models import ImportStatus, SurveyImport
from tests.surveys_world import build_surveys
from tests.test_browser import _context, _policy_refusals, _violations, areas, browser  # noqa: F401
from tests.test_browser_cooperation import _tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_mapping_and_the_preview_pass_axe_and_work_by_keyboard(browser, live_server, areas, world, language):  # noqa: F811
    values = build_surveys(world)
    context = _context(browser, live_server, language=language, user=world.users["coordinator"])
    page = context.new_page()
    refused = _policy_refusals(page)
    page.set_viewport_size({"width": 375, "height": 900})
    mapping = f"{live_server.url}/o/kemi/surveys/{values['survey_table']}/imports/{values['survey_mapping']}/"
    page.goto(mapping)
    assert _violations(page) == []
    _tab_to(page, "el.id === 'id_code_1'")
    page.keyboard.press("Control+A")
    page.keyboard.type("LONELY")
    _tab_to(page, "el.id === 'id_scale_1'")
    page.keyboard.type("1, 2, 3, 4")
    _tab_to(page, "el.id === 'id_code_2'")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    run = SurveyImport.objects.get(pk=values["survey_mapping"])
    assert run.status == ImportStatus.PREVIEW
    assert run.mapping["columns"]["1"]["scale"] == ["1", "2", "3", "4"]
    assert "2" not in run.mapping["columns"]
    assert _violations(page) == []  # the preview, with the columns form still there to change
    page.goto(f"{live_server.url}/o/kemi/surveys/{values['survey']}/imports/{values['survey_preview']}/")
    assert _violations(page) == []
    page.goto(f"{live_server.url}/o/kemi/surveys/{values['survey']}/")
    assert _violations(page) == []
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
    context.close()
    assert refused == []
