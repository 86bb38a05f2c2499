"""Reading TEAviisari results and official coefficient results from CSV or XLSX (docs/funding.md).

TEAviisari: one row per area × sector × survey year × item (and optionally a dimension below the item) with the
score 0–100, under Finnish (or English) column headings as THL's downloads name them: `Aluekoodi` (or
`Kuntakoodi`), `Alue`, `Toimiala`, `Vuosi`, `Ulottuvuus`, `Kysymys`, `Pisteet`. Official results: `Aluekoodi`,
`Kerroin` (the score) and/or `Euroa`. The area is a municipality (three digits), a wellbeing services county
(its two-digit code with a `HV` prefix, e.g. `HV08`) or the country (`FI`, `SSS` or `Koko maa`).

Nothing here touches the database: the readers give rows they could read and the rejected rows with reasons;
a file that cannot be read, has no heading for a required column or was cut off is refused whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from hyte.funding.sectors import DIMENSIONS, SECTORS, TOTAL
from hyte.indicators.parsing.reading import read_sheet
from hyte.indicators.parsing.values import FileRefused, parse_number

HEADINGS: dict[str, tuple[str, ...]] = {
    "area_code": ("aluekoodi", "kuntakoodi", "koodi", "area code", "area_code", "code"),
    "area_name": ("alue", "kunta", "area", "nimi", "name"),
    "sector": ("toimiala", "sektori", "sector"),
    "year": ("vuosi", "tiedonkeruuvuosi", "survey year", "year"),
    "item": ("ulottuvuus", "osa-alue", "item"),
    "dimension": ("kysymys", "indikaattori", "dimension"),
    "value": ("pisteet", "arvo", "score", "value"),
    "score": ("kerroin", "hyte-kerroin", "pisteet", "score"),
    "euros": ("euroa", "lisäosa", "rahoitus", "euros"),
}
COUNTRY_NAMES = {"fi", "sss", "koko maa", "hela landet", "whole country"}
_TOTAL_NAMES = {"total", "yhteensä", "kokonaispisteet", "kokonaisuus", "kaikki"}


@dataclass(frozen=True)
class AreaKey:
    kind: str  # municipality | county | country
    code: str


@dataclass(frozen=True)
class TeaviisariRow:
    line: int
    area: AreaKey
    sector: str
    year: int
    item: str
    dimension: str
    value: float


@dataclass(frozen=True)
class OfficialRow:
    line: int
    area: AreaKey
    score: float | None
    euros: float | None


def _norm(text: Any) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip().lower()


def _columns(header: list[Any], wanted: tuple[str, ...], required: tuple[str, ...]) -> dict[str, int]:
    names = [_norm(cell) for cell in header]
    found: dict[str, int] = {}
    for field in wanted:
        for alias in HEADINGS[field]:
            if alias in names and names.index(alias) not in found.values():
                found[field] = names.index(alias)
                break
    missing = [field for field in required if field not in found]
    if missing:
        raise FileRefused(
            _("the file has no column for %(fields)s (its first row must name the columns)")
            % {"fields": ", ".join(missing)}
        )
    return found


def _rows(data: bytes) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    sheet = read_sheet(data)
    if not sheet.workbook and not sheet.complete:
        raise FileRefused(_("the file ends in the middle of a line: it may have been cut off"))
    rows = [list(row) for row in sheet]
    if not rows:
        raise FileRefused(_("the file is empty"))
    body = [(number, row) for number, row in enumerate(rows[1:], start=2) if any(_norm(c) for c in row)]
    return rows[0], body


def area_key(code: Any, name: Any = "") -> AreaKey | None:
    text = _norm(code) or _norm(name)
    if text in COUNTRY_NAMES:
        return AreaKey("country", "FI")
    if re.fullmatch(r"\d{1,3}", text):
        return AreaKey("municipality", text.zfill(3))
    if re.fullmatch(r"\d{1,3}\.0", text):
        return AreaKey("municipality", text[:-2].zfill(3))
    if re.fullmatch(r"hv\d{1,2}", text):
        return AreaKey("county", text[2:].zfill(2))
    return None


def _sector(text: Any) -> str | None:
    name = _norm(text)
    for code, sector in SECTORS.items():
        if name in {code, sector.name_fi.lower(), sector.name_sv.lower(), sector.name_en.lower()}:
            return code
    return None


def _item(text: Any) -> str | None:
    name = _norm(text)
    if name in _TOTAL_NAMES:
        return TOTAL
    for code, title in DIMENSIONS.items():
        if name in {code, title.lower()}:
            return code
    return None


def _cell(row: list[Any], index: int | None) -> Any:
    return row[index] if index is not None and index < len(row) else None


def read_teaviisari(data: bytes) -> tuple[list[TeaviisariRow], list[tuple[int, str]]]:
    header, body = _rows(data)
    cols = _columns(
        header,
        ("area_code", "area_name", "sector", "year", "item", "dimension", "value"),
        ("sector", "year", "item", "value"),
    )
    if "area_code" not in cols and "area_name" not in cols:
        raise FileRefused(_("the file has no column for the area"))
    good: list[TeaviisariRow] = []
    rejected: list[tuple[int, str]] = []
    for line, row in body:
        area = area_key(_cell(row, cols.get("area_code")), _cell(row, cols.get("area_name")))
        if area is None:
            rejected.append((line, _("unknown area %(area)s") % {"area": _cell(row, cols.get("area_code")) or ""}))
            continue
        sector = _sector(_cell(row, cols["sector"]))
        if sector is None:
            rejected.append((line, _("unknown sector %(sector)s") % {"sector": _cell(row, cols["sector"])}))
            continue
        item = _item(_cell(row, cols["item"]))
        if item is None:
            rejected.append((line, _("unknown item %(item)s") % {"item": _cell(row, cols["item"])}))
            continue
        try:
            year = int(parse_number(_cell(row, cols["year"])) or 0)
        except ValueError:
            year = 0
        if not 2000 <= year <= 2100:
            rejected.append((line, _("the survey year %(year)s is not a year") % {"year": _cell(row, cols["year"])}))
            continue
        try:
            value = parse_number(_cell(row, cols["value"]))
        except ValueError:
            value = None
        if value is None or not 0 <= value <= 100:
            rejected.append(
                (line, _("the score %(value)s is not between 0 and 100") % {"value": _cell(row, cols["value"])})
            )
            continue
        dimension = str(_cell(row, cols.get("dimension")) or "").strip()[:60]
        good.append(TeaviisariRow(line, area, sector, year, item, dimension, value))
    return good, rejected


def read_official(data: bytes) -> tuple[list[OfficialRow], list[tuple[int, str]]]:
    header, body = _rows(data)
    cols = _columns(header, ("area_code", "area_name", "score", "euros"), ("area_code",))
    if "score" not in cols and "euros" not in cols:
        raise FileRefused(_("the file has neither a score nor a euro column"))
    good: list[OfficialRow] = []
    rejected: list[tuple[int, str]] = []
    for line, row in body:
        area = area_key(_cell(row, cols["area_code"]))
        if area is None:
            rejected.append((line, _("unknown area %(area)s") % {"area": _cell(row, cols["area_code"]) or ""}))
            continue
        numbers: dict[str, float | None] = {}
        bad = False
        for field in ("score", "euros"):
            raw = _cell(row, cols.get(field))
            try:
                numbers[field] = None if raw in (None, "") else parse_number(raw)
            except ValueError:
                rejected.append((line, _("%(value)s is not a number") % {"value": raw}))
                bad = True
                break
        if bad:
            continue
        if numbers["score"] is None and numbers["euros"] is None:
            rejected.append((line, _("the row has neither a score nor euros")))
            continue
        good.append(OfficialRow(line, area, numbers["score"], numbers["euros"]))
    return good, rejected
