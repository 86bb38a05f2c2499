from __future__ import annotations

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
