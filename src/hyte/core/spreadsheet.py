"""Cells that spreadsheet programs open safely: text that would start a formula stays text, in every export.

- CSV: a user-written text starting like a formula (`=HYPERLINK(…)`, `+`, `-`, `@`) gets a leading apostrophe,
  as OWASP recommends; numbers are left as they are.
- XLSX: openpyxl writes any string starting with `=` as a live formula. `xlsx_row` gives such a string as a cell
  typed text, so it is shown exactly as written and never evaluated.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """A CSV cell: text starting like a formula gets a leading apostrophe; other values are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def row(values: dict[str, Any]) -> dict[str, Any]:
    return {key: cell(value) for key, value in values.items()}


def xlsx_row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """A row for `sheet.append` (normal or write-only openpyxl sheet): every string is a text cell."""
    from openpyxl.cell import WriteOnlyCell

    out: list[Any] = []
    for value in values:
        if isinstance(value, str) and value.startswith("="):
            text = WriteOnlyCell(sheet, value=None)
            text.value = value
            text.data_type = "s"
            out.append(text)
        else:
            out.append(value)
    return out
