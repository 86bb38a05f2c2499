"""Importing observations into the database: real files, re-imports, rejections, and all-or-nothing."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from hyte.audit.models import AuditEntry
from hyte.demo.indicators import DATA, load_demo_indicators
from hyte.indicators.models import ImportStatus, Indicator, Observation, ObservationChange
from hyte.indicators.parsing import Mapping
from hyte.indicators.services import create_batch, import_bytes, load_catalogue
from hyte.regions.models import Area
from tests.conftest import SYSTEM

pytestmark = pytest.mark.django_db
SAMPLE = Path(__file__).parent / "data"
HEADER = b"indicator;region;year;gender;primary value;absolute value\n"


@pytest.fixture
def catalogue():
    load_catalogue(
        actor=SYSTEM,
        entries=[
            {"id": 127, "title": {"fi": "Väestö 31.12."}},
            {"id": 181, "title": {"fi": "Työttömät, % työvoimasta"}},
        ],
    )


def run(data: bytes, *, shared: bool = True, organisation=None, **kwargs):
    batch = create_batch(actor=SYSTEM, organisation=organisation, source="test", filename="test.csv")
    return import_bytes(actor=SYSTEM, batch=batch, data=data, shared=shared, **kwargs)


def kemi() -> Area:
    return Area.objects.get(kind="municipality", code="240")


def test_the_real_api_sample_keeps_every_area_we_follow(catalogue):
    batch = run((SAMPLE / "api-sample-indicator-127-2009.csv").read_bytes())
    assert batch.status == ImportStatus.DONE
    assert batch.rows_read == 466
    stored = Observation.objects.filter(indicator__source_id="127", year=2009)
    assert stored.count() == batch.rows_created
    assert stored.get(area__kind="country").value == 5351427
    assert stored.get(area=kemi()).value == 22580  # "127;117;2009;total;22580;" in the file
    # Regions Hyte does not follow (hospital districts, ELY centres, …) are rejected, each with its reason.
    assert batch.rows_rejected == batch.rows_read - batch.rows_created
    reasons = set(batch.rejected_rows.values_list("reason", flat=True))
    known = "Hyte does not track"
    gone = "is not in the region list Hyte knows"  # regions of 2009 that Sotkanet no longer lists
    assert all(known in reason or gone in reason for reason in reasons), reasons
    assert "Sotkanet region 936 (Ahvenanmaa) is an ELY Centre area; Hyte does not track ELY Centre areas" in reasons


def test_json_and_csv_of_the_same_answer_agree(catalogue):
    csv_batch = run((SAMPLE / "api-sample-indicator-127-2009.csv").read_bytes())
    json_batch = run((SAMPLE / "api-sample-indicator-127-2009.json").read_bytes())
    assert json_batch.status == ImportStatus.DONE
    assert (json_batch.rows_created, json_batch.rows_updated) == (0, 0)
    assert json_batch.rows_unchanged == csv_batch.rows_created


def test_reimporting_never_duplicates_and_records_what_changed(catalogue):
    data = HEADER + b"181;%d;2012;total;14.5;\n181;%d;2012;male;16.0;\n" % (kemi().sotkanet_id, kemi().sotkanet_id)
    first = run(data)
    assert (first.rows_created, first.rows_updated, first.rows_unchanged) == (2, 0, 0)
    again = run(data)
    assert (again.rows_created, again.rows_updated, again.rows_unchanged) == (0, 0, 2)
    changed = run(data.replace(b"14.5", b"14.9") + b"181;%d;2013;total;13.0;\n" % kemi().sotkanet_id)
    assert (changed.rows_created, changed.rows_updated, changed.rows_unchanged) == (1, 1, 1)
    assert Observation.objects.filter(indicator__source_id="181", area=kemi()).count() == 3
    [change] = ObservationChange.objects.filter(batch=changed)
    assert (change.old_value, change.new_value) == (14.5, 14.9)


def test_rejected_rows_name_line_and_reason_and_good_rows_are_kept(catalogue):
    sid = kemi().sotkanet_id
    data = (
        HEADER
        + b"181;%d;2012;total;14.5;\n" % sid
        + b"9999;%d;2012;total;1;\n" % sid
        + b"181;123456;2012;total;1;\n"
        + b"181;%d;2012;total;x;\n" % sid
        + b"181;%d;2012;total;14.6;\n" % sid
    )
    batch = run(data)
    assert batch.rows_created == 1
    assert [(r.line, r.reason) for r in batch.rejected_rows.all()] == [
        (3, "unknown indicator '9999'"),
        (
            4,
            "Sotkanet region 123456 is not in the region list Hyte knows (Sotkanet's list of 2016 and today's "
            "counties); it may be a region that no longer exists",
        ),
        (5, "bad number 'x'"),
        (6, "duplicate in file: the same value is on line 2"),
    ]
    assert Observation.objects.get(indicator__source_id="181", area=kemi(), year=2012).value == 14.5


def test_suppressed_values_are_stored_as_missing_never_as_zero(catalogue):
    data = '"Työttömät, % työvoimasta";181;Kemi;240;yhteensä;2012;;\n'.encode("iso-8859-1")
    batch = run(data)
    assert batch.rows_created == 1
    observation = Observation.objects.get(indicator__source_id="181", area=kemi())
    assert (observation.value, observation.missing_reason) == (None, "suppressed")


def test_the_web_export_resolves_areas_by_name_and_code(catalogue):
    data = (
        '"Työttömät";181;Kemi;240;yhteensä;2012;14,5;\n"Työttömät";181;Lappi;19;yhteensä;2012;13,1;\n'
        '"Työttömät";181;Koko maa;358;naiset;2012;9.1;\n"Työttömät";181;Atlantis;999;yhteensä;2012;1;\n'
    )
    batch = run(data.encode("iso-8859-1"))
    assert batch.rows_created == 3
    assert Observation.objects.get(area__kind="region", area__code="19").value == 13.1
    assert Observation.objects.get(area__kind="country", gender="female").value == 9.1
    assert batch.rejected_rows.get().reason == "unknown area 'Atlantis' (999)"


def test_a_file_that_cannot_be_read_stores_nothing_and_says_why(catalogue):
    batch = run(b"indicator,region,year\n127,69,2009\n", file_format="sotkanet-csv")
    assert batch.status == ImportStatus.FAILED
    assert "must name at least the columns indicator, region, year and primary value" in batch.error
    assert Observation.objects.count() == 0
    assert AuditEntry.objects.filter(action="import.failed").exists()


def test_a_failure_of_the_system_itself_leaves_nothing_half_written(catalogue, monkeypatch):
    from hyte.indicators import store

    sid = kemi().sotkanet_id
    good = b"".join(b"181;%d;%d;total;1.0;\n" % (sid, year) for year in range(1990, 2010))
    original = store.ObservationStore.finish

    def crash(self):
        original(self)
        raise RuntimeError("disk full")

    monkeypatch.setattr(store.ObservationStore, "finish", crash)
    with pytest.raises(RuntimeError):
        run(HEADER + good)
    assert Observation.objects.count() == 0
    failed = Indicator.objects.get(source_id="181").observations.count()
    assert failed == 0
    from hyte.indicators.models import ImportBatch

    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.FAILED
    assert "nothing was stored: disk full" in batch.error


def test_sotkanet_files_are_for_site_administrators_only(catalogue):
    batch = run((SAMPLE / "api-sample-indicator-127-2009.csv").read_bytes(), shared=False)
    assert batch.status == ImportStatus.FAILED
    assert "only site administrators" in batch.error
    assert Observation.objects.count() == 0


def test_an_own_survey_with_age_groups_creates_own_indicators(world):
    data = (
        "kunta;vuosi;ikäryhmä;sukupuoli;kysymys;osuus;n\n"
        "Kemi;2024;13-17;tytöt;Koen elämäni hyväksi (%);71,2;210\n"
        "Kemi;2024;13-17;pojat;Koen elämäni hyväksi (%);78,0;190\n"
        "Kemi;2024;65-;yhteensä;Koen elämäni hyväksi (%);80,5;300\n"
    ).encode()
    mapping = Mapping(area=0, year=1, age_group=2, gender=3, indicator=4, value=5, absolute_value=6)
    batch = run(data, shared=False, organisation=world.kemi, mapping=mapping, create_missing=True)
    assert batch.status == ImportStatus.DONE, batch.error
    assert batch.rows_created == 3
    indicator = Indicator.objects.get(title_fi="Koen elämäni hyväksi (%)")
    assert indicator.organisation == world.kemi
    girls = Observation.objects.get(indicator=indicator, gender="female")
    assert (girls.age_group, girls.value, girls.absolute_value) == ("13-17", 71.2, 210.0)


def test_without_create_missing_unknown_own_indicators_are_rejected(world):
    data = b"kunta;vuosi;arvo\n240;2024;5\n"
    mapping = Mapping(area=0, year=1, value=2, indicator_fixed="No such indicator")
    batch = run(data, shared=False, organisation=world.kemi, mapping=mapping)
    assert batch.rejected_rows.get().reason == "unknown indicator 'No such indicator'"


def test_a_real_xlsx_imports_through_a_mapping(world):
    data = (SAMPLE / "statfi-municipal-areas-2022-fi-sv-en.xlsx").read_bytes()
    # Column 25 is the municipality group code: a real number for every municipality in a real workbook.
    mapping = Mapping(area=1, value=24, indicator_fixed="KH1", year_fixed=2022, header_row=2)
    batch = run(data, shared=False, organisation=world.kemi, mapping=mapping)
    assert batch.status == ImportStatus.DONE, batch.error
    assert batch.rows_created >= 300
    assert Observation.objects.get(indicator=world.own_indicator, area__code="091", year=2022).value == 1.0


# A big file reports its progress through a second connection on PostgreSQL (SQLite's in-memory test database
# locks when the mirrored connection is allowed).
@pytest.mark.django_db(
    databases=["default", "progress"] if os.environ.get("DATABASE_URL", "").startswith("postgres") else ["default"]
)
def test_the_bundled_demo_data_loads_the_real_values():
    result = load_demo_indicators()
    assert result.catalogue.created == 2434 + 8  # the 2016 catalogue and eight newer indicators from 2025 metadata
    by_file = {b.filename: b for b in result.batches}
    municipal = by_file["municipal-indicators-1990-2012.csv.gz"]
    assert (municipal.rows_read, municipal.rows_created, municipal.rows_rejected) == (212343, 212343, 0)
    assert by_file["region-indicators-1990-2012.csv.gz"].rows_created == 12672
    population = by_file["population-indicator-127-2000-2022.csv"]
    assert population.rows_rejected == 0
    assert population.rows_read == 7107
    # A municipality that has since merged keeps its own history.
    assert Observation.objects.filter(area__code="911", area__kind="municipality", indicator__source_id="127").exists()
    metadata = Indicator.objects.get(source="sotkanet", source_id="186")
    assert metadata.description_fi.startswith("Indikaattori ilmaisee kuolleiden")
    assert metadata.range_end == 2024
    assert gzip.decompress((DATA / "municipal-indicators-1990-2012.csv.gz").read_bytes()).count(b"\n") == 212344


def test_a_mapping_is_checked_by_the_service_whoever_calls_it(world, django_capture_on_commit_callbacks):
    """The page checked the columns; an API or command-line caller of the service could store a bad mapping."""
    from django.core.exceptions import ValidationError

    from hyte.indicators.services import confirm_mapping

    batch = world.batch
    with pytest.raises(ValidationError, match="column"):
        confirm_mapping(
            actor=world.users["coordinator"],
            batch=batch,
            mapping=Mapping(area=0, value=9, year=1, indicator_fixed="KH1"),  # the file has three columns
            create_missing=False,
        )
    batch.refresh_from_db()
    assert "mapping" not in batch.parameters
    assert batch.status == "queued"
    with django_capture_on_commit_callbacks(execute=True):
        confirm_mapping(
            actor=world.users["coordinator"],
            batch=batch,
            mapping=Mapping(area=0, value=2, year=1, indicator_fixed="KH1"),
            create_missing=False,
        )
    batch.refresh_from_db()
    assert batch.status == "done"
    assert batch.rows_created == 1
