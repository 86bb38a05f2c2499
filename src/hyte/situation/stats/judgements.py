"""Comparisons and trends, with direction and judgement kept apart.

- Direction is what the numbers do: a value is higher, similar or lower than a benchmark; a series rises, falls
  or shows no clear change. An arrow shows the direction, whatever its meaning.
- Judgement reads the direction through a polarity that a person has confirmed: better, similar, worse. Without
  a confirmed polarity there is no judgement, only the direction.
- A comparison is tested when the value has an interval: the benchmark outside the 95% interval is a difference,
  outside the 99.8% interval a clear one (Fingertips' two shades). Without an interval (ratios and indices without
  counts) nothing is tested: the direction is shown and marked untested. Counts are never compared with areas
  of another size.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from hyte.situation.stats.intervals import Interval

MIN_TREND_POINTS = 5
# Two-sided 95% critical values of Student's t by degrees of freedom.
_T95 = dict(
    zip(
        range(1, 31),
        (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
         2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042),
        strict=True,
    )
) | {40: 2.021, 60: 2.000, 120: 1.980}  # fmt: skip
Z95_T = 1.959963984540054


def t_critical(df: int) -> float:
    if df <= 0:
        raise ValueError(df)
    if df in _T95:
        return _T95[df]
    if df > 1000:
        return Z95_T
    # Between tabulated values take the smaller df: its larger critical value is the conservative choice.
    return _T95[max(d for d in _T95 if d < df)]


@dataclass(frozen=True)
class Comparison:
    direction: str  # "higher", "similar", "lower", "no_data" or "not_comparable"
    judgement: str  # "better", "similar", "worse" with a confirmed polarity; otherwise the direction
    significance_tested: bool
    clear: bool = False  # the difference holds at 99.8% too


def judge(direction: str, polarity: str) -> str:
    """higher/lower/similar read through a confirmed polarity ("none" when nobody has confirmed one)."""
    if direction not in ("higher", "lower") or polarity not in ("high_good", "low_good"):
        return direction
    return "better" if (direction == "higher") == (polarity == "high_good") else "worse"


def compare(
    *,
    value: float | None,
    interval: Interval | None,
    benchmark: float | None,
    polarity: str,
    interval_998: Interval | None = None,
    comparable: bool = True,
) -> Comparison:
    """The area's value against a benchmark (another area's value or the similar municipalities' median)."""
    if not comparable:
        return Comparison("not_comparable", "not_comparable", False)
    if value is None or benchmark is None or math.isnan(benchmark):
        return Comparison("no_data", "no_data", False)
    if interval is None:
        direction = "similar" if value == benchmark else ("higher" if value > benchmark else "lower")
        return Comparison(direction, direction, False)
    low, high = interval
    direction = "similar" if low <= benchmark <= high else ("higher" if benchmark < low else "lower")
    clear = False
    if direction != "similar" and interval_998 is not None:
        clear = not interval_998[0] <= benchmark <= interval_998[1]
    return Comparison(direction, judge(direction, polarity), True, clear)


@dataclass(frozen=True)
class Trend:
    direction: str  # "rising", "falling", "no_change" or "too_few_points"
    judgement: str  # "better", "worse" with a confirmed polarity; otherwise "" (the arrow says the direction)
    slope: float | None
    points: int


def trend(points: Sequence[tuple[int, float]], polarity: str, *, window: int = 10) -> Trend:
    """The recent trend: least-squares slope of the last `window` years' values, significant at 95% (t test)."""
    recent = sorted(points)[-window:]
    n = len(recent)
    if n < MIN_TREND_POINTS:
        return Trend("too_few_points", "", None, n)
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
    direction = ("rising" if slope > 0 else "falling") if significant else "no_change"
    judgement = ""
    if direction != "no_change" and polarity in ("high_good", "low_good"):
        judgement = "better" if (direction == "rising") == (polarity == "high_good") else "worse"
    return Trend(direction, judgement, slope, n)
