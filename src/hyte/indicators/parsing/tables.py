"""Any table of values, read through a column mapping chosen by the person importing it: long (one value per
row) or wide (one column per year, e.g. `nimi,tunnus,nm1990,…,nm2024`), from CSV, XLSX or XLS."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from hyte.indicators.models import Gender
from hyte.indicators.parsing.reading import Sheet, read_sheet
from hyte.indicators.parsing.values import (
    CUT_OFF,
    FileRefused,
    Parsed,
    ParsedRow,
    Rejected,
    parse_gender,
    parse_optional_number,
    parse_value,
    parse_year,
)

# What the area column holds. "auto" decides from the values (and a name column to check them against) and
# stops when two readings are possible.
AREA_READINGS = ("auto", "code", "sotkanet", "name")
_YEAR_COLUMN = re.compile(r"\D{0,20}?((?:18|19|20|21)\d{2})")


@dataclass
class Mapping:
    """Which column holds what. Indicator and year may be fixed for the whole file instead; without a value
    column the file is wide: every column headed by a year (`2019`, `nm2019`) holds that year's values."""

    area: int
    value: int | None = None
    indicator: int | None = None
    indicator_fixed: str = ""
    year: int | None = None
    year_fixed: int | None = None
    gender: int | None = None
    age_group: int | None = None
    absolute_value: int | None = None
    ci_low: int | None = None
    ci_high: int | None = None
    header_row: int = 1  # 1-based row of the header; data starts on the next row
    area_reading: str = "auto"
    area_check: int | None = None  # a column with the area's name, to check the area column's reading against
    problems: list[str] = field(default_factory=list)

    def columns(self) -> dict[str, int]:
        names = ("area", "value", "indicator", "year", "gender", "age_group", "absolute_value", "ci_low", "ci_high")
        found = {name: getattr(self, name) for name in names if getattr(self, name) is not None}
        if self.area_check is not None:
            found["area_check"] = self.area_check
        return found

    def year_columns(self, header: list[Any]) -> list[tuple[int, str]]:
        """A wide file's value columns: (column, year text) for every header that ends in a year."""
        used = set(self.columns().values())
        found = []
        for index, cell in enumerate(header):
            match = _YEAR_COLUMN.fullmatch(str(cell or "").strip())
            if match and index not in used:
                found.append((index, match.group(1)))
        return found

    def validate(self, header: list[Any]) -> list[str]:
        problems = []
        column_count = len(header)
        if self.indicator is None and not self.indicator_fixed:
            problems.append("choose the indicator column or one indicator for the whole file")
        if self.value is None:
            if not self.year_columns(header):
                problems.append("choose the value column (no column is headed by a year, as in a wide file)")
        elif self.year is None and self.year_fixed is None:
            problems.append("choose the year column or one year for the whole file")
        if self.area_reading not in AREA_READINGS:
            problems.append(f"the area column holds {', '.join(AREA_READINGS)}, not {self.area_reading!r}")
        for name, index in self.columns().items():
            if not 0 <= index < column_count:
                problems.append(f"column {index + 1} for {name} is not in the file ({column_count} columns)")
        return problems


def read_table(data: bytes) -> list[list[Any]]:
    """All rows of a CSV (dialect sniffed) or of the first sheet of an XLSX or XLS workbook."""
    return read_sheet(data).rows


def guess_header_row(rows: list[list[Any]]) -> int:
    """The first row (1-based) that is as wide as the widest of the first rows: skips title rows."""
    widths = [sum(1 for cell in row if cell not in (None, "")) for row in rows[:20]]
    if not widths:
        return 1
    widest = max(widths)
    return next(i for i, width in enumerate(widths, start=1) if width >= widest * 0.8)


_GUESSES = {
    "area": (
        "kuntakoodi",
        "kunnan numero",
        "kuntanumero",
        "tunnus",
        "alue",
        "kunta",
        "area",
        "region",
        "municipality",
        "kommun",
        "municipality_code",
        "aluekoodi",
        "region_code",
    ),
    "area_check": ("nimi", "kunnan nimi", "name", "namn", "region.title", "region_name", "area_name", "kunta"),
    "indicator": ("indikaattori", "indicator", "mittari", "muuttuja", "kysymys", "question"),
    "year": ("vuosi", "year", "år", "period", "ajanjakso"),
    "gender": ("sukupuoli", "gender", "sex", "kön"),
    "age_group": ("ikäryhmä", "ika", "ikä", "age", "age group", "åldersgrupp"),
    "value": ("arvo", "value", "primary value", "primary.value", "osuus", "%", "värde"),
    "absolute_value": ("lukumäärä", "absolute value", "count", "n", "antal", "määrä"),
    "ci_low": ("alaraja", "ci_low", "lower", "ci low"),
    "ci_high": ("yläraja", "ci_high", "upper", "ci high"),
}


def guess_mapping(header: list[Any]) -> dict[str, int]:
    """Column guesses by header name (fi/sv/en); the user confirms or changes them in the preview."""
    names = [str(cell or "").strip().lower() for cell in header]
    guesses: dict[str, int] = {}
    for target, candidates in _GUESSES.items():
        for candidate in candidates:
            if candidate in names and names.index(candidate) not in guesses.values():
                guesses[target] = names.index(candidate)
                break
    return guesses


def _cell(row: list[Any], index: int | None) -> Any:
    if index is None or index >= len(row):
        return None
    value = row[index]
    return value.strip() if isinstance(value, str) else value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_table(sheet: Sheet, mapping: Mapping) -> Iterator[Parsed]:
    """The values of a table, row by row. A text file whose last line has no line end and is shorter than the
    header was cut off: refused when the reading gets there (whoever imports reads the file through before
    storing anything)."""
    start = mapping.header_row  # rows before and at the header row are skipped
    header = (sheet.row(start - 1) or []) if start > 0 else []
    problems = mapping.validate(header)
    if problems:
        raise FileRefused("; ".join(problems))
    width = len(header)
    values: list[tuple[int | None, str | None]] = (
        [(mapping.value, None)] if mapping.value is not None else list(mapping.year_columns(header))
    )
    line, row = start, header
    for line, row in enumerate(islice(sheet, start, None), start=start + 1):
        if not any(c not in (None, "") for c in row):
            continue
        content = ";".join("" if c is None else str(c) for c in row)[:500]
        if len(row) < width and not sheet.workbook:
            yield Rejected(line, f"expected {width} fields as in the header, found {len(row)}", content)
            continue
        yield from _parse_row(row, line, content, mapping, values)
    if not sheet.complete and line > 0 and len(row) < width:
        # A cut line is short; a complete last line without its line end (as Google Sheets saves) is kept.
        raise FileRefused(CUT_OFF.format(line=line))


def _parse_row(
    row: list[Any], line: int, content: str, mapping: Mapping, values: list[tuple[int | None, str | None]]
) -> Iterator[Parsed]:
    area = _text(_cell(row, mapping.area))
    if not area:
        yield Rejected(line, "no area", content)
        return
    indicator = _text(_cell(row, mapping.indicator)) if mapping.indicator is not None else mapping.indicator_fixed
    if not indicator:
        yield Rejected(line, "no indicator", content)
        return
    try:
        gender = parse_gender(_cell(row, mapping.gender)) if mapping.gender is not None else Gender.TOTAL
    except ValueError:
        yield Rejected(line, f"unknown gender {_cell(row, mapping.gender)!r}", content)
        return
    try:
        absolute = parse_optional_number(_cell(row, mapping.absolute_value))
        ci_low = parse_optional_number(_cell(row, mapping.ci_low))
        ci_high = parse_optional_number(_cell(row, mapping.ci_high))
    except ValueError as exc:
        yield Rejected(line, f"bad number {exc.args[0]!r}", content)
        return
    if ci_low is not None and ci_high is not None and ci_low > ci_high:
        yield Rejected(line, "the confidence interval's lower limit is above its upper limit", content)
        return
    age = _cell(row, mapping.age_group)
    for column, year_text in values:
        raw_value = _cell(row, column)
        if year_text is not None and raw_value in (None, ""):
            continue  # a wide file's empty cell: no value that year
        try:
            if year_text is not None:
                year, period = parse_year(year_text)
            elif mapping.year is not None:
                year, period = parse_year(_cell(row, mapping.year))
            else:
                year, period = int(mapping.year_fixed or 0), ""
        except ValueError:
            yield Rejected(line, f"bad year {_cell(row, mapping.year)!r}", content)
            return
        try:
            value, missing = parse_value(raw_value)
        except ValueError:
            yield Rejected(line, f"bad number {raw_value!r}", content)
            continue
        yield ParsedRow(
            line=line,
            indicator=indicator,
            area=area,
            year=year,
            period=period,
            gender=gender,
            age_group="" if age is None else str(age)[:20],
            value=value,
            absolute_value=absolute,
            ci_low=ci_low,
            ci_high=ci_high,
            missing_reason=missing,
            area_name=_text(_cell(row, mapping.area_check)),
        )
