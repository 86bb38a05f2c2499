"""The bulk lane: the Sotkanet API's own CSV, its rows turned into COPY input a slice of the file at a time.

Big files are the API's CSV (`indicator;region;year;gender;primary value;absolute value`). When every row of such
a file is in the API's plain form (whole-number ids, a year, total/male/female, plain decimal numbers), each row
is matched by one regular expression and rewritten as a line of COPY's CSV input with the indicator and area ids
in place of Sotkanet's: the year, gender and numbers pass through as the file writes them. The rows reach
PostgreSQL as one COPY stream, so the server stores one block while the next is made. Nothing but the file's bytes
is held: it is read SLICE_BYTES at a time, once when it has no key twice (the table's unique key refuses a second
copy, and the import then writes again after `find_repeated` has looked for them with the bitmap of `keys.py`).
The rules and reasons are the general reader's, with the same resolvers. A file with any other row (met anywhere:
the import is rolled back to before the lane), or on SQLite, takes the general path.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from hyte.indicators import keys
from hyte.indicators.areas import Resolution, Unresolved
from hyte.indicators.models import MissingReason
from hyte.indicators.parsing import ParsedRow
from hyte.indicators.parsing.sotkanet import API_HEADER

HEADER = ";".join(API_HEADER).encode() + b"\n"
SLICE_BYTES = 64 * 1024  # what is matched at a time
BLOCK_ROWS = 4096  # rows sent to COPY at a time
# The columns of each COPY line, in this order: the resolved ids, then the file's own year, gender and numbers.
COLUMNS = (
    "indicator_id",
    "area_id",
    "year",
    "gender",
    "value",
    "absolute_value",
    "missing_reason",
    "batch_id",
    "period",
    "age_group",
)
# COPY's CSV format: an empty unquoted field is NULL (a suppressed value, no count), except in these columns.
COPY_OPTIONS = "(FORMAT csv, DELIMITER ';', FORCE_NOT_NULL (missing_reason, period, age_group))"

_NUMBER = rb"(?:-?\d+(?:\.\d+)?)?"
# One plain row, whole: (indicator);(region);(year;gender)(;value;absolute).
_ROW = re.compile(
    rb"^(\d+);(\d+);((?:1[89]\d\d|2[01]\d\d|2200);(?:total|male|female))(;" + _NUMBER + b";" + _NUMBER + rb")\n",
    re.MULTILINE,
)
_INDICATOR = re.compile(rb"^(\d+);", re.MULTILINE)
_SUPPRESSED = MissingReason.SUPPRESSED.value.encode()


def looks_plain(data: bytes) -> bool:
    """A quick look at the whole file: the API CSV's header, complete lines of six fields, no quotes."""
    if not data.startswith(HEADER) or not data.endswith(b"\n") or b'"' in data or b"\r" in data:
        return False
    return data.count(b";") == 5 * data.count(b"\n") and b"\n\n" not in data


def _slices(data: bytes) -> Iterator[bytes]:
    """The rows after the header, SLICE_BYTES at a time, cut at line ends."""
    start, size = len(HEADER), len(data)
    while start < size:
        end = data.index(b"\n", min(start + SLICE_BYTES, size) - 1) + 1
        yield data[start:end]
        start = end


class NotPlain(Exception):
    """A row that is not plain: the general reader takes the whole file."""


@dataclass
class PlainFile:
    """A plain API CSV: each distinct indicator and region as `id;` or the reason its rows are rejected (areas
    resolved as rows name them), the indicators' ids, and — once looked for — the keys
    (`indicator_id;area_id;year;gender`) that may occur more than once. A file has few indicators and regions and
    many rows, so this is small."""

    data: bytes
    resolve_area: Callable[[ParsedRow], Resolution]
    indicators: dict[bytes, bytes | str] = field(default_factory=dict)
    indicator_ids: dict[bytes, int] = field(default_factory=dict)
    areas: dict[bytes, bytes | str] = field(default_factory=dict)
    rows: int = 0
    repeated: set[bytes] | None = None  # None: not looked for

    def area(self, region: bytes, line: int) -> bytes | str:
        found = self.resolve_area(ParsedRow(line, "", region.decode(), 0, None))
        self.areas[region] = found.reason if isinstance(found, Unresolved) else b"%d;" % found
        return self.areas[region]


def prepare(
    data: bytes,
    *,
    resolve_area: Callable[[ParsedRow], Resolution],
    resolve_indicator: Callable[[ParsedRow], int | None],
) -> PlainFile | None:
    """A file that `looks_plain`, with its indicators resolved (by the general reader's resolver, with its
    reasons); None for any other file."""
    if not looks_plain(data):
        return None
    found = PlainFile(data, resolve_area)
    for part in _slices(data):
        for indicator in set(_INDICATOR.findall(part)) - found.indicators.keys():
            found_id = resolve_indicator(ParsedRow(0, indicator.decode(), "", 0, None))
            if found_id is None:
                found.indicators[indicator] = f"unknown indicator {indicator.decode()!r}"
            else:
                found.indicators[indicator] = b"%d;" % found_id
                found.indicator_ids[indicator] = found_id
    return found


def find_repeated(found: PlainFile) -> None:
    """A pass over the file that finds the keys that may occur more than once, with a bitmap (`keys.py`)."""
    bits = max(keys.MIN_BITS, 1 << (keys.BITS_PER_ROW * max(found.data.count(b"\n"), 1)).bit_length())
    mask = bits - 1
    seen = bytearray(bits >> 3)
    repeated: set[bytes] = set()
    indicators, areas = found.indicators, found.areas
    line = 1
    for part in _slices(found.data):
        for indicator, region, year_gender, _numbers in _ROW.findall(part):
            line += 1
            indicator_id = indicators.get(indicator)
            if not isinstance(indicator_id, bytes):
                continue
            area_id = areas.get(region) or found.area(region, line)
            if isinstance(area_id, str):
                continue
            place = hash(key := indicator_id + area_id + year_gender) & mask
            byte, bit = place >> 3, 1 << (place & 7)
            if seen[byte] & bit:
                repeated.add(key)
            else:
                seen[byte] |= bit
    found.repeated = repeated


@dataclass
class Block:
    """Rows in COPY's CSV input (COLUMNS), all of indicators that had no values before (`fresh`) or all not."""

    fresh: bool
    data: bytes
    count: int


def blocks(
    found: PlainFile,
    *,
    batch_id: int,
    fresh: set[int],
    reject: Callable[[int, str], None],
    on_rows: Callable[[int], None] | None = None,
) -> Iterator[Block]:
    """The rows to store as COPY input, rejecting the rest (in line order) on the way; NotPlain at a slice with
    a row that is not plain. Duplicates are rejected only once `find_repeated` has looked for them: until then
    the database refuses them (the key is unique), and the import tries again looking for them."""
    indicators, areas, repeated = found.indicators, found.areas, found.repeated
    is_fresh = {indicator: found_id in fresh for indicator, found_id in found.indicator_ids.items()}
    first_line: dict[bytes, int] = {}
    plain_end = b";;%d;;\n" % batch_id  # after `;value;absolute`: missing_reason, batch_id, period, age_group
    suppressed_end = b";%s;%d;;\n" % (_SUPPRESSED, batch_id)
    out: dict[bool, list[bytes]] = {True: [], False: []}
    line = 1
    for part in _slices(found.data):
        rows = _ROW.findall(part)
        if len(rows) != part.count(b"\n"):  # every match is one whole line: a line left over is not plain
            raise NotPlain
        for indicator, region, year_gender, numbers in rows:
            line += 1
            indicator_id = indicators[indicator]
            if isinstance(indicator_id, str):
                reject(line, indicator_id)
                continue
            area_id = areas.get(region) or found.area(region, line)
            if isinstance(area_id, str):
                reject(line, area_id)
                continue
            key = indicator_id + area_id + year_gender
            if repeated and key in repeated:
                first = first_line.setdefault(key, line)
                if first != line:
                    reject(line, f"duplicate in file: the same value is on line {first}")
                    continue
            kept = out[is_fresh[indicator]]
            kept.append(key + numbers + (suppressed_end if numbers[1] == 59 else plain_end))
            if len(kept) >= BLOCK_ROWS:
                yield Block(kept is out[True], b"".join(kept), len(kept))
                kept.clear()
        if on_rows is not None:
            on_rows(line - 1)
    found.rows = line - 1
    for kind in (True, False):
        if out[kind]:
            yield Block(kind, b"".join(out[kind]), len(out[kind]))
