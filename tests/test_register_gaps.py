"""The gap view: current activities by theme × age group, with each age group's population as the denominator and
the empty and thin cells marked; and by theme × village or district."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from hyte.actors.gaps import Cell, gaps_of
from hyte.actors.models import Actor, Theme
from hyte.actors.places import places_of
from hyte.indicators.services import create_batch, import_bytes, load_catalogue
from tests.actors_world import add_activity, build_register, kemi_area, tornio_area
from tests.conftest import SYSTEM


def _cell(found, theme: str, age: str) -> tuple[int, str]:
    row = next(r for r in found.rows if r.theme.code == theme)
    cell = next(c for c in row.cells if c.age_group == age)
    return cell.count, cell.state


def test_only_current_public_activities_of_the_area_count(world, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC))
    build_register(world)
    found = gaps_of(world.kemi)
    # Kemi: the seniors' walking group (physical activity and loneliness, older people) and the children's story hour
    # (no theme, until 15.12.); not the draft, not the hidden event, not Tornio's football.
    assert found.activities == 2
    assert _cell(found, "physical-activity", "older") == (1, "thin")
    assert _cell(found, "loneliness", "older") == (1, "thin")
    assert _cell(found, "physical-activity", "young") == (0, "gap")
    physical = next(r for r in found.rows if r.theme.code == "physical-activity")
    assert physical.total == 1
    assert found.gap_count == len(found.rows) * len(found.age_groups) - 2
    # The county sees its municipalities together: Tornio's football fills the young people's cell.
    county = gaps_of(world.lappi)
    assert county.activities == 3
    assert _cell(county, "physical-activity", "young") == (1, "thin")
    # After the story hour ends it no longer counts.
    time_machine.move_to(dt.datetime(2026, 12, 16, 12, tzinfo=dt.UTC))
    assert gaps_of(world.kemi).activities == 1


def test_the_page_links_each_count_to_its_activities_and_marks_gaps_in_words(world):
    build_register(world)
    client = world.client_for("reader")
    page = client.get("/o/kemi/register/gaps/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<caption>Current activities by theme and age group</caption>" in page
    assert (
        '/o/kemi/register/activities/?theme=physical-activity&amp;age=older">1</a> <span class="gap-mark">thin' in page
    )
    assert 'class="gap-gap">0 <span class="gap-mark">gap</span>' in page  # said in words, not by colour alone
    listed = client.get("/o/kemi/register/activities/?theme=physical-activity&age=older").content.decode()
    assert "Senioreiden kävelyryhmä" in listed
    assert "Satutunti lapsille" not in listed


def test_the_xlsx_has_the_same_counts(world):
    build_register(world)
    response = world.client_for("coordinator").get("/o/kemi/register/gaps.xlsx", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Theme"
    assert rows[0][-1] == "All ages"
    header = list(rows[0])
    physical = next(r for r in rows if r and r[0] == "Physical activity")
    assert physical[header.index("older people")] == 1
    assert physical[header.index("young people")] == 0


def test_not_for_other_organisations_or_ngos(world):
    register = build_register(world)
    assert world.client_for("outsider").get("/o/kemi/register/gaps/").status_code == 404
    ngo_user = world.users["ngo"]
    from django.test import Client

    client = Client()
    client.force_login(ngo_user)
    assert client.get(f"/o/{register['ngo'].slug}/register/gaps/").status_code == 404


# Population as the denominator ---------------------------------------------------------------------------------

DATA = Path(__file__).resolve().parent.parent / "src" / "hyte" / "indicators" / "data"
KEMI_SOTKANET = "117"  # Kemi's Sotkanet region id


def _bundled_rows(region: str, indicators: set[str]) -> list[list[str]]:
    """The bundled Sotkanet download's rows for one region (THL's published values, CC BY 4.0)."""
    with gzip.open(DATA / "municipal-indicators-1990-2012.csv.gz", "rt", encoding="utf-8") as handle:
        rows = csv.reader(handle, delimiter=";")
        next(rows)
        return [row for row in rows if row[1] == region and row[0] in indicators]


def _import_bundled(region: str, indicators: set[str]) -> None:
    catalogue = json.loads((DATA / "indicators-2016.json").read_text(encoding="utf-8"))
    load_catalogue(actor=SYSTEM, entries=[e for e in catalogue if str(e["id"]) in indicators])
    rows = _bundled_rows(region, indicators)
    body = "indicator;region;year;gender;primary value;absolute value\n" + "".join(";".join(r) + "\n" for r in rows)
    batch = create_batch(actor=SYSTEM, organisation=None, source="test", filename="bundled.csv")
    import_bytes(actor=SYSTEM, batch=batch, data=body.encode(), shared=True)


def _column(found, age: str):
    return next(p for (value, _label), p in zip(found.age_groups, found.populations, strict=True) if value == age)


def test_the_population_of_an_age_group_is_the_published_total_times_the_published_share(world):
    # THL's published values for Kemi at the end of 2012, as the bundled download has them: 22,257 residents,
    # 62.8 % of them aged 16–64 (Sotkanet 127 and 1280).
    published = {(r[0], r[2]): float(r[4]) for r in _bundled_rows(KEMI_SOTKANET, {"127", "1280"})}
    assert published[("127", "2012")] == 22257.0
    assert published[("1280", "2012")] == 62.8
    _import_bundled(KEMI_SOTKANET, {"127", "1280"})
    build_register(world)
    for title in ("Kuntosali työikäisille", "Työikäisten sählyvuoro"):
        add_activity(
            SYSTEM,
            title=title,
            area=kemi_area(),
            providers=[Actor.objects.get(name="Kemin kaupunginkirjasto")],
            themes=Theme.objects.filter(code="physical-activity", concept__is_default=True),
            age_groups=["working_age"],
            is_published=True,
        )
    found = gaps_of(world.kemi)
    working = _column(found, "working_age")
    assert (working.count, working.ages, working.year) == (13977, "16–64", "2012")  # 22,257 × 62.8 / 100
    assert working.indicators == ("127", "1280")
    assert found.total_population.count == 22257
    # No share for children, young or older people in the data: said so, and their counts stay.
    assert not _column(found, "older").known
    assert _cell(found, "physical-activity", "older") == (1, "thin")
    physical = next(r for r in found.rows if r.theme.code == "physical-activity")
    cell = next(c for c in physical.cells if c.age_group == "working_age")
    assert cell.count == 2
    assert cell.rate == pytest.approx(2 * 10_000 / 13977)  # 1.43 per 10,000: more than one, and not too few
    assert cell.state == "ok"
    page = world.client_for("reader").get("/o/kemi/register/gaps/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '13,977<br><span class="muted">16–64, 2012</span>' in page
    assert "1.4 per 10,000" in page
    assert "aged 16–64, 2012, Sotkanet 127 × (1280) / 100" in page
    assert "Source: THL, Sotkanet.fi (CC BY 4.0)" in page


def test_a_cell_is_thin_with_one_activity_or_too_few_for_the_population():
    assert Cell("x", "older", 0, None).state == "gap"
    assert Cell("x", "older", 1, None).state == "thin"
    assert Cell("x", "older", 1, 5.0).state == "thin"
    assert Cell("x", "older", 3, None).state == "ok"
    assert Cell("x", "older", 3, 3 * 10_000 / 40_000).state == "thin"  # three groups for 40,000 older people
    assert Cell("x", "older", 4, 4 * 10_000 / 40_000).state == "ok"


def test_without_population_data_the_page_says_so_and_keeps_the_counts(world):
    build_register(world)
    found = gaps_of(world.lappi)  # nothing imported: no figures for the county or its municipalities
    assert not found.population_known
    assert all(cell.rate is None for row in found.rows for cell in row.cells)
    assert found.activities == 3
    page = world.client_for("county").get("/o/lappi/register/gaps/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Hyte has no population figures by age for this area" in page
    assert "no data" in page
    assert '?theme=physical-activity&amp;age=young">1</a>' in page


def test_a_county_adds_up_its_municipalities_only_when_every_one_has_the_figure(world):
    from hyte.actors.population import populations
    from hyte.indicators.models import Indicator, Observation
    from hyte.regions.models import Area, AreaKind

    _import_bundled(KEMI_SOTKANET, {"127", "1280"})
    county = world.lappi.area
    assert not populations(county)[0][2].known  # Kemi alone of Lapland's municipalities
    indicators = {i.source_id: i for i in Indicator.objects.filter(source_id__in=["127", "1280"])}
    municipalities = Area.objects.filter(county=county, kind=AreaKind.MUNICIPALITY, valid_until__isnull=True)
    for area in municipalities.exclude(code="240"):
        Observation.objects.create(indicator=indicators["127"], area=area, year=2011, value=1000)
        Observation.objects.create(indicator=indicators["1280"], area=area, year=2011, value=50)
    by_age, total = populations(county)
    working = by_age[2]
    others = municipalities.count() - 1
    assert working.count == 13977 + others * 500
    assert (working.ages, working.year) == ("16–64", "2011–2012")
    assert total.count == 22257 + others * 1000


def test_the_xlsx_carries_the_population_the_rates_and_the_places(world):
    _import_bundled(KEMI_SOTKANET, {"127", "1280"})
    build_register(world)
    response = world.client_for("coordinator").get("/o/kemi/register/gaps.xlsx", HTTP_ACCEPT_LANGUAGE="en")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Gaps", "Per 10,000", "Villages and districts"]
    rows = list(book["Gaps"].iter_rows(values_only=True))
    header = list(rows[0])
    population = next(r for r in rows if r[0] == "Population")
    assert population[header.index("working-age people")] == 13977
    assert population[header.index("older people")] is None
    assert population[header.index("All ages")] == 22257
    source = next(r for r in rows if r[0] == "Population: source")
    assert source[header.index("working-age people")] == "aged 16–64, 2012, Sotkanet 127 × (1280) / 100"
    assert source[header.index("older people")] == "no population figure for the area"
    places = list(book["Villages and districts"].iter_rows(values_only=True))
    assert places[0][:3] == ("Theme", "Karihaara", "Keskusta")
    assert places[0][-3:] == ("online", "no village or district given", "All places")
    everything = next(r for r in places if r[0] == "All themes")
    assert everything[1:3] == (1, 1)


# By village or district ---------------------------------------------------------------------------------------


def _places_world(world):
    register = build_register(world)
    library = register["library"]
    for title, place, online, ages in (
        ("Lukupiiri", " karihaara ", False, ["older"]),
        ("Runoilta", "KARIHAARA", False, ["young"]),
        ("Verkkokahvila", "", True, ["older"]),
        ("Verkkojumppa Ämmänsaaressa", "Ämmänsaari", True, ["older"]),
        ("Kotikäynnit", "", False, ["older"]),
    ):
        add_activity(
            SYSTEM,
            title=title,
            area=kemi_area(),
            place=place,
            online=online,
            providers=[library],
            themes=Theme.objects.filter(code="culture", concept__is_default=True),
            age_groups=ages,
            is_published=True,
        )
    add_activity(
        SYSTEM,
        title="Tornion Karihaaran kylätalo",
        area=tornio_area(),
        place="Karihaara",
        providers=[register["tornio_club"]],
        themes=Theme.objects.filter(code="culture", concept__is_default=True),
        age_groups=["older"],
        is_published=True,
    )
    return register


def test_places_are_one_column_whatever_their_case_and_spacing_with_online_and_none_of_their_own(world):
    _places_world(world)
    found = places_of(world.kemi)
    labels = [(c.kind, c.label) for c in found.columns]
    assert labels == [
        ("place", "Karihaara"),
        ("place", "Keskusta"),
        ("place", "Ämmänsaari"),
        ("online", ""),
        ("none", ""),
    ]
    culture = next(r for r in found.rows if r.theme and r.theme.code == "culture")
    assert [c.count for c in culture.cells] == [2, 0, 1, 2, 1]  # online and in Ämmänsaari: counted in both
    assert culture.total == 5
    everything = found.rows[-1]
    assert everything.theme is None
    assert [c.count for c in everything.cells] == [3, 1, 1, 2, 1]
    older = places_of(world.kemi, age_group="older")
    culture = next(r for r in older.rows if r.theme and r.theme.code == "culture")
    assert [c.count for c in culture.cells] == [1, 0, 1, 2, 1]  # the young people's poetry evening is left out


def test_in_a_county_the_same_village_name_in_two_municipalities_is_two_columns(world):
    _places_world(world)
    found = places_of(world.lappi)
    karihaara = [c for c in found.columns if c.kind == "place" and c.label == "Karihaara"]
    assert [(c.area_name, c.area_code) for c in karihaara] == [("Kemi", "240"), ("Tornio", "851")]
    assert karihaara[1].query() == {"place": "Karihaara", "municipality": "851"}


def test_each_count_links_to_the_register_list_filtered_by_its_place(world):
    _places_world(world)
    client = world.client_for("reader")
    page = client.get("/o/kemi/register/gaps/places/?age=older", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<caption>Current activities for older people by theme and village or district</caption>" in page
    assert '?theme=culture&amp;place=Karihaara&amp;age=older">1</a>' in page
    assert '?theme=culture&amp;where=online&amp;age=older">2</a>' in page
    listed = client.get("/o/kemi/register/activities/?theme=culture&place=karihaara&age=older").content.decode()
    assert "Lukupiiri" in listed
    assert "Runoilta" not in listed
    listed = client.get("/o/kemi/register/activities/?place=ämmänsaari").content.decode()
    assert "Verkkojumppa Ämmänsaaressa" in listed  # case folded beyond ASCII, which SQLite's LIKE does not
    listed = client.get("/o/kemi/register/activities/?where=online").content.decode()
    assert "Verkkokahvila" in listed
    assert "Lukupiiri" not in listed
    listed = client.get("/o/kemi/register/activities/?where=none").content.decode()
    assert "Kotikäynnit" in listed
    assert "Verkkokahvila" not in listed
    assert "Lukupiiri" not in listed
    county = world.client_for("county")
    listed = county.get("/o/lappi/register/activities/?place=Karihaara&municipality=851").content.decode()
    assert "Tornion Karihaaran kylätalo" in listed
    assert "Lukupiiri" not in listed


def test_the_place_view_is_for_the_areas_members_only(world):
    _places_world(world)
    assert world.client_for("outsider").get("/o/kemi/register/gaps/places/").status_code == 404
    assert world.client_for("anonymous").get("/o/kemi/register/gaps/places/").status_code == 302
