"""Plain-language sentences generated from the numbers, in the reader's language (fi/sv/en).

A coordinator copies them into the report and edits them there; they are drafts, not verdicts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from hyte.core.formats import format_number

if TYPE_CHECKING:
    from hyte.regions.models import Area
    from hyte.situation.picture import IndicatorRow


def _comparison_phrase(row: IndicatorRow) -> str:
    # The first comparator with data: county, then country (region only when neither has data).
    cells = {cell.key: cell for cell in row.comparisons}
    for key in ("county", "country", "region"):
        cell = cells.get(key)
        if cell is None or cell.result.direction not in ("higher", "lower", "similar"):
            continue
        place = {"county": _("in the county"), "country": _("in the whole country"), "region": _("in the region")}[key]
        untested = not cell.result.significance_tested
        if cell.result.direction == "higher":
            phrase = _("higher than %(place)s") % {"place": place}
        elif cell.result.direction == "lower":
            phrase = _("lower than %(place)s") % {"place": place}
        else:
            phrase = _("the same as %(place)s") if untested else _("about the same as %(place)s")
            phrase = phrase % {"place": place}
        return _("%(comparison)s (not tested for significance)") % {"comparison": phrase} if untested else phrase
    return ""


def _trend_phrase(row: IndicatorRow) -> str:
    trend = row.trend
    if trend.direction == "rising":
        return _("has risen over the last %(years)s years with data") % {"years": trend.points}
    if trend.direction == "falling":
        return _("has fallen over the last %(years)s years with data") % {"years": trend.points}
    if trend.direction == "no_change":
        return _("has not changed clearly over the last %(years)s years with data") % {"years": trend.points}
    return ""


def summary_sentence(row: IndicatorRow, area: Area) -> str:
    if row.latest is None or row.latest.value is None:
        return _("%(indicator)s: there are no values for %(area)s.") % {
            "indicator": row.indicator.title,
            "area": area.name,
        }
    value = format_number(row.latest.value, row.indicator.decimals)
    comparison, trend = _comparison_phrase(row), _trend_phrase(row)
    parameters = {
        "indicator": row.indicator.title,
        "area": area.name,
        "value": value,
        "year": row.latest.year,
        "comparison": comparison,
        "trend": trend,
    }
    if comparison and trend:
        return _("%(indicator)s in %(area)s was %(value)s in %(year)s, %(comparison)s, and %(trend)s.") % parameters
    if comparison:
        return _("%(indicator)s in %(area)s was %(value)s in %(year)s, %(comparison)s.") % parameters
    if trend:
        return _("%(indicator)s in %(area)s was %(value)s in %(year)s and %(trend)s.") % parameters
    return _("%(indicator)s in %(area)s was %(value)s in %(year)s.") % parameters
