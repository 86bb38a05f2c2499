"""Sotkanet's own layouts: the API's CSV and JSON (and the same columns as the R client and others save them),
the web site's CSV export and its spreadsheet export (one column per year)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any

from hyte.indicators.models import Gender, MissingReason
from hyte.indicators.parsing.reading import Sheet, read_sheet
from hyte.indicators.parsing.values import (
    CUT_OFF,
    FileRefused,
    Parsed,
    ParsedRow,
    Rejected,
    language_of_gender,
    parse_gender,
    parse_optional_number,
    parse_value,
    parse_year,
)

# Column names of the long layout: the API's CSV, R's read.csv of it (`primary.value`), the R client's joined
# columns (`region.code`, `region.title.fi`, …) and the JSON keys as pandas users save them (`value`, `absValue`).
LONG_COLUMNS: dict[str, tuple[str, ...]] = {
    "indicator": ("indicator",),
    "region": ("region",),
    "year": ("year",),
    "gender": ("gender",),
    "value": ("primary value", "primary.value", "primary_value", "value"),
    "absolute": ("absolute value", "absolute.value", "absolute_value", "absvalue"),
    "region_code": ("region.code", "region code", "region_code"),
    "region_category": ("region.category", "region category", "region_category"),
    "region_title": ("region.title", "region.title.fi", "region.title.sv", "region.title.en", "region_name"),
    "indicator_title": ("indicator.title", "indicator.title.fi", "indicator.title.sv", "indicator.title.en"),
}
_REQUIRED = ("indicator", "region", "year", "value")


def long_columns(header: list[Any]) -> dict[str, int] | None:
    """Where each known column is, if the header is Sotkanet's long layout (in any of its saved forms)."""
    names = [str(cell or "").strip().lower() for cell in header]
    found: dict[str, int] = {}
    for key, candidates in LONG_COLUMNS.items():
        for candidate in candidates:
            if candidate in names:
                found[key] = names.index(candidate)
                break
    if not all(key in found for key in _REQUIRED):
        return None
    # Sotkanet's own name for the value, or the JSON's pair: a plain `value` beside a `region` column could be
    # anyone's table whose regions are municipality codes; such a file goes through the column mapping.
    if names[found["value"]] == "value" and "absolute" not in found:
        return None
    return found


def _refuse_if_cut(sheet: Sheet) -> None:
    if not sheet.complete:
        raise FileRefused(CUT_OFF.format(line=sheet.count()))


def parse_sotkanet_long(sheet: Sheet) -> Iterator[Parsed]:
    """`indicator;region;year;gender;primary value;absolute value` and its relatives; region = Sotkanet id."""
    _refuse_if_cut(sheet)
    header = sheet.row(0) or []
    columns = long_columns(header)
    if columns is None:
        raise FileRefused(
            "the header must name at least the columns indicator, region, year and primary value, not "
            + (sheet.delimiter or ";").join(str(cell) for cell in header[:8])
        )
    width = len(header)
    title_column = str(header[columns["indicator_title"]]) if "indicator_title" in columns else ""
    # The R client's `indicator.title` follows its `lang` argument, Finnish unless asked otherwise.
    title_language = title_column[-2:] if title_column[-3:] in (".fi", ".sv", ".en") else "fi" if title_column else ""

    def cell(cells: list[Any], key: str) -> Any:
        index = columns.get(key)
        return "" if index is None else cells[index]

    def general(line: int, cells: list[Any]) -> Parsed | None:
        if not any(str(c).strip() for c in cells):
            return None
        content = ";".join(str(c) for c in cells)
        if len(cells) < width:
            return Rejected(line, f"expected {width} fields as in the header, found {len(cells)}", content)
        return _row(
            line,
            indicator=cell(cells, "indicator"),
            region=cell(cells, "region"),
            year=cell(cells, "year"),
            gender=cell(cells, "gender") or "total",
            value=cell(cells, "value"),
            absolute=cell(cells, "absolute"),
            content=content,
            area_name=str(cell(cells, "region_title")).strip(),
            area_code=str(cell(cells, "region_code")).strip(),
            area_category=str(cell(cells, "region_category")).strip().upper(),
            indicator_title=str(cell(cells, "indicator_title")).strip(),
            title_language=title_language,
        )

    rows = iter(sheet)
    next(rows, None)
    if [str(h).strip().lower() for h in header] == API_HEADER:
        yield from _api_rows(rows, general)
        return
    for line, cells in enumerate(rows, start=2):
        parsed = general(line, cells)
        if parsed is not None:
            yield parsed


API_HEADER = ["indicator", "region", "year", "gender", "primary value", "absolute value"]
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?").fullmatch
_API_GENDERS = {"total": Gender.TOTAL, "male": Gender.MALE, "female": Gender.FEMALE}


def _api_rows(rows: Iterator[list[Any]], general: Callable[[int, list[Any]], Parsed | None]) -> Iterator[Parsed]:
    """The API's own CSV, which big files are: a row in the API's plain form (ids, a year, a gender word, plain
    numbers) is read here in one step; any other row goes through the general reader, with its reasons."""
    plain, genders, suppressed = _PLAIN_NUMBER, _API_GENDERS, MissingReason.SUPPRESSED
    for line, cells in enumerate(rows, start=2):
        if len(cells) == 6:
            indicator, region, year, gender, value, absolute = cells
            parsed_gender = genders.get(gender)
            if (
                parsed_gender is not None
                and len(year) == 4
                and "1800" <= year <= "2200"
                and year.isdigit()
                and indicator.isdigit()
                and region.isdigit()
                and (not value or plain(value))
                and (not absolute or plain(absolute))
            ):
                yield ParsedRow(
                    line,
                    indicator,
                    region,
                    int(year),
                    float(value) if value else None,
                    float(absolute) if absolute else None,
                    parsed_gender,
                    "",
                    "",
                    None,
                    None,
                    "" if value else suppressed,
                )
                continue
        parsed = general(line, cells)
        if parsed is not None:
            yield parsed


def parse_sotkanet_csv(text: str) -> Iterator[Parsed]:
    """The API's CSV as text (the Sotkanet sync's answers)."""
    return parse_sotkanet_long(read_sheet(text.encode("utf-8")))


def _row(
    line: int,
    *,
    indicator: Any,
    region: Any,
    year: Any,
    gender: Any,
    value: Any,
    absolute: Any,
    content: str,
    area_name: str = "",
    area_code: str = "",
    area_category: str = "",
    indicator_title: str = "",
    title_language: str = "",
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
    indicator_text = _key(indicator)
    if not indicator_text:
        return Rejected(line, "no indicator", content)
    region_text = _key(region)
    if not region_text:
        return Rejected(line, "no area", content)
    return ParsedRow(
        line=line,
        indicator=indicator_text,
        area=region_text,
        year=parsed_year,
        period=period,
        gender=parsed_gender,
        value=parsed_value,
        absolute_value=parsed_absolute,
        missing_reason=missing,
        area_name=area_name,
        area_code=area_code,
        area_category=area_category,
        indicator_title=indicator_title,
        title_language=title_language,
    )


def _key(value: Any) -> str:
    """An id as text: spreadsheets give 683.0 for 683."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


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
            indicator=str(item["indicator"]),
            region=str(item["region"]),
            year=str(item["year"]),
            gender=str(item.get("gender", "total")),
            value="" if value is None else value,
            absolute="" if absolute is None else absolute,
            content=json.dumps(item)[:300],
        )


# --- the web site's exports ------------------------------------------------------------------------------------

_YEAR = re.compile(r"\d{4}(\.0)?")


def is_web_export(rows: list[list[Any]]) -> bool:
    """`"title";"id";"region name";"region code";"gender";year;value;count`, no header."""
    first = next((row for row in rows[:5] if any(str(c).strip() for c in row)), None)
    return (
        first is not None
        and len(first) >= 7
        and str(first[1]).strip().isdigit()
        and str(first[3]).strip().isdigit()
        and _YEAR.fullmatch(str(first[5]).strip()) is not None
    )


def parse_sotkanet_web(sheet: Sheet) -> Iterator[Parsed]:
    """The web site's CSV export. Regions are given by name and official code (no Sotkanet id)."""
    _refuse_if_cut(sheet)
    width = 0
    for line, cells in enumerate(sheet, start=1):
        if not any(str(c).strip() for c in cells):
            continue
        content = ";".join(str(c) for c in cells)
        width = width or len(cells)  # the first row sets how many fields every row has
        if len(cells) < width:
            yield Rejected(line, f"expected {width} fields as on the first line, found {len(cells)}", content)
            continue
        title, indicator, region_name, region_code, gender, year, value = cells[:7]
        yield _row(
            line,
            indicator=indicator,
            region=region_code,
            year=year,
            gender=gender,
            value=value,
            absolute=cells[7] if len(cells) > 7 else "",
            content=content,
            area_name=str(region_name).strip(),
            area_code=str(region_code).strip(),
            indicator_title=str(title).strip(),
            title_language=language_of_gender(gender),
        )


def grid_header_row(rows: list[list[Any]]) -> int | None:
    """The 0-based header row of the web site's spreadsheet export: five empty cells, then one year per column."""
    for index, row in enumerate(rows[:10]):
        cells = [_key(c) for c in row]
        years = [c for c in cells[5:] if c]
        if len(cells) > 5 and not any(cells[:5]) and years and all(_YEAR.fullmatch(c) for c in years):
            following = rows[index + 1] if index + 1 < len(rows) else []
            if len(following) > 5 and _key(following[1]).isdigit():
                return index
    return None


def parse_sotkanet_grid(sheet: Sheet) -> Iterator[Parsed]:
    """The web site's spreadsheet export (.xls, .xlsx, or the same saved as CSV): one row per indicator, region
    and gender (title, id, region name, region code, gender), one column per year; the titles in Finnish,
    Swedish or English, and a '© THL' footer. An empty cell is a year without a value."""
    if not sheet.workbook:
        _refuse_if_cut(sheet)
    header_index = grid_header_row(sheet.head)
    if header_index is None:
        raise FileRefused("the header row with one year per column was not found")
    years: list[tuple[int, str]] = [
        (column, _key(cell)) for column, cell in enumerate(sheet.head[header_index]) if column >= 5 and _key(cell)
    ]
    for line, cells in enumerate(islice(sheet, header_index + 1, None), start=header_index + 2):
        texts = [_key(c) for c in cells]
        if not any(texts):
            continue
        if texts[0].startswith("©") and not any(texts[1:]):
            continue  # the footer
        content = ";".join(texts)[:500]
        if len(cells) < 5 or not all(texts[1:5]):
            yield Rejected(line, "expected the indicator, its id, the region's name and code and the gender", content)
            continue
        title, indicator, region_name, region_code, gender = texts[:5]
        for column, year in years:
            if column >= len(cells) or cells[column] in (None, ""):
                continue
            yield _row(
                line,
                indicator=indicator,
                region=region_code,
                year=year,
                gender=gender,
                value=cells[column],
                absolute="",
                content=content,
                area_name=region_name,
                area_code=region_code,
                indicator_title=title,
                title_language=language_of_gender(gender),
            )
