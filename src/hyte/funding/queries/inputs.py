"""Reading a model's inputs from the database: the areas it covers, their residents and every indicator's raw
values (Sotkanet observations and TEAviisari results), into the arrays `compute` works on. A fixed number of
queries whatever the number of areas."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

import numpy as np
from django.core.cache import cache
from django.db import transaction
from django.db.models import QuerySet

from hyte.funding.compute import Inputs
from hyte.funding.models import CoefficientModel, ModelIndicator, ModelKind, Scaling, SourceKind, TeaviisariValue
from hyte.indicators.models import Gender, Indicator, IndicatorSource, Observation
from hyte.regions.models import Area, AreaKind

POPULATION_INDICATOR = "127"  # Sotkanet: population 31.12.


@dataclass(frozen=True)
class Loaded:
    """A model version with its areas and inputs: what results and what-ifs are computed from."""

    model: CoefficientModel
    areas: list[Area]
    inputs: Inputs
    years: dict[str, list[int | None]]  # indicator code → the data year used for each area (None: missing)
    synthetic: bool = False  # some TEAviisari value read is the demo's invented one

    def row_of(self, area_id: int) -> int | None:
        return next((row for row, area in enumerate(self.areas) if area.pk == area_id), None)


def models_queryset() -> QuerySet[CoefficientModel]:
    return CoefficientModel.objects.prefetch_related("indicators")


def areas_of(kind: str) -> list[Area]:
    area_kind = AreaKind.MUNICIPALITY if kind == ModelKind.MUNICIPAL else AreaKind.COUNTY
    return list(Area.objects.filter(kind=area_kind, valid_until__isnull=True).order_by("name_fi", "id"))


def _series(indicator_ids: list[int], area_ids: list[int], years: set[int]) -> dict[tuple[int, int], dict[int, float]]:
    """(indicator id, area id) → year → value, for the whole population (total gender, all ages, calendar year)."""
    found: dict[tuple[int, int], dict[int, float]] = defaultdict(dict)
    if not indicator_ids or not years:
        return found
    rows = (
        Observation.objects.filter(
            indicator_id__in=indicator_ids,
            area_id__in=area_ids,
            gender=Gender.TOTAL,
            age_group="",
            period="",
            year__in=sorted(years),
            value__isnull=False,
        )
        .order_by()
        .values_list("indicator_id", "area_id", "year", "value")
    )
    for indicator_id, area_id, year, value in rows:
        if value is not None:
            found[(indicator_id, area_id)][year] = value
    return found


def _teaviisari(
    indicators: list[ModelIndicator], area_ids: list[int]
) -> tuple[dict[tuple[str, str, int], dict[int, float]], bool]:
    """(sector, item, area id) → survey year → score; and whether any of them is synthetic."""
    found: dict[tuple[str, str, int], dict[int, float]] = defaultdict(dict)
    synthetic = False
    if not indicators:
        return found, synthetic
    years = {year for ind in indicators for year in ind.data_years}
    wanted = set(area_ids)
    rows = (
        TeaviisariValue.objects.filter(
            sector__in={ind.sector for ind in indicators},
            item__in={ind.item for ind in indicators},
            dimension="",
            survey_year__in=sorted(years),
        )
        .order_by()
        .values_list("sector", "item", "area_id", "survey_year", "value", "synthetic")
    )
    for sector, item, area_id, year, value, invented in rows:
        if area_id in wanted:
            found[(sector, item, area_id)][year] = value
            synthetic = synthetic or invented
    return found, synthetic


def _latest(series: dict[int, float], years: list[int]) -> tuple[int | None, float]:
    for year in sorted(years, reverse=True):
        if year in series:
            return year, series[year]
    return None, np.nan


def sotkanet_indicators(sotkanet_ids: set[int]) -> dict[int, int]:
    """Sotkanet id → the catalogue's indicator id."""
    return {
        int(source_id): pk
        for pk, source_id in Indicator.objects.filter(
            source=IndicatorSource.SOTKANET, source_id__in=[str(i) for i in sotkanet_ids]
        ).values_list("pk", "source_id")
    }


def load(model: CoefficientModel) -> Loaded:
    """Everything a model version needs, in five queries (with the model's indicators prefetched)."""
    indicators = list(model.indicators.all())
    areas = areas_of(model.kind)
    area_ids = [area.pk for area in areas]
    country = Area.objects.filter(kind=AreaKind.COUNTRY).values_list("pk", flat=True).first()
    sotkanet = [ind for ind in indicators if ind.source == SourceKind.SOTKANET and ind.sotkanet_id is not None]
    ids = sotkanet_indicators({ind.sotkanet_id for ind in sotkanet if ind.sotkanet_id} | {127})
    years: set[int] = set()
    for ind in sotkanet:
        years.update(ind.data_years)
        if ind.scaling == Scaling.CHANGE and ind.change_years:
            years.update(year - ind.change_years for year in ind.data_years)
    population_id = ids.get(int(POPULATION_INDICATOR))
    population_years = set(range((model.population_year or 2100) - 5, (model.population_year or 2100) + 1))
    wanted = [ids[ind.sotkanet_id] for ind in sotkanet if ind.sotkanet_id in ids]
    series = _series(wanted, [*area_ids, *([country] if country else [])], years)
    population = _series([population_id] if population_id else [], area_ids, population_years)
    tea, synthetic = _teaviisari([ind for ind in indicators if ind.source == SourceKind.TEAVIISARI], area_ids)

    n, k = len(areas), len(indicators)
    current = np.full((n, k), np.nan)
    earlier = np.full((n, k), np.nan)
    country_values = np.full(k, np.nan)
    used: dict[str, list[int | None]] = {}
    for column, ind in enumerate(indicators):
        used_years: list[int | None] = []
        for row, area in enumerate(areas):
            if ind.source == SourceKind.TEAVIISARI:
                values = tea.get((ind.sector, ind.item, area.pk), {})
            else:
                indicator_id = ids.get(ind.sotkanet_id or 0)
                values = series.get((indicator_id, area.pk), {}) if indicator_id else {}
            year, value = _latest(values, ind.data_years)
            current[row, column] = value
            if year is not None and ind.change_years:
                earlier[row, column] = values.get(year - ind.change_years, np.nan)
            used_years.append(year)
        used[ind.code] = used_years
        if country and ind.source == SourceKind.SOTKANET and ind.sotkanet_id in ids:
            country_values[column] = _latest(series.get((ids[ind.sotkanet_id or 0], country), {}), ind.data_years)[1]
    residents = _residents(areas, population, population_id, model.population_year)
    inputs = Inputs(area_ids=area_ids, residents=residents, current=current, earlier=earlier, country=country_values)
    return Loaded(model=model, areas=areas, inputs=inputs, years=used, synthetic=synthetic)


def _residents(
    areas: list[Area],
    population: dict[tuple[int, int], dict[int, float]],
    population_id: int | None,
    year: int | None,
) -> np.ndarray:
    """Residents on 31 Dec of the model's year (or the latest year before it); a county without its own figure
    gets the sum of its municipalities'."""
    target = year or 2100
    candidates = list(range(target - 5, target + 1))
    residents = np.full(len(areas), np.nan)
    if population_id is None:
        return residents
    for row, area in enumerate(areas):
        residents[row] = _latest(population.get((population_id, area.pk), {}), candidates)[1]
    missing = [row for row in range(len(areas)) if np.isnan(residents[row]) and areas[row].kind == AreaKind.COUNTY]
    if missing:
        sums: dict[int, float] = defaultdict(float)
        members = Area.objects.filter(
            kind=AreaKind.MUNICIPALITY, valid_until__isnull=True, county_id__in=[areas[row].pk for row in missing]
        ).values_list("pk", "county_id")
        by_municipality = dict(members)
        extra = _series([population_id], list(by_municipality), set(candidates))
        for municipality, county in by_municipality.items():
            value = _latest(extra.get((population_id, municipality), {}), candidates)[1]
            if not np.isnan(value):
                sums[county] += value
        for row in missing:
            residents[row] = sums.get(areas[row].pk, np.nan)
    return residents


# Inputs change only when values are imported: a generation counter in the cache, bumped by every import of
# observations (the indicators' event) and of TEAviisari results, keys the loaded inputs, so a what-if reads no
# values again until something changed.
GENERATION = "funding:generation"
LOADED_SECONDS = 3600


def generation() -> int:
    return int(cache.get_or_set(GENERATION, 0) or 0)


def bump_generation(*_args: object) -> None:
    def bump() -> None:
        try:
            cache.incr(GENERATION)
        except ValueError:
            cache.set(GENERATION, 1)

    bump()
    transaction.on_commit(bump)  # and again once committed: a read in between may have cached the old values


def load_cached(model: CoefficientModel) -> Loaded:
    """`load(model)` through the cache. The model's own settings (weights, rules) are always the given ones; only
    the inputs (which depend on its indicators' sources and years, fixed per version) come from the cache."""
    key = f"funding:loaded:{model.pk}:{generation()}"
    found = cache.get(key)
    if isinstance(found, Loaded):
        return replace(found, model=model)
    loaded = load(model)
    cache.set(key, loaded, LOADED_SECONDS)
    return loaded
