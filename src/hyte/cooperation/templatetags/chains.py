"""Template tags of service chains: `{% chain_diagram_svg chain steps %}` draws a chain's SVG (in the language the page
is rendered in), and `{% service_chain chain %}` embeds a chain's diagram with its steps as text in any page,
e.g. a report's template or a printout, as `cooperation/_chain.html` shows it (`{% load chains %}`)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from hyte.cooperation import chain_diagram
from hyte.cooperation.chain_queries import chains_of

register = template.Library()


@register.simple_tag
def chain_diagram_svg(chain: Any, steps: Any) -> SafeString:
    return chain_diagram.svg(chain, list(steps))


@register.inclusion_tag("cooperation/_chain.html", takes_context=True)
def service_chain(context: Any, chain: Any, heading: str = "h3") -> dict[str, Any]:
    """A chain's diagram and its steps; give the chain with its steps prefetched (`chain_queries`)."""
    return {"chain": chain, "steps": list(chain.steps.all()), "heading": heading, "lang": context.get("lang", "fi")}


@register.simple_tag(takes_context=True)
def chains_for(context: Any, organisation: Any) -> list[Any]:
    """The service chains the organisation keeps or takes part in that the reader may see, for a report's page."""
    return chains_of(context["request"].user, organisation)
