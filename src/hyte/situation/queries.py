from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from hyte.accounts.models import Organisation
from hyte.indicators.models import Indicator, IndicatorSet, Observation
from hyte.indicators.queries import set_items, sets_for
from hyte.regions.models import Area, AreaKind
from hyte.situation.models import Alert, AlertStatus, Rule


def chosen_set(
    organisation: Organisation, set_id: str | None, sets: list[IndicatorSet] | None = None
) -> IndicatorSet | None:
    """The set asked for, else the organisation's first, else a national one (from `sets`, when the caller has
    them already)."""
    sets = list(sets_for(organisation)) if sets is None else sets
    if set_id and set_id.isdigit():
        found = next((s for s in sets if s.pk == int(set_id)), None)
        if found is not None:
            return found
    return next((s for s in sets if s.organisation_id == organisation.pk), None) or next(iter(sets), None)


def set_indicators(indicator_set: IndicatorSet | None) -> list[Indicator]:
    return set_items(indicator_set) if indicator_set is not None else []


def open_alerts(organisation: Organisation) -> QuerySet[Alert]:
    return Alert.objects.filter(rule__organisation=organisation, status=AlertStatus.OPEN).select_related(
        "rule__indicator", "area"
    )


def active_rules_for(indicator_ids: set[int]) -> list[Rule]:
    return list(Rule.objects.filter(indicator_id__in=indicator_ids, is_active=True))


def rules_of(organisation: Organisation) -> QuerySet[Rule]:
    return Rule.objects.filter(organisation=organisation, is_active=True).select_related("indicator")


def ranking(indicator: Indicator, *, county: Area | None, year: int | None) -> list[dict[str, Any]]:
    """The county's (or, without one, Finland's) current municipalities ranked by value in `year`."""
    if year is None:
        return []
    areas = Area.objects.filter(kind=AreaKind.MUNICIPALITY, valid_until__isnull=True)
    if county is not None:
        areas = areas.filter(county=county)
    values = dict(
        Observation.objects.filter(
            indicator=indicator, area__in=areas, year=year, gender="total", age_group="", period=""
        ).values_list("area_id", "value")
    )
    rows: list[dict[str, Any]] = [{"area": area, "value": values.get(area.pk)} for area in areas]
    reverse = indicator.polarity != "low_good"
    rows.sort(key=lambda r: (r["value"] is None, -(r["value"] or 0) if reverse else (r["value"] or 0)))
    top = max((abs(r["value"]) for r in rows if r["value"] is not None), default=0) or 1
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank if row["value"] is not None else None
        row["share"] = round(100 * abs(row["value"]) / top) if row["value"] is not None else 0
    return rows
