"""Imports read a text file twice, a line at a time, and write in chunks: the outcome is the same as reading it
whole, whatever the chunk size and however often the bitmap of keys collides."""

from __future__ import annotations

import pytest

from hyte.indicators import imports, keys
from hyte.indicators.models import ImportStatus, Observation
from hyte.indicators.parsing import Mapping, Sheet
from hyte.indicators.services import create_batch, import_bytes, load_catalogue
from hyte.regions.models import Area
from tests.conftest import SYSTEM

pytestmark = pytest.mark.django_db
HEADER = b"indicator;region;year;gender;primary value;absolute value\n"


@pytest.fixture
def regions() -> list[int]:
    load_catalogue(actor=SYSTEM, entries=[{"id": 127, "title": {"fi": "Väestö 31.12."}}])
    ids = Area.objects.filter(kind="municipality", sotkanet_id__isnull=False).values_list("sotkanet_id", flat=True)
    return sorted(ids)[:20]


def api_file(regions: list[int]) -> tuple[bytes, dict[int, int]]:
    """20 regions × 30 years × 3 genders, the first row again near the end and a middle row again at the end:
    the file's bytes and the lines of the two copies (line → line of the first)."""
    lines = [HEADER]
    for region in regions:
        for year in range(1990, 2020):
            for gender in ("total", "male", "female"):
                lines.append(f"127;{region};{year};{gender};{year - 1989}.5;\n".encode())
    first_again, middle = len(lines) + 1, 900
    lines.append(lines[1].replace(b".5;", b".25;"))
    lines.append(lines[middle - 1])
    return b"".join(lines), {first_again: 2, first_again + 1: middle}


def run(data: bytes, **kwargs):
    batch = create_batch(actor=SYSTEM, organisation=None, source="test", filename="test.csv")
    return import_bytes(actor=SYSTEM, batch=batch, data=data, shared=True, **kwargs)


def rejections(batch) -> dict[int, str]:
    return dict(batch.rejected_rows.values_list("line", "reason"))


@pytest.mark.parametrize("chunk", [7, 10_000])
@pytest.mark.parametrize("bitmap", ["roomy", "one byte"])
def test_duplicates_far_apart_are_rejected_across_chunks_however_the_bitmap_collides(
    regions, monkeypatch, chunk, bitmap
):
    monkeypatch.setattr(imports, "CHUNK_ROWS", chunk)
    if bitmap == "one byte":  # every key shares a bit with another: all are candidates, the result is the same
        monkeypatch.setattr(keys, "MIN_BITS", 8)
        monkeypatch.setattr(keys, "BITS_PER_ROW", 0)
    data, copies = api_file(regions)
    batch = run(data)
    assert batch.status == ImportStatus.DONE
    assert batch.rows_read == 20 * 30 * 3 + 2
    assert batch.rows_created == 20 * 30 * 3
    assert rejections(batch) == {
        line: f"duplicate in file: the same value is on line {first}" for line, first in copies.items()
    }
    first = Observation.objects.get(indicator__source_id="127", area__sotkanet_id=regions[0], year=1990, gender="total")
    assert first.value == 1.5  # the first copy is kept, not the later 1.25


def test_an_import_never_holds_the_rows_of_a_text_file(regions, monkeypatch):
    def held(sheet):
        raise AssertionError("the import asked for every row at once")

    monkeypatch.setattr(Sheet, "rows", property(held))
    data, _copies = api_file(regions)
    assert run(data).rows_created == 20 * 30 * 3
    table = run(
        data.replace(b";", b","),
        mapping=Mapping(area=1, indicator=0, year=2, gender=3, value=4, area_reading="sotkanet"),
    )
    assert (table.rows_unchanged, table.rows_rejected) == (20 * 30 * 3, 2)


def test_a_cut_file_is_refused_before_anything_is_stored_even_far_into_it(regions):
    data, _copies = api_file(regions)
    batch = run(data[:-3])  # the last line is cut: 13.5 could have been 13.55
    assert batch.status == ImportStatus.FAILED
    assert "ends in the middle of a line" in batch.error
    assert batch.rows_read == 0
    assert not Observation.objects.exists()


def test_the_bulk_lane_in_many_slices_and_blocks_stores_what_the_general_reader_stores(regions, monkeypatch):
    """PostgreSQL's bulk lane reads a plain API file a slice at a time and sends it to COPY a block at a time, fresh
    indicators straight into the table and the others through the merge. With slices of a few lines and blocks of
    seven rows, a key first seen in one slice and again in a later one, and rows rejected late in the file, are
    handled as the general reader handles them — also when another import stored values of an indicator the lane
    took as new (it merges every row instead)."""
    from unittest import mock

    from django.db import connection

    from hyte.indicators import bulk
    from hyte.indicators.models import ObservationChange
    from hyte.indicators.store import ObservationStore

    if connection.vendor != "postgresql":
        pytest.skip("the bulk lane runs on PostgreSQL only")
    load_catalogue(actor=SYSTEM, entries=[{"id": 181, "title": {"fi": "Työttömät, % työvoimasta"}}])
    monkeypatch.setattr(bulk, "SLICE_BYTES", 200)
    monkeypatch.setattr(bulk, "BLOCK_ROWS", 7)
    lines = [HEADER]
    for region in regions[:6]:
        for year in range(2000, 2010):
            lines.append(f"127;{region};{year};total;{year - 1999}.5;{year}\n".encode())
            lines.append(f"181;{region};{year};male;{year - 1990}.25;\n".encode())
    lines.append(f"127;{regions[0]};2000;total;99;\n".encode())  # line 122: again, far from line 2
    lines.append(f"9999;{regions[0]};2000;total;1;\n".encode())  # line 123: an unknown indicator
    lines.append(b"127;541;2000;total;1;\n")  # line 124: a sub-region
    lines.append(f"181;{regions[1]};2003;male;;\n".encode())  # line 125: again, suppressed this time
    data = b"".join(lines)
    expected = {
        122: "duplicate in file: the same value is on line 2",
        123: "unknown indicator '9999'",
        125: "duplicate in file: the same value is on line 29",
    }

    def before() -> None:
        Observation.objects.all().delete()
        run(HEADER + f"181;{regions[0]};2000;male;1.0;\n181;{regions[0]};2001;male;11.25;\n".encode())

    def outcome(batch) -> tuple:
        values = list(
            Observation.objects.exclude(year=2024)
            .order_by("indicator_id", "area_id", "year", "gender")
            .values_list("indicator__source_id", "area_id", "year", "gender", "value", "absolute_value")
        )
        changes = list(
            ObservationChange.objects.filter(batch=batch).values_list("indicator_id", "area_id", "year", "new_value")
        )
        counts = (batch.status, batch.rows_created, batch.rows_updated, batch.rows_unchanged, batch.rows_rejected)
        return values, changes, counts, rejections(batch)

    lane = mock.patch.object(bulk, "blocks", wraps=bulk.blocks)
    before()
    with lane as taken:
        bulk_outcome = outcome(run(data))
    assert taken.call_count == 2  # once hoping for no duplicates (the database refuses them), then looking for them
    _values, changes, counts, rejected = bulk_outcome
    assert counts == (ImportStatus.DONE, 60 + 58, 1, 1, 4)
    assert {line: reason for line, reason in rejected.items() if line != 124} == expected
    assert "sub-region" in rejected[124]
    assert [change[3] for change in changes] == [10.25]  # 181 at region 0 in 2000: 1.0 → 10.25; 2001 unchanged
    kept = Observation.objects.get(indicator__source_id="127", area__sotkanet_id=regions[0], year=2000)
    assert kept.value == 1.5  # the first copy, not the later 99

    before()
    with lane as taken:  # a row that is not plain (a decimal comma) in the last slice: the lane had begun, and
        # gives the whole file to the general reader, having stored nothing
        general = outcome(run(data + f"127;{regions[0]};2024;total;8,1;\n".encode()))
    assert taken.call_count == 1
    assert general[:2] == bulk_outcome[:2]
    assert general[2] == (ImportStatus.DONE, 60 + 58 + 1, 1, 1, 4)
    assert general[3] == bulk_outcome[3]

    before()
    lying = mock.patch.object(ObservationStore, "fresh_among", lambda self, ids: set(ids))
    with lane as taken, lying:  # 181 taken as new, but it has values: COPY meets them, so every row is merged
        raced = outcome(run(data))
    assert taken.call_count == 3
    assert raced == bulk_outcome
