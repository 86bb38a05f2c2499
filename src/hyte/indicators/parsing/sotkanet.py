"""Sotkanet's own formats: the API's CSV and JSON and the web site's export."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from hyte.indicators.parsing.values import (
    FileRefused,
    Parsed,
    ParsedRow,
    Rejected,
    parse_gender,
    parse_optional_number,
    parse_value,
    parse_year,
)


def parse_sotkanet_csv(text: str) -> Iterator[Parsed]:
    """The API's CSV: `indicator;region;year;gender;primary value;absolute value`, region = Sotkanet id."""
    reader = csv.reader(io.StringIO(text), delimiter=";")
    header = [h.strip().lower() for h in next(reader, [])]
    expected = ["indicator", "region", "year", "gender", "primary value"]
    if header[:5] != expected:
        raise FileRefused(f"the header must start with {';'.join(expected)}, not {';'.join(header[:5])}")
    for line, cells in enumerate(reader, start=2):
        if not cells or not "".join(cells).strip():
            continue
        if len(cells) < 5:
            yield Rejected(line, f"expected at least 5 columns separated by ';', found {len(cells)}", ";".join(cells))
            continue
        yield _row(
            line,
            cells[0],
            cells[1],
            cells[2],
            cells[3],
            cells[4],
            cells[5] if len(cells) > 5 else "",
            ";".join(cells),
        )


def _row(  # noqa: PLR0917 - one row's cells, in the file's order
    line: int,
    indicator: str,
    region: str,
    year: str,
    gender: str,
    value: str,
    absolute: str,
    content: str,
    area_name: str = "",
) -> Parsed:
    try:
        parsed_year, period = parse_year(year)
    except ValueError:
        return Rejected(line, f"bad year {year!r}", content)
    try:
        parsed_gender = parse_gender(gender)
    except ValueError:
        return Rejected(line, f"unknown gender {gender!r}", content)
    try:
        parsed_value, missing = parse_value(value)
    except ValueError:
        return Rejected(line, f"bad number {value!r}", content)
    try:
        parsed_absolute = parse_optional_number(absolute)
    except ValueError:
        return Rejected(line, f"bad count {absolute!r}", content)
    if not str(indicator).strip():
        return Rejected(line, "no indicator", content)
    return ParsedRow(
        line=line,
        indicator=str(indicator).strip(),
        area=str(region).strip(),
        year=parsed_year,
        period=period,
        gender=parsed_gender,
        value=parsed_value,
        absolute_value=parsed_absolute,
        missing_reason=missing,
        area_name=area_name,
    )


def parse_sotkanet_json(text: str) -> Iterator[Parsed]:
    """The API's JSON: a list of `{indicator, region, year, gender, value, absValue}` objects."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FileRefused(f"the JSON is malformed at line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
    if not isinstance(data, list):
        raise FileRefused("the JSON must be a list of values")
    for index, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            yield Rejected(index, "not an object", str(item)[:200])
            continue
        value = item.get("value", item.get("primary value"))
        absolute = item.get("absValue", item.get("absolute value"))
        missing = [key for key in ("indicator", "region", "year") if item.get(key) in (None, "")]
        if missing:
            yield Rejected(index, f"missing {', '.join(missing)}", json.dumps(item)[:300])
            continue
        yield _row(
            index,
            str(item["indicator"]),
            str(item["region"]),
            str(item["year"]),
            str(item.get("gender", "total")),
            "" if value is None else value,
            "" if absolute is None else absolute,
            json.dumps(item)[:300],
        )


def parse_sotkanet_web(text: str) -> Iterator[Parsed]:
    """The Sotkanet web site's export: no header; `"title";id;region name;region code;gender;year;value;count`."""
    reader = csv.reader(io.StringIO(text), delimiter=";")
    for line, cells in enumerate(reader, start=1):
        if not cells or not "".join(cells).strip():
            continue
        content = ";".join(cells)
        if len(cells) < 7:
            yield Rejected(line, f"expected 8 columns separated by ';', found {len(cells)}", content)
            continue
        _title, indicator, region_name, region_code, gender, year, value = cells[:7]
        absolute = cells[7] if len(cells) > 7 else ""
        yield _row(
            line,
            indicator,
            region_code,
            year,
            gender,
            value,
            absolute,
            content,
            area_name=region_name.strip(),
        )


# --- any table with a column mapping ----------------------------------------------------------------------------
