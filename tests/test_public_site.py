"""A public site residents find and can read: the front page leads to it, the index finds a municipality or a
county by name in any language, a page in a language the organisation does not publish in says so, the plan has a
summary at the top and cards on a phone, and the open data opens in Finnish Excel as it is."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.test import Client

from hyte.accounts import services as accounts
from hyte.regions.models import Area
from hyte.reports import services as reports
from tests.conftest import SYSTEM, approve_and_publish

pytestmark = pytest.mark.django_db


def test_the_front_page_links_to_the_public_site(client):
    page = client.get("/", follow=False).content.decode()
    assert 'href="/public/"' in page


def _publish(organisation, coordinator):
    plan = reports.create_report(
        actor=coordinator, organisation=organisation, kind="broad", title="Suunnitelma", term_start=2025, term_end=2029
    )
    approve_and_publish(plan, coordinator)


def test_the_index_finds_a_municipality_or_a_county_by_name_in_any_language(world, published):
    # Tornio publishes too; Kemi and Tornio are both in Lapland's wellbeing services county.
    _publish(world.tornio, SYSTEM)
    porvoo = accounts.create_organisation(
        actor=SYSTEM,
        name="Porvoon kaupunki",
        kind="municipality",
        area=Area.objects.get(kind="municipality", code="638"),
    )
    _publish(porvoo, SYSTEM)
    client = Client()
    full = client.get("/public/fi/").content.decode()
    east_uusimaa, lapland = (
        full.index("<h3>Itä-Uudenmaan hyvinvointialue</h3>"),
        full.index("<h3>Lapin hyvinvointialue"),
    )
    assert east_uusimaa < full.index("Porvoon kaupunki") < lapland < full.index("Kemin kaupunki")  # under counties
    by_county = client.get("/public/fi/?q=lapin").content.decode()
    assert "Kemin kaupunki" in by_county
    assert "Tornion" in by_county
    assert "Porvoon kaupunki" not in by_county
    assert "2 organisaatiota löytyi" in by_county
    by_swedish_name = client.get("/public/sv/?q=borgå").content.decode()
    assert "Porvoon kaupunki" in by_swedish_name
    assert "Kemin kaupunki" not in by_swedish_name
    nothing = client.get("/public/fi/?q=xyzzy").content.decode()
    assert "Haulla ei löytynyt" in nothing
    # the search does not poison the cached full list
    assert "Porvoon kaupunki" in client.get("/public/fi/").content.decode()


def test_the_plan_has_a_summary_at_the_top_and_cards_on_a_phone(world, published):
    plan, _annual = published
    page = Client().get(f"/public/fi/kemi/{plan.pk}/").content.decode()
    glance = page[page.index('class="glance-summary"') : page.index('class="toc"')]
    assert "Suunnitelma yhdellä silmäyksellä" in glance
    assert "status-at_risk" in glance  # the measure's latest follow-up (2025): at risk
    assert "0/1" in glance  # one target, not reached yet
    assert 'data-label="Tavoite"' in page  # each cell says its column on a phone
    assert 'class="data-table cards"' in page


def test_open_data_for_finnish_excel_and_as_a_workbook(world, published):
    plan, _annual = published
    client = Client()
    page = client.get(f"/public/fi/kemi/{plan.pk}/").content.decode()
    assert f"/public/data/kemi/{plan.pk}/v2/goals-excel.csv" in page
    response = client.get(f"/public/data/kemi/{plan.pk}/v2/indicator-values-excel.csv")
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte order mark
    text = body.decode("utf-8-sig")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["indicator", "source_id", "year", "value", "source"]
    assert [r[2:4] for r in rows[1:]] == [["2023", "52"], ["2024", "55,5"]]  # decimal comma
    goals = list(
        csv.DictReader(
            io.StringIO(client.get(f"/public/data/kemi/{plan.pk}/v2/goals-excel.csv").content.decode("utf-8-sig")),
            delimiter=";",
        )
    )
    assert goals[0]["age_group"] == "children"
    assert goals[0]["age_group_label"] == "lapset ja nuoret"  # readable beside the code
    machine = list(
        csv.DictReader(
            io.StringIO(client.get(f"/public/data/kemi/{plan.pk}/v2/measures.csv").content.decode("utf-8-sig"))
        )
    )
    assert (machine[0]["status"], machine[0]["status_label"]) == ("at_risk", "vaarassa")
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(f"/public/data/kemi/{plan.pk}/v2/report.xlsx").content))
    assert workbook.sheetnames == ["goals", "measures", "goal-indicators", "indicator-values"]
    sheet = workbook["indicator-values"]
    assert [cell.value for cell in sheet[1]] == ["indicator", "source_id", "year", "value", "source"]
    assert sheet["D3"].value == 55.5  # a number, not text
    targets = workbook["goal-indicators"]
    header = [cell.value for cell in targets[1]]
    assert targets.cell(row=2, column=header.index("direction_label") + 1).value == "kasvaa"
