"""Who an area is compared with besides its region, county and country: the similar municipalities (the same
municipality group and population size class) or, for a county, the other counties; and their median."""

from __future__ import annotations

import statistics
from collections import defaultdict

from django.db import connection
from django.db.models import Aggregate, Count, FloatField, Max, Q

from hyte.indicators.models import Observation
from hyte.regions.models import Area, AreaKind

POPULATION_INDICATOR = "127"  # Sotkanet: population 31.12.
SIZE_CLASSES = (5_000, 10_000, 20_000, 50_000, 100_000)


def size_class_of(population: float | None) -> int | None:
    if population is None:
        return None
    return sum(1 for limit in SIZE_CLASSES if population >= limit)


def size_class_label(index: int | None) -> str:
    if index is None:
        return ""
    bounds = (0, *SIZE_CLASSES)
    if index >= len(SIZE_CLASSES):
        return f"{SIZE_CLASSES[-1]:,}+".replace(",", " ")
    return f"{bounds[index]:,}–{bounds[index + 1] - 1:,}".replace(",", " ")


def similar_municipalities(area: Area) -> tuple[list[Area], str]:
    """Current municipalities of the same municipality group and population size class (two queries)."""
    if area.kind != AreaKind.MUNICIPALITY or not area.municipality_group:
        return [], ""
    population = Observation.objects.filter(
        indicator__source="sotkanet",
        indicator__source_id=POPULATION_INDICATOR,
        indicator__organisation=None,
        area__kind=AreaKind.MUNICIPALITY,
        gender="total",
        age_group="",
        period="",
    )
    # The area's own latest population year: one index range, where the latest of all areas reads them all.
    latest = population.filter(area=area).aggregate(year=Max("year"))["year"]
    if latest is None:
        return [], ""
    sizes = dict(population.filter(year=latest).values_list("area_id", "value"))
    own_class = size_class_of(sizes.get(area.pk))
    if own_class is None:
        return [], ""
    candidates = (
        Area.objects.filter(
            kind=AreaKind.MUNICIPALITY, municipality_group=area.municipality_group, valid_until__isnull=True
        )
        .exclude(pk=area.pk)
        .only("id", "kind", "code", "name_fi", "name_sv", "name_en")
    )
    return [a for a in candidates if size_class_of(sizes.get(a.pk)) == own_class], size_class_label(own_class)


def fellow_counties(area: Area) -> list[Area]:
    """The other wellbeing services counties (with Helsinki and Åland), for a county's own picture."""
    if area.kind != AreaKind.COUNTY:
        return []
    return list(Area.objects.filter(kind=AreaKind.COUNTY, valid_until__isnull=True).exclude(pk=area.pk))


class _Median(Aggregate):
    """PostgreSQL's median: the mean of the two middle values for an even count, as statistics.median."""

    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def peer_medians(peers: list[Area], spans: dict[tuple[int, int], list[int]]) -> dict[int, tuple[float, int]]:
    """Indicator → (median, how many peers have a value) in the area's latest year of that indicator."""
    in_latest_year = Q(pk__in=[])
    for (_first, last), ids in spans.items():
        in_latest_year |= Q(indicator_id__in=ids, year=last)
    values = Observation.objects.filter(
        in_latest_year,
        area_id__in=[a.pk for a in peers],
        gender="total",
        age_group="",
        period="",
        value__isnull=False,
    )
    if connection.vendor == "postgresql":  # the median in the database: one row per indicator, not per peer
        grouped = values.values("indicator_id").annotate(median=_Median("value"), n=Count("value"))
        return {row["indicator_id"]: (row["median"], row["n"]) for row in grouped}
    by_indicator: dict[int, list[float]] = defaultdict(list)
    for indicator_id, value in values.values_list("indicator_id", "value"):
        if value is not None:
            by_indicator[indicator_id].append(value)
    return {i: (statistics.median(found), len(found)) for i, found in by_indicator.items()}
