"""The plan in daily use, in a real browser (Debian's Chromium), with axe-core in Finnish and Swedish: an alert
turned into a measure of an approved plan through an amendment, a chart block added to a section, a council
member's status summary, the impact assessment grid used with the keyboard, and the public plan at 375 px."""

from __future__ import annotations

import pytest

from hyte.assessments import services as assessments
from hyte.assessments.models import Impact
from hyte.reports.models import AmendmentStatus, Block
from hyte.situation.services import create_rule
from tests.conftest import SYSTEM, kemi_values
from tests.test_browser import _context, _violations, areas, browser  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _axe_in_both_languages(browser, live_server, user, paths):  # noqa: F811
    problems = {}
    for language in ("fi", "sv"):
        context = _context(browser, live_server, language=language, user=user)
        page = context.new_page()
        for path in paths:
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            if found := _violations(page):
                problems[f"{language} {path}"] = found
        context.close()
    return problems


def test_an_alert_becomes_a_measure_of_the_approved_plan_through_an_amendment(
    browser,  # noqa: F811
    live_server,
    areas,  # noqa: F811
    world,
    published,
):
    plan, _annual = published
    coordinator = world.users["coordinator"]
    create_rule(
        actor=SYSTEM,
        organisation=world.kemi,
        indicator=world.own_indicator,
        condition="above",
        threshold=50,
        measure="Nuorten iltatoiminta laajennetaan",
    )
    context = _context(browser, live_server, language="fi", user=coordinator)
    page = context.new_page()
    page.goto(f"{live_server.url}/o/kemi/situation/")
    link = page.locator("a[href*='/alerts/'][href$='/measure/']")
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "hyväksytty" in page.locator("main").inner_text()  # the page says it goes through an amendment
    page.locator("select#goal").focus()
    page.keyboard.press("Tab")  # to the button
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/amendments/" in page.url
    amendment = plan.amendments.get()
    assert "Nuorten iltatoiminta laajennetaan" in page.locator("#changes").inner_text()
    # Through review to the council's approval on the amendment's page.
    page.locator("input[name=status][value=in_review]").check()
    with page.expect_navigation():
        page.locator(".status-form button[type=submit]").click()
    page.locator("input[name=status][value=approved]").check()
    page.fill("input[name=decision_body]", "Kemin kaupunginvaltuusto")
    page.fill("input[name=decision_date]", "2026-11-16")
    page.fill("input[name=decision_reference]", "§ 98")
    with page.expect_navigation():
        page.locator(".status-form button[type=submit]").click()
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.APPROVED
    page.goto(f"{live_server.url}/o/kemi/reports/{plan.pk}/")
    assert "Nuorten iltatoiminta laajennetaan" in page.locator("#plan").inner_text()
    context.close()
    problems = _axe_in_both_languages(
        browser,
        live_server,
        coordinator,
        [f"/o/kemi/reports/{plan.pk}/amendments/{amendment.number}/", f"/o/kemi/reports/{plan.pk}/"],
    )
    assert not problems, problems


def test_a_chart_block_is_added_to_a_section(browser, live_server, areas, world):  # noqa: F811
    from hyte.reports import services

    coordinator = world.users["coordinator"]
    kemi_values(world, b"240;2023;52\n240;2024;55,5\n")
    report = services.create_report(
        actor=SYSTEM, organisation=world.kemi, kind="broad", title="Luonnos", term_start=2025, term_end=2029
    )
    section = report.sections.first()
    context = _context(browser, live_server, language="fi", user=coordinator)
    page = context.new_page()
    page.goto(f"{live_server.url}/o/kemi/reports/{report.pk}/")
    form = page.locator(f"form[action$='/sections/{section.pk}/blocks/']")
    form.locator("select[name=kind]").select_option("chart")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    block = Block.objects.get(section=section, kind="chart")
    assert page.url.endswith(f"/blocks/{block.pk}/")  # straight on to choose the chart's indicators
    add = page.locator("button[name=add]").first
    add.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert block.indicators.count() == 1
    page.goto(f"{live_server.url}/o/kemi/reports/{report.pk}/")
    assert page.locator(f"#section-{section.pk} .block-chart").count() == 1
    context.close()
    problems = _axe_in_both_languages(
        browser,
        live_server,
        coordinator,
        [f"/o/kemi/reports/{report.pk}/", f"/o/kemi/reports/{report.pk}/blocks/{block.pk}/"],
    )
    assert not problems, problems


def test_a_council_member_reads_the_status_summary(browser, live_server, areas, world, published):  # noqa: F811
    plan, _annual = published
    reader = world.users["reader"]
    context = _context(browser, live_server, language="fi", user=reader)
    page = context.new_page()
    page.goto(f"{live_server.url}/o/kemi/reports/{plan.pk}/")
    summary = page.locator(".plan-summary")
    assert summary.is_visible()
    assert "vaarassa" in summary.inner_text()  # the measure's latest follow-up, not "not started"
    page.goto(f"{live_server.url}/o/kemi/reports/{plan.pk}/?show=behind")
    assert page.locator("article.goal").count() == 1
    context.close()
    problems = _axe_in_both_languages(browser, live_server, reader, [f"/o/kemi/reports/{plan.pk}/", "/o/kemi/"])
    assert not problems, problems


def test_the_assessment_grid_with_the_keyboard(browser, live_server, areas, world):  # noqa: F811
    coordinator = world.users["coordinator"]
    assessment = assessments.create_assessment(
        actor=SYSTEM, organisation=world.kemi, title="Koulun lakkautus", kind="full"
    )
    option = assessments.add_option(actor=SYSTEM, assessment=assessment, title="Lakkautetaan")
    context = _context(browser, live_server, language="fi", user=coordinator)
    page = context.new_page()
    page.goto(f"{live_server.url}/o/kemi/assessments/{assessment.pk}/grid/")
    direction = page.locator(f"select[name='d-{option.pk}-children']")
    direction.focus()
    page.keyboard.press("ArrowDown")  # from "—" to the first direction
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")  # to the size
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")  # to the certainty
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    chosen = [page.locator(f"select[name='{k}-{option.pk}-children']").input_value() for k in "dsc"]
    page.locator(".grid-form button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    cell = Impact.objects.get(option=option, area="children")
    assert [cell.direction, cell.size, cell.certainty] == chosen
    assert chosen[0] in ("positive", "negative")  # the first choices under "—"
    context.close()
    problems = _axe_in_both_languages(
        browser,
        live_server,
        coordinator,
        [f"/o/kemi/assessments/{assessment.pk}/grid/", f"/o/kemi/assessments/{assessment.pk}/summary/"],
    )
    assert not problems, problems


def test_the_public_plan_on_a_phone_shows_status_and_target(browser, live_server, areas, world, published):  # noqa: F811
    plan, _annual = published
    context = _context(browser, live_server, language="fi")
    page = context.new_page()
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{live_server.url}/public/fi/kemi/{plan.pk}/")
    glance = page.locator(".glance-summary")
    assert glance.is_visible()
    assert "vaarassa" in glance.inner_text()
    cells = page.evaluate(
        "() => [...document.querySelectorAll('table.cards td')].map(td => {"
        " const r = td.getBoundingClientRect();"
        " return {label: td.dataset.label, text: td.innerText, right: r.right, left: r.left,"
        " before: getComputedStyle(td, '::before').content}; })"
    )
    assert cells
    assert all(c["left"] >= 0 and c["right"] <= 375 for c in cells), [c for c in cells if c["right"] > 375][:3]
    by_label = {c["label"]: c for c in cells}
    assert "60" in by_label["Tavoite"]["text"]  # the target, visible on the phone
    assert "Tavoite" in by_label["Tavoite"]["before"]  # with its column's name
    assert "vaarassa" in by_label["Tila"]["text"]  # the measure's status
    context.close()
    problems = {}
    for language in ("fi", "sv"):
        context = _context(browser, live_server, language=language)
        page = context.new_page()
        page.set_viewport_size({"width": 375, "height": 812})
        page.goto(f"{live_server.url}/public/{language}/kemi/{plan.pk}/")
        if found := _violations(page):
            problems[language] = found
        context.close()
    assert not problems, problems
