"""Confidence intervals as England's public-health observatories compute them (PHEindicatormethods, the method
behind Fingertips), at 95% and 99.8%.

- Proportions: Wilson score interval.
- Counts and rates: the exact Poisson interval (from the chi-square distribution) for counts under 10, Byar's
  approximation from 10 up. A count of 0 has the lower limit 0 and an upper limit that needs the denominator.
- Directly standardised rates: Dobson's method on Byar's limits of the total count; none under 10 events.

Pure functions without dependencies; tests/test_stats.py checks them against PHEindicatormethods' published
test values and against scipy.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

Z95 = 1.959963984540054  # the normal quantile 0.975
Z998 = 3.090232306167813  # the normal quantile 0.999
LEVELS = {0.95: Z95, 0.998: Z998}
EXACT_BELOW = 10  # counts under this get the exact Poisson interval; Byar's from here up
Interval = tuple[float, float]


def z_for(confidence: float) -> float:
    if confidence not in LEVELS:
        raise ValueError(f"the confidence level is 0.95 or 0.998, not {confidence}")
    return LEVELS[confidence]


def wilson_interval(successes: float, n: float, z: float = Z95) -> Interval:
    """The Wilson score interval of a proportion successes/n, as proportions (0…1)."""
    if n <= 0 or successes < 0 or successes > n:
        raise ValueError((successes, n))
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def byar_interval(count: float, z: float = Z95) -> Interval:
    """Byar's approximation of the Poisson interval of an observed count."""
    if count < 0:
        raise ValueError(count)
    lower = 0.0 if count == 0 else count * (1 - 1 / (9 * count) - z / (3 * math.sqrt(count))) ** 3
    upper = (count + 1) * (1 - 1 / (9 * (count + 1)) + z / (3 * math.sqrt(count + 1))) ** 3
    return max(0.0, lower), upper


def _gamma_p(a: float, x: float) -> float:
    """The regularized lower incomplete gamma function P(a, x) (series below a + 1, continued fraction above)."""
    if x <= 0:
        return 0.0
    log_front = -x + a * math.log(x) - math.lgamma(a)
    if x < a + 1:
        term = total = 1.0 / a
        denominator = a
        for _step in range(10_000):
            denominator += 1
            term *= x / denominator
            total += term
            if abs(term) < abs(total) * 1e-17:
                break
        return total * math.exp(log_front)
    # Lentz's continued fraction for Q(a, x) = 1 - P(a, x).
    tiny = 1e-300
    b = x + 1 - a
    c = 1 / tiny
    d = 1 / b
    h = d
    for i in range(1, 10_000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-17:
            break
    return 1.0 - math.exp(log_front) * h


def _gamma_p_inverse(a: float, p: float) -> float:
    """The x with P(a, x) = p, by bisection to the last digit (the limits of a count under 10 need no more)."""
    low, high = 0.0, max(1.0, a)
    while _gamma_p(a, high) < p:
        high *= 2
    for _step in range(200):
        middle = (low + high) / 2
        if middle in (low, high):
            break
        if _gamma_p(a, middle) < p:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def exact_poisson_interval(count: float, confidence: float = 0.95) -> Interval:
    """The exact Poisson interval of a count: chi-square quantiles (α/2 with 2x, 1-α/2 with 2x + 2 degrees of
    freedom) halved, i.e. inverse incomplete gamma functions."""
    if count < 0:
        raise ValueError(count)
    z_for(confidence)
    alpha = 1 - confidence
    lower = 0.0 if count == 0 else _gamma_p_inverse(count, alpha / 2)
    upper = _gamma_p_inverse(count + 1, 1 - alpha / 2)
    return lower, upper


def poisson_interval(count: float, confidence: float = 0.95) -> Interval:
    """The interval of an observed count: exact under 10, Byar's from 10 up (as PHEindicatormethods)."""
    if count < EXACT_BELOW:
        return exact_poisson_interval(count, confidence)
    return byar_interval(count, z_for(confidence))


def rate_interval(count: float, denominator: float, multiplier: float, confidence: float = 0.95) -> Interval:
    """The interval of a crude rate count/denominator × multiplier (e.g. per 100,000)."""
    if denominator <= 0:
        raise ValueError(denominator)
    low, high = poisson_interval(count, confidence)
    return low / denominator * multiplier, high / denominator * multiplier


def proportion_interval(count: float, denominator: float, multiplier: float, confidence: float = 0.95) -> Interval:
    """The interval of a proportion count/denominator × multiplier (100 for a percentage)."""
    low, high = wilson_interval(count, denominator, z_for(confidence))
    return low * multiplier, high * multiplier


def standardised_rate(
    counts: Sequence[float | None],
    populations: Sequence[float],
    standard: Sequence[float],
    *,
    multiplier: float = 100_000,
    confidence: float = 0.95,
) -> tuple[float, Interval] | None:
    """A directly standardised rate with Dobson's limits: age-specific counts and populations weighted by a
    standard population (e.g. the European Standard Population 2013). None under 10 events in all, as Fingertips
    suppresses it. A missing count is taken as 0."""
    if not len(counts) == len(populations) == len(standard):
        raise ValueError("counts, populations and the standard population need the same age bands")
    if any(n <= 0 for n in populations) or any(w < 0 for w in standard):
        raise ValueError("populations must be positive and standard weights non-negative")
    xs = [x or 0.0 for x in counts]
    total = sum(xs)
    if total < EXACT_BELOW:
        return None
    weight = sum(standard)
    value = sum(x * w / n for x, w, n in zip(xs, standard, populations, strict=True)) / weight
    variance = sum(x * (w / n) ** 2 for x, w, n in zip(xs, standard, populations, strict=True)) / weight**2
    low_count, high_count = byar_interval(total, z_for(confidence))
    scale = math.sqrt(variance / total)
    interval = (value + scale * (low_count - total)) * multiplier, (value + scale * (high_count - total)) * multiplier
    return value * multiplier, interval
