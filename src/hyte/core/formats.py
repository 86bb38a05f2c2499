"""Numbers as people read them: grouped, with the active language's decimal separator and a real minus sign.
Plain functions for Python code; the template filters in templatetags/hyte.py call the same ones."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.utils.formats import get_format
from django.utils.translation import get_language


@functools.cache
def _separators(language: str) -> tuple[str, str]:
    separator = str(get_format("DECIMAL_SEPARATOR", language))
    return separator, "\u00a0" if separator == "," else ","


def format_number(value: float, decimals: int) -> str:
    """Grouped by thin spaces and with the active language's decimal separator; much faster than floatformat,
    which matters on pages with hundreds of values."""
    text = f"{value:,.{max(0, int(decimals))}f}"
    separator, grouping = _separators(get_language() or "fi")
    if separator == ".":
        return text
    return text.replace(",", "\x00").replace(".", separator).replace("\x00", grouping)


NumberFormat = Callable[[float, int], str]


def number_format() -> NumberFormat:
    """`format_number` bound to the active language, looked up once: for code that writes hundreds of numbers
    in one go (looking up the active language costs as much as formatting the number)."""
    separator, grouping = _separators(get_language() or "fi")
    if separator == ".":
        return lambda value, decimals: f"{value:,.{max(0, int(decimals))}f}"

    swapped = str.maketrans({",": grouping, ".": separator})  # both at once, in one pass

    def formatted(value: float, decimals: int) -> str:
        return f"{value:,.{max(0, int(decimals))}f}".translate(swapped)

    return formatted


def number(value: Any, decimals: int = 1, *, fmt: NumberFormat = format_number) -> str:
    """A value with the indicator's decimals, grouped and with the language's decimal separator."""
    if value is None or value == "":
        return "–"
    return fmt(float(value), decimals)


def signed(value: Any, decimals: int = 1, *, fmt: NumberFormat = format_number) -> str:
    """A change with its sign: +1,2 / −0,4 / ±0."""
    if value is None:
        return "–"
    text = fmt(abs(value), decimals)
    if value > 0:
        return f"+{text}"
    if value < 0:
        return f"−{text}"
    return f"±{text}"
