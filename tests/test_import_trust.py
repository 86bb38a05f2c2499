"""Imports a coordinator can trust without checking them by hand: every real layout stored right, every file
that is ambiguous, cut off or not a table refused whole with the database unchanged, and every rejected row
with a reason that says what it is. Each test builds its own file."""

from __future__ import annotations

import io
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from hyte.indicators.models import ImportStatus, Indicator, Observation
from hyte.indicators.parsing import Mapping
from hyte.indicators.services import confirm_mapping, create_batch, import_bytes, load_catalogue, upload_import
from hyte.regions.models import Area
from tests.conftest import SYSTEM
from tests.spreadsheets import jexcel_xls, sotkanet_grid, xlsx

pytestmark = pytest.mark.django_db
API_HEADER = "indicator;region;year;gender;primary value;absolute value\n"
DIABETES = "Diabeteslääkkeiden erityiskorvausoikeus, % 40 vuotta täyttäneistä"


@pytest.fixture
def catalogue():
    load_catalogue(
        actor=SYSTEM,
        entries=[
            {"id": 683, "title": {"fi": DIABETES}},
            {"id": 181, "title": {"fi": "Työttömät, % työvoimasta"}},
            {"id": 178, "title": {"fi": "Kuntien välinen nettomuutto / 1000 asukasta"}},
            {"id": 228, "title": {"fi": "Lasten pienituloisuusaste", "en": "At-risk-of-poverty-rate for children"}},
        ],
    )


def run(data: bytes, **kwargs):
    batch = create_batch(actor=SYSTEM, organisation=None, source="test", filename="test.csv")
    return import_bytes(actor=SYSTEM, batch=batch, data=data, shared=True, **kwargs)


def municipality(code: str) -> Area:
    return Area.objects.get(kind="municipality", code=code)


def stored() -> list[tuple]:
    return list(
        Observation.objects.order_by("indicator_id", "area_id", "year", "gender").values_list(
            "indicator__source_id", "area__kind", "area__code", "year", "gender", "value", "absolute_value"
        )
    )


def value(source_id: str, area: Area, year: int) -> float | None:
    return Observation.objects.get(indicator__source_id=source_id, area=area, year=year, gender="total").value


def reasons(batch) -> list[str]:
    return list(batch.rejected_rows.order_by("line").values_list("reason", flat=True))


# --- Sotkanet region ids are not municipality codes ---------------------------------------------------------

AMBIGUOUS = "region;year;value\n20;2023;8.1\n91;2023;7.9\n"  # Espoo and Järvenpää, or Akaa and Helsinki?
TABLE = Mapping(area=0, year=1, value=2, indicator_fixed="683")


def test_numbers_that_could_be_codes_or_region_ids_stop_the_import(catalogue):
    batch = run(AMBIGUOUS.encode(), mapping=TABLE)
    assert batch.status == ImportStatus.FAILED
    assert "could be municipality codes or Sotkanet region ids" in batch.error
    assert "the municipality Akaa (020) as a municipality code but the municipality Espoo (049)" in batch.error
    assert stored() == []


def test_names_beside_the_numbers_tell_which_reading_is_right(catalogue):
    batch = run(
        "region;region.title;year;value\n20;Espoo;2023;8.1\n91;Järvenpää;2023;7.9\n".encode(),
        mapping=Mapping(area=0, area_check=1, year=2, value=3, indicator_fixed="683"),
    )
    assert batch.status == ImportStatus.DONE, batch.error
    assert batch.parameters["area_reading"] == "sotkanet"
    assert value("683", municipality("049"), 2023) == 8.1  # Espoo, not Akaa
    assert value("683", municipality("186"), 2023) == 7.9  # Järvenpää, not Helsinki
    assert not Observation.objects.filter(area__code__in=["020", "091"]).exists()


def test_the_reading_chosen_by_the_importer_is_used(catalogue):
    batch = run(
        AMBIGUOUS.encode(), mapping=Mapping(area=0, year=1, value=2, indicator_fixed="683", area_reading="code")
    )
    assert batch.status == ImportStatus.DONE, batch.error
    assert value("683", municipality("020"), 2023) == 8.1
    assert value("683", municipality("091"), 2023) == 7.9


def test_names_that_agree_with_neither_reading_stop_the_import(catalogue):
    batch = run(
        b"region;nimi;year;value\n20;Kemi;2023;8.1\n91;Tornio;2023;7.9\n",
        mapping=Mapping(area=0, area_check=1, year=2, value=3, indicator_fixed="683"),
    )
    assert batch.status == ImportStatus.FAILED
    assert "disagree whichever way it is read" in batch.error
    assert stored() == []


def test_a_header_naming_municipality_codes_decides_and_leading_zeros_are_codes(catalogue):
    by_header = run(b"kuntakoodi;vuosi;arvo\n20;2023;8.1\n", mapping=TABLE)
    assert by_header.parameters["area_reading"] == "code"
    padded = run(b"region;year;value\n020;2022;8.0\n091;2022;7.0\n", mapping=TABLE)  # Sotkanet ids have no zeros
    assert padded.parameters["area_reading"] == "code"
    assert value("683", municipality("020"), 2022) == 8.0


def test_the_mapping_page_asks_when_the_area_column_could_be_read_two_ways(world, catalogue):
    batch = upload_import(
        actor=world.users["coordinator"], organisation=world.kemi, filename="areas.csv", data=AMBIGUOUS.encode()
    )
    with pytest.raises(ValidationError, match="Say what the column holds"):
        confirm_mapping(actor=world.users["coordinator"], batch=batch, mapping=TABLE, create_missing=False)
    batch.refresh_from_db()
    assert "mapping" not in batch.parameters


R_HEADER = (
    '"","indicator","region","year","gender","primary.value","absolute.value","indicator.title.fi",'
    '"region.title.fi","region.code","region.category","indicator.organization.title.fi"\n'
)


def r_line(n: int, region: int, value: str, count: str, name: str, code: str, category: str) -> str:  # noqa: PLR0917
    return (
        f'"683.{n}",683,{region},2023,"total",{value},{count},"{DIABETES}","{name}","{code}","{category}",'
        '"Kansaneläkelaitos (Kela)"\n'
    )


def test_the_r_clients_file_stores_every_kind_hyte_tracks_and_names_the_others(catalogue):
    data = R_HEADER + "".join(
        [
            r_line(1, 658, "8.9", "257409", "Koko maa", "358", "MAA"),
            r_line(2, 960, "8.1", "39020", "Helsingin kaupunki", "90", "HYVINVOINTIALUE"),
            r_line(3, 956, "7.2", "1191", "Ahvenanmaa", "91", "HYVINVOINTIALUE"),
            r_line(4, 506, "7.2", "1191", "Ahvenanmaa", "21", "MAAKUNTA"),
            r_line(5, 46, "8.1", "39020", "Helsinki", "091", "KUNTA"),
            r_line(6, 117, "11.9", "NA", "Kemi", "240", "KUNTA"),
            r_line(7, 541, "9.6", "6010", "Lappeenrannan seutukunta", "091", "SEUTUKUNTA"),
            r_line(8, 845, "8.4", "123405", "Etelä-Suomen yhteistyöalue", "1", "YTA"),
            r_line(9, 46, "8.1", "39020", "Helsinki", "091", "HYVINVOINTIALUE"),  # a category that is not the id's
        ]
    )
    batch = run(data.encode())
    assert batch.status == ImportStatus.DONE, batch.error
    assert batch.rows_created == 6
    assert Observation.objects.get(area__kind="country").absolute_value == 257409
    assert Observation.objects.get(area__kind="county", area__sotkanet_id=960).value == 8.1  # Helsinki's county
    assert Observation.objects.get(area__kind="county", area__sotkanet_id=956).value == 7.2  # Åland's county
    assert Observation.objects.get(area__kind="region", area__sotkanet_id=506).value == 7.2
    kemi = Observation.objects.get(area=municipality("240"))
    assert (kemi.value, kemi.absolute_value) == (11.9, None)  # R's NA: no count
    assert reasons(batch) == [
        "Sotkanet region 541 (Lappeenrannan seutukunta) is a sub-region (seutukunta); "
        "Hyte does not track sub-regions (seutukunta)",
        "Sotkanet region 845 (Etelä-Suomen yhteistyöalue) is a collaborative area (yhteistyöalue); "
        "Hyte does not track collaborative areas (yhteistyöalue)",
        "the row says HYVINVOINTIALUE but the area is the municipality Helsinki (091)",
    ]


def test_the_r_clients_semicolon_file_with_decimal_commas_reads_the_same(catalogue):
    """write.csv2: semicolons and decimal commas."""
    data = (
        '"";"indicator";"region";"year";"gender";"primary.value";"absolute.value";"region.title.fi";"region.code";'
        '"region.category"\n"683.1";683;117;2023;"total";11,9;2310;"Kemi";"240";"KUNTA"\n'
    )
    batch = run(data.encode())
    assert batch.status == ImportStatus.DONE, (batch.error, reasons(batch))
    kemi = Observation.objects.get(area=municipality("240"))
    assert (kemi.value, kemi.absolute_value) == (11.9, 2310)


def test_a_region_column_that_holds_codes_is_not_read_as_sotkanet_ids(catalogue):
    """A file in Sotkanet's layout whose region column was filled with codes: the names catch it."""
    data = R_HEADER + r_line(1, 91, "8.1", "39020", "Helsinki", "091", "KUNTA")
    batch = run(data.encode())
    assert batch.status == ImportStatus.FAILED
    assert stored() == []
    assert reasons(batch) == ["the row's code 091 is not the code of the municipality Järvenpää (186)"]


# --- real layouts ---------------------------------------------------------------------------------------------


def test_the_api_csv_saved_comma_separated(catalogue):
    kemi, country = municipality("240"), Area.objects.get(kind="country")
    data = (
        "indicator,region,year,gender,primary value,absolute value\n"
        "683,117,2023,total,11.9,2310\n683,658,2023,total,8.9,257409\n"
    )
    batch = run(data.encode())
    assert batch.status == ImportStatus.DONE, batch.error
    assert value("683", kemi, 2023) == 11.9
    assert value("683", country, 2023) == 8.9


def test_the_web_sites_csv_with_quoted_ids(catalogue):
    data = (
        f'"{DIABETES}";"683";"Kemi";"240";"yhteensä";2023;11.9;2310\n'
        f'"{DIABETES}";"683";"Espoo";"049";"yhteensä";2023;7,4;\n'
    )
    batch = run(data.encode())
    assert batch.status == ImportStatus.DONE, batch.error
    assert value("683", municipality("240"), 2023) == 11.9
    assert value("683", municipality("049"), 2023) == 7.4


def test_old_mac_line_endings_read_as_any_other(catalogue):
    lines = API_HEADER + "683;117;2023;total;11.9;2310\n683;46;2023;total;8.1;39020\n"
    batch = run(lines.replace("\n", "\r").encode())
    assert batch.status == ImportStatus.DONE, batch.error
    assert batch.rows_created == 2
    assert value("683", municipality("091"), 2023) == 8.1


GRID_YEARS = (2021, 2022, 2023)
NEW_TITLE = (
    "Children aged 0-17 placed in emergency placement during the year, as % of total population of same age (THL)"
)


def english_grid() -> list:
    poverty = "At-risk-of-poverty-rate for children"
    return sotkanet_grid(
        GRID_YEARS,
        [
            (poverty, "228", "Akaa", "020", "combined", [10.7, 9.2, 9.5]),
            (poverty, "228", "Kemi", "240", "combined", [16.1, 16.0, 16.9]),
            (poverty, "228", "Koski Tl", "284", "combined", [11.7, 8.5, 13.5]),
            (poverty, "228", "Mariehamn", "478", "combined", [14.8, 14.1, 11.7]),
            (poverty, "228", "Pedersöre", "599", "combined", [6.7, 7.0, 6.7]),
            (NEW_TITLE, "1078", "Kemi", "240", "combined", [0.9, 1.0, 1.3]),
            (NEW_TITLE, "1078", "Koski Tl", "284", "combined", [None, None, None]),
            (NEW_TITLE, "1078", "Mariehamn", "478", "combined", [0.4, 0.6, None]),
        ],
        footer="© THL, Statistics and Indicator Sotkanet.fi 2005-2025",
    )


def test_the_web_sites_xls_that_common_readers_reject(catalogue):
    from python_calamine import CalamineWorkbook

    data = jexcel_xls(english_grid())
    raw = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert raw[1][2] == "A\x00k\x00a\x00a\x00"  # the flavour: every string comes with NULs

    batch = run(data)
    assert batch.status == ImportStatus.DONE, batch.error
    assert reasons(batch) == []  # the footer is not a row of values
    assert batch.rows_created == 15 + 3 + 2
    assert value("228", municipality("020"), 2023) == 9.5
    assert value("228", municipality("478"), 2021) == 14.8  # Mariehamn, by its English (Swedish) name
    assert value("228", municipality("599"), 2022) == 7.0
    # An indicator newer than the catalogue is added with the title the file gives, in its language, and reported.
    added = Indicator.objects.get(source="sotkanet", source_id="1078")
    assert (added.title_en, added.title_fi) == (NEW_TITLE, NEW_TITLE)
    assert batch.parameters["indicators_added"] == ["1078"]
    assert value("1078", municipality("240"), 2023) == 1.3
    assert not Observation.objects.filter(indicator=added, area__code="284").exists()  # empty cells: no values


def test_the_web_sites_spreadsheet_in_swedish_as_xlsx(catalogue):
    grid = sotkanet_grid(
        GRID_YEARS,
        [
            ("Barnfattigdomsgrad", "228", "Kemi", "240", "totalt", [16.1, 16.0, 16.9]),
            ("Barnfattigdomsgrad", "228", "Koskis", "284", "totalt", [11.7, 8.5, 13.5]),
            ("Barnfattigdomsgrad", "228", "S:t Karins", "202", "totalt", [8.0, 7.5, 7.4]),
        ],
        footer="© THL, Statistik- och indikatorbanken Sotkanet.fi 2005-2025",
    )
    batch = run(xlsx(grid))
    assert batch.status == ImportStatus.DONE, (batch.error, reasons(batch))
    assert batch.rows_created == 9
    assert value("228", municipality("284"), 2022) == 8.5
    assert value("228", municipality("202"), 2023) == 7.4


def test_a_wide_csv_with_one_column_per_year(catalogue):
    data = "\ufeffnimi,tunnus,nm2022,nm2023\nAkaa,020,-1.5,2.3\nKemi,240,-4.2,\nKoski Tl,284,0.4,3.0\n"
    batch = run(data.encode(), mapping=Mapping(area=1, area_check=0, indicator_fixed="178"))
    assert batch.status == ImportStatus.DONE, batch.error
    assert batch.rows_created == 5  # Kemi's empty 2023 is no value, not a zero
    assert value("178", municipality("020"), 2023) == 2.3
    assert value("178", municipality("240"), 2022) == -4.2
    assert not Observation.objects.filter(area__code="240", year=2023).exists()


def test_the_bulk_lane_stores_what_the_general_reader_stores(catalogue):
    """Big API files take the column-by-column lane when every row is plain (on PostgreSQL); one odd row sends
    the same file through the general reader. Both must store and reject exactly the same."""
    from django.db import connection

    from hyte.indicators import bulk
    from hyte.indicators.models import RejectedRow

    plain = API_HEADER + (
        "683;117;2022;total;11.8;1553\n683;117;2023;total;;\n683;46;2023;male;7.9;18000\n"
        "683;541;2023;total;9.6;6010\n9999;117;2023;total;1;\n683;117;2022;total;11.9;1554\n"
        "181;658;2023;total;-0.5;12\n683;455;2023;total;1;\n"
    )
    lane = mock.patch.object(bulk, "blocks", wraps=bulk.blocks)

    def outcome(batch) -> tuple:
        rows = [row for row in stored() if row[3] != 2024]
        rejected = list(RejectedRow.objects.filter(batch=batch).order_by("line").values_list("line", "reason"))
        return rows, rejected, (batch.status, batch.rows_created, batch.rows_rejected)

    with lane as taken:
        bulk_outcome = outcome(run(plain.encode()))
    assert taken.called == (connection.vendor == "postgresql")
    kemi = Observation.objects.get(area=municipality("240"), year=2022)
    assert (kemi.value, kemi.absolute_value) == (11.8, 1553)  # the first of two values for the same key is kept
    Observation.objects.all().delete()
    # A decimal comma is not plain: the lane stops at it, having stored nothing, and the general reader reads the file.
    general = outcome(run((plain + "683;46;2024;total;8,1;\n").encode()))
    assert bulk_outcome[:2] == general[:2]
    assert bulk_outcome[2] == (ImportStatus.DONE, 4, 4)
    assert general[2] == (ImportStatus.DONE, 5, 4)


# --- damaged files are refused whole -----------------------------------------------------------------------

COMPLETE = API_HEADER + "683;117;2022;total;11.8;1553\n683;117;2023;total;13.7;1553\n"


@pytest.mark.parametrize(
    "cut",
    [
        COMPLETE[:-6],  # "…;13." : the last value cut after its decimal point
        COMPLETE[:-4],  # "…;13.7;15" : the count 1553 cut to 15
        COMPLETE[:-3],  # "…;13.7;155"
    ],
)
def test_a_file_cut_mid_line_is_refused_and_stored_values_stay(catalogue, cut):
    assert run(COMPLETE.encode()).rows_created == 2
    before = stored()
    batch = run(cut.encode())
    assert batch.status == ImportStatus.FAILED
    assert "cut off" in batch.error
    assert stored() == before
    assert Observation.objects.get(area=municipality("240"), year=2023).value == 13.7


def test_a_web_export_cut_mid_line_is_refused(catalogue):
    data = f'"{DIABETES}";"683";"Kemi";"240";"yhteensä";2023;11.9;2310\n"{DIABETES}";"683";"Espoo";"049";"yhte'
    batch = run(data.encode())
    assert (batch.status, stored()) == (ImportStatus.FAILED, [])


@pytest.mark.parametrize(("bad", "reason"), [("13,", "bad number '13,'"), ("12.", "bad number '12.'")])
def test_half_numbers_in_the_middle_of_a_file_are_rejected(catalogue, bad, reason):
    batch = run((API_HEADER + f"683;117;2023;total;{bad};\n683;46;2023;total;8.1;\n").encode())
    assert reasons(batch) == [reason]
    assert value("683", municipality("091"), 2023) == 8.1


def test_a_short_row_is_rejected(catalogue):
    batch = run((API_HEADER + "683;117;2023;total;11.9;2310\n683;46;2023;total\n").encode())
    assert reasons(batch) == ["expected 6 fields as in the header, found 4"]


def test_a_table_whose_last_line_is_short_and_unended_is_refused_but_a_complete_one_is_kept(catalogue):
    mapping = Mapping(area=0, year=1, value=2, indicator_fixed="683", area_reading="code")
    cut = run(b"kunta;vuosi;arvo;n\n240;2023;11.9;2310\n091;2023", mapping=mapping)
    assert (cut.status, stored()) == (ImportStatus.FAILED, [])
    # Google Sheets saves CSV without a final line end; a last line as wide as the header is complete.
    kept = run(b"kunta;vuosi;arvo;n\n240;2023;11.9;2310\n091;2023;8.1;39020", mapping=mapping)
    assert kept.status == ImportStatus.DONE
    assert value("683", municipality("091"), 2023) == 8.1


def test_utf16_is_refused_saying_so(catalogue):
    batch = run(COMPLETE.encode("utf-16"))
    assert batch.status == ImportStatus.FAILED
    assert batch.error.startswith("the file is UTF-16 text")
    assert stored() == []


# --- an honest outcome --------------------------------------------------------------------------------------


def test_an_import_that_stores_nothing_has_failed_and_says_why_naming_the_file_once(catalogue, tmp_path):
    path = tmp_path / "kunnat.csv"
    path.write_text(API_HEADER + "683;541;2023;total;9.6;\n683;9999;2023;total;1;\n")
    with pytest.raises(CommandError) as raised:
        call_command("import_observations", str(path), stdout=io.StringIO())
    message = str(raised.value)
    assert message.count("kunnat.csv") == 1
    assert "none of the 2 rows could be stored" in message
    assert stored() == []


def test_the_command_names_a_refused_file_once(catalogue, tmp_path):
    path = tmp_path / "cut.csv"
    path.write_text(COMPLETE[:-6])
    with pytest.raises(CommandError) as raised:
        call_command("import_observations", str(path), stdout=io.StringIO())
    assert str(raised.value).count("cut.csv") == 1
    assert "cut off" in str(raised.value)


# --- names --------------------------------------------------------------------------------------------------


def test_short_and_swedish_names_are_accepted_and_ambiguous_ones_explained(catalogue):
    data = (
        "kunta;vuosi;arvo\nKoski;2023;1\nMaarianhamina - Mariehamn;2023;2\nLappo;2023;3\nSt Karins;2023;4\n"
        "Ahvenanmaa;2023;5\nLappi;2023;6\nAtlantis;2023;7\n"
    )
    batch = run(data.encode(), mapping=Mapping(area=0, year=1, value=2, indicator_fixed="683"))
    assert value("683", municipality("284"), 2023) == 1  # Koski Tl
    assert value("683", municipality("478"), 2023) == 2  # Maarianhamina
    assert value("683", municipality("408"), 2023) == 3  # Lappo is Lapua, not Lappi or Loppi
    assert value("683", municipality("202"), 2023) == 4  # Kaarina
    assert Observation.objects.get(area__kind="region", area__code="19").value == 6  # Lappi, the region
    assert reasons(batch) == [
        "the name 'Ahvenanmaa' is ambiguous: it is the wellbeing services county Ahvenanmaa (91) and the region "
        "Ahvenanmaa (21); give the area's code",
        "no area is called 'Atlantis'",
    ]


# --- odd but valid rows -------------------------------------------------------------------------------------


def test_a_rate_with_no_events_is_shown_not_a_server_error(world, catalogue, client):
    from hyte.indicators import services as indicator_services

    load_catalogue(actor=SYSTEM, entries=[{"id": 9071, "title": {"fi": "Kuolleisuus / 100 000 asukasta"}}])
    kemi, country = municipality("240"), Area.objects.get(kind="country")
    rows = f"9071;{kemi.sotkanet_id};2023;total;0;0\n9071;{country.sotkanet_id};2023;total;950;52000\n"
    assert run((API_HEADER + rows).encode()).rows_created == 2
    indicator = Indicator.objects.get(source_id="9071")
    indicator_set = indicator_services.create_indicator_set(actor=SYSTEM, organisation=world.kemi, name="Kuolleisuus")
    indicator_services.add_to_set(actor=SYSTEM, indicator_set=indicator_set, indicator=indicator)
    client.force_login(world.users["coordinator"])
    for url in (
        "/o/kemi/situation/",
        f"/o/kemi/situation/indicators/{indicator.pk}/",
        f"/api/v1/observations?indicator=sotkanet:9071&area={kemi.pk}",
    ):
        response = client.get(url)
        assert response.status_code == 200, url


# --- the catalogue keeps up ---------------------------------------------------------------------------------


def test_newer_metadata_adds_indicators_the_bundled_catalogue_lacks(tmp_path):
    from hyte.indicators.management.commands.load_indicators import DATA

    bundled = DATA / "indicator-metadata-2025-09.json"
    assert bundled.exists()
    call_command("load_indicators", "--metadata", str(bundled), stdout=io.StringIO())
    added = Indicator.objects.get(source="sotkanet", source_id="5527")
    assert all((added.title_fi, added.title_sv, added.title_en))
    assert added.range_end == 2024
    assert Indicator.objects.filter(source="sotkanet", source_id="186").get().data_updated is not None
