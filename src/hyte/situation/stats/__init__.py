"""Statistics of the situation picture, to the standard of England's Fingertips (PHEindicatormethods):
intervals at 95% and 99.8%, comparisons and trends with direction and judgement apart, quantiles, funnel limits
and the gap between groups. Every function is pure and tested against published reference values."""

from hyte.situation.stats.intervals import (
    EXACT_BELOW,
    LEVELS,
    Z95,
    Z998,
    Interval,
    byar_interval,
    exact_poisson_interval,
    poisson_interval,
    proportion_interval,
    rate_interval,
    standardised_rate,
    wilson_interval,
)
from hyte.situation.stats.judgements import MIN_TREND_POINTS, Comparison, Trend, compare, judge, t_critical, trend
from hyte.situation.stats.population import Gap, gap, proportion_funnel, quantiles, rate_funnel
from hyte.situation.stats.values import MULTIPLIERS, RATE_MULTIPLIERS, denominator_of, value_interval

__all__ = [
    "EXACT_BELOW",
    "LEVELS",
    "MIN_TREND_POINTS",
    "MULTIPLIERS",
    "RATE_MULTIPLIERS",
    "Z95",
    "Z998",
    "Comparison",
    "Gap",
    "Interval",
    "Trend",
    "byar_interval",
    "compare",
    "denominator_of",
    "exact_poisson_interval",
    "gap",
    "judge",
    "poisson_interval",
    "proportion_funnel",
    "proportion_interval",
    "quantiles",
    "rate_funnel",
    "rate_interval",
    "standardised_rate",
    "t_critical",
    "trend",
    "value_interval",
    "wilson_interval",
]
