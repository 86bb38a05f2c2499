"""A county's municipalities side by side: every current municipality of the county (from the public data,
whether or not it uses Hyte) × the chosen indicators, each value judged against the county's own value, sortable
and exportable. A fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from hyte.indicators.models import Indicator, Observation
from hyte.regions.models import Area, AreaKind
from hyte.situation import stats
from hyte.situation.display import comparison_class, comparison_text
from hyte.situation.picture import NOT_COMPARED


@dataclass
class Cell:
    value: float | None
    result: stats.Comparison
    decimals: int = 1

    @property
    def css(self) -> str:
        return comparison_class(self.result)

    @property
    def text(self) -> str:
        return comparison_text(self.result)


@dataclass
class MunicipalityRow:
    area: Area
    cells: list[Cell] = field(default_factory=list)


@dataclass
class Column:
    indicator: Indicator
    year: int | None
    county_value: float | None
    country_value: float | None = None


@dataclass
class CountyTable:
    county: Area
    columns: list[Column]
    rows: list[MunicipalityRow]


def county_table(
    county: Area,
    indicators: list[Indicator],
    *,
    sort: int | None = None,
    descending: bool = True,
    only: Sequence[int] | None = None,
) -> CountyTable:
    """`only`: these municipalities (area ids) rather than all of the county's, e.g. those in a negotiation."""
    current = Area.objects.filter(kind=AreaKind.MUNICIPALITY, county=county, valid_until__isnull=True)
    if only is not None:
        current = current.filter(pk__in=only)
    municipalities = list(current.order_by("name_fi"))
    wanted = [m.pk for m in municipalities] + [county.pk]
    country = Area.objects.filter(kind=AreaKind.COUNTRY)  # a subquery of the one below, not a query of its own
    values: dict[tuple[int, int], dict[int, tuple[float | None, float | None, float | None, float | None]]]
    values = defaultdict(dict)
    countries: dict[int, dict[int, float | None]] = defaultdict(dict)
    own = set(wanted)
    for indicator_id, area_id, year, value, count, low, high in Observation.objects.filter(
        Q(area_id__in=wanted) | Q(area__in=country),
        indicator__in=indicators,
        gender="total",
        age_group="",
        period="",
    ).values_list("indicator_id", "area_id", "year", "value", "absolute_value", "ci_low", "ci_high"):
        if area_id in own:
            values[(indicator_id, area_id)][year] = (value, count, low, high)
        else:
            countries[indicator_id][year] = value
    columns = []
    for indicator in indicators:
        years = [y for m in municipalities for y, v in values[(indicator.pk, m.pk)].items() if v[0] is not None]
        latest = max(years) if years else None
        county_value = values[(indicator.pk, county.pk)].get(latest, (None, None, None, None))[0] if latest else None
        country_value = countries[indicator.pk].get(latest) if latest else None
        columns.append(Column(indicator, latest, county_value, country_value))
    rows = []
    for municipality in municipalities:
        row = MunicipalityRow(municipality)
        for column in columns:
            indicator = column.indicator
            value, count, low, high = values[(indicator.pk, municipality.pk)].get(
                column.year or 0, (None, None, None, None)
            )
            intervals = [
                stats.value_interval(
                    value=value, count=count, value_type=indicator.value_type, ci_low=low, ci_high=high, confidence=c
                )
                for c in (0.95, 0.998)
            ]
            row.cells.append(
                Cell(
                    value,
                    stats.compare(
                        value=value,
                        interval=intervals[0],
                        interval_998=intervals[1],
                        benchmark=column.county_value,
                        polarity=indicator.judged_polarity,
                        comparable=indicator.value_type not in NOT_COMPARED,
                    ),
                    indicator.decimals,
                )
            )
        rows.append(row)
    index = next((i for i, c in enumerate(columns) if c.indicator.pk == sort), None)
    if index is not None:
        known = [r for r in rows if r.cells[index].value is not None]
        unknown = [r for r in rows if r.cells[index].value is None]
        known.sort(key=lambda r: r.cells[index].value or 0.0, reverse=descending)
        rows = known + unknown
    return CountyTable(county, columns, rows)


def county_records(table: CountyTable) -> list[dict[str, Any]]:
    """Flat records for the CSV export: one per municipality, a value and a judgement per indicator."""
    records = []
    for row in table.rows:
        record: dict[str, Any] = {"municipality_code": row.area.code, "municipality": row.area.name}
        for column, cell in zip(table.columns, row.cells, strict=True):
            key = column.indicator.source_id or str(column.indicator.pk)
            record[f"{key}_value"] = cell.value
            record[f"{key}_year"] = column.year
            record[f"{key}_compared_with_county"] = cell.result.judgement
        records.append(record)
    return records
