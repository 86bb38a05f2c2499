"""A model version's results for every area, one area's explanation, and what-ifs (docs/funding.md).

`results_for(model)` is the one read other apps use (the national overview): every area's score, rank, euros,
share, provisional mark, missing data and the official result beside it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.funding.compute import Result, compute
from hyte.funding.exchange import spec_of
from hyte.funding.models import CoefficientModel, ModelIndicator, OfficialResult
from hyte.funding.queries.inputs import Loaded, load_cached
from hyte.regions.models import Area

BEST_THIRD = 100.0 * 2 / 3  # the percentile where the best third of the areas begins


def _number(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


@dataclass(frozen=True)
class Contribution:
    indicator: ModelIndicator
    raw: float | None  # the value the model read (None: missing)
    year: int | None
    scaled: float | None  # 0–100 before the missing-data rule
    points: float  # points of the score it gives
    missing: bool


@dataclass(frozen=True)
class AreaResult:
    area: Area
    score: float
    rank: int
    euros: float | None
    share: float | None
    residents: float | None
    process: float
    outcome: float
    missing: list[str]  # codes of the indicators the area has no value for
    contributions: list[Contribution] = field(default_factory=list)
    official_score: float | None = None
    official_euros: float | None = None

    @property
    def score_difference(self) -> float | None:
        return None if self.official_score is None else self.score - self.official_score

    @property
    def euro_difference(self) -> float | None:
        if self.official_euros is None or self.euros is None:
            return None
        return self.euros - self.official_euros


@dataclass(frozen=True)
class ModelResults:
    model: CoefficientModel
    provisional: bool
    rows: list[AreaResult]  # by rank
    count: int
    total_euros: float | None
    has_official: bool
    synthetic: bool = False  # computed from the demo's synthetic TEAviisari values
    without_data: list[ModelIndicator] = field(default_factory=list)  # no area has a value: the rule fills all

    def for_area(self, area_id: int) -> AreaResult | None:
        return next((row for row in self.rows if row.area.pk == area_id), None)


def _row(loaded: Loaded, result: Result, row: int, official: OfficialResult | None, *, detail: bool) -> AreaResult:
    indicators = list(loaded.model.indicators.all())
    missing_row = result.missing[row]
    contributions = []
    if detail:
        contributions = [
            Contribution(
                indicator=ind,
                raw=_number(loaded.inputs.current[row, column]),
                year=loaded.years[ind.code][row],
                scaled=_number(result.scaled[row, column]),
                points=float(result.contributions[row, column]),
                missing=bool(missing_row[column]),
            )
            for column, ind in enumerate(indicators)
        ]
    return AreaResult(
        area=loaded.areas[row],
        score=float(result.score[row]),
        rank=int(result.rank[row]),
        euros=_number(result.euros[row]),
        share=_number(result.share[row]),
        residents=_number(loaded.inputs.residents[row]),
        process=float(result.process[row]),
        outcome=float(result.outcome[row]),
        missing=[ind.code for column, ind in enumerate(indicators) if missing_row[column]],
        contributions=contributions,
        official_score=official.score if official else None,
        official_euros=official.euros if official else None,
    )


def _rows(loaded: Loaded, result: Result, official: Mapping[int, OfficialResult]) -> list[AreaResult]:
    rows = [_row(loaded, result, row, official.get(area.pk), detail=False) for row, area in enumerate(loaded.areas)]
    rows.sort(key=lambda r: (r.rank, r.area.name_fi))
    return rows


def results_for(model: CoefficientModel) -> ModelResults:
    """Every area's result under one model version (its indicators prefetched: `models_queryset()`); each
    indicator's part is on the area's page (`explain`)."""
    loaded = load_cached(model)
    result = compute(spec_of(model), loaded.inputs)
    official = {o.area_id: o for o in OfficialResult.objects.filter(model=model)}
    rows = _rows(loaded, result, official)
    euros = [row.euros for row in rows if row.euros is not None]
    return ModelResults(
        model=model,
        provisional=model.is_provisional,
        rows=rows,
        count=len(rows),
        total_euros=sum(euros) if euros else None,
        has_official=bool(official),
        synthetic=loaded.synthetic,
        without_data=[ind for column, ind in enumerate(model.indicators.all()) if result.missing[:, column].all()],
    )


@dataclass(frozen=True)
class Gap:
    indicator: ModelIndicator
    scaled: float
    best_third: float  # the scaled value where the best third of the areas begins
    points: float  # how many points of the score closing the gap would add


@dataclass(frozen=True)
class Explanation:
    model: CoefficientModel
    provisional: bool
    row: AreaResult
    count: int
    gaps: list[Gap]  # largest first; only indicators below the best third
    synthetic: bool = False

    @property
    def largest(self) -> Gap | None:
        return self.gaps[0] if self.gaps else None


def _gaps(loaded: Loaded, result: Result, row: int) -> list[Gap]:
    spec = spec_of(loaded.model)
    indicators = list(loaded.model.indicators.all())
    gaps = []
    for column, ind in enumerate(indicators):
        values = result.scaled[:, column]
        present = values[~np.isnan(values)]
        scaled = result.scaled[row, column]
        if present.size == 0 or np.isnan(scaled):
            continue
        threshold = float(np.percentile(present, BEST_THIRD))
        if scaled >= threshold:
            continue
        # Points per scaled point: this indicator's share of the score (its contribution ÷ its scaled value,
        # or its nominal share when the scaled value is 0).
        part_weight = spec.process_weight if ind.part == "process" else spec.outcome_weight
        part_total = sum(i.weight for i in spec.indicators if i.part == ind.part) or 1.0
        per_point = part_weight * ind.weight / part_total
        gaps.append(
            Gap(indicator=ind, scaled=float(scaled), best_third=threshold, points=per_point * (threshold - scaled))
        )
    gaps.sort(key=lambda gap: -gap.points)
    return gaps


def explain(model: CoefficientModel, area: Area) -> Explanation | None:
    """One area's result in full: each indicator's part and the gaps to the best third, largest first."""
    loaded = load_cached(model)
    row = loaded.row_of(area.pk)
    if row is None:
        return None
    result = compute(spec_of(model), loaded.inputs)
    official = OfficialResult.objects.filter(model=model, area=area).first()
    mine = _row(loaded, result, row, official, detail=True)
    return Explanation(
        model=model,
        provisional=model.is_provisional,
        row=mine,
        count=len(loaded.areas),
        gaps=_gaps(loaded, result, row),
        synthetic=loaded.synthetic,
    )


@dataclass(frozen=True)
class WhatIf:
    before: AreaResult
    after: AreaResult
    changes: dict[str, float]  # indicator code → the new raw value
    count: int

    @property
    def score_change(self) -> float:
        return self.after.score - self.before.score

    @property
    def euro_change(self) -> float | None:
        if self.after.euros is None or self.before.euros is None:
            return None
        return self.after.euros - self.before.euros


def what_if_loaded(loaded: Loaded, row: int, changes: Mapping[str, float]) -> WhatIf:
    """The what-if on inputs already read (the benchmark's and the view's core): only arithmetic."""
    spec = spec_of(loaded.model)
    columns = {code: column for column, code in enumerate(spec.codes)}
    changed = {columns[code]: float(value) for code, value in changes.items() if code in columns}
    before = compute(spec, loaded.inputs)
    after_inputs = loaded.inputs.with_changes(row, changed)
    after = compute(spec, after_inputs)
    changed_loaded = Loaded(loaded.model, loaded.areas, after_inputs, loaded.years)
    return WhatIf(
        before=_row(loaded, before, row, None, detail=True),
        after=_row(changed_loaded, after, row, None, detail=True),
        changes={code: float(value) for code, value in changes.items() if code in columns},
        count=len(loaded.areas),
    )


def what_if(model: CoefficientModel, area: Area, changes: Mapping[str, float]) -> WhatIf | None:
    loaded = load_cached(model)
    row = loaded.row_of(area.pk)
    return None if row is None else what_if_loaded(loaded, row, changes)


def clean_changes(model: CoefficientModel, changes: Mapping[str, object]) -> dict[str, float]:
    """What-if values as numbers by indicator code; a ValidationError names the first bad one."""
    codes = {ind.code for ind in model.indicators.all()}
    cleaned: dict[str, float] = {}
    for code, value in changes.items():
        if code not in codes:
            raise ValidationError(_("The model has no indicator %(code)s.") % {"code": code})
        try:
            number = float(str(value).replace(",", ".").replace("\u2212", "-"))
        except ValueError as error:
            raise ValidationError(_("%(value)s is not a number.") % {"value": value}) from error
        if not math.isfinite(number):
            raise ValidationError(_("%(value)s is not a number.") % {"value": value})
        cleaned[code] = number
    return cleaned
