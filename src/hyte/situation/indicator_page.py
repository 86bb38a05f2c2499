"""One indicator for one area: its series beside the region, the county, the whole country and the median of
similar municipalities; the municipalities ranked with their quintile among all of Finland's municipalities; a
funnel plot where counts make one possible; the gap between men and women; the definition and when the data were
updated. A fixed number of queries."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from hyte.core.formats import format_number
from hyte.indicators.models import Indicator, Observation
from hyte.indicators.queries import comparison_areas, series_table
from hyte.regions.models import Area, AreaKind
from hyte.situation import charts, picture, stats
from hyte.situation.funnel_chart import FunnelPoint, funnel_chart
from hyte.situation.queries import ranking

TOTAL = {"gender": "total", "age_group": "", "period": ""}


@dataclass(frozen=True)
class GenderGap:
    men: float
    women: float
    gap: stats.Gap | None  # None where the values have no intervals to test the difference with


def _similar_median(indicator: Indicator, peers: list[Area]) -> list[tuple[int, float | None]]:
    if not peers:
        return []
    by_year: dict[int, list[float]] = defaultdict(list)
    for year, value in Observation.objects.filter(
        indicator=indicator, area__in=peers, value__isnull=False, **TOTAL
    ).values_list("year", "value"):
        if value is not None:
            by_year[year].append(value)
    return [(year, statistics.median(values)) for year, values in sorted(by_year.items())]


def _quintiles(indicator: Indicator, year: int | None) -> dict[int, int | None]:
    """Each current municipality's quintile among all of Finland's in `year` (quintile 1: the highest values)."""
    if year is None:
        return {}
    values = dict(
        Observation.objects.filter(
            indicator=indicator, year=year, area__kind=AreaKind.MUNICIPALITY, area__valid_until__isnull=True, **TOTAL
        ).values_list("area_id", "value")
    )
    return stats.quantiles(values, 5)


def _gender_gap(row: picture.IndicatorRow, indicator: Indicator, area: Area) -> GenderGap | None:
    if row.latest is None:
        return None
    found = {
        gender: (value, count, low, high)
        for gender, value, count, low, high in Observation.objects.filter(
            indicator=indicator, area=area, year=row.latest.year, gender__in=("male", "female"), age_group="", period=""
        ).values_list("gender", "value", "absolute_value", "ci_low", "ci_high")
    }
    if "male" not in found or "female" not in found or found["male"][0] is None or found["female"][0] is None:
        return None
    intervals = [
        stats.value_interval(value=v, count=n, value_type=indicator.value_type, ci_low=lo, ci_high=hi)
        for v, n, lo, hi in (found["male"], found["female"])
    ]
    men, women = found["male"][0], found["female"][0]
    if intervals[0] is None or intervals[1] is None:
        return GenderGap(men, women, None)
    return GenderGap(men, women, stats.gap(men, intervals[0], women, intervals[1]))


def _funnel(indicator: Indicator, area: Area, rows: list[dict[str, Any]], year: int | None) -> dict[str, Any] | None:
    """Municipalities by value and size against the county's (or the country's) value, where counts are known."""
    multiplier = stats.MULTIPLIERS.get(indicator.value_type)
    if multiplier is None or year is None or not rows:
        return None
    counts = dict(
        Observation.objects.filter(indicator=indicator, year=year, area__in=[r["area"] for r in rows], **TOTAL)
        .exclude(absolute_value__isnull=True)
        .values_list("area_id", "absolute_value")
    )
    points = []
    for row in rows:
        n = stats.denominator_of(value=row["value"], count=counts.get(row["area"].pk), value_type=indicator.value_type)
        if n is not None:
            points.append(FunnelPoint(row["area"].name, n, row["value"], highlight=row["area"].pk == area.pk))
    benchmark_area = area.county if area.kind == AreaKind.MUNICIPALITY and area.county else None
    benchmark = (
        Observation.objects.filter(indicator=indicator, area=benchmark_area, year=year, **TOTAL)
        .values_list("value", flat=True)
        .first()
        if benchmark_area
        else None
    )
    if len(points) < 3 or benchmark is None or benchmark_area is None:
        return None
    sizes = sorted({p.denominator for p in points})
    grid = [sizes[0] * (sizes[-1] / sizes[0]) ** (i / 40) for i in range(41)] if sizes[-1] > sizes[0] else sizes

    def limits(n: float) -> tuple[float, float, float, float, float]:
        if indicator.value_type == "percent":
            low95, high95 = stats.proportion_funnel(benchmark / 100, n)
            low998, high998 = stats.proportion_funnel(benchmark / 100, n, 0.998)
            return n, low95 * 100, high95 * 100, low998 * 100, high998 * 100
        low95, high95 = stats.rate_funnel(benchmark, n, multiplier)
        low998, high998 = stats.rate_funnel(benchmark, n, multiplier, 0.998)
        return n, low95, high95, low998, high998

    rows_out = []
    for point in sorted(points, key=lambda p: p.denominator):
        _n, low95, high95, low998, high998 = limits(point.denominator)
        outside = not low95 <= point.value <= high95
        clear = not low998 <= point.value <= high998
        rows_out.append({"point": point, "outside": outside, "clear": clear})
    return {
        "benchmark_area": benchmark_area,
        "benchmark": benchmark,
        "rows": rows_out,
        "chart": funnel_chart(
            chart_id=f"funnel-{indicator.pk}",
            title=_("%(indicator)s by the size of the municipality") % {"indicator": indicator.title},
            description=_(
                "Each municipality's value against its population. A value outside the dashed lines differs "
                "from %(area)s's %(value)s more than chance explains (95%%); outside the dotted lines, at 99.8%%. "
                "The table below has the same values."
            )
            % {"area": benchmark_area.name, "value": format_number(benchmark, indicator.decimals)},
            points=points,
            average=benchmark,
            limits=[limits(n) for n in grid],
        ),
    }


def indicator_page(*, area: Area, indicator: Indicator) -> dict[str, Any]:
    built = picture.build(area=area, indicators=[indicator])
    row = built.rows[0]
    areas = comparison_areas(area)
    if area.region is not None:
        areas.insert(1, area.region)
    table = series_table(indicator, areas)
    # Comparators without any value would be empty lines and columns: the summary above says they are missing.
    with_data = [i for i, _a in enumerate(areas) if any(values[i] is not None for _year, values in table["rows"])]
    areas = [areas[i] for i in with_data] or areas[:1]
    table = {"areas": areas, "rows": [(year, [values[i] for i in with_data]) for year, values in table["rows"]]}
    series = [(a.name, [(year, values[i]) for year, values in reversed(table["rows"])]) for i, a in enumerate(areas)]
    peers = built.similar_areas
    median = _similar_median(indicator, peers)
    if median:
        label = _("other counties (median)") if built.peers_are_counties else _("similar municipalities (median)")
        series.append((label, median))
    year = row.latest.year if row.latest else None
    ranked = ranking(indicator, county=area.county if area.kind == AreaKind.MUNICIPALITY else None, year=year)
    quintiles = _quintiles(indicator, year)
    for entry in ranked:
        entry["quintile"] = quintiles.get(entry["area"].pk)
    chart = charts.line_chart(
        chart_id=f"chart-{indicator.pk}",
        title=indicator.title,
        description=_("%(indicator)s by year in %(areas)s. The same values are in the table below.")
        % {"indicator": indicator.title, "areas": ", ".join(label for label, _values in series)},
        series=series,
        decimals=indicator.decimals,
    )
    county_map = (
        charts.choropleth(
            chart_id=f"map-{indicator.pk}",
            title=_("%(indicator)s in %(year)s by municipality") % {"indicator": indicator.title, "year": year},
            description=_(
                "A map of the municipalities coloured by value; the ranking table below has the same values."
            ),
            values={r["area"].code: r["value"] for r in ranked},
            names={r["area"].code: r["area"].name for r in ranked},
            highlight=area.code,
            decimals=indicator.decimals,
            no_data=_("no value"),
        )
        if ranked
        else ""
    )
    return {
        "indicator": indicator,
        "row": row,
        "table": table,
        "similar_median": median,
        "chart": chart,
        "map": county_map,
        "ranking": ranked,
        "funnel": _funnel(indicator, area, [r for r in ranked if r["value"] is not None], year),
        "gender_gap": _gender_gap(row, indicator, area),
        "year": year,
        "area": area,
    }
