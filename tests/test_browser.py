"""Accessibility in a real browser: axe-core in Debian's headless Chromium over every public page template and
the main signed-in pages, in Finnish and Swedish, and their reflow at 320 pixels; and the report editor used with
the keyboard only.

Chromium is Debian's package (installed by .ci/run) driven by Playwright's client; axe-core comes from the npm
lock file in tests/browser (installed by scripts/test). Nothing is downloaded while the tests run.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from hyte.assessments import services as assessment_services
from hyte.regions.models import Area, LanguageStatus
from hyte.regions.services import load_areas
from hyte.reports import services
from tests.actors_world import ensure_register_terms
from tests.conftest import SYSTEM

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "browser" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is needed: apt-get install chromium (.ci/run does)"
    assert AXE.is_file(), "axe-core is needed: npm ci --prefix tests/browser (scripts/test does)"
    # Playwright's client runs an event loop in this thread; the test's database work is synchronous anyway.
    # Only while these tests run: a later test (or a command it starts) must not inherit it.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _context(browser, live_server, *, language: str, user=None):
    context = browser.new_context()
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    if user is not None:
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url})
    context.add_cookies(cookies)
    return context


def _policy_refusals(page) -> list[str]:
    """What the browser refused under the Content-Security-Policy (inline script or style, other origins)."""
    refused: list[str] = []
    page.on("console", lambda message: "Content Security Policy" in message.text and refused.append(message.text))
    return refused


def _violations(page) -> list[str]:
    # Through the DevTools protocol, not a <script> tag: the pages' policy refuses inline script, as it should.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_21_AA,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
    ]


@pytest.fixture
def areas(transactional_db):
    """The live server's tests commit, so each starts from an emptied database: load the areas again.
    (pytest-django runs these transactional tests after all others, which keep their loaded areas.)"""
    if not Area.objects.exists():
        load_areas(actor=SYSTEM)
    ensure_register_terms()  # the register's welfare concepts and themes, data of the migrations, emptied too


@pytest.fixture
def site(areas, world, published):
    """A bilingual Kemi with a published plan and annual report, and a draft with the editor's work."""
    area = world.kemi.area
    area.language_status = LanguageStatus.BILINGUAL_FINNISH
    area.save()
    plan, annual = published
    draft = services.create_report(
        actor=SYSTEM,
        organisation=world.kemi,
        kind="annual",
        title="Vuosiraportti 2026",
        term_start=2025,
        term_end=2029,
        year=2026,
        plan_report=plan,
    )
    return plan, annual, draft


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_public_pages_meet_wcag_21_aa(browser, live_server, site, language):
    plan, annual, _draft = site
    context = _context(browser, live_server, language=language)
    page = context.new_page()
    refused = _policy_refusals(page)
    paths = [
        f"/public/{language}/",
        f"/public/{language}/kemi/",
        f"/public/{language}/kemi/{plan.pk}/v2/",  # a plan with charts, tables and the latest annual status
        f"/public/{language}/kemi/{annual.pk}/",  # an annual report with its follow-up
    ]
    problems = {}
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == language
        if found := _violations(page):
            problems[path] = found
    context.close()
    assert not problems, problems
    assert not refused, refused
    assert not _too_wide(browser, live_server, language, paths)


def _too_wide(browser, live_server, language: str, paths: list[str], user=None) -> dict[str, list[str]]:
    """Reflow (WCAG 1.4.10): at 320 CSS pixels nothing but a scrollable data table is wider than the screen."""
    context = _context(browser, live_server, language=language, user=user)
    page = context.new_page()
    page.set_viewport_size({"width": 320, "height": 800})
    wide = {}
    for path in paths:
        page.goto(live_server.url + path)
        found = page.evaluate(
            "() => [...document.querySelectorAll('body *')]"
            ".filter(e => e.getBoundingClientRect().right > 321 && !e.closest('.table-scroll, .table-wrap'))"
            ".map(e => e.tagName + ' ' + (e.innerText || '').slice(0, 40))"
        )
        if found:
            wide[path] = found[:5]
    context.close()
    return wide


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_main_signed_in_pages_meet_wcag_21_aa(browser, live_server, site, world, language):
    plan, _annual, draft = site
    context = _context(browser, live_server, language=language, user=world.users["coordinator"])
    page = context.new_page()
    refused = _policy_refusals(page)
    block = draft.sections.first().blocks.first()
    assessment = assessment_services.create_assessment(
        actor=SYSTEM, organisation=world.kemi, title="Nuorisotalon aukioloajat", kind="child"
    )
    option = assessment_services.add_option(actor=SYSTEM, assessment=assessment, title="Lyhyemmät aukioloajat")
    assessment_services.set_impact(actor=SYSTEM, option=option, area="children", direction="unknown")
    paths = [
        "/o/kemi/situation/",  # the situation picture
        f"/o/kemi/situation/indicators/{world.own_indicator.pk}/",  # an indicator with its ranking bars
        f"/o/kemi/reports/{draft.pk}/",  # the report editor: sections, blocks, plan follow-up, comments
        f"/o/kemi/reports/{draft.pk}/blocks/{block.pk}/",  # editing a block
        f"/o/kemi/reports/{plan.pk}/",  # the plan: goals, indicators and measures
        "/o/kemi/reports/",
        f"/o/kemi/assessments/{assessment.pk}/",  # an impact assessment with its matrix
        f"/o/kemi/assessments/{assessment.pk}/summary/",
        "/o/kemi/assessments/",
    ]
    problems = {}
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == language
        if found := _violations(page):
            problems[path] = found
    context.close()
    assert not problems, problems
    assert not refused, refused
    assert not _too_wide(browser, live_server, language, paths, user=world.users["coordinator"])


FOCUSABLE = (
    "a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select:not([disabled]), "
    "textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])"
)

FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName, text: (el.innerText || el.value || el.name || '').slice(0, 40),
    key: el.outerHTML.slice(0, 120),
    visible: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none',
  };
}"""


def test_the_report_editor_works_with_the_keyboard_only(browser, live_server, site, world):
    _plan, _annual, draft = site
    context = _context(browser, live_server, language="fi", user=world.users["coordinator"])
    page = context.new_page()
    page.goto(f"{live_server.url}/o/kemi/reports/{draft.pk}/")
    # Open every disclosure so that the controls inside them are on the tab order as a user would find them.
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    expected = page.evaluate(
        "(sel) => [...document.querySelectorAll(sel)].filter(e => e.offsetParent !== null || e.tagName === 'SUMMARY')"
        ".map(e => e.outerHTML.slice(0, 120))",
        FOCUSABLE,
    )
    reached, invisible = set(), []
    for _ in range(len(expected) + 20):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_STYLE)
        if focused["tag"] == "BODY":
            break
        reached.add(focused["key"])
        if not focused["visible"]:
            invisible.append(focused["key"])
    unreachable = [key for key in expected if key not in reached]
    assert not unreachable, f"controls the keyboard never reaches: {unreachable[:10]}"
    assert not invisible, f"controls without a visible focus indicator: {invisible[:10]}"

    # Edit the first block with the keyboard: follow the edit link, type, save.
    block = draft.sections.first().blocks.first()
    page.goto(f"{live_server.url}/o/kemi/reports/{draft.pk}/")
    page.locator(f"a[href$='/blocks/{block.pk}/']").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/blocks/**")
    page.locator("textarea").first.focus()
    page.keyboard.type("Kirjoitettu näppäimistöllä.")
    page.keyboard.press("Tab")
    for _ in range(5):  # from the text area to the save button
        if page.evaluate("() => document.activeElement.type") == "submit":
            break
        page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/reports/{draft.pk}/#section-{block.section_id}")
    block.refresh_from_db()
    assert block.text == "Kirjoitettu näppäimistöllä."
    context.close()


def test_axe_finds_what_it_should(browser):
    """The check itself works: a page with an unlabelled image and a field without a label fails it."""
    page = browser.new_page()
    page.set_content('<html lang="fi"><title>t</title><main><img src="x.png"><input type="text"></main></html>')
    found = " ".join(_violations(page))
    assert "image-alt" in found
    assert "label" in found
    page.close()


@pytest.fixture
def situation_data(areas, world):
    """Twelve indicators with long real titles and values for Kemi, its region, county and the country."""
    from hyte.indicators import services as indicator_services
    from hyte.indicators.models import Indicator
    from hyte.indicators.services import create_batch, import_bytes, load_catalogue

    titles = {
        683: "Erityiskorvattaviin lääkkeisiin diabeteksen vuoksi oikeutettuja 40 vuotta täyttäneitä, % "
        "vastaavanikäisestä väestöstä",
        181: "Työttömät, % työvoimasta",
        3563: "Kodin ulkopuolelle sijoitetut 0 - 20-vuotiaat, % vastaavanikäisestä väestöstä (THL)",
        4333: "Terveytensä keskitasoiseksi tai sitä huonommaksi kokevien osuus (%)",
        3219: "Koulutuksen ulkopuolelle jääneet 17 - 24-vuotiaat, % vastaavanikäisestä väestöstä",
        9071: "Kuolleisuus / 100 000 asukasta",
    }
    load_catalogue(actor=SYSTEM, entries=[{"id": i, "title": {"fi": t}} for i, t in titles.items()])
    kemi = world.kemi.area
    places = [kemi, kemi.region, kemi.county, Area.objects.get(kind="country")]
    lines = ["indicator;region;year;gender;primary value;absolute value"]
    for n, indicator in enumerate(titles):
        for p, place in enumerate(places):
            for year in range(2015, 2024):
                value = 10 + n + p * 0.7 + (year - 2015) * 0.3
                count = int(value * 40) if indicator == 9071 else ""
                lines.append(f"{indicator};{place.sotkanet_id};{year};total;{value:.1f};{count}")
                if place == kemi:
                    lines.append(f"{indicator};{place.sotkanet_id};{year};male;{value + 1:.1f};")
                    lines.append(f"{indicator};{place.sotkanet_id};{year};female;{value - 1:.1f};")
    batch = create_batch(actor=SYSTEM, organisation=None, source="test")
    import_bytes(actor=SYSTEM, batch=batch, data=("\n".join(lines) + "\n").encode(), shared=True)
    indicator_set = indicator_services.create_indicator_set(actor=SYSTEM, organisation=world.kemi, name="Kuva")
    for indicator in Indicator.objects.filter(source_id__in=[str(i) for i in titles]):
        indicator_services.add_to_set(actor=SYSTEM, indicator_set=indicator_set, indicator=indicator)
    return indicator_set


CELLS = """() => [...document.querySelectorAll('table.situation tbody td, table.situation tbody th')].map(c => {
  const r = c.getBoundingClientRect();
  return {text: c.innerText.trim(), left: r.left, right: r.right, width: r.width, height: r.height,
          hidden: getComputedStyle(c).display === 'none' || getComputedStyle(c).visibility === 'hidden'};
})"""


def test_the_situation_table_fits_a_desktop_and_shows_every_value_on_a_phone(
    browser, live_server, situation_data, world, tmp_path
):
    shots = Path(os.environ.get("HYTE_SCREENSHOTS") or tmp_path)  # to look at them: HYTE_SCREENSHOTS=dir
    context = _context(browser, live_server, language="fi", user=world.users["coordinator"])
    page = context.new_page()
    url = f"{live_server.url}/o/kemi/situation/?set={situation_data.pk}"

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    wrap = page.evaluate(
        "() => { const t = document.querySelector('table.situation'); const w = t.parentElement;"
        " return {table: t.getBoundingClientRect().right, scroll: w.scrollWidth, client: w.clientWidth,"
        " page: document.documentElement.scrollWidth}; }"
    )
    assert wrap["scroll"] <= wrap["client"], wrap  # nothing hidden behind a horizontal scroll
    assert wrap["table"] <= 1280, wrap
    assert wrap["page"] <= 1280, wrap
    desktop = page.evaluate(CELLS)
    assert len(desktop) >= 6 * 7
    assert all(cell["right"] <= 1280 and not cell["hidden"] for cell in desktop)
    headers = page.evaluate(
        "() => [...document.querySelectorAll('table.situation thead th')].map(h => h.getBoundingClientRect().right)"
    )
    assert max(headers) <= 1280
    page.screenshot(path=str(shots / "situation-1280.png"), full_page=True)

    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(url)
    phone = page.evaluate(CELLS)
    assert len(phone) == len(desktop)
    cut = [c for c in phone if c["hidden"] or c["width"] == 0 or c["left"] < 0 or c["right"] > 375]
    assert not cut, cut[:3]
    # Every value of the desktop table is on the phone too, each with its column's name.
    assert [" ".join(c["text"].split()) for c in phone] == [" ".join(c["text"].split()) for c in desktop]
    labelled = page.evaluate(
        "() => [...document.querySelectorAll('table.situation tbody td')].every("
        "td => getComputedStyle(td, '::before').content.includes(td.dataset.label))"
    )
    assert labelled
    page.screenshot(path=str(shots / "situation-375.png"), full_page=True)
    context.close()


def test_a_wide_table_scrolls_inside_its_box_on_a_phone_and_the_page_does_not(browser, live_server, areas, world):
    """The members table scrolls sideways in its box; its visually hidden labels must not widen the whole page
    (they did: absolutely positioned, they escaped the box's overflow)."""
    context = _context(browser, live_server, language="fi", user=world.users["admin"])
    page = context.new_page()
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/o/kemi/members/")
    widths = page.evaluate(
        "() => ({page: document.documentElement.scrollWidth, screen: window.innerWidth,"
        " table: document.querySelector('.table-wrap').scrollWidth})"
    )
    context.close()
    assert widths["table"] > widths["screen"]  # the table is wider than a phone: it scrolls in its box
    assert widths["page"] <= widths["screen"]
