"""Reading indicator values from files: Sotkanet's API CSV and JSON, the Sotkanet web site's export, and any
long-format CSV or XLSX through a column mapping.

Parsers never touch the database. They yield `ParsedRow` for rows they could read and `Rejected` (line and
reason) for rows they could not; a file that cannot be read at all raises `FileRefused` with the reason.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import math
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from hyte.indicators.models import Gender, MissingReason


class FileRefused(Exception):
    """The file as a whole cannot be read; nothing was imported."""


@dataclass(slots=True)
class ParsedRow:
    line: int
    indicator: str
    area: str
    year: int
    value: float | None
    absolute_value: float | None = None
    gender: str = Gender.TOTAL
    age_group: str = ""
    period: str = ""
    ci_low: float | None = None
    ci_high: float | None = None
    missing_reason: str = ""
    area_name: str = ""


@dataclass(slots=True)
class Rejected:
    line: int
    reason: str
    content: str = ""


Parsed = ParsedRow | Rejected

GENDERS = {
    "total": Gender.TOTAL,
    "yhteensä": Gender.TOTAL,
    "yhteensa": Gender.TOTAL,
    "kaikki": Gender.TOTAL,
    "sukupuolet yhteensä": Gender.TOTAL,
    "totalt": Gender.TOTAL,
    "t": Gender.TOTAL,
    "": Gender.TOTAL,
    "male": Gender.MALE,
    "miehet": Gender.MALE,
    "mies": Gender.MALE,
    "pojat": Gender.MALE,
    "män": Gender.MALE,
    "men": Gender.MALE,
    "m": Gender.MALE,
    "female": Gender.FEMALE,
    "naiset": Gender.FEMALE,
    "nainen": Gender.FEMALE,
    "tytöt": Gender.FEMALE,
    "kvinnor": Gender.FEMALE,
    "women": Gender.FEMALE,
    "f": Gender.FEMALE,
    "n": Gender.FEMALE,
}
# Statistics Finland and THL mark suppressed or unavailable values with these.
SUPPRESSED_MARKS = {"", ".", "..", "...", "-", "–"}
_SPACES = re.compile(r"[\s\u00a0\u202f]")


def parse_number(text: str | float | int | None) -> float | None:
    """'1 234,5' or '1234.5' or '1,234.5' → float; raise ValueError for anything else but a number."""
    if text is None:
        raise ValueError("empty")
    if isinstance(text, int | float):
        return float(text)
    cleaned = _SPACES.sub("", text)
    if "," in cleaned and "." in cleaned:
        # Whichever comes last is the decimal separator; the other groups thousands.
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    else:
        cleaned = cleaned.replace(",", ".")
    value = float(cleaned)
    if math.isnan(value) or math.isinf(value):  # NaN and infinities are not data
        raise ValueError(text)
    return value


def parse_value(text: Any) -> tuple[float | None, str]:
    """A value cell: the number, or None with the reason it is missing. Raises ValueError for junk."""
    if text is None or (isinstance(text, str) and text.strip() in SUPPRESSED_MARKS):
        return None, MissingReason.SUPPRESSED
    return parse_number(text), ""


def parse_optional_number(text: Any) -> float | None:
    if text is None or (isinstance(text, str) and text.strip() in SUPPRESSED_MARKS):
        return None
    return parse_number(text)


def parse_year(text: Any) -> tuple[int, str]:
    """'2012' → (2012, ''); '2019-2020' → (2020, '2019-2020'); '2023Q1' → (2023, '2023Q1')."""
    raw = str(text).strip()
    if re.fullmatch(r"\d{4}(\.0+)?", raw):
        year = int(float(raw))
        period = ""
    else:
        match = re.fullmatch(r"(\d{4})\s*[-–/]\s*(\d{2,4})|(\d{4})\s*[Qq/ ]\s*[1-4]|(\d{4})[-/](0[1-9]|1[0-2])", raw)
        if match is None:
            raise ValueError(raw)
        if match.group(2):
            end = match.group(2)
            year = int(end if len(end) == 4 else match.group(1)[:2] + end)
        else:
            year = int(match.group(1) or match.group(3) or match.group(4))
        period = raw.replace(" ", "")
    if not 1800 <= year <= 2200:
        raise ValueError(raw)
    return year, period


def parse_gender(text: Any) -> str:
    key = "" if text is None else str(text).strip().lower()
    if key not in GENDERS:
        raise ValueError(text)
    return GENDERS[key]


# --- reading bytes -------------------------------------------------------------------------------------------


def decode(data: bytes, *, name: str) -> str:
    """UTF-8 (with or without BOM), else ISO-8859-1 as the Sotkanet web site writes; refuse binary files."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data[:4096]:
        raise FileRefused(f"{name}: the file is UTF-16 or binary, not text; save it as UTF-8 CSV")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("iso-8859-1")


def detect_format(data: bytes) -> str:
    """sotkanet-json, sotkanet-csv, sotkanet-web, xlsx or table (a CSV that needs a column mapping)."""
    head = data[:4096].lstrip()
    if data[:4] == b"PK\x03\x04":
        return "xlsx"
    if head[:1] in (b"[", b"{"):
        return "sotkanet-json"
    first_line = head.split(b"\n", 1)[0].strip().lower().replace(b'"', b"")
    if first_line.startswith(b"indicator;region;year;gender"):
        return "sotkanet-csv"
    if re.match(rb'^"[^"]*";\d+;[^;]*;[^;]*;[^;]*;\d{4};', head):
        return "sotkanet-web"
    return "table"


def _lines(text: str) -> list[str]:
    return text.splitlines()


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
    sample = "\n".join(_lines(text)[:20])
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


def parse_bytes(data: bytes, *, name: str, file_format: str = "", mapping: Mapping | None = None) -> Iterable[Parsed]:
    """Parse a whole file by its (detected or given) format."""
    if not data.strip():
        raise FileRefused(f"{name}: the file is empty")
    file_format = file_format or detect_format(data)
    if file_format in ("table", "xlsx"):
        if mapping is None:
            raise FileRefused(f"{name}: this file needs a column mapping")
        return parse_table(read_table(data, name=name), mapping)
    text = decode(data, name=name)
    parser = {
        "sotkanet-csv": parse_sotkanet_csv,
        "sotkanet-json": parse_sotkanet_json,
        "sotkanet-web": parse_sotkanet_web,
    }.get(file_format)
    if parser is None:
        raise FileRefused(f"{name}: unknown format {file_format!r}")
    return parser(text)
