"""The gap view: an area's current activities counted by theme × age group, with each age group's population as
the denominator, so that a coordinator sees where nothing, or too little, is on offer. Current: published, not
hidden, not ended. The themes are those of the area's welfare concept; activities tagged in another concept
count through the mapping (concepts.py). A fixed number of queries, whatever the number of activities.

A cell is a **gap** when no activity counts in it, and **thin** when only one does (THIN) or when, where the age
group's population is known, there are fewer than THIN_PER_10000 activities per 10,000 people of the age group
(three exercise groups for 40,000 older people are thin; one for a village is thin because it is one).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Q

from hyte.accounts.models import Organisation
from hyte.actors.concepts import ThemeMap, concept_for
from hyte.actors.models import Activity, AgeGroup, Theme, WelfareConcept
from hyte.actors.population import Population, populations
from hyte.actors.queries import area_scope
from hyte.core import clock
from hyte.regions.models import Area

THIN = 1  # a cell with at most this many activities is thin; none is a gap
THIN_PER_10000 = 1.0  # … and so is one with fewer activities than this per 10,000 people of the age group
PER = 10_000


@dataclass(frozen=True)
class Cell:
    theme: str  # the theme's code, for the drill-down
    age_group: str
    count: int
    rate: float | None = None  # activities per 10,000 people of the age group; None without its population

    @property
    def state(self) -> str:
        if self.count == 0:
            return "gap"
        if self.count <= THIN or (self.rate is not None and self.rate < THIN_PER_10000):
            return "thin"
        return "ok"


@dataclass(frozen=True)
class Row:
    theme: Theme
    cells: list[Cell]
    total: int  # activities of the theme (an activity for two age groups counts once)


@dataclass(frozen=True)
class CurrentActivity:
    pk: int
    age_groups: tuple[str, ...]
    area_id: int
    place: str
    online: bool
    themes: frozenset[int]


@dataclass(frozen=True)
class Current:
    """An area's current activities with what the views count them by."""

    concept: WelfareConcept
    theme_map: ThemeMap
    activities: list[CurrentActivity]

    @property
    def rows(self) -> list[Theme]:
        return self.theme_map.of_concept(self.concept.pk)

    def counted_under(self, activity: CurrentActivity) -> set[int]:
        return self.theme_map.counted_under(self.concept.pk, activity.themes)

    @property
    def through_mapping(self) -> int:
        """Activities with a theme of another concept, counted through the mapping."""
        themes = self.theme_map.themes
        return sum(1 for a in self.activities if any(themes[t].concept_id != self.concept.pk for t in a.themes))


@dataclass(frozen=True)
class Gaps:
    concept: WelfareConcept
    age_groups: list[tuple[str, str]]
    populations: list[Population]  # in the order of age_groups
    total_population: Population
    rows: list[Row]
    activities: int  # current activities in the area
    through_mapping: int  # of them, counted through the mapping from another concept

    @property
    def gap_count(self) -> int:
        return sum(1 for row in self.rows for cell in row.cells if cell.state == "gap")

    @property
    def population_known(self) -> bool:
        return any(p.known for p in self.populations)


def current(organisation: Organisation) -> Q:
    today = clock.now().date()
    return (
        Q(area_id__in=Area.objects.filter(area_scope(organisation)).values("pk"))
        & Q(is_published=True, is_hidden=False)
        & (Q(ends_on__isnull=True) | Q(ends_on__gte=today))
    )


def read_current(organisation: Organisation) -> Current:
    """The area's current activities, their themes and the concept to count them by (six queries at most)."""
    concept = concept_for(organisation)
    found = Activity.objects.filter(current(organisation))
    themes: dict[int, set[int]] = {}
    for activity_id, theme_id in Activity.themes.through.objects.filter(activity__in=found).values_list(
        "activity_id", "theme_id"
    ):
        themes.setdefault(activity_id, set()).add(theme_id)
    activities = [
        CurrentActivity(pk, tuple(ages or ()), area_id, place, online, frozenset(themes.get(pk, ())))
        for pk, ages, area_id, place, online in found.values_list("pk", "age_groups", "area_id", "place", "online")
    ]
    return Current(concept=concept, theme_map=ThemeMap.load(), activities=activities)


def gaps_of(organisation: Organisation, found: Current | None = None) -> Gaps:
    found = found or read_current(organisation)
    by_cell: Counter[tuple[int, str]] = Counter()
    by_theme: Counter[int] = Counter()
    memo: dict[frozenset[int], set[int]] = {}
    for activity in found.activities:
        if activity.themes not in memo:
            memo[activity.themes] = found.counted_under(activity)
        for theme_id in memo[activity.themes]:
            by_theme[theme_id] += 1
            for age in activity.age_groups:
                by_cell[(theme_id, age)] += 1
    age_groups = [(str(value), str(label)) for value, label in AgeGroup.choices]
    by_age, total = populations(organisation.area)
    per_age = {p.age_group: p for p in by_age}

    def rate(count: int, age: str) -> float | None:
        people = per_age[age].count
        return count * PER / people if people else None

    rows = [
        Row(
            theme=theme,
            cells=[
                Cell(theme.code, age, by_cell[(theme.pk, age)], rate(by_cell[(theme.pk, age)], age))
                for age, _label in age_groups
            ],
            total=by_theme[theme.pk],
        )
        for theme in found.rows
    ]
    return Gaps(
        concept=found.concept,
        age_groups=age_groups,
        populations=by_age,
        total_population=total,
        rows=rows,
        activities=len(found.activities),
        through_mapping=found.through_mapping,
    )
