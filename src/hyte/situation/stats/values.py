"""The interval of one stored value: the interval stored with it, or computed from its count and denominator."""

from __future__ import annotations

from hyte.situation.stats.intervals import (
    LEVELS,
    Z95,
    Interval,
    proportion_interval,
    rate_interval,
    z_for,
)

RATE_MULTIPLIERS = {"per_1000": 1_000, "per_10000": 10_000, "per_100000": 100_000}
PROPORTION_MULTIPLIERS = {"percent": 100}
MULTIPLIERS = {**RATE_MULTIPLIERS, **PROPORTION_MULTIPLIERS}


def denominator_of(*, value: float | None, count: float | None, value_type: str) -> float | None:
    """The denominator (people) behind a percentage or a rate, recovered from its count and value."""
    multiplier = MULTIPLIERS.get(value_type)
    if multiplier is None or value is None or count is None or value <= 0 or count <= 0:
        return None
    return count * multiplier / value


def value_interval(
    *,
    value: float | None,
    count: float | None,
    value_type: str,
    ci_low: float | None = None,
    ci_high: float | None = None,
    denominator: float | None = None,
    confidence: float = 0.95,
) -> Interval | None:
    """The interval of a value at 95% or 99.8%, or None where it cannot be known.

    - A stored interval (95%, as sources publish them) is used as it is; its 99.8% counterpart is scaled from it by
      the ratio of the normal quantiles, which assumes a symmetric interval.
    - A percentage or a rate with its count: Wilson or Poisson (exact under 10) on the denominator recovered from
      value and count. With 0 events the denominator cannot be recovered from the value; `denominator` (e.g. from
      the area's other years) gives the interval then.
    - Ratios, indices, euros, counts and other values without an interval: None: no significance can be tested.
    """
    z_for(confidence)
    if value is None:
        return None
    if ci_low is not None and ci_high is not None:
        if confidence == 0.95:
            return ci_low, ci_high
        scale = LEVELS[confidence] / Z95
        return value - (value - ci_low) * scale, value + (ci_high - value) * scale
    multiplier = MULTIPLIERS.get(value_type)
    if multiplier is None or count is None or count < 0:
        return None
    n = denominator_of(value=value, count=count, value_type=value_type) if count > 0 else denominator
    if n is None or n <= 0:
        return None
    if value_type in PROPORTION_MULTIPLIERS:
        if count > n + 1e-9 or n < 1:
            return None
        return proportion_interval(min(count, n), n, multiplier, confidence)
    return rate_interval(count, n, multiplier, confidence)
