"""The situation picture as a coordinator reads it: values, changes, trends, comparisons, alerts and exports."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hyte.indicators import services as indicator_services
from hyte.indicators.models import Indicator
from hyte.indicators.services import create_batch, import_bytes, load_catalogue
from hyte.regions.models import Area
from hyte.situation import picture
from hyte.situation.models import Alert
from hyte.situation.services import create_rule
from tests.conftest import SYSTEM

HEADER = b"indicator;region;year;gender;primary value;absolute value\n"


def area(kind: str, code: str) -> Area:
    return Area.objects.select_related("county", "region").get(kind=kind, code=code)


def load(rows: list[tuple[str, Area, int, str, float | None, float | None]]) -> None:
    lines = [
        f"{i};{a.sotkanet_id};{y};{g};{'' if v is None else v};{'' if n is None else n}\n".encode()
        for i, a, y, g, v, n in rows
    ]
    batch = import_bytes(
        actor=SYSTEM,
        batch=create_batch(actor=SYSTEM, organisation=None, source="test"),
        data=HEADER + b"".join(lines),
        shared=True,
    )
    assert batch.rows_rejected == 0, list(batch.rejected_rows.values_list("reason", flat=True))


@pytest.fixture
def data(world):
    load_catalogue(
        actor=SYSTEM,
        entries=[
            {
                "id": 181,
                "title": {
                    "fi": "Työttömät, % työvoimasta",
                    "sv": "Arbetslösa, % av arbetskraften",
                    "en": "Unemployed, % of labour force",
                },
            },
            {"id": 3071, "title": {"fi": "Kuolleisuus / 100 000 asukasta"}},
        ],
    )
    kemi, lappi_region, country = area("municipality", "240"), area("region", "19"), area("country", "FI")
    rows = []
    for year, value in zip(range(2005, 2013), (17.0, 15.8, 13.9, 12.4, 16.1, 15.4, 14.3, 14.9), strict=True):
        rows.append(("181", kemi, year, "total", value, None))
        rows.append(("181", lappi_region, year, "total", value - 1.0, None))
        rows.append(("181", country, year, "total", value - 4.0, None))
    rows += [("181", kemi, 2012, "male", 17.2, None), ("181", kemi, 2012, "female", 12.5, None)]
    # Mortality with counts: 240 deaths per 100,000 (50 deaths) against the country's 950.
    rows += [("3071", kemi, 2012, "total", 240.0, 50), ("3071", country, 2012, "total", 950.0, 50000)]
    load(rows)
    indicator_set = indicator_services.create_indicator_set(actor=SYSTEM, organisation=world.kemi, name="Tilannekuva")
    for source_id in ("181", "3071", "127"):
        indicator_services.add_to_set(
            actor=SYSTEM, indicator_set=indicator_set, indicator=Indicator.objects.get(source_id=source_id)
        )
    return world


def rows_by_source(built: picture.SituationPicture) -> dict[str, picture.IndicatorRow]:
    return {row.indicator.source_id: row for row in built.rows}


def test_latest_value_changes_trend_and_genders(data):
    built = picture.build(area=area("municipality", "240"), indicators=list(Indicator.objects.all()))
    unemployment = rows_by_source(built)["181"]
    assert (unemployment.latest.year, unemployment.latest.value) == (2012, 14.9)
    assert unemployment.change_previous == pytest.approx(0.6)
    assert unemployment.change_five_years == pytest.approx(14.9 - 13.9)  # 2012 against 2007
    assert unemployment.trend.points == 8
    assert unemployment.genders == {"male": 17.2, "female": 12.5}
    cells = {cell.key: cell for cell in unemployment.comparisons}
    assert cells["country"].benchmark == pytest.approx(10.9)
    assert (cells["country"].result.judgement, cells["country"].result.significance_tested) == ("worse", False)
    assert cells["region"].result.judgement == "similar"  # 14.9 against 13.9: under 10 % apart
    assert cells["county"].result.judgement == "no_data"  # no county values in the data: said, not guessed


def test_significance_is_used_where_counts_are_known(data):
    built = picture.build(area=area("municipality", "240"), indicators=[Indicator.objects.get(source_id="3071")])
    mortality = built.rows[0]
    assert mortality.interval is not None
    country = next(cell for cell in mortality.comparisons if cell.key == "country")
    assert (country.result.judgement, country.result.significance_tested) == ("better", True)
    assert mortality.trend.judgement == "too_few_points"


def test_an_indicator_without_values_is_shown_as_missing(data):
    built = picture.build(area=area("municipality", "240"), indicators=[Indicator.objects.get(source_id="127")])
    row = built.rows[0]
    assert row.latest is None
    assert "ei ole arvoja" in row.summary  # Finnish, the default language


def test_the_written_summary_follows_the_language(data):
    from django.utils import translation

    indicators = [Indicator.objects.get(source_id="181")]
    with translation.override("fi"):
        finnish = picture.build(area=area("municipality", "240"), indicators=indicators).rows[0].summary
    with translation.override("sv"):
        swedish = picture.build(area=area("municipality", "240"), indicators=indicators).rows[0].summary
    assert finnish.startswith("Työttömät, % työvoimasta – Kemi: 14,9 vuonna 2012, korkeampi kuin koko maassa")
    assert swedish.startswith("Arbetslösa, % av arbetskraften – Kemi: 14,9 år 2012, högre än i hela landet")


def test_the_number_of_queries_does_not_grow_with_the_number_of_indicators(data):
    kemi = area("municipality", "240")
    few = list(Indicator.objects.filter(source_id="181"))
    load_catalogue(actor=SYSTEM, entries=[{"id": 5000 + i, "title": {"fi": f"Indikaattori {i}"}} for i in range(60)])
    many = list(Indicator.objects.all())
    assert len(many) > 60
    with CaptureQueriesContext(connection) as one:
        picture.build(area=kemi, indicators=few)
    with CaptureQueriesContext(connection) as sixty:
        picture.build(area=kemi, indicators=many)
    assert len(sixty) == len(one)
    assert len(one) <= 8


def test_the_page_shows_groups_comparisons_and_summaries(data):
    page = data.client_for("reader").get("/o/kemi/situation/").content.decode()
    assert "Työttömät, % työvoimasta" in page
    assert "Työikäiset" in page  # grouped by age group
    assert "ei tiedoissa" in page  # the county has no values: said, not guessed
    assert 'class="judgement worse"' in page


def test_similar_municipalities_are_of_the_same_group_and_size(data):
    population = Indicator.objects.get(source_id="127")
    kemi = area("municipality", "240")
    peers = list(
        Area.objects.filter(
            kind="municipality", municipality_group=kemi.municipality_group, valid_until__isnull=True
        ).exclude(pk=kemi.pk)[:3]
    )
    other_group = (
        Area.objects.filter(kind="municipality", valid_until__isnull=True)
        .exclude(municipality_group=kemi.municipality_group)
        .first()
    )
    rows = [("127", kemi, 2012, "total", 21000.0, None)]
    rows += [("127", a, 2012, "total", 25000.0 + i, None) for i, a in enumerate(peers)]
    rows += [("127", other_group, 2012, "total", 22000.0, None)]
    rows += [("181", a, 2012, "total", v, None) for a, v in zip(peers, (10.0, 11.0, 30.0), strict=True)]
    load(rows)
    built = picture.build(area=kemi, indicators=[population, Indicator.objects.get(source_id="181")])
    assert {a.pk for a in built.similar_areas} == {a.pk for a in peers}
    unemployment = rows_by_source(built)["181"]
    similar = next(cell for cell in unemployment.comparisons if cell.key == "similar")
    assert (similar.benchmark, similar.area_count) == (11.0, 3)


def test_exports_carry_the_same_comparisons(data):
    client = data.client_for("reader")
    csv_text = client.get("/o/kemi/situation/export.csv").content.decode("utf-8-sig")
    header = csv_text.splitlines()[0].split(";")
    assert {"indicator", "value", "trend", "country_judgement", "summary", "source"} <= set(header)
    assert "Työttömät, % työvoimasta" in csv_text
    workbook = openpyxl.load_workbook(io.BytesIO(client.get("/o/kemi/situation/export.xlsx").content))
    sheet = workbook.active
    assert sheet.max_row == 4  # header and three indicators
    assert client.get("/o/kemi/situation/export.pdf").status_code == 404


def test_the_api_returns_the_same_comparisons(data):
    body = data.client_for("reader").get("/api/v1/organisations/kemi/situation").json()
    assert body["area"]["code"] == "240"
    record = next(r for r in body["indicators"] if r["source_id"] == "181")
    assert (record["value"], record["country_judgement"], record["country_significance_tested"]) == (
        14.9,
        "worse",
        False,
    )


def test_the_indicator_page_has_chart_table_ranking_and_map(data):
    indicator = Indicator.objects.get(source_id="181")
    page = data.client_for("reader").get(f"/o/kemi/situation/indicators/{indicator.pk}/").content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert 'role="img"' in page
    assert '<title id="chart-' in page
    assert '<th scope="row">2012</th>' in page
    assert 'class="map"' in page
    assert "Kemi: 14,9" in page  # the map's own label for the municipality


def test_a_rule_raises_an_alert_traceable_to_its_values(data):
    unemployment = Indicator.objects.get(source_id="181")
    rule = create_rule(
        actor=data.users["coordinator"],
        organisation=data.kemi,
        indicator=unemployment,
        condition="above",
        threshold=14.0,
        measure="Nuorten työpajat",
    )
    alert = Alert.objects.get(rule=rule)
    assert (alert.year, alert.value, alert.evidence) == (2012, 14.9, {"year": 2012, "value": 14.9, "threshold": 14.0})
    page = data.client_for("reader").get("/o/kemi/situation/").content.decode()
    assert "Nuorten työpajat" in page


def test_rules_are_evaluated_after_every_import(data):
    unemployment = Indicator.objects.get(source_id="181")
    create_rule(
        actor=SYSTEM,
        organisation=data.kemi,
        indicator=unemployment,
        condition="worsening",
        years=2,
        measure="Työllisyyskokeilu",
    )
    assert not Alert.objects.exists()  # 14.3 → 14.9 is one year of worsening, not two
    kemi = area("municipality", "240")
    load([("181", kemi, 2013, "total", 15.5, None)])
    alert = Alert.objects.get()
    assert alert.year == 2013
    assert alert.evidence == {"values": [[2011, 14.3], [2012, 14.9], [2013, 15.5]]}
    load([("181", kemi, 2013, "total", 15.5, None)])
    assert Alert.objects.count() == 1  # evaluating again does not repeat the alert


def test_worse_than_county_uses_the_region_when_the_county_has_no_values(data):
    unemployment = Indicator.objects.get(source_id="181")
    Indicator.objects.filter(pk=unemployment.pk).update(polarity="low_good")
    unemployment.refresh_from_db()
    create_rule(
        actor=SYSTEM, organisation=data.kemi, indicator=unemployment, condition="worse_than_county", measure="x"
    )
    assert not Alert.objects.exists()  # 14.9 against the region's 13.9 is "similar" without counts
    load([("181", area("region", "19"), 2012, "total", 11.0, None)])
    assert Alert.objects.get().evidence["comparator"] == "Lappi"


def test_rules_refuse_what_cannot_be_judged(data):
    from django.core.exceptions import PermissionDenied, ValidationError

    population = Indicator.objects.get(source_id="127")
    with pytest.raises(ValidationError):
        create_rule(actor=SYSTEM, organisation=data.kemi, indicator=population, condition="worsening", measure="x")
    with pytest.raises(ValidationError):
        create_rule(actor=SYSTEM, organisation=data.kemi, indicator=population, condition="above", measure="x")
    with pytest.raises(PermissionDenied):
        create_rule(
            actor=data.users["editor"],
            organisation=data.kemi,
            indicator=population,
            condition="above",
            threshold=1,
            measure="x",
        )
