"""Template tags of service chains: `{% chain_diagram chain steps %}` draws a chain's SVG (in the language the page
is rendered in), and `{% service_chain chain %}` embeds a chain's diagram with its steps as text in any page,
e.g. a report's template or a printout, as `cooperation/_chain.html` shows it (`{% load chains %}`)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from hyte.cooperation import chain_diagram

register = template.Library()


@register.simple_tag
def chain_diagram_svg(chain: Any, steps: Any) -> SafeString:
    return chain_diagram.svg(chain, list(steps))


@register.inclusion_tag("cooperation/_chain.html", takes_context=True)
def service_chain(context: Any, chain: Any, heading: str = "h3") -> dict[str, Any]:
    """A chain's diagram and its steps; give the chain with its steps prefetched (`chain_queries`)."""
    return {"chain": chain, "steps": list(chain.steps.all()), "heading": heading, "lang": context.get("lang", "fi")}
