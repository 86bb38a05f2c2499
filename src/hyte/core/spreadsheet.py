"""CSV cells that spreadsheet programs open safely: text that would start a formula is kept as text."""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """A user-written text starting like a formula (`=HYPERLINK(…)`) gets a leading apostrophe; numbers and
    other values are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def row(values: dict[str, Any]) -> dict[str, Any]:
    return {key: cell(value) for key, value in values.items()}
