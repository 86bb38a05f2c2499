"""The situation picture as a coordinator reads it: values, changes, trends, comparisons, alerts and exports."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

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
            {"id": 9071, "title": {"fi": "Kuolleisuus / 100 000 asukasta"}},
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
    rows += [("9071", kemi, 2012, "total", 240.0, 50), ("9071", country, 2012, "total", 950.0, 50000)]
    load(rows)
    indicator_set = indicator_services.create_indicator_set(actor=SYSTEM, organisation=world.kemi, name="Tilannekuva")
    for source_id in ("181", "9071", "127"):
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
    # Without counts nothing is tested: the direction is shown, untested, and not judged better or worse.
    assert (cells["country"].result.judgement, cells["country"].result.significance_tested) == ("higher", False)
    assert cells["region"].result.judgement == "higher"
    assert cells["county"].result.judgement == "no_data"  # no county values in the data: said, not guessed
    # Unemployment falls from 17.0 to 14.9 but not steadily: the arrow says so, and no judgement is made.
    assert (unemployment.trend.direction, unemployment.trend.judgement) == ("no_change", "")


def test_significance_is_used_where_counts_are_known(data):
    mortality_indicator = Indicator.objects.get(source_id="9071")
    assert mortality_indicator.polarity == "low_good"  # guessed from the title ("kuollei…"), not confirmed
    built = picture.build(area=area("municipality", "240"), indicators=[mortality_indicator])
    mortality = built.rows[0]
    assert mortality.interval is not None
    country = next(cell for cell in mortality.comparisons if cell.key == "country")
    # Significantly lower (at 99.8 % too), but a guessed polarity judges nothing.
    assert (country.result.judgement, country.result.significance_tested, country.result.clear) == ("lower", True, True)
    assert mortality.trend.direction == "too_few_points"
    indicator_services.set_polarity(actor=SYSTEM, indicator=mortality_indicator, polarity="low_good")
    confirmed = picture.build(area=area("municipality", "240"), indicators=[Indicator.objects.get(source_id="9071")])
    country = next(cell for cell in confirmed.rows[0].comparisons if cell.key == "country")
    with translation.override("en"):
        assert (country.result.judgement, country.text) == ("better", "clearly better")  # confirmed, at 99.8 %


def test_a_count_is_not_compared_with_larger_areas(data):
    kemi, country = area("municipality", "240"), area("country", "FI")
    load([("127", kemi, year, "total", 22000.0 - year, None) for year in range(2008, 2013)])
    load([("127", country, 2012, "total", 5_400_000.0, None)])
    population = rows_by_source(picture.build(area=kemi, indicators=[Indicator.objects.get(source_id="127")]))["127"]
    cell = next(cell for cell in population.comparisons if cell.key == "country")
    with translation.override("en"):
        assert (cell.result.judgement, cell.text) == ("not_comparable", "not compared: a count")
    assert population.trend.direction == "falling"  # its own trend is shown
    assert population.trend.judgement == ""  # population: no better or worse


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
    assert 'class="judgement neutral">korkeampi</span><span class="untested"' in page  # untested, not judged


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
        "higher",
        False,
    )
    assert record["polarity_confirmed"] is True  # unemployment is on the reviewed list


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


def test_worse_than_county_uses_the_country_when_the_county_has_no_values(data):
    """The rule's name says "the county (or the whole country)", and so does the code now (it used the region)."""
    unemployment = Indicator.objects.get(source_id="181")
    create_rule(
        actor=SYSTEM, organisation=data.kemi, indicator=unemployment, condition="worse_than_county", measure="x"
    )
    alert = Alert.objects.get()  # 14.9 against the country's 10.9: higher, and low is good
    assert (alert.evidence["comparator"], alert.evidence["significance_tested"]) == ("Koko maa", False)
    load([("181", area("county", "21"), 2012, "total", 15.5, None)])
    alert.delete()
    create_rule(
        actor=SYSTEM, organisation=data.kemi, indicator=unemployment, condition="worse_than_county", measure="y"
    )
    assert not Alert.objects.filter(rule__measure="y").exists()  # the county's 15.5 is higher: Kemi is not worse


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


def test_the_indicator_page_compares_with_similar_municipalities_and_ranks_by_quintile(data):
    """The chart shows the area with its region, county, country and the similar municipalities' median; the
    ranking gives each municipality's quintile among all of Finland's; a funnel plot shows who differs by more
    than chance; the gap between men and women is tested."""
    kemi, lappi = area("municipality", "240"), area("county", "21")
    load_catalogue(actor=SYSTEM, entries=[{"id": 9100, "title": {"fi": "Tupakoivat, % väestöstä"}}])
    lapland = list(Area.objects.filter(kind="municipality", county=lappi, valid_until__isnull=True).order_by("code"))
    rows = []
    for index, municipality in enumerate(lapland):
        people = 1000 + 400 * index
        share = 20.0 + (index % 7) * 2.5
        rows.append(("9100", municipality, 2024, "total", share, round(people * share / 100)))
    rows.append(("9100", lappi, 2024, "total", 24.0, 4000))
    rows += [("9100", kemi, 2024, "male", 30.0, 300), ("9100", kemi, 2024, "female", 18.0, 180)]
    load([r for r in rows if r[1] != kemi or r[3] != "total"] + [("9100", kemi, 2024, "total", 40.0, 800)])
    indicator = Indicator.objects.get(source_id="9100")
    page = data.client_for("reader").get(f"/o/kemi/situation/indicators/{indicator.pk}/").content.decode()
    assert page.count('<tr class="highlight">') == 2  # Kemi in the ranking and in the funnel table
    assert "Viidennes Suomessa" in page  # the quintile column, in Finnish
    assert "99,8 %:n rajojen ulkopuolella" in page or "outside the 99.8% limits" in page  # 40 % of 2,000 people
    assert 'id="funnel-' in page
    with translation.override("en"):
        from hyte.situation.indicator_page import indicator_page

        built = indicator_page(area=kemi, indicator=indicator)
    kemi_row = next(r for r in built["funnel"]["rows"] if r["point"].highlight)
    assert (kemi_row["outside"], kemi_row["clear"]) == (True, True)
    assert built["gender_gap"].gap.significant  # 30 % of 1,000 men against 18 % of 1,000 women
    assert built["gender_gap"].gap.absolute == pytest.approx(12.0)
    assert {r["quintile"] for r in built["ranking"] if r["value"] is not None} <= {1, 2, 3, 4, 5}


def test_a_county_sees_all_its_municipalities_side_by_side(data):
    """All of Lappi's municipalities from the public data (not only those using Hyte), each judged against the
    county, sortable and exportable; and the county's own picture compares it with the country and the other
    counties."""
    lappi, country = area("county", "21"), area("country", "FI")
    lapland = list(Area.objects.filter(kind="municipality", county=lappi, valid_until__isnull=True).order_by("code"))
    rows = [("181", m, 2012, "total", 10.0 + i, None) for i, m in enumerate(lapland)]
    rows += [("181", lappi, 2012, "total", 15.0, None), ("181", country, 2012, "total", 10.9, None)]
    rows += [
        ("181", c, 2012, "total", 9.0 + i * 0.5, None)
        for i, c in enumerate(Area.objects.filter(kind="county"))
        if c.pk != lappi.pk
    ]
    load(rows)
    unemployment = Indicator.objects.get(source_id="181")
    lappi_set = indicator_services.create_indicator_set(actor=SYSTEM, organisation=data.lappi, name="Alueen kunnat")
    indicator_services.add_to_set(actor=SYSTEM, indicator_set=lappi_set, indicator=unemployment)
    client = data.client_for("county")
    page = client.get(f"/o/lappi/situation/municipalities/?sort={unemployment.pk}&order=desc").content.decode()
    names = [m.name_fi for m in lapland]
    positions = [page.index(f'<th scope="row">{name}</th>') for name in names]
    assert positions == sorted(positions, reverse=True)  # the highest unemployment first
    assert page.count('<th scope="row">') == len(lapland) == 21
    csv_text = client.get(f"/o/lappi/situation/municipalities/export.csv?sort={unemployment.pk}").content.decode(
        "utf-8-sig"
    )
    assert csv_text.splitlines()[0].startswith("municipality_code;municipality;181_value;181_year;181_compared_with")
    assert len(csv_text.splitlines()) == 22
    built = picture.build(area=lappi, indicators=[unemployment])
    cells = {cell.key: cell for cell in built.rows[0].comparisons}
    assert set(cells) == {"country", "similar"}
    assert cells["similar"].area_count == Area.objects.filter(kind="county").count() - 1
    assert data.client_for("coordinator").get("/o/kemi/situation/municipalities/").status_code == 404
