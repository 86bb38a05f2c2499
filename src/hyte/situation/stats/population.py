"""Views of a whole population of areas: quantiles, funnel limits, and the gap between two groups."""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from hyte.situation.stats.intervals import Interval, poisson_interval, z_for

K = TypeVar("K", bound=Hashable)


def quantiles(values: Mapping[K, float | None], n: int = 5, *, highest_first: bool = True) -> dict[K, int | None]:
    """Each area's quantile among all (PHEindicatormethods' rule): ties share the lowest rank; quantile 1 holds the
    highest values when `highest_first`. Areas without a value, and all when fewer areas than quantiles, get None."""
    known = {key: value for key, value in values.items() if value is not None}
    count = len(known)
    result: dict[K, int | None] = dict.fromkeys(values)
    if count < n:
        return result
    ordered = sorted(known.values(), reverse=highest_first)
    for key, value in known.items():
        rank = ordered.index(value) + 1  # the lowest rank among ties
        quantile = math.floor((n + 1) - math.ceil(((count + 1) - rank) / (count / n)))
        result[key] = max(1, quantile)
    return result


def proportion_funnel(average: float, population: float, confidence: float = 0.95) -> Interval:
    """Funnel plot limits of a proportion (0…1) around `average` for a denominator of `population`: the exact
    closed form of PHEindicatormethods (`sigma_adjustment`), clamped to 0…1."""
    if not 0 <= average <= 1 or population <= 0:
        raise ValueError((average, population))
    z = z_for(confidence)
    z2 = z * z
    first = average * (population / z2 + 1)
    adjustment = math.sqrt(
        (-8 * average * (population / z2 + 1)) ** 2
        - 64
        * (1 / z2 + 1 / population)
        * average
        * (population * (average * (population / z2 + 2) - 1) + z2 * (average - 1))
    )
    last = 1 / z2 + 1 / population
    low = (first - adjustment / 8) / last / population
    high = (first + adjustment / 8) / last / population
    return max(0.0, low), min(1.0, high)


def _count_where(expected: float, *, side: str, confidence: float) -> float:
    """The observed count whose interval just reaches `expected`: below it (side "low") an area is significantly
    lower, above it (side "high") significantly higher."""
    low, high = 0.0, max(10.0, expected * 3 + 30)
    for _step in range(200):
        middle = (low + high) / 2
        interval = poisson_interval(middle, confidence)
        reaches = interval[1] >= expected if side == "low" else interval[0] > expected
        if (side == "low") == reaches:
            high = middle
        else:
            low = middle
    return (low + high) / 2


def rate_funnel(average_rate: float, population: float, multiplier: float, confidence: float = 0.95) -> Interval:
    """Funnel plot limits of a rate around `average_rate` (per `multiplier`) for a denominator of `population`:
    the rates at which an area's own interval (exact Poisson under 10 events, Byar's above) stops including the
    average, so the plot agrees with the comparisons of the situation picture."""
    if average_rate < 0 or population <= 0:
        raise ValueError((average_rate, population))
    expected = average_rate * population / multiplier
    low = _count_where(expected, side="low", confidence=confidence)
    high = _count_where(expected, side="high", confidence=confidence)
    return low / population * multiplier, high / population * multiplier


@dataclass(frozen=True)
class Gap:
    """The difference between two groups (e.g. men and women) as an absolute difference and a ratio, each with
    its interval; `significant` when the absolute difference's interval excludes 0."""

    absolute: float
    absolute_interval: Interval
    ratio: float | None
    ratio_interval: Interval | None
    significant: bool


def gap(
    first: float, first_interval: Interval, second: float, second_interval: Interval, confidence: float = 0.95
) -> Gap:
    """The gap first − second and first / second. Each group's standard error is recovered from its interval
    (half its width over z); the two are taken as independent, and the ratio's interval is built on the log scale."""
    z = z_for(confidence)
    se_first = (first_interval[1] - first_interval[0]) / (2 * z)
    se_second = (second_interval[1] - second_interval[0]) / (2 * z)
    absolute = first - second
    half = z * math.hypot(se_first, se_second)
    absolute_interval = (absolute - half, absolute + half)
    ratio = ratio_interval = None
    positive = min(first, second, first_interval[0], second_interval[0]) > 0
    if positive:
        log_se_first = (math.log(first_interval[1]) - math.log(first_interval[0])) / (2 * z)
        log_se_second = (math.log(second_interval[1]) - math.log(second_interval[0])) / (2 * z)
        log_ratio = math.log(first / second)
        log_half = z * math.hypot(log_se_first, log_se_second)
        ratio = first / second
        ratio_interval = (math.exp(log_ratio - log_half), math.exp(log_ratio + log_half))
    significant = not absolute_interval[0] <= 0 <= absolute_interval[1]
    return Gap(absolute, absolute_interval, ratio, ratio_interval, significant)
