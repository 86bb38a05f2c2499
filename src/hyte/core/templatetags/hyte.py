from __future__ import annotations

from typing import Any

import nh3
from django import template
from django.utils.formats import get_format
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "a", "sup", "sub"}


@register.filter
def sanitized(html: str) -> SafeString:
    """Source HTML (e.g. Sotkanet's descriptions) reduced to harmless markup."""
    return mark_safe(nh3.clean(html or "", tags=_ALLOWED_TAGS, attributes={"a": {"href"}}))


def format_number(value: float, decimals: int) -> str:
    """Grouped by thin spaces and with the active language's decimal separator; much faster than floatformat,
    which matters on pages with hundreds of values."""
    text = f"{value:,.{max(0, int(decimals))}f}"
    separator = get_format("DECIMAL_SEPARATOR")
    grouping = "\u00a0" if separator == "," else ","
    return text.replace(",", "\x00").replace(".", separator).replace("\x00", grouping)


@register.filter
def number(value: Any, decimals: int = 1) -> str:
    """A value with the indicator's decimals, grouped and with the language's decimal separator."""
    if value is None or value == "":
        return "–"
    return format_number(float(value), decimals)


@register.filter
def signed(value: Any, decimals: int = 1) -> str:
    """A change with its sign: +1,2 / −0,4 / ±0."""
    if value is None:
        return "–"
    text = format_number(abs(value), decimals)
    if value > 0:
        return f"+{text}"
    if value < 0:
        return f"−{text}"
    return f"±{text}"


@register.filter
def change(values: Any) -> str:
    """An audit change: [old, new] shown as 'old → new', anything else as it is."""
    if isinstance(values, list) and len(values) == 2:
        old, new = ("–" if v is None else v for v in values)
        return f"{old} → {new}"
    return str(values)
