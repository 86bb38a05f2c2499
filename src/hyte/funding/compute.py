"""The coefficient's arithmetic, vectorised with numpy and free of the database (docs/funding.md).

Inputs are arrays over areas (rows) × the model's indicators (columns), NaN where an area has no value. Every
indicator is scaled to 0–100 (100 the best), the missing-data rule of the model fills or drops what is missing,
each part (process, outcome) is the weighted mean of its indicators, the score is the weighted sum of the parts,
and the euros follow from the score, the residents and the model's euro rule. A what-if changes raw values of
one area and computes everything again: min–max scaling depends on every area, so nothing less would be honest.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

Floats = NDArray[np.float64]

# Scores that differ by less than this share a rank (they differ only by floating-point noise).
TIE_DECIMALS = 9


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    part: str  # "process" | "outcome"
    scaling: str  # "minmax" | "target" | "change" | "relative"
    direction: str  # "higher" | "lower"
    weight: float
    target_value: float | None = None
    change_years: int | None = None


@dataclass(frozen=True)
class ModelSpec:
    process_weight: float
    outcome_weight: float
    missing_rule: str  # "mean" | "zero" | "omit"
    euro_rule: str  # "per_resident" | "share"
    indicators: tuple[IndicatorSpec, ...]
    base_price: float | None = None
    funding_pool: float | None = None

    @property
    def codes(self) -> list[str]:
        return [ind.code for ind in self.indicators]


@dataclass(frozen=True)
class Inputs:
    """The raw values of every area: `current` and `earlier` (for change scaling) are n × k, `country` k long."""

    area_ids: Sequence[int]
    residents: Floats
    current: Floats
    earlier: Floats
    country: Floats

    def with_changes(self, row: int, changes: Mapping[int, float]) -> Inputs:
        """The same inputs with some of one area's current values replaced (column index → raw value)."""
        current = self.current.copy()
        for column, value in changes.items():
            current[row, column] = value
        return replace(self, current=current)


@dataclass(frozen=True)
class Result:
    area_ids: Sequence[int]
    scaled: Floats  # n × k, 0–100, NaN where missing (before the missing-data rule)
    missing: NDArray[np.bool_]  # n × k
    contributions: Floats  # n × k: points of the score each indicator gives (they add up to the score)
    process: Floats  # n: the process part, 0–100
    outcome: Floats  # n: the outcome part, 0–100
    score: Floats  # n: 0–100
    rank: NDArray[np.int64]  # n: 1 the best; ties share the smallest rank
    share: Floats  # n: the area's share of all the money (residents × score ÷ Σ residents × score)
    euros: Floats  # n: NaN where the residents (or the pool) are unknown


def _minmax(values: Floats, higher: bool) -> Floats:
    """100 for the best area, 0 for the worst, linear between; all equal → everyone 100."""
    present = values[~np.isnan(values)]
    if present.size == 0:
        return np.full_like(values, np.nan)
    low, high = float(present.min()), float(present.max())
    if high == low:
        return np.where(np.isnan(values), np.nan, 100.0)
    span = high - low
    return 100.0 * ((values - low) if higher else (high - values)) / span


def _target(values: Floats, target: float, higher: bool) -> Floats:
    """100 at the target or beyond it, 0 for the area furthest from it, linear between."""
    present = values[~np.isnan(values)]
    if present.size == 0:
        return np.full_like(values, np.nan)
    worst = float(present.min()) if higher else float(present.max())
    gap_worst = (target - worst) if higher else (worst - target)
    if gap_worst <= 0:  # every area has reached the target
        return np.where(np.isnan(values), np.nan, 100.0)
    gap = (target - values) if higher else (values - target)
    return np.clip(100.0 * (1.0 - gap / gap_worst), 0.0, 100.0)


def _relative(values: Floats, country: float, higher: bool) -> Floats:
    """50 at the country's level; higher is better: 100 at twice the country's; lower is better: 100 at 0 and 0 at
    twice the country's. Clipped to 0–100."""
    if np.isnan(country) or country == 0:
        return np.full_like(values, np.nan)
    ratio = values / country
    scaled = 50.0 * ratio if higher else 100.0 - 50.0 * ratio
    return np.clip(scaled, 0.0, 100.0)


def scale(spec: ModelSpec, inputs: Inputs) -> Floats:
    """Every indicator scaled to 0–100 (100 the best), NaN where the area has no value."""
    scaled = np.empty_like(inputs.current)
    for column, ind in enumerate(spec.indicators):
        higher = ind.direction == "higher"
        values = inputs.current[:, column]
        if ind.scaling == "minmax":
            scaled[:, column] = _minmax(values, higher)
        elif ind.scaling == "target":
            scaled[:, column] = _target(values, float(ind.target_value or 0.0), higher)
        elif ind.scaling == "change":
            scaled[:, column] = _minmax(values - inputs.earlier[:, column], higher)
        elif ind.scaling == "relative":
            scaled[:, column] = _relative(values, float(inputs.country[column]), higher)
        else:
            raise ValueError(f"unknown scaling {ind.scaling!r}")
    return scaled


def rank_of(score: Floats) -> NDArray[np.int64]:
    """1 for the best; equal scores share the smallest rank (1, 2, 2, 4). A missing score ranks last."""
    rounded = np.round(np.nan_to_num(score, nan=-np.inf), TIE_DECIMALS)
    ascending = np.sort(rounded)
    better = rounded.size - np.searchsorted(ascending, rounded, side="right")
    return (better + 1).astype(np.int64)


def compute(spec: ModelSpec, inputs: Inputs) -> Result:
    n, k = inputs.current.shape
    scaled = scale(spec, inputs)
    missing = np.isnan(scaled)
    filled = scaled.copy()
    weights = np.tile(np.array([ind.weight for ind in spec.indicators], dtype=np.float64), (n, 1))
    if spec.missing_rule == "mean":
        means = np.nanmean(np.where(missing.all(axis=0), 0.0, scaled), axis=0) if n else np.zeros(k)
        filled = np.where(missing, means, scaled)
    elif spec.missing_rule == "zero":
        filled = np.where(missing, 0.0, scaled)
    elif spec.missing_rule == "omit":
        filled = np.where(missing, 0.0, scaled)
        weights = np.where(missing, 0.0, weights)
    else:
        raise ValueError(f"unknown missing-data rule {spec.missing_rule!r}")
    contributions = np.zeros((n, k))
    parts: dict[str, Floats] = {}
    for part, part_weight in (("process", spec.process_weight), ("outcome", spec.outcome_weight)):
        columns = np.array([ind.part == part for ind in spec.indicators], dtype=bool)
        if not columns.any():
            parts[part] = np.zeros(n)
            continue
        part_weights = weights[:, columns]
        totals = part_weights.sum(axis=1, keepdims=True)
        shares = np.divide(part_weights, totals, out=np.zeros_like(part_weights), where=totals > 0)
        parts[part] = (shares * filled[:, columns]).sum(axis=1)
        contributions[:, columns] = part_weight * shares * filled[:, columns]
    score = spec.process_weight * parts["process"] + spec.outcome_weight * parts["outcome"]
    return Result(
        area_ids=inputs.area_ids,
        scaled=scaled,
        missing=missing,
        contributions=contributions,
        process=parts["process"],
        outcome=parts["outcome"],
        score=score,
        rank=rank_of(score),
        share=shares_of(score, inputs.residents),
        euros=euros_of(spec, score, inputs.residents),
    )


def shares_of(score: Floats, residents: Floats) -> Floats:
    known = ~np.isnan(residents) & ~np.isnan(score)
    weighted = float((residents[known] * score[known]).sum())
    if weighted <= 0:
        return np.full_like(score, np.nan)
    return residents * score / weighted


def euros_of(spec: ModelSpec, score: Floats, residents: Floats) -> Floats:
    """per_resident: base price × residents × score ÷ the population-weighted mean score (the total is then base
    price × all residents); share: the pool × residents × score ÷ Σ residents × score."""
    known = ~np.isnan(residents) & ~np.isnan(score)
    weighted = float((residents[known] * score[known]).sum())
    if weighted <= 0:
        return np.full_like(score, np.nan)
    if spec.euro_rule == "per_resident":
        mean = weighted / float(residents[known].sum())
        return float(spec.base_price or 0.0) * residents * score / mean
    if spec.euro_rule == "share":
        if spec.funding_pool is None:
            return np.full_like(score, np.nan)  # the share alone (a county's pool is a share of its funding)
        return float(spec.funding_pool) * residents * score / weighted
    raise ValueError(f"unknown euro rule {spec.euro_rule!r}")
