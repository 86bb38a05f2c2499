"""Template tags that show the coefficient's data on other apps' pages without those apps knowing it: the situation
picture (in `hyte.situation`, a layer below) includes `funding/_teaviisari.html`, which asks for the area's
TEAviisari results."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from hyte.funding.queries import teaviisari_for
from hyte.funding.queries.models import TeaviisariPanel

register = template.Library()


@register.simple_tag
def teaviisari_panel(area: Any, similar: Any = None) -> TeaviisariPanel | None:
    """The area's TEAviisari sector totals beside its county, the country and similar municipalities."""
    if area is None:
        return None
    return teaviisari_for(area, (get_language() or "fi")[:2], list(similar) if similar is not None else None)
