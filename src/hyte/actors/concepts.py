"""Welfare concepts: which one an area uses, and how the themes of different concepts meet.

- An area uses its own choice (`AreaConcept`), else its county's, else the default concept (THL's hyte themes).
  A choice is made by the area's coordinators (concept_services.py); an activity keeps its themes when it changes.
- Every theme has a *footprint* in the default concept: a default theme is its own footprint; another concept's
  theme has the default themes it `maps_to`.
- A theme R of the area's concept **counts** an activity when the activity has R itself, or has a theme of another
  concept whose footprint shares a default theme with R's. So an activity tagged "Physical activity" (THL) counts
  under Pohjois-Pohjanmaa's "Own choices, lifestyle and health" and "Meaningful pastimes, culture and nature"
  (both map to it), and one tagged "Being heard and accepted" counts under THL's "Inclusion and participation".
  The gap view, the register's and the finder's theme filter and the search document all follow this rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import F, FilteredRelation, Q

from hyte.accounts.models import Organisation
from hyte.actors.models import AreaConcept, Theme, WelfareConcept
from hyte.regions.models import Area


def default_concept() -> WelfareConcept:
    return WelfareConcept.objects.get(is_default=True)


def concept_for_area(area: Area) -> WelfareConcept:
    """The concept used in an area: its own choice, else its county's, else the default (one query: the default
    and the concepts chosen for the area or its county, each with the area it was chosen for)."""
    ids = [area.pk] if area.county_id is None else [area.pk, area.county_id]
    found = (
        WelfareConcept.objects.annotate(chosen=FilteredRelation("areas", condition=Q(areas__area_id__in=ids)))
        .filter(Q(is_default=True) | Q(chosen__isnull=False))
        .annotate(chosen_for=F("chosen__area_id"))
    )
    by_area = {concept.chosen_for: concept for concept in found}
    return by_area.get(area.pk) or by_area.get(area.county_id) or next(c for c in by_area.values() if c.is_default)


def concept_ids_of_areas(area_ids: set[int]) -> dict[int, int]:
    """Each area's concept id by the same rule as `concept_for_area`, for many areas in three queries."""
    areas = dict(Area.objects.filter(pk__in=area_ids).values_list("pk", "county_id"))
    counties = {county for county in areas.values() if county is not None}
    chosen = dict(AreaConcept.objects.filter(area_id__in=set(areas) | counties).values_list("area_id", "concept_id"))
    default = WelfareConcept.objects.get(is_default=True).pk if areas else 0
    return {pk: chosen.get(pk) or chosen.get(county or 0) or default for pk, county in areas.items()}


def concept_for(organisation: Organisation) -> WelfareConcept:
    """The concept of an organisation's register: its area's (an NGO's is its municipality's)."""
    return concept_for_area(organisation.area) if organisation.area is not None else default_concept()


def own_choice(area: Area) -> AreaConcept | None:
    return AreaConcept.objects.filter(area=area).select_related("concept").first()


def concepts() -> list[WelfareConcept]:
    return list(WelfareConcept.objects.order_by("-is_default", "name_fi"))


@dataclass(frozen=True)
class ThemeMap:
    """Every theme and its footprint in the default concept: two queries, then answers without any."""

    themes: dict[int, Theme]
    maps_to: dict[int, frozenset[int]]

    @classmethod
    def load(cls) -> ThemeMap:
        themes = {theme.pk: theme for theme in Theme.objects.select_related("concept")}
        pairs: dict[int, set[int]] = {}
        for from_id, to_id in Theme.maps_to.through.objects.values_list("from_theme_id", "to_theme_id"):
            pairs.setdefault(from_id, set()).add(to_id)
        return cls(themes=themes, maps_to={pk: frozenset(to) for pk, to in pairs.items()})

    def of_concept(self, concept_id: int) -> list[Theme]:
        found = [theme for theme in self.themes.values() if theme.concept_id == concept_id]
        return sorted(found, key=lambda theme: (theme.position, theme.code))

    def by_code(self, concept_id: int, code: str) -> Theme | None:
        return next((t for t in self.themes.values() if t.concept_id == concept_id and t.code == code), None)

    def footprint(self, theme_id: int) -> frozenset[int]:
        theme = self.themes.get(theme_id)
        if theme is None:
            return frozenset()
        return frozenset({theme_id}) if theme.concept.is_default else self.maps_to.get(theme_id, frozenset())

    def counted_under(self, concept_id: int, theme_ids: Iterable[int]) -> set[int]:
        """The themes of the concept under which an activity with these themes counts."""
        rows: set[int] = set()
        for theme_id in theme_ids:
            theme = self.themes.get(theme_id)
            if theme is None:
                continue
            if theme.concept_id == concept_id:
                rows.add(theme_id)
                continue
            footprint = self.footprint(theme_id)
            rows |= {row.pk for row in self.of_concept(concept_id) if self.footprint(row.pk) & footprint}
        return rows

    def matching(self, concept_id: int, row_id: int) -> set[int]:
        """The themes whose activities count under the concept's theme `row_id`: itself and, from other
        concepts, those whose footprint meets its."""
        footprint = self.footprint(row_id)
        return {row_id} | {
            theme.pk
            for theme in self.themes.values()
            if theme.concept_id != concept_id and self.footprint(theme.pk) & footprint
        }

    def national(self, theme_ids: Iterable[int]) -> list[Theme]:
        """The default concept's themes that these themes stand for (their footprints): THL's terms, for
        national views and exports."""
        wanted: set[int] = set()
        for theme_id in theme_ids:
            wanted |= self.footprint(theme_id)
        return sorted((self.themes[pk] for pk in wanted), key=lambda theme: (theme.position, theme.code))
