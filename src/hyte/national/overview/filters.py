"""Filtering and sorting the overview's rows by the reader's choices (the page's form, the exports' query)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from hyte.national.overview.rows import Row
from hyte.regions.models import AreaKind

# Size bands by population (the latest year in the data).
SIZES: dict[str, tuple[Any, float, float]] = {
    "s": (_("under 5,000 residents"), 0, 5000),
    "m": (_("5,000–19,999 residents"), 5000, 20000),
    "l": (_("20,000–99,999 residents"), 20000, 100000),
    "xl": (_("100,000 residents or more"), 100000, float("inf")),
}
SORTS: dict[str, Callable[[Row], Any]] = {
    "name": lambda row: row.area.name.lower(),
    "county": lambda row: (row.county.name.lower() if row.county else "", row.area.name.lower()),
    "population": lambda row: (row.population is None, -(row.population or 0)),
    "plan": lambda row: (row.plan is None, row.plan.status if row.plan else "", row.area.name.lower()),
    "person_years": lambda row: (row.person_years is None, -(row.person_years or 0)),
}


@dataclass
class Choices:
    kind: str = AreaKind.MUNICIPALITY
    county: str = ""
    group: str = ""
    size: str = ""
    sort: str = "name"

    @classmethod
    def of(cls, query: QueryDict) -> Choices:
        kind = query.get("kind", AreaKind.MUNICIPALITY)
        return cls(
            kind=kind if kind in (AreaKind.MUNICIPALITY, AreaKind.COUNTY) else AreaKind.MUNICIPALITY,
            county=query.get("county", "")[:10],
            group=query.get("group", "")[:20],
            size=query.get("size", "") if query.get("size", "") in SIZES else "",
            sort=query.get("sort", "name") if query.get("sort", "name") in SORTS else "name",
        )

    def apply(self, rows: list[Row]) -> list[Row]:
        chosen = [row for row in rows if row.area.kind == self.kind]
        if self.county:
            chosen = [row for row in chosen if (row.county.code if row.county else row.area.code) == self.county]
        if self.group and self.kind == AreaKind.MUNICIPALITY:
            chosen = [row for row in chosen if row.area.municipality_group == self.group]
        if self.size:
            _label, low, high = SIZES[self.size]
            chosen = [row for row in chosen if row.population is not None and low <= row.population < high]
        return sorted(chosen, key=SORTS[self.sort])
