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
