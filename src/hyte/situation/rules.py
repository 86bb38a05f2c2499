"""Rules indicator → threshold → measure (seed 002): whether a rule is met by its organisation's latest values.

Pure reads; raising the alerts is `situation.services.evaluate`.
"""

from __future__ import annotations

import itertools
from typing import Any

from hyte.indicators.models import Observation
from hyte.situation import stats
from hyte.situation.models import Rule, RuleCondition

Series = list[tuple[int, float, float | None, float | None, float | None]]  # year, value, count, interval


def check(rule: Rule, area: Any, series: Series) -> dict[str, Any] | None:
    """The values that meet the rule, or None. The series has values only (no missing ones), oldest first."""
    year, value, count, low, high = series[-1]
    threshold = rule.threshold
    if rule.condition == RuleCondition.ABOVE and threshold is not None:
        return {"year": year, "value": value, "threshold": threshold} if value > threshold else None
    if rule.condition == RuleCondition.BELOW and threshold is not None:
        return {"year": year, "value": value, "threshold": threshold} if value < threshold else None
    if rule.condition == RuleCondition.WORSE_THAN_COUNTY:
        country = type(area).objects.filter(kind="country").first()
        for comparator in (area.county, country):
            if comparator is None:
                continue
            benchmark = (
                Observation.objects.filter(
                    indicator=rule.indicator, area=comparator, year=year, gender="total", age_group="", period=""
                )
                .values_list("value", flat=True)
                .first()
            )
            if benchmark is None:
                continue
            interval = stats.value_interval(
                value=value, count=count, value_type=rule.indicator.value_type, ci_low=low, ci_high=high
            )
            result = stats.compare(
                value=value, interval=interval, benchmark=benchmark, polarity=rule.indicator.polarity
            )
            # Without an interval the difference is untested; the rule still fires, and the alert says so.
            if stats.judge(result.direction, rule.indicator.polarity) == "worse":
                return {
                    "year": year,
                    "value": value,
                    "comparator": comparator.name_fi,
                    "benchmark": benchmark,
                    "significance_tested": result.significance_tested,
                }
            return None
        return None
    if rule.condition == RuleCondition.WORSENING:
        recent = series[-(rule.years + 1) :]
        if len(recent) < rule.years + 1 or any(b[0] - a[0] != 1 for a, b in itertools.pairwise(recent)):
            return None
        steps = [b[1] - a[1] for a, b in itertools.pairwise(recent)]
        worse = all(s > 0 for s in steps) if rule.indicator.polarity == "low_good" else all(s < 0 for s in steps)
        return {"values": [[y, v] for y, v, *_rest in recent]} if worse else None
    return None
