"""Writing a section: blocks added, moved and removed, and a chart's indicators chosen by name with their latest
value shown."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from hyte.reports import services
from hyte.reports.models import Block
from tests.conftest import SYSTEM, kemi_values

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def draft(world):
    return services.create_report(
        actor=world.users["coordinator"],
        organisation=world.kemi,
        kind="broad",
        title="Kertomus 2025–2029",
        term_start=2025,
        term_end=2029,
    )


def test_a_coordinator_adds_a_chart_finds_its_indicator_by_name_and_orders_the_blocks(world, draft, client):
    kemi_values(world, b"240;2023;52\n240;2024;55,5\n")
    section = draft.sections.first()
    first = section.blocks.get()
    client.force_login(world.users["coordinator"])
    response = client.post(f"/o/kemi/reports/{draft.pk}/sections/{section.pk}/blocks/", {"kind": "chart"})
    chart = section.blocks.get(kind="chart")
    assert response["Location"] == f"/o/kemi/reports/{draft.pk}/blocks/{chart.pk}/"
    # The picker finds Kemi's own indicator by a word of its name and shows its latest value here (55,5 in 2024).
    page = client.get(f"/o/kemi/reports/{draft.pk}/blocks/{chart.pk}/?q=hyvinvointi").content.decode()
    assert world.own_indicator.title_fi in page
    assert "55,5 (2024)" in page
    client.post(f"/o/kemi/reports/{draft.pk}/blocks/{chart.pk}/indicators/", {"add": world.own_indicator.pk})
    assert list(chart.indicators.all()) == [world.own_indicator]
    client.post(f"/o/kemi/reports/{draft.pk}/blocks/{chart.pk}/move/", {"to": "up"})
    assert list(section.blocks.order_by("position").values_list("pk", flat=True)) == [chart.pk, first.pk]
    client.post(f"/o/kemi/reports/{draft.pk}/blocks/{first.pk}/remove/")
    assert list(section.blocks.values_list("pk", flat=True)) == [chart.pk]
    report_page = client.get(f"/o/kemi/reports/{draft.pk}/").content.decode()
    assert world.own_indicator.title_fi in report_page


def test_indicators_of_another_organisation_and_frozen_reports_are_refused(world, draft, published):
    coordinator = world.users["coordinator"]
    section = draft.sections.first()
    chart = services.add_block(actor=coordinator, section=section, kind="chart")
    from hyte.indicators.models import Indicator

    foreign = Indicator.objects.create(source="own", source_id="X1", title_fi="Torniolainen", organisation=world.tornio)
    with pytest.raises(ValidationError, match="Unknown indicator"):
        services.set_block_indicators(actor=coordinator, block=chart, indicators=[foreign])
    text_block = section.blocks.get(kind="text")
    with pytest.raises(ValidationError, match="shows no indicators"):
        services.set_block_indicators(actor=coordinator, block=text_block, indicators=[world.own_indicator])
    plan, _annual = published
    frozen_block = Block.objects.filter(section__report=plan).first()
    with pytest.raises(ValidationError, match="approved report cannot be changed"):
        services.remove_block(actor=coordinator, block=frozen_block)
    with pytest.raises(ValidationError, match="already first or last"):
        services.move_block(actor=coordinator, block=text_block, offset=-1)


def test_strengths_are_written_as_a_list(world, draft, client):
    section = draft.sections.first()
    block = services.add_block(actor=world.users["coordinator"], section=section, kind="strengths")
    client.force_login(world.users["coordinator"])
    client.post(
        f"/o/kemi/reports/{draft.pk}/blocks/{block.pk}/",
        {"text": "", "items": "Aktiivinen järjestökenttä\nHyvät liikuntapaikat\n", "revision": block.revision},
    )
    block.refresh_from_db()
    assert block.items == ["Aktiivinen järjestökenttä", "Hyvät liikuntapaikat"]


def test_a_goals_indicator_is_chosen_by_name_not_typed_as_a_number(world, draft, client):
    kemi_values(world, b"240;2023;52\n240;2024;55,5\n")
    goal = services.add_goal(actor=world.users["coordinator"], report=draft, text="Nuoret voivat hyvin")
    client.force_login(world.users["coordinator"])
    page = client.get(f"/o/kemi/reports/{draft.pk}/?pick-q=hyvinvointi").content.decode()
    option = f'<option value="{world.own_indicator.pk}">{world.own_indicator.title_fi} ('
    assert option in page
    assert "Indikaattorin tunniste" not in page  # no internal number to type
    client.post(
        f"/o/kemi/reports/{draft.pk}/goals/{goal.pk}/indicators/",
        {
            "indicator": world.own_indicator.pk,
            "baseline_year": 2024,
            "target_year": 2029,
            "target_value": 60,
            "direction": "increase",
        },
    )
    tied = goal.goal_indicators.get()
    assert (tied.indicator, tied.baseline_value) == (world.own_indicator, 55.5)


@pytest.mark.django_db
def test_the_block_page_with_chosen_indicators_names_its_section(world):
    """Inside a template's {% block %} the name `block` is the template block: the page once lost its section's
    title and failed (500) as soon as a chart had an indicator to remove."""
    from hyte.reports import services as report_services

    report = report_services.create_report(
        actor=SYSTEM, organisation=world.kemi, kind="broad", title="K", term_start=2025, term_end=2029
    )
    section = report.sections.first()
    block = report_services.add_block(actor=SYSTEM, section=section, kind="chart", indicators=[world.own_indicator])
    response = world.client_for("coordinator").get(f"/o/kemi/reports/{report.pk}/blocks/{block.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f"<title>Muokkaa – {section.title}" in page
    assert f'action="/o/kemi/reports/{report.pk}/blocks/{block.pk}/indicators/"' in page
    assert f"#section-{section.pk}" in page


@pytest.mark.django_db
def test_a_preview_shows_the_sanitised_text_and_saves_nothing(world):
    from hyte.reports import services as report_services

    report = report_services.create_report(
        actor=SYSTEM, organisation=world.kemi, kind="broad", title="K", term_start=2025, term_end=2029
    )
    block = report.sections.first().blocks.first()
    client = world.client_for("coordinator")
    url = f"/o/kemi/reports/{report.pk}/blocks/{block.pk}/"
    response = client.post(
        url, {"text": "**Lihavoitu**<script>alert(1)</script>", "revision": block.revision, "preview": "1"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Lihavoitu</strong>" in page.split('class="panel preview"')[1]
    assert "<script>alert(1)" not in page
    assert "**Lihavoitu**" in page  # the text stays in the form
    block.refresh_from_db()
    assert block.text == ""


@pytest.mark.django_db
def test_a_section_is_renamed_in_finnish_and_swedish(world):
    from hyte.regions.models import LanguageStatus
    from hyte.reports import services as report_services

    area = world.kemi.area
    area.language_status = LanguageStatus.BILINGUAL_FINNISH
    area.save()
    report = report_services.create_report(
        actor=SYSTEM, organisation=world.kemi, kind="broad", title="K", term_start=2025, term_end=2029
    )
    section = report.sections.first()
    block = section.blocks.first()
    client = world.client_for("coordinator")
    page = client.get(f"/o/kemi/reports/{report.pk}/blocks/{block.pk}/").content.decode()
    assert 'name="title_sv"' in page
    client.post(
        f"/o/kemi/reports/{report.pk}/sections/{section.pk}/title/",
        {"title": "Yhteenveto", "title_sv": "Översikt"},
    )
    section.refresh_from_db()
    assert (section.title, section.title_sv) == ("Yhteenveto", "Översikt")
    client.post(f"/o/kemi/reports/{report.pk}/sections/{section.pk}/title/", {"title": "Tiivistelmä"})
    section.refresh_from_db()
    assert (section.title, section.title_sv) == ("Tiivistelmä", "Översikt")  # Swedish kept when not sent
    assert world.client_for("editor").post(
        f"/o/kemi/reports/{report.pk}/sections/{section.pk}/title/", {"title": "X"}
    ).status_code in (302, 404)
    section.refresh_from_db()
    assert section.title == "Tiivistelmä"
