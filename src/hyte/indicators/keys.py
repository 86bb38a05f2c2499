"""Each parsed row's observation key, and which keys a file may hold more than once, found without holding the
file's rows or keys.

A file's duplicates are rejected with the line of the first copy, so the import must know, when it stores a
row, whether its key comes again later. It reads the rows twice: the first pass sets one bit per key in a
bitmap of at least 32 bits per row (by the key's hash) and remembers only the keys whose bit was already set —
every key that does occur twice, and a few percent of the others by chance. The second pass stores the rows
and remembers the first line of just those keys. Memory: about 4 bytes per row, plus the repeated keys.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import cast

from hyte.indicators.areas import Resolution, Unresolved
from hyte.indicators.parsing import Parsed, ParsedRow, Rejected

# indicator id, area id, year, gender, period, age group: what makes an observation unique.
Key = tuple[int, int, int, str, str, str]
MIN_BITS = 1 << 23  # 1 MiB
BITS_PER_ROW = 32  # at most one key in 32 shares its bit with an earlier one by chance


class ObservationKeys:
    """Each row's key, or why it cannot be stored; every distinct indicator and area is resolved once (a file
    has few of them and many rows), in the order the file first names them."""

    def __init__(
        self,
        *,
        resolve_area: Callable[[ParsedRow], Resolution],
        resolve_indicator: Callable[[ParsedRow], int | None],
    ) -> None:
        self.resolve_area = resolve_area
        self.resolve_indicator = resolve_indicator
        self.indicators: dict[str, int | None] = {}
        self.areas: dict[tuple[str, str, str, str], Resolution] = {}

    def of(self, row: ParsedRow) -> Key | str:
        """The row's key, or the reason it cannot be stored (an unknown indicator or area)."""
        try:
            indicator_id = self.indicators[row.indicator]
        except KeyError:
            indicator_id = self.indicators[row.indicator] = self.resolve_indicator(row)
        if indicator_id is None:
            return f"unknown indicator {row.indicator!r}"
        area_key = (row.area, row.area_name, row.area_code, row.area_category)
        try:
            area_id = self.areas[area_key]
        except KeyError:
            area_id = self.areas[area_key] = self.resolve_area(row)
        if isinstance(area_id, Unresolved):
            return area_id.reason
        return (indicator_id, area_id, row.year, row.gender, row.period, row.age_group)

    def repeated(self, rows: Iterable[Parsed], *, expected_rows: int = 0) -> set[Key]:
        """The keys that may occur more than once among the rows: a superset of those that do."""
        bits = max(MIN_BITS, 1 << (BITS_PER_ROW * max(expected_rows, 1)).bit_length())
        mask = bits - 1
        seen = bytearray(bits >> 3)
        repeated: set[Key] = set()
        key_of = self.of
        for row in rows:
            if type(row) is Rejected:
                continue
            key = key_of(cast(ParsedRow, row))
            if type(key) is str:
                continue
            place = hash(key) & mask
            byte, bit = place >> 3, 1 << (place & 7)
            if seen[byte] & bit:
                repeated.add(cast(Key, key))
            else:
                seen[byte] |= bit
        return repeated
