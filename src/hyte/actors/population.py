"""The population of each age group of an area, the gap view's denominator, from the Sotkanet values Hyte holds.

Sotkanet publishes the population at year end (indicator 127) and each age band's share of it (% of the
population), so an age group's population is the total × the sum of its bands' shares / 100, taken from the
latest year that has the total and every share for the area. The age groups are THL's usual bands:

| age group | ages | Sotkanet indicators | else |
|---|---|---|---|
| children and families | 0–15 | 7 (0–6 %) + 167 (7–15 %) | 0–17: 1065 |
| young people | 16–24 | 168 | |
| working age | 25–64 | 169 | 16–64: 1280 |
| older people | 65+ | 1068 | 170 (65–74 %) + 171 (75+ %) |

The first definition with data wins, and the page says which ages and which year a figure is (the fallbacks
overlap the neighbouring group). A county uses its own values where Sotkanet has them, else the sum of its current
municipalities' when every one of them has the figure by the same definition (each its latest year). Where
nothing fits, the figure is missing and the view says so; the counts stay.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from hyte.actors.models import AgeGroup
from hyte.indicators.models import Observation
from hyte.regions.models import Area, AreaKind

TOTAL = "127"  # Väestö 31.12.


@dataclass(frozen=True)
class Definition:
    ages: str
    shares: tuple[str, ...]  # Sotkanet ids of the age bands' shares (% of the population)


DEFINITIONS: dict[str, tuple[Definition, ...]] = {
    AgeGroup.CHILDREN: (Definition("0–15", ("7", "167")), Definition("0–17", ("1065",))),
    AgeGroup.YOUNG: (Definition("16–24", ("168",)),),
    AgeGroup.WORKING_AGE: (Definition("25–64", ("169",)), Definition("16–64", ("1280",))),
    AgeGroup.OLDER: (Definition("65+", ("1068",)), Definition("65+", ("170", "171"))),
}
NEEDED = sorted({TOTAL, *(i for options in DEFINITIONS.values() for d in options for i in d.shares)}, key=int)


@dataclass(frozen=True)
class Population:
    age_group: str
    count: int | None = None  # None: no figure for the area
    ages: str = ""
    year: str = ""  # one year, or a range where a county's municipalities' latest years differ
    indicators: tuple[str, ...] = ()

    @property
    def known(self) -> bool:
        return bool(self.count)


# (sotkanet id, area id) → {year: value}
Values = dict[tuple[str, int], dict[int, float]]


def _values(area_ids: list[int]) -> Values:
    rows = Observation.objects.filter(
        indicator__source="sotkanet",
        indicator__organisation__isnull=True,
        indicator__source_id__in=NEEDED,
        area_id__in=area_ids,
        gender="total",
        age_group="",
        period="",
        value__isnull=False,
    ).values_list("indicator__source_id", "area_id", "year", "value")
    found: Values = defaultdict(dict)
    for source_id, area_id, year, value in rows:
        if value is not None:
            found[(source_id, area_id)][year] = value
    return found


def _figure(values: Values, area_id: int, definition: Definition) -> tuple[int, int] | None:
    """(year, population) from the latest year with the total and every share; None without one."""
    series = [values.get((TOTAL, area_id), {}), *(values.get((s, area_id), {}) for s in definition.shares)]
    years = set(series[0]).intersection(*(set(s) for s in series[1:]))
    if not years:
        return None
    year = max(years)
    share = sum(s[year] for s in series[1:])
    return year, round(series[0][year] * share / 100)


def _for_area(values: Values, area_id: int, age_group: str) -> Population | None:
    for definition in DEFINITIONS[age_group]:
        figure = _figure(values, area_id, definition)
        if figure is not None:
            return Population(age_group, figure[1], definition.ages, str(figure[0]), (TOTAL, *definition.shares))
    return None


def _summed(values: Values, municipality_ids: list[int], age_group: str) -> Population | None:
    for definition in DEFINITIONS[age_group]:
        figures = [_figure(values, pk, definition) for pk in municipality_ids]
        if municipality_ids and all(figures):
            years = sorted({f[0] for f in figures if f})
            span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
            total = sum(f[1] for f in figures if f)
            return Population(age_group, total, definition.ages, span, (TOTAL, *definition.shares))
    return None


def _total(values: Values, area_ids: list[int]) -> Population:
    series = [values.get((TOTAL, pk), {}) for pk in area_ids]
    if not area_ids or not all(series):
        return Population("")
    years = sorted({max(s) for s in series})
    span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    return Population("", round(sum(s[max(s)] for s in series)), "", span, (TOTAL,))


def populations(area: Area | None) -> tuple[list[Population], Population]:
    """Each age group's population in the area, in AgeGroup's order, and the whole population (two queries)."""
    if area is None:
        return [Population(age_group) for age_group in AgeGroup.values], Population("")
    municipalities: list[int] = []
    if area.kind == AreaKind.COUNTY:
        municipalities = list(
            Area.objects.filter(county=area, kind=AreaKind.MUNICIPALITY, valid_until__isnull=True).values_list(
                "pk", flat=True
            )
        )
    values = _values([area.pk, *municipalities])
    found = []
    for age_group in AgeGroup.values:
        own = _for_area(values, area.pk, age_group)
        found.append(own or _summed(values, municipalities, age_group) or Population(age_group))
    total = _total(values, [area.pk])
    if not total.known and municipalities:
        total = _total(values, municipalities)
    return found, total
