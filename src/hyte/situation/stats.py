"""Statistics of the situation picture, as public-health observatories compute them (95% level).

- Proportions with counts: Wilson score interval.
- Rates per 1,000 / 10,000 / 100,000 with counts: Byar's approximation of the Poisson interval of the count.
- Comparison with a benchmark (county, country, similar municipalities): the benchmark value inside the area's
  interval is "similar", outside it "higher" or "lower" (England's Fingertips method). Without an interval, a
  relative difference under 10% is "similar" and the judgement is marked as not tested for significance.
- Trend: least-squares slope over the recent points (at least five), tested with the t distribution.
Every function is pure and tested against independent reference values (scipy) in tests/test_stats.py.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

Z95 = 1.959963984540054
MIN_TREND_POINTS = 5
RELATIVE_SIMILARITY = 0.10
# Two-sided 95% critical values of Student's t by degrees of freedom.
_T95 = {
    1: 12.706,
    2: 4.303,
    3: 3.182,
    4: 2.776,
    5: 2.571,
    6: 2.447,
    7: 2.365,
    8: 2.306,
    9: 2.262,
    10: 2.228,
    11: 2.201,
    12: 2.179,
    13: 2.160,
    14: 2.145,
    15: 2.131,
    16: 2.120,
    17: 2.110,
    18: 2.101,
    19: 2.093,
    20: 2.086,
    21: 2.080,
    22: 2.074,
    23: 2.069,
    24: 2.064,
    25: 2.060,
    26: 2.056,
    27: 2.052,
    28: 2.048,
    29: 2.045,
    30: 2.042,
    40: 2.021,
    60: 2.000,
    120: 1.980,
}
RATE_MULTIPLIERS = {"per_1000": 1_000, "per_10000": 10_000, "per_100000": 100_000}


def t_critical(df: int) -> float:
    if df <= 0:
        raise ValueError(df)
    if df in _T95:
        return _T95[df]
    if df > 1000:
        return Z95
    # Between tabulated values take the smaller df: its larger critical value is the conservative choice.
    return _T95[max(d for d in _T95 if d < df)]


def wilson_interval(successes: float, n: float, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a proportion successes/n, as proportions (0…1)."""
    if n <= 0 or successes < 0 or successes > n:
        raise ValueError((successes, n))
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def byar_interval(count: float, z: float = Z95) -> tuple[float, float]:
    """Byar's approximation of the 95% Poisson interval of an observed count."""
    if count < 0:
        raise ValueError(count)
    lower = 0.0 if count == 0 else count * (1 - 1 / (9 * count) - z / (3 * math.sqrt(count))) ** 3
    upper = (count + 1) * (1 - 1 / (9 * (count + 1)) + z / (3 * math.sqrt(count + 1))) ** 3
    return max(0.0, lower), upper


def value_interval(
    *,
    value: float | None,
    count: float | None,
    value_type: str,
    ci_low: float | None = None,
    ci_high: float | None = None,
) -> tuple[float, float] | None:
    """The 95% interval of a value: stored, or from the count where the value type allows; else None."""
    if value is None:
        return None
    if ci_low is not None and ci_high is not None:
        return ci_low, ci_high
    if count is None or count < 0:
        return None
    if value_type == "percent":
        if value <= 0:
            return None  # the denominator cannot be recovered from 0 %
        n = count * 100 / value
        if n < 1 or count > n + 1e-9:
            return None
        low, high = wilson_interval(min(count, n), n)
        return low * 100, high * 100
    multiplier = RATE_MULTIPLIERS.get(value_type)
    if multiplier is not None:
        if value <= 0:
            return None
        population = count * multiplier / value
        low, high = byar_interval(count)
        return low * multiplier / population, high * multiplier / population
    return None


@dataclass(frozen=True)
class Comparison:
    direction: str  # "higher", "lower", "similar" or "no_data"
    judgement: str  # "better", "worse", "similar", "higher", "lower" (no polarity) or "no_data"
    significance_tested: bool


def compare(
    *, value: float | None, interval: tuple[float, float] | None, benchmark: float | None, polarity: str
) -> Comparison:
    if value is None or benchmark is None:
        return Comparison("no_data", "no_data", False)
    if interval is not None:
        low, high = interval
        direction = "similar" if low <= benchmark <= high else ("higher" if benchmark < low else "lower")
        tested = True
    else:
        scale = max(abs(benchmark), 1e-12)
        relative = (value - benchmark) / scale
        direction = "similar" if abs(relative) < RELATIVE_SIMILARITY else ("higher" if relative > 0 else "lower")
        tested = False
    return Comparison(direction, judge(direction, polarity), tested)


def judge(direction: str, polarity: str) -> str:
    """higher/lower/similar read through the indicator's polarity."""
    if direction in ("similar", "no_data") or polarity == "none":
        return direction
    good = (direction == "higher") == (polarity == "high_good")
    return "better" if good else "worse"


@dataclass(frozen=True)
class Trend:
    direction: str  # "increasing", "decreasing", "no_change" or "too_few_points"
    judgement: str  # "improving", "worsening", "no_change", "increasing"/"decreasing" (no polarity), "too_few_points"
    slope: float | None
    points: int


def trend(points: Sequence[tuple[int, float]], polarity: str, *, window: int = 10) -> Trend:
    """The recent trend: least-squares slope of the last `window` years' values, significant at 95%."""
    recent = sorted(points)[-window:]
    n = len(recent)
    if n < MIN_TREND_POINTS:
        return Trend("too_few_points", "too_few_points", None, n)
    xs = [float(x) for x, _ in recent]
    ys = [float(y) for _, y in recent]
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    slope = sxy / sxx
    residuals = [y - (mean_y + slope * (x - mean_x)) for x, y in zip(xs, ys, strict=True)]
    sse = sum(r * r for r in residuals)
    if sse == 0:
        significant = slope != 0
    else:
        standard_error = math.sqrt(sse / (n - 2) / sxx)
        significant = abs(slope / standard_error) > t_critical(n - 2)
    direction = ("increasing" if slope > 0 else "decreasing") if significant else "no_change"
    if direction == "no_change" or polarity == "none":
        judgement = direction
    else:
        judgement = "improving" if (direction == "increasing") == (polarity == "high_good") else "worsening"
    return Trend(direction, judgement, slope, n)
