"""Words and CSS classes of the situation picture, computed once in Python (cheaper than template logic in loops).

One vocabulary per column: better / similar / worse where a person has confirmed which way is better, higher /
similar / lower otherwise; colour always comes with its word. The trend's arrow is the direction the value moves
(↗ rises, ↘ falls); whether that is good is a separate word and colour.
"""

from __future__ import annotations

import functools

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hyte.situation.stats import Comparison, Trend

_COMPARISON_CLASS = {
    "better": "better",
    "worse": "worse",
    "similar": "similar",
    "higher": "neutral",
    "lower": "neutral",
    "no_data": "none",
    "not_comparable": "none",
}


def comparison_class(result: Comparison) -> str:
    css = _COMPARISON_CLASS[result.judgement]
    return f"{css} clear" if result.clear and css in ("better", "worse") else css


@functools.cache
def _words(language: str) -> dict[str, str]:
    """Every word of the picture in one language, translated once (a page has hundreds of cells)."""
    return {
        "clearly_better": _("clearly better"),
        "clearly_worse": _("clearly worse"),
        "better": _("better"),
        "worse": _("worse"),
        "similar": _("similar"),
        "higher": _("higher"),
        "lower": _("lower"),
        "no_data": _("not in the data"),
        "not_comparable": _("not compared: a count"),
        "rising": "↗ " + _("rises"),
        "falling": "↘ " + _("falls"),
        "no_change": "→ " + _("no clear change"),
        "too_few_points": _("too few years"),
        "getting_better": _("getting better"),
        "getting_worse": _("getting worse"),
    }


def words() -> dict[str, str]:
    return _words(get_language() or "fi")


def comparison_text(result: Comparison, vocabulary: dict[str, str] | None = None) -> str:
    """The comparison's word; `vocabulary` is `words()`, passed by code that writes many cells at once."""
    vocabulary = vocabulary or words()
    judgement = result.judgement
    if result.clear and judgement in ("better", "worse"):
        return vocabulary[f"clearly_{judgement}"]
    return vocabulary[judgement]


def trend_text(trend: Trend, vocabulary: dict[str, str] | None = None) -> str:
    return (vocabulary or words())[trend.direction]


def trend_judgement_text(trend: Trend, vocabulary: dict[str, str] | None = None) -> str:
    return (vocabulary or words())[f"getting_{trend.judgement}"] if trend.judgement else ""


def trend_class(trend: Trend) -> str:
    return {"better": "better", "worse": "worse"}.get(trend.judgement, "neutral")
