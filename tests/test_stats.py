"""The situation picture's statistics against independent reference values (scipy) and worked examples."""

from __future__ import annotations

import math

import pytest
from scipy import stats as scipy_stats

from hyte.situation.stats import (
    byar_interval,
    compare,
    t_critical,
    trend,
    value_interval,
    wilson_interval,
)


@pytest.mark.parametrize(("k", "n"), [(0, 10), (1, 10), (5, 10), (10, 10), (81, 263), (3, 2500), (999, 1000)])
def test_wilson_matches_scipy(k, n):
    reference = scipy_stats.binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
    low, high = wilson_interval(k, n)
    assert low == pytest.approx(reference.low, abs=1e-9)
    assert high == pytest.approx(reference.high, abs=1e-9)


def test_wilson_edge_cases_stay_within_zero_and_one():
    assert wilson_interval(0, 1)[0] == 0.0
    assert wilson_interval(1, 1)[1] == 1.0
    with pytest.raises(ValueError):  # noqa: PT011
        wilson_interval(5, 0)
    with pytest.raises(ValueError):  # noqa: PT011
        wilson_interval(6, 5)


@pytest.mark.parametrize("count", [10, 25, 100, 1000, 12345])
def test_byar_approximates_the_exact_poisson_interval(count):
    exact_low = scipy_stats.chi2.ppf(0.025, 2 * count) / 2
    exact_high = scipy_stats.chi2.ppf(0.975, 2 * (count + 1)) / 2
    low, high = byar_interval(count)
    assert low == pytest.approx(exact_low, rel=0.01)
    assert high == pytest.approx(exact_high, rel=0.01)


def test_byar_worked_example_and_zero_count():
    # Public Health England's technical guide: O = 10 → 4.795 … 18.39 (Byar), near the exact 4.795 … 18.390.
    low, high = byar_interval(10)
    assert (round(low, 2), round(high, 2)) == (4.79, 18.39)
    zero_low, zero_high = byar_interval(0)
    assert zero_low == 0.0
    assert zero_high == pytest.approx(scipy_stats.chi2.ppf(0.975, 2) / 2, rel=0.01)


def test_t_critical_values_match_scipy():
    for df in (1, 3, 5, 8, 13, 30, 40, 60, 120):
        assert t_critical(df) == pytest.approx(scipy_stats.t.ppf(0.975, df), abs=0.001)
    assert t_critical(45) >= scipy_stats.t.ppf(0.975, 45)  # conservative between tabulated values
    assert t_critical(10_000) == pytest.approx(1.96, abs=0.001)
    assert t_critical(500) == pytest.approx(1.980)


def test_value_interval_of_a_percentage_from_its_count():
    # 25 % of 200 people = 50 people.
    low, high = value_interval(value=25.0, count=50, value_type="percent")
    reference = scipy_stats.binomtest(50, 200).proportion_ci(method="wilson")
    assert (low, high) == pytest.approx((reference.low * 100, reference.high * 100))


def test_value_interval_of_100_percent_and_tiny_populations():
    low, high = value_interval(value=100.0, count=3, value_type="percent")
    assert high == pytest.approx(100.0)
    assert low < 50  # three of three is weak evidence
    assert value_interval(value=0.0, count=0, value_type="percent") is None  # the denominator is unknown


def test_value_interval_of_a_rate_from_its_count():
    # 12 deaths in a population of 8,000 → 150 per 100,000.
    low, high = value_interval(value=150.0, count=12, value_type="per_100000")
    exact_low = scipy_stats.chi2.ppf(0.025, 24) / 2 / 8000 * 100_000
    exact_high = scipy_stats.chi2.ppf(0.975, 26) / 2 / 8000 * 100_000
    assert low == pytest.approx(exact_low, rel=0.02)
    assert high == pytest.approx(exact_high, rel=0.02)


def test_value_interval_prefers_a_stored_interval_and_needs_a_value():
    assert value_interval(value=10, count=None, value_type="index", ci_low=8, ci_high=12) == (8, 12)
    assert value_interval(value=None, count=5, value_type="percent") is None
    assert value_interval(value=10, count=None, value_type="percent") is None
    assert value_interval(value=10, count=5, value_type="index") is None


def test_compare_by_significance_and_polarity():
    interval = (20.0, 30.0)
    assert compare(value=25, interval=interval, benchmark=26, polarity="low_good").judgement == "similar"
    worse = compare(value=25, interval=interval, benchmark=15, polarity="low_good")
    assert (worse.direction, worse.judgement, worse.significance_tested) == ("higher", "worse", True)
    assert compare(value=25, interval=interval, benchmark=15, polarity="high_good").judgement == "better"
    assert compare(value=25, interval=interval, benchmark=35, polarity="none").judgement == "lower"
    assert compare(value=25, interval=interval, benchmark=None, polarity="low_good").judgement == "no_data"


def test_compare_without_an_interval_uses_a_relative_difference_and_says_so():
    similar = compare(value=10.5, interval=None, benchmark=10.0, polarity="low_good")
    assert (similar.judgement, similar.significance_tested) == ("similar", False)
    assert compare(value=12, interval=None, benchmark=10, polarity="low_good").judgement == "worse"
    assert compare(value=0, interval=None, benchmark=0, polarity="low_good").judgement == "similar"


def test_trend_needs_five_points():
    assert trend([(2010, 1), (2011, 2), (2012, 3), (2013, 4)], "low_good").direction == "too_few_points"


def test_trend_significance_matches_scipy_linregress():
    series = [(2010, 10.2), (2011, 10.9), (2012, 11.1), (2013, 12.4), (2014, 12.2), (2015, 13.5), (2016, 13.9)]
    result = trend(series, "low_good")
    reference = scipy_stats.linregress([x for x, _ in series], [y for _, y in series])
    assert result.slope == pytest.approx(reference.slope)
    assert reference.pvalue < 0.05
    assert (result.direction, result.judgement) == ("increasing", "worsening")


def test_a_noisy_series_has_no_significant_trend():
    series = [(2010, 10), (2011, 14), (2012, 9), (2013, 13), (2014, 10), (2015, 12)]
    reference = scipy_stats.linregress([x for x, _ in series], [y for _, y in series])
    assert reference.pvalue > 0.05
    assert trend(series, "high_good").direction == "no_change"


def test_a_flat_and_a_perfect_series():
    assert trend([(y, 5.0) for y in range(2010, 2016)], "low_good").direction == "no_change"
    perfect = trend([(y, float(y - 2000)) for y in range(2010, 2016)], "high_good")
    assert (perfect.direction, perfect.judgement) == ("increasing", "improving")
    assert math.isclose(perfect.slope, 1.0)


def test_missing_years_are_just_fewer_points():
    series = [(2005, 1.0), (2008, 2.0), (2012, 3.1), (2015, 4.0), (2020, 5.2)]
    result = trend(series, "none")
    reference = scipy_stats.linregress([x for x, _ in series], [y for _, y in series])
    assert result.slope == pytest.approx(reference.slope)
    assert result.judgement == ("increasing" if reference.pvalue < 0.05 else "no_change")
