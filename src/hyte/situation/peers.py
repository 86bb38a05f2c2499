"""Who an area is compared with besides its region, county and country: the similar municipalities (the same
municipality group and population size class) or, for a county, the other counties. Their median is read in
`reads.peer_medians`."""

from __future__ import annotations

from hyte.regions.models import Area, AreaKind
from hyte.situation import reads

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
    """Current municipalities of the same municipality group and population size class (three queries)."""
    if area.kind != AreaKind.MUNICIPALITY or not area.municipality_group:
        return [], ""
    # The area's own latest population year: one index range, where the latest of all areas reads them all.
    latest = reads.latest_population_year(area.pk, POPULATION_INDICATOR)
    if latest is None:
        return [], ""
    sizes = reads.municipality_populations(latest, POPULATION_INDICATOR)
    own_class = size_class_of(sizes.get(area.pk))
    if own_class is None:
        return [], ""
    candidates = reads.current_municipalities(area.municipality_group, besides=area.pk)
    peers = [a for a in candidates if size_class_of(sizes.get(a.pk)) == own_class]
    return peers, size_class_label(own_class)


def fellow_counties(area: Area) -> list[Area]:
    """The other wellbeing services counties (with Helsinki and Åland), for a county's own picture."""
    if area.kind != AreaKind.COUNTY:
        return []
    return list(Area.objects.filter(kind=AreaKind.COUNTY, valid_until__isnull=True).exclude(pk=area.pk))
