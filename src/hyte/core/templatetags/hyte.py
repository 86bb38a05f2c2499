from __future__ import annotations

from typing import Any

import nh3
from django import template
from django.utils.safestring import SafeString, mark_safe

from hyte.core import formats

register = template.Library()

_ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "a", "sup", "sub"}


@register.filter
def sanitized(html: str) -> SafeString:
    """Source HTML (e.g. Sotkanet's descriptions) reduced to harmless markup."""
    return mark_safe(nh3.clean(html or "", tags=_ALLOWED_TAGS, attributes={"a": {"href"}}))


register.filter("number", formats.number)
register.filter("signed", formats.signed)


@register.filter
def change(values: Any) -> str:
    """An audit change: [old, new] shown as 'old → new', anything else as it is."""
    if isinstance(values, list) and len(values) == 2:
        old, new = ("–" if v is None else v for v in values)
        return f"{old} → {new}"
    return str(values)
