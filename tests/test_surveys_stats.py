"""The survey statistics against published and hand-computed values: Wilson's score interval (Newcombe 1998,
Table I, method 3) and the suppression of small cells with their complements."""

from __future__ import annotations

import itertools
import random

import pytest

from hyte.surveys.stats import Tally, suppress, tally, wilson


@pytest.mark.parametrize(
    ("count", "base", "low", "high"),
    [
        # Newcombe RG. Two-sided confidence intervals for the single proportion. Stat Med 1998;17:857-872, Table I
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0000, 0.1611),
        (1, 29, 0.0061, 0.1718),
        (29, 29, 0.8830, 1.0000),
    ],
)
def test_wilson_matches_newcombes_table(count, base, low, high):
    found = wilson(count, base)
    assert found[0] == pytest.approx(low, abs=5e-5)
    assert found[1] == pytest.approx(high, abs=5e-5)


def test_wilson_by_hand_for_a_half():
    # 5/10, z = 1.96: centre 0.5, half-width 1.96/1.38416 * sqrt(0.025 + 0.009604) = 1.41602 * 0.18602 = 0.26341
    low, high = wilson(5, 10, z=1.96)
    assert low == pytest.approx(0.5 - 0.26341, abs=1e-4)
    assert high == pytest.approx(0.5 + 0.26341, abs=1e-4)


@pytest.mark.parametrize(("count", "base"), [(3, 2), (-1, 5), (0, 0)])
def test_wilson_refuses_impossible_counts(count, base):
    with pytest.raises(ValueError, match="count"):
        wilson(count, base)


def test_tally_counts_valid_answers_in_total_and_by_group():
    answers = [
        {"Q1": "4", "AGE": "1"},
        {"Q1": "5", "AGE": "1"},
        {"Q1": "1", "AGE": "2"},
        {"Q1": "", "AGE": "2"},  # no answer: not in the base
        {"Q1": "9", "AGE": "2"},  # not on the scale ("can't say"): not in the base
        {"Q1": "4"},  # no age: in the total only
    ]
    total, groups = tally(
        answers,
        question="Q1",
        counted=["4", "5"],
        valid=["1", "2", "3", "4", "5"],
        group_question="AGE",
        groups={"1": "young", "2": "old"},
    )
    assert (total.count, total.base) == (3, 4)
    assert (groups["young"].count, groups["young"].base) == (2, 2)
    assert (groups["old"].count, groups["old"].base) == (0, 1)


def cells(*bases: int) -> list[Tally]:
    return [Tally(f"g{i}", base // 2, base) for i, base in enumerate(bases)]


def test_a_small_cell_is_hidden_with_the_next_smallest():
    groups = cells(3, 40, 20, 60)
    total = Tally("", 61, 123)
    suppress(total, groups, 5)
    assert [cell.suppressed for cell in groups] == [True, False, True, False]
    assert not total.suppressed


def test_two_small_cells_need_no_complement():
    groups = cells(3, 4, 20, 60)
    suppress(Tally("", 43, 87), groups, 5)
    assert [cell.suppressed for cell in groups] == [True, True, False, False]


def test_a_total_below_the_minimum_hides_everything():
    groups = cells(2, 2)
    total = Tally("", 2, 4)
    suppress(total, groups, 5)
    assert total.suppressed
    assert all(cell.suppressed for cell in groups)


def test_the_minimum_is_a_strict_lower_bound():
    groups = cells(5, 5, 30)
    suppress(Tally("", 20, 40), groups, 5)
    assert not any(cell.suppressed for cell in groups)


def _derivable(total: Tally, groups: list[Tally]) -> list[str]:
    """The hidden cells whose base or count can be found from what is shown: the total minus the shown cells,
    when exactly one cell is hidden (every respondent of the total being in one of the groups)."""
    hidden = [cell for cell in groups if cell.suppressed]
    if total.suppressed or len(hidden) != 1:
        return []
    return [hidden[0].key]


def test_no_suppressed_cell_can_be_derived_from_the_total_and_the_others():
    """Every combination of small and large groups: what is shown never gives away a hidden cell."""
    rng = random.Random(18)
    checked = 0
    for size in range(1, 6):
        for bases in itertools.product([1, 2, 4, 5, 9, 30], repeat=size):
            groups = [Tally(f"g{i}", rng.randint(0, base), base) for i, base in enumerate(bases)]
            total = Tally("", sum(cell.count for cell in groups), sum(bases))
            suppress(total, groups, 5)
            assert not _derivable(total, groups), bases
            hidden = [cell for cell in groups if cell.suppressed]
            assert all(cell.suppressed for cell in groups if cell.base < 5), bases
            if len(hidden) == 1:  # only when the grouping has one group, which is then not the whole total
                assert (len(groups) == 1 and groups[0].base < total.base) or total.suppressed
            checked += 1
    assert checked > 9000
