"""The situation picture's statistics against published reference values and an independent implementation.

The reference values are those published with PHEindicatormethods, the R package behind England's Fingertips
(v2.1.0, commit 093fd288, tests/testthat/testdata_*.xlsx; © the PHEindicatormethods authors). They are quoted
here as published numbers, a few rows of each method, with the row they come from. Where the package publishes no
value (counts 0 and 2–9, 0 events), scipy is the independent reference: exact Poisson limits are chi-square
quantiles, Wilson limits are scipy's `binomtest(...).proportion_ci(method="wilson")`.
"""

from __future__ import annotations

import math

import pytest
from scipy import stats as scipy_stats

from hyte.situation.stats import (
    byar_interval,
    compare,
    exact_poisson_interval,
    gap,
    poisson_interval,
    proportion_funnel,
    proportion_interval,
    quantiles,
    rate_funnel,
    rate_interval,
    standardised_rate,
    t_critical,
    trend,
    value_interval,
    wilson_interval,
)

REL = 1e-9  # the package's values were computed in Excel; its own tests allow about 1.5e-8


# Crude rates, testdata_Rate.xlsx sheet testdata_Rate (multiplier 100,000): exact under 10 events, Byar's above.
# (numerator, denominator, confidence, lower, upper)
PHE_RATES = [
    (1, 100, 0.95, 25.317807984289896, 5571.6433909388979),  # row 10, exact
    (1, 100, 0.998, 1.0005003335835343, 9233.4134764515857),  # row 10, exact
    (5, 100, 0.95, 1623.4863901184199, 11668.332079322669),  # row 11, exact
    (5, 100, 0.998, 739.37173191783893, 16454.745203680104),  # row 11, exact
    (20, 100, 0.95, 12211.428834875936, 30889.880369197064),  # row 12, Byar's
    (20, 100, 0.998, 8922.8023651441927, 38085.035625041914),  # row 12, Byar's
    (222, 3215, 0.95, 6026.5748776526743, 7875.7293708718507),  # row 16
    (7776456, 7564336677, 0.998, 102.690317308454, 102.91817639509068),  # row 15
]


@pytest.mark.parametrize(("count", "denominator", "confidence", "low", "high"), PHE_RATES)
def test_rates_match_the_published_reference(count, denominator, confidence, low, high):
    assert rate_interval(count, denominator, 100_000, confidence) == pytest.approx((low, high), rel=REL)


# Proportions, testdata_Proportion.xlsx sheet testdata_Prop (multiplier 1): Wilson score.
PHE_PROPORTIONS = [
    (1, 100, 0.95, 1.7674320641406511e-3, 5.4486196178705294e-2),  # row 2
    (1, 100, 0.998, 8.73065697299977e-4, 0.10455445283705821),  # row 2
    (65, 100, 0.998, 0.49549465740704313, 0.77835406140896968),  # row 5
    (9856, 12345, 0.95, 0.79121017529090687, 0.80536400736149094),  # row 6
]


@pytest.mark.parametrize(("count", "denominator", "confidence", "low", "high"), PHE_PROPORTIONS)
def test_proportions_match_the_published_reference(count, denominator, confidence, low, high):
    assert proportion_interval(count, denominator, 1, confidence) == pytest.approx((low, high), rel=REL)


@pytest.mark.parametrize("count", range(10))
@pytest.mark.parametrize("confidence", [0.95, 0.998])
def test_counts_under_ten_get_the_exact_poisson_interval(count, confidence):
    """Byar's approximation is too narrow for small counts (at 1 event its lower limit is about half the exact
    one), so a small municipality was called "similar" where the reference says "higher"."""
    alpha = 1 - confidence
    exact_low = scipy_stats.chi2.ppf(alpha / 2, 2 * count) / 2 if count else 0.0
    exact_high = scipy_stats.chi2.ppf(1 - alpha / 2, 2 * count + 2) / 2
    low, high = poisson_interval(count, confidence)
    assert low == pytest.approx(exact_low, rel=1e-10, abs=1e-15)
    assert high == pytest.approx(exact_high, rel=1e-10)
    if count:
        assert poisson_interval(count, confidence) == exact_poisson_interval(count, confidence)


def test_from_ten_events_byars_approximation_is_used():
    assert poisson_interval(10) == byar_interval(10)
    # testdata_Byars_Wilson.xlsx sheet testdata_B_W rows 7 and 3.
    assert poisson_interval(10, 0.998) == pytest.approx((2.916318374695686, 24.193724927880535), rel=REL)
    assert poisson_interval(1045) == pytest.approx((982.59320180733255, 1110.3312129856499), rel=REL)


def test_a_0_event_area_gets_its_interval_from_its_denominator():
    # 0 deaths among 2,000 people: the rate is 0, its upper limit 3.689 / 2,000 × 100,000 = 184.4 per 100,000.
    low, high = value_interval(value=0.0, count=0, value_type="per_100000", denominator=2000)
    assert low == 0.0
    assert high == pytest.approx(-math.log(0.025) / 2000 * 100_000, rel=1e-12)
    wide = value_interval(value=0.0, count=0, value_type="per_100000", denominator=2000, confidence=0.998)
    assert wide[1] == pytest.approx(-math.log(0.001) / 2000 * 100_000, rel=1e-12)
    assert value_interval(value=0.0, count=0, value_type="percent", denominator=40)[1] == pytest.approx(
        scipy_stats.binomtest(0, 40).proportion_ci(method="wilson").high * 100
    )
    # Without a denominator nothing can be said, and nothing is divided by zero.
    assert value_interval(value=0.0, count=0, value_type="per_100000") is None
    assert value_interval(value=5.0, count=0, value_type="per_1000") is None


# Directly standardised rates, testdata_DSR_ISR.xlsx: inputs testdata_multiarea (19 age bands, the European
# Standard Population 2013), results testresults_DSR rows 6–8 (per 100,000).
ESP2013 = [
    5000,
    5500,
    5500,
    5500,
    6000,
    6000,
    6500,
    7000,
    7000,
    7000,
    7000,
    6500,
    6000,
    5500,
    5000,
    4000,
    2500,
    1500,
    1000,
]
SMALL_COUNTS = [12, 4, 3, 2, 3, 4, 8, 2, 2, 3, 4, 5, 6, 8, 5, 6, 5, 5, 4]  # testdata_small, 91 events
SMALL_POPULATIONS = [636, 558, 609, 543, 384, 594, 669, 843, 660, 576, 606, 522, 426, 273, 300, 288, 153, 123, 207]


def test_a_standardised_rate_matches_the_published_reference():
    value, interval = standardised_rate(SMALL_COUNTS, SMALL_POPULATIONS, ESP2013, multiplier=100_000)
    assert value == pytest.approx(1103.212025300104, rel=REL)
    assert interval == pytest.approx((877.455767536709, 1367.0882227251795), rel=REL)
    _value, wide = standardised_rate(SMALL_COUNTS, SMALL_POPULATIONS, ESP2013, multiplier=100_000, confidence=0.998)
    assert wide == pytest.approx((763.64203579398793, 1530.0328948244762), rel=REL)


def test_a_standardised_rate_of_under_ten_events_is_not_given():
    counts = [0] * 18 + [9]
    assert standardised_rate(counts, SMALL_POPULATIONS, ESP2013) is None


def test_wilson_matches_scipy_at_the_edges():
    for k, n in [(0, 10), (10, 10), (81, 263), (3, 2500), (999, 1000)]:
        reference = scipy_stats.binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
        assert wilson_interval(k, n) == pytest.approx((reference.low, reference.high), abs=1e-12)
    with pytest.raises(ValueError):  # noqa: PT011
        wilson_interval(6, 5)


def test_a_stored_interval_is_used_and_widened_for_the_998_level():
    assert value_interval(value=10, count=None, value_type="index", ci_low=8, ci_high=12) == (8, 12)
    wide = value_interval(value=10, count=None, value_type="index", ci_low=8, ci_high=12, confidence=0.998)
    assert wide == pytest.approx((10 - 2 * 3.090232306167813 / 1.959963984540054, 10 + 2 * 3.0902323 / 1.9599640))


def test_ratios_indices_and_values_without_counts_have_no_interval():
    assert value_interval(value=104.0, count=None, value_type="index") is None
    assert value_interval(value=1.3, count=50, value_type="ratio") is None
    assert value_interval(value=10, count=None, value_type="percent") is None


def test_comparisons_say_the_direction_and_judge_only_a_confirmed_polarity():
    interval, wide = (20.0, 30.0), (17.0, 33.0)
    similar = compare(value=25, interval=interval, benchmark=26, polarity="low_good")
    assert (similar.direction, similar.judgement) == ("similar", "similar")
    worse = compare(value=25, interval=interval, benchmark=15, polarity="low_good", interval_998=wide)
    assert (worse.direction, worse.judgement, worse.significance_tested, worse.clear) == ("higher", "worse", True, True)
    just = compare(value=25, interval=interval, benchmark=18, polarity="high_good", interval_998=wide)
    assert (just.judgement, just.clear) == ("better", False)  # outside the 95% interval, inside the 99.8%
    unjudged = compare(value=25, interval=interval, benchmark=35, polarity="none")
    assert (unjudged.direction, unjudged.judgement) == ("lower", "lower")


def test_without_an_interval_nothing_is_tested_or_judged():
    untested = compare(value=12, interval=None, benchmark=10, polarity="low_good")
    assert (untested.direction, untested.judgement, untested.significance_tested) == ("higher", "higher", False)


def test_counts_are_not_compared_with_areas_of_another_size():
    result = compare(value=120, interval=(100, 140), benchmark=15000, polarity="low_good", comparable=False)
    assert (result.direction, result.judgement) == ("not_comparable", "not_comparable")


def test_the_trend_arrow_is_the_direction_and_the_judgement_is_apart():
    falling = [(2015 + i, 12.0 - i * 0.8 + (0.1 if i % 2 else -0.1)) for i in range(7)]
    unemployment = trend(falling, "low_good")
    assert (unemployment.direction, unemployment.judgement) == ("falling", "better")
    assert trend(falling, "high_good").judgement == "worse"
    assert trend(falling, "none").judgement == ""
    reference = scipy_stats.linregress([x for x, _ in falling], [y for _, y in falling])
    assert unemployment.slope == pytest.approx(reference.slope)
    assert reference.pvalue < 0.05


def test_a_trend_needs_five_years_and_a_noisy_series_has_none():
    assert trend([(2010, 1), (2011, 2), (2012, 3), (2013, 4)], "low_good").direction == "too_few_points"
    noisy = [(2010, 10), (2011, 14), (2012, 9), (2013, 13), (2014, 10), (2015, 12)]
    assert scipy_stats.linregress([x for x, _ in noisy], [y for _, y in noisy]).pvalue > 0.05
    assert trend(noisy, "high_good").direction == "no_change"


def test_t_critical_values_match_scipy():
    for df in (1, 3, 5, 8, 13, 30, 40, 60, 120):
        assert t_critical(df) == pytest.approx(scipy_stats.t.ppf(0.975, df), abs=0.001)
    assert t_critical(45) >= scipy_stats.t.ppf(0.975, 45)  # conservative between tabulated values


def test_quintiles_follow_the_published_rule():
    """testdata_Quantiles: ties share the lowest rank; with highest first, quintile 1 holds the highest values."""
    values = {f"area{i}": float(v) for i, v in enumerate([10, 20, 20, 30, 40, 50, 60, 70, 80, 90])}
    values["missing"] = None
    result = quantiles(values)
    assert result["area9"] == 1  # the highest fifth
    assert result["area8"] == 1
    assert result["area0"] == 5
    assert result["area1"] == result["area2"]  # a tie shares its quintile
    assert result["missing"] is None
    assert quantiles({"a": 1.0, "b": 2.0}) == {"a": None, "b": None}  # fewer areas than quintiles


# testdata_funnel_prop_outputs.csv: the limits (in %, published to 6 decimals) around the baseline of the 303
# areas of testdata_funnel_prop_inputs.csv (Σ numerators / Σ denominators = 0.806424478571495).
PHE_FUNNEL = [
    (102, 72.974925, 88.309971, 68.553233, 92.731663),
    (1008, 78.203374, 83.081521, 76.796814, 84.488082),
    (9998, 79.867989, 81.416907, 79.421375, 81.863521),
]


@pytest.mark.parametrize(("population", "low_95", "high_95", "low_998", "high_998"), PHE_FUNNEL)
def test_proportion_funnel_limits_match_the_published_reference(population, low_95, high_95, low_998, high_998):
    baseline = 0.806424478571495
    assert [100 * x for x in proportion_funnel(baseline, population)] == pytest.approx([low_95, high_95], abs=1e-6)
    wide = proportion_funnel(baseline, population, 0.998)
    assert [100 * x for x in wide] == pytest.approx([low_998, high_998], abs=1e-6)


def test_rate_funnel_limits_agree_with_the_comparison_rule():
    low, high = rate_funnel(10.0, 5_000, 1_000)  # 10 per 1,000 among 5,000 people: 50 expected
    for rate in (low * 0.99, high * 1.01):
        count = rate * 5_000 / 1_000
        interval = rate_interval(count, 5_000, 1_000)
        assert not interval[0] <= 10.0 <= interval[1]  # outside the funnel: significantly different
    inside = rate_interval(50, 5_000, 1_000)
    assert inside[0] <= 10.0 <= inside[1]


def test_the_gap_between_two_groups_with_its_interval():
    # Men 30 % (26…34), women 20 % (17…23.5): a difference of 10 points, significant; a ratio of 1.5.
    result = gap(30.0, (26.0, 34.0), 20.0, (17.0, 23.5))
    z = 1.959963984540054
    half = z * math.hypot(8 / (2 * z), 6.5 / (2 * z))
    assert result.absolute == 10.0
    assert result.absolute_interval == pytest.approx((10 - half, 10 + half))
    assert result.significant
    assert result.ratio == pytest.approx(1.5)
    assert result.ratio_interval[0] > 1
    assert not gap(21.0, (17.0, 25.0), 20.0, (16.0, 24.0)).significant
