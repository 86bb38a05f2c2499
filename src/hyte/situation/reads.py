"""The situation picture's reads of observations and areas, written as SQL.

The picture reads its values in a fixed number of queries whatever the number of indicators. Built through the
ORM (a Q object per span of years, joins, compilation, result iterators, model instances of only some fields)
these cost the server more Python time than the database spent answering them, so they are written here once as
parametrised SQL, the same statements the ORM wrote, with every value passed as a parameter. They run on
PostgreSQL and SQLite alike; only the median of the similar municipalities is computed in the database on
PostgreSQL alone (`percentile_cont`).

`spans` is the picture's grouping of indicators by the area's window of years: (first, last) → indicator ids.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db import connection

from hyte.indicators.models import Indicator, Observation
from hyte.regions.models import Area, AreaKind

_OBSERVATIONS = Observation._meta.db_table
_AREAS = Area._meta.db_table
_INDICATORS = Indicator._meta.db_table
# The population group every picture reads: both genders together, all ages, calendar years.
_WHOLE_POPULATION = "o.age_group = '' AND o.period = ''"

Spans = dict[tuple[int, int], list[int]]


def _placeholders(values: Sequence[Any]) -> str:
    return ", ".join(["%s"] * len(values))


def _rows(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def years_with_values(indicator_ids: Sequence[int], area_id: int) -> list[tuple[Any, ...]]:
    """(indicator, year) of every year in which the area has a value of these indicators."""
    if not indicator_ids:
        return []
    return _rows(
        f"SELECT o.indicator_id, o.year FROM {_OBSERVATIONS} o "
        f"WHERE {_WHOLE_POPULATION} AND o.area_id = %s AND o.gender = 'total' "
        f"AND o.indicator_id IN ({_placeholders(indicator_ids)}) AND o.value IS NOT NULL",
        [area_id, *indicator_ids],
    )


def window_values(spans: Spans, *, area_id: int, comparator_ids: Sequence[int]) -> list[tuple[Any, ...]]:
    """(indicator, area, gender, year, value, count, ci_low, ci_high) ordered by year: the area's own series in its
    window, and its comparators' (gender total) and its own genders' values in the window's last year."""
    conditions, params = [], []
    for (first, last), ids in spans.items():
        at_latest = ["o.area_id = %s AND o.gender IN ('male', 'female')"]
        latest_params: list[Any] = [area_id]
        if comparator_ids:
            at_latest.insert(0, f"o.area_id IN ({_placeholders(comparator_ids)}) AND o.gender = 'total'")
            latest_params[:0] = comparator_ids
        conditions.append(
            f"(o.indicator_id IN ({_placeholders(ids)}) AND ("
            "(o.area_id = %s AND o.gender = 'total' AND o.year >= %s AND o.year <= %s) "
            f"OR (o.year = %s AND ({' OR '.join(f'({c})' for c in at_latest)}))))"
        )
        params += [*ids, area_id, first, last, last, *latest_params]
    if not conditions:
        return []
    return _rows(
        "SELECT o.indicator_id, o.area_id, o.gender, o.year, o.value, o.absolute_value, o.ci_low, o.ci_high "
        f"FROM {_OBSERVATIONS} o WHERE ({' OR '.join(conditions)}) AND {_WHOLE_POPULATION} ORDER BY o.year",
        params,
    )


def peer_medians(peer_ids: Sequence[int], spans: Spans) -> dict[int, tuple[float, int]]:
    """Indicator → (median, how many peers have a value) in the area's latest year of that indicator."""
    if not peer_ids or not spans:
        return {}
    conditions, params = [], []
    for (_first, last), ids in spans.items():
        conditions.append(f"(o.indicator_id IN ({_placeholders(ids)}) AND o.year = %s)")
        params += [*ids, last]
    where = (
        f"({' OR '.join(conditions)}) AND {_WHOLE_POPULATION} AND o.area_id IN ({_placeholders(peer_ids)}) "
        "AND o.gender = 'total' AND o.value IS NOT NULL"
    )
    params += peer_ids
    if connection.vendor == "postgresql":  # the median in the database: one row per indicator, not per peer
        rows = _rows(
            "SELECT o.indicator_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY o.value), COUNT(o.value) "
            f"FROM {_OBSERVATIONS} o WHERE {where} GROUP BY o.indicator_id",
            params,
        )
        return {indicator_id: (median, n) for indicator_id, median, n in rows}
    by_indicator: dict[int, list[float]] = defaultdict(list)
    for indicator_id, value in _rows(f"SELECT o.indicator_id, o.value FROM {_OBSERVATIONS} o WHERE {where}", params):
        by_indicator[indicator_id].append(value)
    return {i: (statistics.median(found), len(found)) for i, found in by_indicator.items()}


_POPULATION = (
    f"FROM {_OBSERVATIONS} o JOIN {_AREAS} a ON o.area_id = a.id JOIN {_INDICATORS} i ON o.indicator_id = i.id "
    f"WHERE {_WHOLE_POPULATION} AND a.kind = %s AND o.gender = 'total' AND i.organisation_id IS NULL "
    "AND i.source = 'sotkanet' AND i.source_id = %s"
)


def latest_population_year(area_id: int, population_indicator: str) -> int | None:
    """The area's latest year with a population (Sotkanet's indicator `population_indicator`)."""
    rows = _rows(
        f"SELECT MAX(o.year) {_POPULATION} AND o.area_id = %s",
        [AreaKind.MUNICIPALITY.value, population_indicator, area_id],
    )
    return rows[0][0] if rows else None


def municipality_populations(year: int, population_indicator: str) -> dict[int, float | None]:
    """Every municipality's population in `year`: area id → value."""
    rows = _rows(
        f"SELECT o.area_id, o.value {_POPULATION} AND o.year = %s",
        [AreaKind.MUNICIPALITY.value, population_indicator, year],
    )
    return dict(rows)


# Areas as the picture needs them: every column (a model instance of only some fields is slower to build).
_AREA_COLUMNS = ", ".join(f"a.{f.column}" for f in Area._meta.concrete_fields)


def country() -> Area | None:
    """The whole country (the first by the areas' order, as `Area.objects.filter(kind=COUNTRY).first()`)."""
    found = Area.objects.raw(
        f"SELECT {_AREA_COLUMNS} FROM {_AREAS} a WHERE a.kind = %s ORDER BY a.kind, a.name_fi LIMIT 1",
        [AreaKind.COUNTRY.value],
    )
    return next(iter(found), None)


def current_municipalities(group: str, *, besides: int) -> list[Area]:
    """The current municipalities of the municipality group `group` but `besides`, in the areas' order."""
    return list(
        Area.objects.raw(
            f"SELECT {_AREA_COLUMNS} FROM {_AREAS} a WHERE a.kind = %s AND a.municipality_group = %s "
            "AND a.valid_until IS NULL AND NOT (a.id = %s) ORDER BY a.kind, a.name_fi",
            [AreaKind.MUNICIPALITY.value, group, besides],
        )
    )
