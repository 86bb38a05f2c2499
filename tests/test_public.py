"""The public site: published versions only, frozen values, the plan's latest annual status, Swedish where the
organisation serves in Swedish, open data, the tagged PDF and the static export."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client, TestCase
from django.utils import translation
from pypdf import PdfReader

from hyte.regions.models import LanguageStatus
from hyte.reports import exports, services
from hyte.reports.models import BlockKind
from tests.conftest import SYSTEM, approve_and_publish, kemi_values

pytestmark = pytest.mark.django_db


def test_the_public_reads_a_published_plan_with_its_latest_annual_status(world, published):
    plan, _annual = published
    client = Client()
    index = client.get("/public/fi/").content.decode()
    assert "Kemin kaupunki" in index
    page = client.get(f"/public/fi/kemi/{plan.pk}/").content.decode()
    assert "Hyvinvointikertomus 2025–2029" in page
    assert "<strong>hyvinvointi</strong>" in page
    assert "<script>" not in page
    assert "Kaupunginvaltuusto, 31.1.2026, § 3" in page
    # the chart with its title and description, and its values as a table
    assert 'role="img"' in page
    assert "Koettu hyvinvointi" in page
    assert "55,5" in page
    assert '<th scope="row">2023</th>' in page
    # the plan with the measure's status from the published annual report
    assert "Nuoret voivat hyvin" in page
    assert 'class="status status-at_risk"' in page
    assert "Rahoitus puuttuu" in page
    assert "(2025)" in page
    # downloads and open data links
    assert f"/public/fi/kemi/{plan.pk}/v2/report.pdf" in page
    assert f"/public/data/kemi/{plan.pk}/v2/goals.csv" in page
    # the signed-in report page links to its public page once published
    signed_in = world.client_for("reader").get(f"/o/kemi/reports/{plan.pk}/").content.decode()
    assert f'href="/public/fi/kemi/{plan.pk}/"' in signed_in


def test_published_values_stay_as_they_were_frozen(world, published):
    plan, _annual = published
    kemi_values(world, b"240;2024;99\n240;2025;71\n")
    page = Client().get(f"/public/fi/kemi/{plan.pk}/v2/").content.decode()
    assert "55,5" in page
    assert "99,0" not in page
    assert "71,0" not in page


def test_drafts_never_reach_the_public_site(world, published):
    plan, _annual = published
    draft = services.create_report(
        actor=SYSTEM, organisation=world.tornio, kind="broad", title="Tornion luonnos", term_start=2025, term_end=2029
    )
    client = Client()
    assert "Tornio" not in client.get("/public/fi/").content.decode()
    assert client.get(f"/public/fi/tornio/{draft.pk}/").status_code == 404
    assert client.get("/public/fi/tornio/").status_code == 404
    assert f"/public/fi/tornio/{draft.pk}/" not in client.get("/public/sitemap.xml").content.decode()
    # An approved but unpublished version is not public either.
    assert client.get(f"/public/fi/kemi/{plan.pk}/v1/").status_code == 404


def test_publishing_shows_at_once_although_pages_are_cached(world, published):
    client = Client()
    assert "Tornion" not in client.get("/public/fi/").content.decode()
    tornio_plan = services.create_report(
        actor=SYSTEM, organisation=world.tornio, kind="broad", title="Tornion kertomus", term_start=2025, term_end=2029
    )
    approve_and_publish(tornio_plan, SYSTEM)
    assert "Tornion kaupunki" in client.get("/public/fi/").content.decode()


def test_swedish_pages_where_the_organisation_serves_in_swedish(world, published):
    plan, _annual = published
    client = Client()
    finnish_only = world.kemi.area
    finnish_only.language_status = ""
    finnish_only.save()
    plan.title_sv = ""
    plan.save()
    # without Swedish content the Swedish page does not exist, and the switch does not offer it
    version = plan.versions.get(number=2)
    content = version.content
    content["title_sv"] = ""
    version.content = content
    version.save()
    # … a page in Swedish says so, in Swedish, and links to the Finnish page (not a 404, not a silent switch)
    swedish = client.get(f"/public/sv/kemi/{plan.pk}/v2/")
    assert swedish.status_code == 200
    assert swedish["Content-Language"] == "sv"
    page = swedish.content.decode()
    assert "<h1>Sidan finns inte på det här språket</h1>" in page
    assert f'href="/public/fi/kemi/{plan.pk}/v2/" lang="fi"' in page
    assert '<meta name="robots" content="noindex">' in page
    assert "/public/sv/" not in client.get(f"/public/fi/kemi/{plan.pk}/v2/").content.decode().split("<main")[0]
    # a bilingual municipality
    finnish_only.language_status = LanguageStatus.BILINGUAL_FINNISH
    finnish_only.save()
    from django.core.cache import cache

    cache.clear()
    page = client.get(f"/public/sv/kemi/{plan.pk}/v2/").content.decode()
    assert '<html lang="sv">' in page
    assert re.search(r"<h3>De unga mår bra</h3>", page)  # Swedish content where written
    assert '<h1 lang="fi">Hyvinvointikertomus 2025–2029' in page  # Finnish content marked as Finnish
    # the language switch keeps the reader on the same page
    assert f'href="/public/fi/kemi/{plan.pk}/v2/"' in page
    assert f'href="/public/en/kemi/{plan.pk}/v2/"' in page


def test_open_data_csv_and_json_with_licence(world, published):
    plan, _annual = published
    client = Client()
    goals = client.get(f"/public/data/kemi/{plan.pk}/v2/goals.csv")
    assert goals["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(goals.content.decode("utf-8-sig"))))
    assert rows[0]["goal_fi"] == "Nuoret voivat hyvin"
    assert rows[0]["goal_sv"] == "De unga mår bra"
    measures = list(
        csv.DictReader(
            io.StringIO(client.get(f"/public/data/kemi/{plan.pk}/v2/measures.csv").content.decode("utf-8-sig"))
        )
    )
    assert measures[0]["responsible_parties"] == "Nuorisopalvelut; 4H"
    assert measures[0]["status"] == "at_risk"
    assert measures[0]["status_year"] == "2025"
    values = client.get(f"/public/data/kemi/{plan.pk}/v2/indicator-values.csv").content.decode("utf-8-sig")
    assert "2024,55.5" in values
    document = client.get(f"/public/data/kemi/{plan.pk}/v2/report.json").json()
    assert document["licence"] == "CC BY 4.0"
    assert document["report"]["decision"]["reference"] == "§ 3"
    assert document["goal-indicators"][0]["target_value"] == 60
    # stable: the same bytes every time
    assert (
        client.get(f"/public/data/kemi/{plan.pk}/v2/report.json").content
        == json.dumps(document, ensure_ascii=False, indent=1).encode()
    )


def test_the_pdf_is_tagged_and_has_the_same_content(world, published):
    plan, _annual = published
    response = Client().get(f"/public/fi/kemi/{plan.pk}/v2/report.pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "fi"
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Hyvinvointikertomus 2025–2029" in text
    assert "Nuoret voivat hyvin" in text
    assert "Nuorisotalon aukiolo" in text
    assert "55,5" in text  # the chart's values as a table
    assert reader.metadata.title == "Hyvinvointikertomus 2025–2029"


def test_a_draft_prints_as_pdf_for_the_council(world):
    report = services.create_report(
        actor=SYSTEM, organisation=world.kemi, kind="broad", title="Luonnos", term_start=2025, term_end=2029
    )
    services.add_goal(actor=SYSTEM, report=report, text="Liikkuva kunta")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(exports.report_pdf(report))).pages)
    assert "Luonnos" in text
    assert "Liikkuva kunta" in text
    # signed in, the PDF is made in the background (tests/test_pdf_exports.py): the old link leads to its page
    response = world.client_for("reader").get(f"/o/kemi/reports/{report.pk}/export.pdf")
    assert response.status_code == 302
    assert response["Location"] == f"/o/kemi/reports/{report.pk}/pdf/"


def test_static_export_writes_the_site_and_updates_it(world, published, tmp_path, capsys):
    plan, _annual = published
    call_command("publish", out=tmp_path, base_url="https://hyte.example.fi")
    assert "written" in capsys.readouterr().out
    page = (tmp_path / f"public/fi/kemi/{plan.pk}/v2/index.html").read_text()
    assert page == Client().get(f"/public/fi/kemi/{plan.pk}/v2/").content.decode()
    assert (tmp_path / f"public/fi/kemi/{plan.pk}/v2/report.pdf").read_bytes().startswith(b"%PDF-")
    assert (tmp_path / "static/hyte/hyte.css").is_file()
    sitemap = (tmp_path / "public/sitemap.xml").read_text()
    assert f"<loc>https://hyte.example.fi/public/fi/kemi/{plan.pk}/v2/</loc>" in sitemap
    # All of Finland side by side, in its three languages, and its open data (issue 19).
    assert "<loc>https://hyte.example.fi/public/sv/national/</loc>" in sitemap
    national = (tmp_path / "public/en/national/index.html").read_text()
    assert national == Client().get("/public/en/national/").content.decode()
    assert (tmp_path / "public/national/finland.csv").read_bytes() == Client().get(
        "/public/national/finland.csv"
    ).content
    # a file of our own in the folder is kept; a page that no longer exists is removed
    (tmp_path / "own.txt").write_text("keep")
    tornio_plan = services.create_report(
        actor=SYSTEM, organisation=world.tornio, kind="broad", title="Tornio", term_start=2025, term_end=2029
    )
    approve_and_publish(tornio_plan, SYSTEM)
    call_command("publish", out=tmp_path, base_url="https://hyte.example.fi")
    assert (tmp_path / f"public/fi/tornio/{tornio_plan.pk}/v2/index.html").is_file()
    world.tornio.is_active = False
    world.tornio.save()
    call_command("publish", out=tmp_path, base_url="https://hyte.example.fi")
    assert not (tmp_path / f"public/fi/tornio/{tornio_plan.pk}/v2/index.html").exists()
    assert (tmp_path / "own.txt").read_text() == "keep"


def test_publishing_updates_the_export_folder_when_configured(world, tmp_path, settings):
    settings.HYTE_PUBLISH_DIR = str(tmp_path)
    settings.PUBLIC_BASE_URL = "https://hyte.example.fi"
    report = services.create_report(
        actor=SYSTEM, organisation=world.kemi, kind="broad", title="Kertomus", term_start=2025, term_end=2029
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        approve_and_publish(report, SYSTEM)
    assert (tmp_path / f"public/fi/kemi/{report.pk}/v2/index.html").is_file()


def test_export_refuses_without_a_public_address(world, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="public address"):
        call_command("publish", out=tmp_path)


VNU = Path(__file__).parent / "browser" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        for name in ("href", "src"):
            if values.get(name):
                self.links.append(values[name])


def _target(root: Path, page: Path, link: str) -> tuple[Path, str]:
    url = urlsplit(link)
    if not url.path:
        return page, url.fragment
    path = root / url.path.lstrip("/") if url.path.startswith("/") else page.parent / url.path
    return (path / "index.html" if url.path.endswith("/") else path), url.fragment


def test_static_export_links_resolve_and_pages_validate(world, published, tmp_path):
    plan, _annual = published
    area = world.kemi.area
    area.language_status = LanguageStatus.BILINGUAL_FINNISH  # Swedish pages too
    area.save()
    finnish_only = services.create_report(
        actor=SYSTEM, organisation=world.tornio, kind="broad", title="Tornio", term_start=2025, term_end=2029
    )
    approve_and_publish(finnish_only, SYSTEM)  # its pages exist in Finnish and English only
    call_command("publish", out=tmp_path, base_url="https://hyte.example.fi")
    pages = sorted(tmp_path.rglob("*.html"))
    assert not (tmp_path / "public/sv/tornio/index.html").exists()
    assert tmp_path / f"public/sv/kemi/{plan.pk}/v2/index.html" in pages
    broken, external = [], set()
    parsed: dict[Path, _Links] = {}
    for page in pages:
        parsed[page] = _Links()
        parsed[page].feed(page.read_text())
    for page, found in parsed.items():
        for link in found.links:
            if urlsplit(link).scheme in ("http", "https"):
                external.add(link)
                continue
            target, fragment = _target(tmp_path, page, link)
            if not target.is_file():
                broken.append(f"{page.relative_to(tmp_path)}: {link}")
            elif fragment and target in parsed and fragment not in parsed[target].ids:
                broken.append(f"{page.relative_to(tmp_path)}: {link} (no such anchor)")
    assert not broken, broken
    assert external <= {"https://creativecommons.org/licenses/by/4.0/"}
    # The Nu Html Checker (the W3C validator), run locally from tests/browser's npm lock file.
    java = shutil.which("java")
    assert java, "java is needed for the HTML validator (.ci/run installs default-jre-headless)"
    assert VNU.is_file(), "vnu.jar is needed: npm ci --prefix tests/browser (scripts/test does)"
    result = subprocess.run(  # noqa: S603
        [java, "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, pages)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert not messages, [f"{m.get('url', '')[-60:]}: {m['message']}" for m in messages][:20]


def test_a_bilingual_municipality_writes_swedish_text_for_its_swedish_pages(world):
    coordinator = world.users["coordinator"]
    client = world.client_for("coordinator")
    response = client.post(
        "/o/kemi/reports/",
        {
            "kind": "broad",
            "title": "Hyvinvointikertomus",
            "title_sv": "Välfärdsberättelse",
            "term_start": 2025,
            "term_end": 2029,
        },
    )
    report = world.kemi.reports.get(title="Hyvinvointikertomus")
    assert response.status_code == 302
    assert report.title_sv == "Välfärdsberättelse"
    block = report.sections.first().blocks.first()
    # A Finnish-speaking municipality is not asked for Swedish text.
    assert 'name="text_sv"' not in client.get(f"/o/kemi/reports/{report.pk}/blocks/{block.pk}/").content.decode()
    area = world.kemi.area
    area.language_status = LanguageStatus.BILINGUAL_FINNISH
    area.save()
    assert 'name="text_sv"' in client.get(f"/o/kemi/reports/{report.pk}/blocks/{block.pk}/").content.decode()
    client.post(
        f"/o/kemi/reports/{report.pk}/blocks/{block.pk}/",
        {"text": "Lapset voivat hyvin.", "text_sv": "Barnen mår bra.<script>x</script>", "revision": block.revision},
    )
    block.refresh_from_db()
    assert block.text_sv == "Barnen mår bra.<script>x</script>"  # stored as written, sanitised where shown
    approve_and_publish(report, coordinator)
    swedish = Client().get(f"/public/sv/kemi/{report.pk}/").content.decode()
    assert "<h1>Välfärdsberättelse" in swedish
    assert re.search(r'<div class="block block-text">\s*<div class="prose"><p>Barnen mår bra.</p>', swedish)
    assert "finns endast på finska" not in swedish
    finnish = Client().get(f"/public/fi/kemi/{report.pk}/").content.decode()
    assert "Lapset voivat hyvin." in finnish
    assert "Barnen mår bra." not in finnish


def test_publication_publishes_what_the_council_approved(world):
    coordinator = world.users["coordinator"]
    kemi_values(world, b"240;2024;55,5\n")
    plan = services.create_report(
        actor=SYSTEM, organisation=world.kemi, kind="broad", title="Kertomus", term_start=2025, term_end=2029
    )
    section = plan.sections.first()
    services.add_block(actor=SYSTEM, section=section, kind=BlockKind.CHART, indicators=[world.own_indicator])
    annual = services.create_report(
        actor=SYSTEM,
        organisation=world.kemi,
        kind="annual",
        title="Vuosi",
        term_start=2025,
        term_end=2029,
        year=2025,
        plan_report=plan,
    )
    services.change_status(actor=coordinator, report=annual, status="in_review")
    with translation.override("en"), pytest.raises(ValidationError, match="Approve the plan"):
        services.change_status(
            actor=coordinator,
            report=annual,
            status="approved",
            decision_body="Valtuusto",
            decision_date=dt.date(2026, 1, 31),
            decision_reference="§ 1",
        )
    services.change_status(actor=coordinator, report=plan, status="in_review")
    services.change_status(
        actor=coordinator,
        report=plan,
        status="approved",
        decision_body="Valtuusto",
        decision_date=dt.date(2026, 1, 31),
        decision_reference="§ 1",
    )
    kemi_values(world, b"240;2024;99\n240;2025;71\n")  # new data between the council's decision and publication
    services.change_status(actor=coordinator, report=plan, status="published")
    approved, published = plan.versions.order_by("number")
    assert published.content == approved.content
    page = Client().get(f"/public/fi/kemi/{plan.pk}/").content.decode()
    assert "55,5" in page
    assert "99,0" not in page


def test_cached_pages_follow_organisations_leaving_and_returning(world, published):
    client = Client()
    tornio_plan = services.create_report(
        actor=SYSTEM, organisation=world.tornio, kind="broad", title="Tornio", term_start=2025, term_end=2029
    )
    approve_and_publish(tornio_plan, SYSTEM)
    lappi_plan = services.create_report(
        actor=SYSTEM, organisation=world.lappi, kind="regional", title="Lappi", term_start=2025, term_end=2029
    )
    approve_and_publish(lappi_plan, SYSTEM)
    world.lappi.is_active = False
    world.lappi.save()
    assert "Tornion kaupunki" in client.get("/public/fi/").content.decode()
    assert client.get("/public/fi/tornio/").status_code == 200
    # One leaves and another returns: as many published versions as before, yet every page is fresh.
    world.tornio.is_active = False
    world.tornio.save()
    world.lappi.is_active = True
    world.lappi.save()
    index = client.get("/public/fi/")
    assert "Tornion kaupunki" not in index.content.decode()
    assert "Lapin hyvinvointialue" in index.content.decode()
    assert client.get("/public/fi/tornio/").status_code == 404
    assert client.get(f"/public/fi/tornio/{tornio_plan.pk}/").status_code == 404
    # a page from the cache carries the same protective headers as a rendered one
    assert client.get("/public/fi/")["X-Frame-Options"] == "DENY"


def test_the_export_folder_follows_an_organisation_leaving(world, published, tmp_path, settings):
    settings.HYTE_PUBLISH_DIR = str(tmp_path)
    settings.PUBLIC_BASE_URL = "https://hyte.example.fi"
    plan, _annual = published
    with TestCase.captureOnCommitCallbacks(execute=True):
        world.kemi.name = "Kemin kaupunki (uusi nimi)"
        world.kemi.save()
    assert "uusi nimi" in (tmp_path / "public/fi/index.html").read_text()
    with TestCase.captureOnCommitCallbacks(execute=True):
        world.kemi.is_active = False
        world.kemi.save()
    assert not (tmp_path / f"public/fi/kemi/{plan.pk}/index.html").exists()
    assert "Kemin" not in (tmp_path / "public/fi/index.html").read_text()


def test_open_data_keeps_formulas_out_of_spreadsheets(world):
    report = services.create_report(
        actor=SYSTEM, organisation=world.kemi, kind="broad", title="Kertomus", term_start=2025, term_end=2029
    )
    goal = services.add_goal(actor=SYSTEM, report=report, text='=HYPERLINK("http://evil.example","klikkaa")')
    services.add_measure(actor=SYSTEM, goal=goal, text="+1 nuorisotyöntekijä", responsible_parties=["@kunta"])
    approve_and_publish(report, SYSTEM)
    goals = Client().get(f"/public/data/kemi/{report.pk}/v2/goals.csv").content.decode("utf-8-sig")
    measures = Client().get(f"/public/data/kemi/{report.pk}/v2/measures.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in goals
    assert "'+1 nuorisotyöntekijä" in measures
    assert "'@kunta" in measures
