"""Any long-format CSV or XLSX: read as a table, its columns mapped by the person importing it."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from hyte.indicators.models import Gender
from hyte.indicators.parsing.values import (
    FileRefused,
    Parsed,
    ParsedRow,
    Rejected,
    decode,
    parse_gender,
    parse_optional_number,
    parse_value,
    parse_year,
)


@dataclass
class Mapping:
    """Which column holds what. Indicator and year may be fixed for the whole file instead."""

    area: int
    value: int
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
    problems: list[str] = field(default_factory=list)

    def validate(self, column_count: int) -> list[str]:
        problems = []
        if self.indicator is None and not self.indicator_fixed:
            problems.append("choose the indicator column or one indicator for the whole file")
        if self.year is None and self.year_fixed is None:
            problems.append("choose the year column or one year for the whole file")
        for name in (
            "area",
            "value",
            "indicator",
            "year",
            "gender",
            "age_group",
            "absolute_value",
            "ci_low",
            "ci_high",
        ):
            index = getattr(self, name)
            if index is not None and not 0 <= index < column_count:
                problems.append(f"column {index + 1} for {name} is not in the file ({column_count} columns)")
        return problems


def read_table(data: bytes, *, name: str) -> list[list[Any]]:
    """All rows of a CSV (separator sniffed) or of the first sheet of an XLSX, as lists of cells."""
    if data[:4] == b"PK\x03\x04":
        return _read_xlsx(data, name=name)
    text = decode(data, name=name)
    sample = "\n".join(text.splitlines()[:20])
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _read_xlsx(data: bytes, *, name: str) -> list[list[Any]]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise FileRefused(f"{name}: not a readable XLSX workbook ({exc})") from exc
    sheet = workbook.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


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


def parse_table(rows: list[list[Any]], mapping: Mapping) -> Iterator[Parsed]:
    start = mapping.header_row  # rows before and at the header row are skipped
    width = max((len(row) for row in rows[start - 1 : start + 50]), default=0)
    problems = mapping.validate(width)
    if problems:
        raise FileRefused("; ".join(problems))

    def cell(row: list[Any], index: int | None) -> Any:
        if index is None or index >= len(row):
            return None
        value = row[index]
        return value.strip() if isinstance(value, str) else value

    for line, row in enumerate(rows[start:], start=start + 1):
        if not any(c not in (None, "") for c in row):
            continue
        content = ";".join("" if c is None else str(c) for c in row)[:500]
        area = cell(row, mapping.area)
        if area in (None, ""):
            yield Rejected(line, "no area", content)
            continue
        indicator = cell(row, mapping.indicator) if mapping.indicator is not None else mapping.indicator_fixed
        if indicator in (None, ""):
            yield Rejected(line, "no indicator", content)
            continue
        try:
            if mapping.year is not None:
                year, period = parse_year(cell(row, mapping.year))
            else:
                year, period = int(mapping.year_fixed or 0), ""
        except ValueError:
            yield Rejected(line, f"bad year {cell(row, mapping.year)!r}", content)
            continue
        try:
            gender = parse_gender(cell(row, mapping.gender)) if mapping.gender is not None else Gender.TOTAL
        except ValueError:
            yield Rejected(line, f"unknown gender {cell(row, mapping.gender)!r}", content)
            continue
        raw_value = cell(row, mapping.value)
        try:
            value, missing = parse_value(raw_value)
        except ValueError:
            yield Rejected(line, f"bad number {raw_value!r}", content)
            continue
        try:
            absolute = parse_optional_number(cell(row, mapping.absolute_value))
            ci_low = parse_optional_number(cell(row, mapping.ci_low))
            ci_high = parse_optional_number(cell(row, mapping.ci_high))
        except ValueError as exc:
            yield Rejected(line, f"bad number {exc.args[0]!r}", content)
            continue
        if ci_low is not None and ci_high is not None and ci_low > ci_high:
            yield Rejected(line, "the confidence interval's lower limit is above its upper limit", content)
            continue
        age = cell(row, mapping.age_group)
        area_text = str(area)
        if isinstance(area, float) and area.is_integer():
            area_text = str(int(area))
        yield ParsedRow(
            line=line,
            indicator=str(indicator),
            area=area_text,
            year=year,
            period=period,
            gender=gender,
            age_group="" if age is None else str(age)[:20],
            value=value,
            absolute_value=absolute,
            ci_low=ci_low,
            ci_high=ci_high,
            missing_reason=missing,
        )
