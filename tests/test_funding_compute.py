"""The coefficient's arithmetic against hand-computed cases (hyte.funding.compute): every scaling rule, both
directions, the missing-data rules, ties, the euro formula and the county's share."""

from __future__ import annotations

import numpy as np
import pytest

from hyte.funding.compute import IndicatorSpec, Inputs, ModelSpec, compute, rank_of, scale

NAN = float("nan")


def _spec(*indicators: IndicatorSpec, missing: str = "mean", euro: str = "per_resident", **kw: float) -> ModelSpec:
    return ModelSpec(
        process_weight=kw.get("process_weight", 0.5),
        outcome_weight=kw.get("outcome_weight", 0.5),
        missing_rule=missing,
        euro_rule=euro,
        base_price=kw.get("base_price", 10.0),
        funding_pool=kw.get("funding_pool"),
        indicators=indicators,
    )


def _inputs(columns: list[list[float]], *, earlier=None, country=None, residents=(100.0, 200.0, 100.0)) -> Inputs:
    current = np.array(columns, dtype=float).T
    n, k = current.shape
    return Inputs(
        area_ids=list(range(1, n + 1)),
        residents=np.array(residents[:n], dtype=float),
        current=current,
        earlier=np.array(earlier, dtype=float).T if earlier is not None else np.full((n, k), NAN),
        country=np.array(country if country is not None else [NAN] * k, dtype=float),
    )


P = IndicatorSpec("p", "process", "minmax", "higher", 1.0)
OUT = IndicatorSpec("o", "outcome", "minmax", "lower", 1.0)


def test_minmax_both_directions_score_rank_and_euros():
    # P: 10, 20, 30 → 0, 50, 100; O (lower is better): 5, 3, 1 → 0, 50, 100.
    result = compute(_spec(P, OUT), _inputs([[10, 20, 30], [5, 3, 1]]))
    assert result.scaled.tolist() == [[0, 0], [50, 50], [100, 100]]
    assert result.score.tolist() == [0, 50, 100]
    assert result.rank.tolist() == [3, 2, 1]
    # Population-weighted mean score (0·100 + 50·200 + 100·100) / 400 = 50; euros = 10 € × residents × score / 50.
    assert result.euros.tolist() == pytest.approx([0.0, 2000.0, 2000.0])
    assert result.euros.sum() == pytest.approx(10.0 * 400)  # the base price times all residents
    assert result.contributions.sum(axis=1).tolist() == pytest.approx(result.score.tolist())


def test_ties_share_the_smallest_rank():
    # P: 10, 30, 30 → 0, 100, 100; O equal everywhere → 100 for all (no one is behind).
    result = compute(_spec(P, OUT), _inputs([[10, 30, 30], [1, 1, 1]]))
    assert result.score.tolist() == [50, 100, 100]
    assert result.rank.tolist() == [3, 1, 1]
    assert rank_of(np.array([70.0, 90.0, 70.0, 50.0])).tolist() == [2, 1, 2, 4]
    # Floating-point noise is no difference.
    assert rank_of(np.array([0.1 + 0.2, 0.3])).tolist() == [1, 1]


@pytest.mark.parametrize(
    ("rule", "process"),
    [
        ("mean", 75.0),  # P1 gets the mean of the others' scaled values (0 and 100 → 50): 0.5·50 + 0.5·100
        ("zero", 50.0),  # P1 gets 0: 0.5·0 + 0.5·100
        ("omit", 100.0),  # P1 is left out and P2 carries the whole part
    ],
)
def test_missing_data_rules(rule, process):
    p1 = IndicatorSpec("p1", "process", "minmax", "higher", 0.5)
    p2 = IndicatorSpec("p2", "process", "minmax", "higher", 0.5)
    o = IndicatorSpec("o", "outcome", "minmax", "higher", 1.0)
    result = compute(_spec(p1, p2, o, missing=rule), _inputs([[10, NAN, 30], [0, 20, 20], [1, 1, 1]]))
    assert result.missing[1].tolist() == [True, False, False]
    assert result.process[1] == pytest.approx(process)
    assert result.score[1] == pytest.approx(0.5 * process + 0.5 * 100)
    assert result.contributions[1].sum() == pytest.approx(result.score[1])
    # The areas with every value are computed as ever: area 3 has P1 100, P2 100.
    assert result.process[2] == pytest.approx(100.0)


def test_target_scaling():
    higher = IndicatorSpec("t", "process", "target", "higher", 1.0, target_value=80)
    lower = IndicatorSpec("t2", "outcome", "target", "lower", 1.0, target_value=10)
    scaled = scale(_spec(higher, lower), _inputs([[40, 60, 90], [10, 20, 30]]))
    # Higher: the worst (40) is 0, the target 80 is 100, 60 halfway, 90 beyond the target stays 100.
    assert scaled[:, 0].tolist() == pytest.approx([0, 50, 100])
    # Lower: 10 meets the target (100), the worst 30 is 0, 20 halfway.
    assert scaled[:, 1].tolist() == pytest.approx([100, 50, 0])
    # Everyone at the target: all 100.
    assert scale(_spec(higher, lower), _inputs([[80, 85, 90], [5, 5, 5]]))[:, 0].tolist() == [100, 100, 100]


def test_change_scaling():
    up = IndicatorSpec("c", "outcome", "change", "higher", 1.0, change_years=2)
    down = IndicatorSpec("d", "outcome", "change", "lower", 0.0, change_years=2)
    inputs = _inputs([[10, 12, 15], [10, 12, 15]], earlier=[[10, 10, 10], [10, 10, 10]])
    scaled = scale(_spec(up, down), inputs)
    # Changes 0, +2, +5 → 0, 40, 100; lower is better turns them round.
    assert scaled[:, 0].tolist() == pytest.approx([0, 40, 100])
    assert scaled[:, 1].tolist() == pytest.approx([100, 60, 0])
    # No earlier value: no change, so missing.
    missing = _inputs([[10, 12, 15], [1, 1, 1]], earlier=[[NAN, 10, 10], [1, 1, 1]])
    assert np.isnan(scale(_spec(up, down), missing)[0, 0])


def test_relative_to_the_country():
    up = IndicatorSpec("r", "outcome", "relative", "higher", 1.0)
    down = IndicatorSpec("s", "outcome", "relative", "lower", 0.0)
    scaled = scale(_spec(up, down), _inputs([[10, 20, 50], [10, 20, 50]], country=[20, 20]))
    assert scaled[:, 0].tolist() == pytest.approx([25, 50, 100])  # 50 at the country's level, clipped at 100
    assert scaled[:, 1].tolist() == pytest.approx([75, 50, 0])  # 100 − 50 × ratio, clipped at 0
    # Without the country's value the indicator is missing for everyone.
    assert np.isnan(scale(_spec(up, down), _inputs([[1, 2, 3], [1, 2, 3]]))).all()


def test_share_of_a_pool_and_share_without_one():
    spec = _spec(P, OUT, euro="share", funding_pool=1000.0)
    result = compute(spec, _inputs([[10, 20, 30], [5, 3, 1]]))
    # residents × score: 0, 10 000, 10 000 → shares 0, ½, ½ of 1 000 €.
    assert result.share.tolist() == pytest.approx([0, 0.5, 0.5])
    assert result.euros.tolist() == pytest.approx([0, 500, 500])
    no_pool = compute(_spec(P, OUT, euro="share", funding_pool=None), _inputs([[10, 20, 30], [5, 3, 1]]))
    assert np.isnan(no_pool.euros).all()
    assert no_pool.share.tolist() == pytest.approx([0, 0.5, 0.5])


def test_unknown_residents_give_no_euros_and_do_not_bend_the_mean():
    result = compute(_spec(P, OUT), _inputs([[10, 20, 30], [5, 3, 1]], residents=(100.0, NAN, 100.0)))
    # The mean is over the areas with residents: (0·100 + 100·100) / 200 = 50.
    assert np.isnan(result.euros[1])
    assert result.euros[2] == pytest.approx(10 * 100 * 100 / 50)


def test_a_what_if_changes_only_the_inputs_given():
    inputs = _inputs([[10, 20, 30], [5, 3, 1]])
    changed = inputs.with_changes(0, {0: 40.0})
    assert inputs.current[0, 0] == 10  # the original is untouched
    result = compute(_spec(P, OUT), changed)
    # P: 40, 20, 30 → 100, 0, 50; area 1 now 0.5·100 + 0.5·0 = 50, area 2: 0.5·0 + 0.5·50 = 25.
    assert result.score.tolist() == pytest.approx([50, 25, 75])
    assert result.rank.tolist() == [2, 3, 1]
