"""All of Finland side by side: every current municipality and county, what is public and what national bodies
see, filters and sorting, exports and open data, a constant number of queries."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hyte.indicators.models import Indicator
from hyte.indicators.services import create_batch, import_bytes
from hyte.national import services
from hyte.national.overview.rows import coefficient_results, overview
from hyte.regions.models import Area, AreaKind
from tests.conftest import SYSTEM, approve_and_publish
from tests.national_world import build_national


@pytest.fixture
def national(world):
    return build_national(world)


def _row(found, code, kind=AreaKind.MUNICIPALITY):
    return next(row for row in found.rows if row.area.code == code and row.area.kind == kind)


def test_every_current_municipality_and_county_is_a_row(world, national):
    found = overview(public=True)
    municipalities = Area.objects.filter(kind=AreaKind.MUNICIPALITY, valid_until__isnull=True).count()
    counties = Area.objects.filter(kind=AreaKind.COUNTY, valid_until__isnull=True).count()
    assert municipalities >= 300
    assert counties >= 21
    assert len(found.rows) == municipalities + counties
    kemi, inari = _row(found, "240"), _row(found, "148")
    assert kemi.in_hyte
    assert kemi.organisation.slug == "kemi"
    assert not inari.in_hyte
    assert inari.plan is None
    assert inari.answer is None
    assert kemi.county.code == "21"


def test_public_shows_only_published_plans_and_public_answers(world, national):
    from hyte.reports import services as report_services

    plan = report_services.create_report(
        actor=SYSTEM,
        organisation=world.kemi,
        kind="broad",
        title="Hyvinvointisuunnitelma",
        term_start=2025,
        term_end=2029,
    )
    signed_in = overview(public=False)
    assert _row(signed_in, "240").plan.status == "draft"
    assert _row(signed_in, "240").answer.coordinator_name.startswith("Kaisa")
    public = overview(public=True)
    assert _row(public, "240").plan is None
    assert _row(public, "240").answer is None  # the round's answers are not public
    approve_and_publish(plan, SYSTEM)
    national["survey"].answers_public = True
    national["survey"].save(update_fields=["answers_public"])
    public = overview(public=True)
    kemi = _row(public, "240")
    assert kemi.plan.status == "published"
    assert kemi.plan.published_on is not None
    assert kemi.answer.person_years == 1.5


def test_the_coefficient_column_shows_the_shipped_models_scores_and_says_provisional(world, national):
    """The small hand-computed model of tests/funding_world.py: Kemi 100, Tornio and Rovaniemi 25, every other
    municipality 50; counties are not in a municipal model, so they are "not computed"."""
    from hyte.funding.services import import_model, import_teaviisari
    from hyte.indicators.services import load_catalogue
    from tests.funding_world import KEMI, ROVANIEMI, TEAVIISARI_CSV, TORNIO, _values, small_model

    assert coefficient_results([1, 2, 3]) == ({}, False)  # no model yet: nothing computed, never a made-up value

    load_catalogue(actor=SYSTEM, entries=[{"id": 3219, "title": {"fi": "NEET", "sv": "", "en": ""}}])
    _values("3219", f"{KEMI};10;2012\n{TORNIO};20;2012\n{ROVANIEMI};30;2012\n")
    _values("127", f"{KEMI};20000;2022\n{TORNIO};21000;2022\n{ROVANIEMI};64000;2022\n")
    import_teaviisari(actor=SYSTEM, data=TEAVIISARI_CSV, filename="teaviisari.csv")
    model = import_model(actor=SYSTEM, data=json.dumps(small_model()))
    found = overview(public=True)
    assert _row(found, KEMI).coefficient == 100.0
    assert _row(found, TORNIO).coefficient == 25.0
    assert _row(found, "091").coefficient == 50.0
    assert found.coefficient_provisional is model.is_provisional
    assert all(row.coefficient is None for row in found.rows if row.area.kind == AreaKind.COUNTY)


def test_latest_indicator_values_and_population(world, national):
    kemi, tornio = (Area.objects.get(kind="municipality", code=c) for c in ("240", "851"))
    data = b"indicator;region;year;gender;primary value;absolute value\n" + b"".join(
        b"127;%d;%d;total;%d;\n" % (area.sotkanet_id, year, value)
        for area, year, value in ((kemi, 2010, 22000), (kemi, 2012, 21500), (tornio, 2012, 22500))
    )
    batch = create_batch(actor=SYSTEM, organisation=None, source="test")
    import_bytes(actor=SYSTEM, batch=batch, data=data, shared=True)
    kemi = _row(overview(public=True), "240")
    assert (kemi.population, kemi.population_year) == (21500, 2012)
    assert Indicator.objects.filter(source_id="127").exists()


def test_filters_and_sorting(world, national, client):
    page = client.get("/public/en/national/?kind=municipality&county=21&sort=name")
    assert page.status_code == 200
    text = page.content.decode().split("<tbody>")[1]
    assert "Kemi" in text
    assert "Tornio" in text
    assert "Helsinki" not in text
    counties = client.get("/public/en/national/?kind=county").content.decode().split("<tbody>")[1]
    assert "Lapland" in counties
    assert "Kemi" not in counties
    by_size = client.get("/public/en/national/?size=xl&sort=population").content.decode().split("<tbody>")[1]
    assert "Kemi" not in by_size  # no population known: not in any size band


def test_open_data_and_exports(world, national, client):
    document = json.loads(client.get("/public/national/finland.json").content)
    assert document["licence"] == "CC BY 4.0"
    kemi = next(a for a in document["areas"] if a["code"] == "240" and a["kind"] == "municipality")
    assert kemi["in_hyte"] is True
    assert kemi["coordinator"] is None
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/public/national/finland.csv").content.decode("utf-8-sig")), delimiter=";"
        )
    )
    assert len(rows) == len(document["areas"])
    assert client.get("/public/national/other.txt").status_code == 404
    national_client = world.client_for("national")
    sheet = openpyxl.load_workbook(io.BytesIO(national_client.get("/national/finland.xlsx?county=21").content)).active
    codes = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True) if row and row[0] == "municipality"]
    assert "240" in codes
    assert "091" not in codes
    kemi_row = next(row for row in sheet.iter_rows(min_row=2, values_only=True) if row and row[1] == "240")
    assert "Kaisa Koordinaattori" in kemi_row[16]
    assert world.client_for("coordinator").get("/national/").status_code == 404


def test_the_overview_reads_in_a_constant_number_of_queries(world, national):
    with CaptureQueriesContext(connection) as few:
        overview(public=False)
    services.save_answer(
        actor=world.users["outsider"],
        survey=national["survey"],
        organisation=world.tornio,
        coordinator_named=True,
        submit=True,
        person_years="1",
    )
    with CaptureQueriesContext(connection) as more:
        overview(public=False)
    # areas, organisations, reports, publication dates, answers, indicators, their latest values, the coefficient's
    # models (none here), TEAviisari's totals
    assert len(few) == len(more) == 9


def test_teaviisari_shows_each_areas_latest_sector_totals_everywhere(world, national, client):
    """THL's TEAviisari beside the rest: the latest survey's total per sector (an older survey does not win), on
    the pages, in the API, the open data and the exports; an area without results shows none."""
    from hyte.funding.services import import_teaviisari
    from tests.funding_world import TEAVIISARI_CSV

    import_teaviisari(actor=SYSTEM, data=TEAVIISARI_CSV, filename="teaviisari.csv")
    older = b"Aluekoodi;Alue;Toimiala;Vuosi;Ulottuvuus;Pisteet\n240;Kemi;Kuntajohto;2021;Kokonaispisteet;20\n"
    import_teaviisari(actor=SYSTEM, data=older, filename="vanha.csv")
    found = overview(public=True, language="sv")
    [kemi] = _row(found, "240").teaviisari
    assert (kemi.name, kemi.survey_year, kemi.value, kemi.band) == ("Kommunledningen", 2023, 80.0, "good")
    assert _row(found, "091").teaviisari == []
    assert [t.value for t in _row(found, "21", AreaKind.COUNTY).teaviisari] == [55.0]
    page = client.get("/public/fi/national/?county=21").content.decode()
    assert "Kuntajohto 80" in page
    assert "Kuntajohto 40" in page  # Tornio
    document = json.loads(client.get("/public/national/finland.json").content)
    kemi_data = next(a for a in document["areas"] if a["code"] == "240" and a["kind"] == "municipality")
    assert (kemi_data["teaviisari_kuntajohto"], kemi_data["teaviisari_kuntajohto_year"]) == (80.0, 2023)
    assert kemi_data["teaviisari_liikunta"] is None
    api = world.client_for("national").get("/api/v1/national/overview", {"county": "21"}).json()
    kemi_api = next(a for a in api["areas"] if a["code"] == "240")
    assert kemi_api["teaviisari"] == [
        {"sector": "kuntajohto", "survey_year": 2023, "value": 80.0, "band": "good", "synthetic": False}
    ]
