"""The gap view by village or district: an area's current activities by theme × place (`Activity.place`), for
one age group or all.

Places are compared without regard to case or spacing ("Karihaara", " karihaara ", "KARIHAARA" are one column,
headed by the spelling most activities use). An online activity counts in the "online" column, and in its place's
too if it also names one; an activity that names no place and is not online counts under "no village or district
given". In a county the places are its municipalities' (the same village name in two municipalities is two
columns). There are no population figures by village in the data, so this view counts without rates.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

from hyte.accounts.models import Organisation, OrganisationKind
from hyte.actors.gaps import Current, read_current
from hyte.actors.models import Theme, WelfareConcept
from hyte.actors.queries import place_key
from hyte.regions.models import Area

ONLINE = "online"
NO_PLACE = "none"


@dataclass(frozen=True)
class Column:
    kind: str  # "place", ONLINE or NO_PLACE
    label: str = ""  # the place as most activities spell it
    area_code: str = ""  # in a county, the municipality's code
    area_name: str = ""

    def query(self) -> dict[str, str]:
        """The register list's filters for this column."""
        if self.kind != "place":
            return {"where": self.kind}
        found = {"place": self.label}
        if self.area_code:
            found["municipality"] = self.area_code
        return found


@dataclass(frozen=True)
class PlaceCell:
    count: int
    link: str  # the register list's query string for the activities counted here


@dataclass(frozen=True)
class PlaceRow:
    theme: Theme | None  # None: all themes
    cells: list[PlaceCell]
    total: int


@dataclass(frozen=True)
class PlaceGaps:
    concept: WelfareConcept
    age_group: str
    columns: list[Column]
    rows: list[PlaceRow]
    activities: int  # current activities in the area (of the age group chosen)


def _columns(found: Current, *, by_municipality: bool) -> tuple[list[Column], dict[tuple[int, str], int]]:
    """The place columns in order, and each (area, place key)'s column index."""
    spellings: dict[tuple[int, str], Counter[str]] = {}
    for activity in found.activities:
        key = place_key(activity.place)
        if key:
            area = activity.area_id if by_municipality else 0
            spellings.setdefault((area, key), Counter())[" ".join(activity.place.split())] += 1
    names = {}
    if by_municipality:
        names = {a.pk: a for a in Area.objects.filter(pk__in={area for area, _key in spellings})}
    columns: list[tuple[tuple[str, str], Column, tuple[int, str]]] = []
    for (area_id, key), counts in spellings.items():
        label = min(counts, key=lambda s: (-counts[s], s.isupper() or s.islower(), s))
        municipality = names.get(area_id)
        column = Column(
            "place", label, municipality.code if municipality else "", municipality.name if municipality else ""
        )
        columns.append(((column.area_name.casefold(), key), column, (area_id, key)))
    columns.sort(key=lambda entry: entry[0])
    index = {where: i for i, (_sort, _column, where) in enumerate(columns)}
    return [column for _sort, column, _where in columns] + [Column(ONLINE), Column(NO_PLACE)], index


def places_of(organisation: Organisation, *, age_group: str = "", found: Current | None = None) -> PlaceGaps:
    found = found or read_current(organisation)
    by_municipality = organisation.kind == OrganisationKind.COUNTY
    # The columns are every place with current activities, so that a village with nothing for the age group chosen
    # shows as an empty column rather than not at all.
    columns, index = _columns(found, by_municipality=by_municipality)
    activities = [a for a in found.activities if not age_group or age_group in a.age_groups]
    online, none = len(columns) - 2, len(columns) - 1
    memo: dict[frozenset[int], set[int]] = {}
    counts: Counter[tuple[int | None, int]] = Counter()  # (theme id or None for all, column)
    totals: Counter[int | None] = Counter()
    for activity in activities:
        if activity.themes not in memo:
            memo[activity.themes] = found.counted_under(activity)
        where = []
        key = place_key(activity.place)
        if key:
            where.append(index[(activity.area_id if by_municipality else 0, key)])
        if activity.online:
            where.append(online)
        if not where:
            where.append(none)
        for row in [None, *memo[activity.themes]]:
            totals[row] += 1
            for column in where:
                counts[(row, column)] += 1
    themes: list[Theme | None] = [*found.rows, None]

    def cell(theme: Theme | None, i: int) -> PlaceCell:
        query = {**({"theme": theme.code} if theme else {}), **columns[i].query()}
        if age_group:
            query["age"] = age_group
        return PlaceCell(counts[(theme.pk if theme else None, i)], urlencode(query))

    rows = [
        PlaceRow(theme, [cell(theme, i) for i in range(len(columns))], totals[theme.pk if theme else None])
        for theme in themes
    ]
    return PlaceGaps(found.concept, age_group, columns, rows, len(activities))
