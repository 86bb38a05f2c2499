"""Words and CSS classes for judgements, computed once in Python: cheaper than template includes in loops."""

from __future__ import annotations

from django.utils.translation import gettext as _

JUDGEMENT_CLASS = {
    "better": "better",
    "worse": "worse",
    "similar": "similar",
    "higher": "neutral",
    "lower": "neutral",
    "no_data": "none",
    "improving": "better",
    "worsening": "worse",
    "increasing": "neutral",
    "decreasing": "neutral",
    "no_change": "similar",
    "too_few_points": "none",
}


def judgement_text(judgement: str) -> str:
    return {
        "better": _("better"),
        "worse": _("worse"),
        "similar": _("similar"),
        "higher": _("higher"),
        "lower": _("lower"),
        "no_data": _("not in the data"),
        "improving": "↗ " + _("improving"),
        "worsening": "↘ " + _("worsening"),
        "increasing": "↗ " + _("increasing"),
        "decreasing": "↘ " + _("decreasing"),
        "no_change": "→ " + _("no clear change"),
        "too_few_points": _("too few years"),
    }[judgement]
