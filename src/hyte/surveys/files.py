"""Reading a file of respondent-level results: LimeSurvey's response export (CSV with question codes as headers)
or any table with one row per respondent (Webropol, Microsoft Forms: XLSX or CSV), through a column mapping.

A mapping is {"id": the respondent id's column or None, "columns": {column: {"code", "text", "scale"}}}, columns by
their index as text. The check refuses a cut or garbled file whole and rejects single rows with their reason:
a missing or repeated respondent id, an answer outside its question's scale. The reasons name the line, the
question and the value, never the rest of the row."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from hyte.indicators.parsing.reading import Sheet, read_sheet
from hyte.indicators.parsing.values import FileRefused

MAX_RESPONDENTS = 200_000
# LimeSurvey's own columns in a response export: not questions.
LIMESURVEY_META = {
    "id",
    "submitdate",
    "lastpage",
    "startlanguage",
    "seed",
    "startdate",
    "datestamp",
    "ipaddr",
    "refurl",
    "token",
    "interviewtime",
    "optout",
    "lastname",
    "firstname",
    "email",
    "emailstatus",
    "attribute_1",
    "attribute_2",
}
ID_HEADERS = {"id", "response id", "respondent id", "vastaajan id", "vastaaja", "vastaustunnus", "respondent"}
_CODE = re.compile(r"[^0-9A-Za-z_\[\]]+")


@dataclass
class Checked:
    """What a file would import: the respondents' answers, the rejected rows and the columns left out."""

    header: list[str]
    rows_read: int = 0
    respondents: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    answered: dict[str, int] = field(default_factory=dict)  # per question: how many answered


def read_file(data: bytes) -> Sheet:
    """The rows of an upload, or FileRefused with the reason (a cut CSV, a file that is no table)."""
    sheet = read_sheet(data)
    if not sheet.complete:
        raise FileRefused(
            _(
                "The file ends in the middle of a line: it was probably cut off while saving or uploading. "
                "Nothing was imported."
            )
        )
    if sheet.count() < 2:
        raise FileRefused(_("The file has a header row but no respondents."))
    if sheet.count() - 1 > MAX_RESPONDENTS:
        raise FileRefused(_("The file has more than %(limit)s rows.") % {"limit": f"{MAX_RESPONDENTS:,}"})
    return sheet


def text_of(cell: Any) -> str:
    """A cell as text: Excel's 3.0 is 3, spaces trimmed."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def header_of(sheet: Sheet) -> list[str]:
    return [text_of(cell) for cell in (sheet.row(0) or [])]


def column_values(sheet: Sheet, limit: int = 12) -> list[list[str] | None]:
    """Per column, its distinct answers when there are at most `limit` of them (a scale), else None (free text or
    ids, which are not shown): what the mapping page shows instead of any respondent's row."""
    found: list[set[str]] = [set() for _name in header_of(sheet)]
    for number, row in enumerate(sheet):
        if number == 0:
            continue
        for index, cell in enumerate(row[: len(found)]):
            if len(found[index]) <= limit and (value := text_of(cell)):
                found[index].add(value)
    return [sorted(values) if len(values) <= limit else None for values in found]


def guess_mapping(header: list[str], questions: list[dict[str, Any]], *, limesurvey: bool) -> dict[str, Any]:
    """LimeSurvey's export heads its columns by question code: those columns are taken, its own columns left out.
    A table's columns are all offered, coded from their headers, with the scales left for the coordinator."""
    by_code = {str(q["code"]): q for q in questions}
    id_column = next((i for i, name in enumerate(header) if name.strip().lower() in ID_HEADERS), None)
    columns: dict[str, Any] = {}
    for index, name in enumerate(header):
        if index == id_column:
            continue
        if limesurvey:
            question = by_code.get(name)
            if question is not None:
                scale = [str(a["code"]) for a in question.get("answers", [])]
                columns[str(index)] = {"code": name, "text": question.get("text", ""), "scale": scale}
        elif name:
            columns[str(index)] = {
                "code": _CODE.sub("_", name)[:40].strip("_") or f"c{index + 1}",
                "text": name[:300],
                "scale": [],
            }
    return {"id": id_column, "columns": columns}


def unknown_columns(header: list[str], mapping: dict[str, Any]) -> list[str]:
    """Columns neither mapped, nor the id, nor LimeSurvey's own."""
    used = {int(index) for index in mapping.get("columns", {})}
    if mapping.get("id") is not None:
        used.add(int(mapping["id"]))
    return [
        name or _("column %(n)s") % {"n": index + 1}
        for index, name in enumerate(header)
        if index not in used and name.strip().lower() not in LIMESURVEY_META
    ]


def check(sheet: Sheet, mapping: dict[str, Any], labels: dict[str, dict[str, str]] | None = None) -> Checked:
    """Go through the rows. `labels` maps a question's answer texts to its codes (a LimeSurvey export with full
    answers instead of codes)."""
    header = header_of(sheet)
    result = Checked(header=header, unknown=unknown_columns(header, mapping))
    columns = {int(index): spec for index, spec in mapping.get("columns", {}).items()}
    if not columns:
        raise FileRefused(_("No column is chosen as a question: choose at least one."))
    id_column = mapping.get("id")
    seen: dict[str, int] = {}
    scales = {index: set(spec.get("scale") or []) for index, spec in columns.items()}
    result.answered = {spec["code"]: 0 for spec in columns.values()}
    for number, row in enumerate(sheet, start=1):
        if number == 1:
            continue
        cells = [text_of(cell) for cell in row]
        if not any(cells):
            continue
        if not sheet.workbook and len(row) != len(header):
            raise FileRefused(
                _(
                    "Line %(line)s has %(found)s fields but the header has %(expected)s: the file is garbled or "
                    "cut. Nothing was imported."
                )
                % {"line": number, "found": len(row), "expected": len(header)}
            )
        result.rows_read += 1
        respondent = cells[int(id_column)] if id_column is not None and int(id_column) < len(cells) else f"{number}"
        if not respondent:
            result.rejected.append({"line": number, "reason": _("no respondent id")})
            continue
        if respondent in seen:
            result.rejected.append(
                {
                    "line": number,
                    "reason": _("respondent id %(id)s is already on line %(line)s")
                    % {"id": respondent[:40], "line": seen[respondent]},
                }
            )
            continue
        seen[respondent] = number
        answers, problems = {}, []
        for index, spec in columns.items():
            value = cells[index] if index < len(cells) else ""
            if not value:
                continue
            code = spec["code"]
            value = (labels or {}).get(code, {}).get(value, value)
            if scales[index] and value not in scales[index]:
                problems.append(
                    _("the answer %(value)s to %(question)s is outside its scale (%(scale)s)")
                    % {"value": repr(value[:30]), "question": code, "scale": ", ".join(sorted(scales[index]))[:80]}
                )
                continue
            answers[code] = value[:200]
        if problems:
            result.rejected.append({"line": number, "reason": "; ".join(problems)[:300]})
            continue
        for code in answers:
            result.answered[code] += 1
        result.respondents.append((respondent[:100], answers))
    return result
