from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, permissions_for
from hyte.core.actors import Viewer
from hyte.indicators.models import ImportBatch, Indicator, IndicatorSet, IndicatorSetItem, Observation
from hyte.regions.models import Area


def visible_indicators(user: Viewer) -> QuerySet[Indicator]:
    """Shared indicators for everyone; an organisation's own indicators for its members only."""
    perms = permissions_for(user)
    if perms.is_system:
        return Indicator.objects.all()
    readable = perms.readable_organisation_ids(Action.VIEW)
    return Indicator.objects.filter(Q(organisation__isnull=True) | Q(organisation_id__in=readable))


def indicators_by_reference(user: Viewer, references: Sequence[str]) -> set[int]:
    """Hyte's ids of the indicators named `sotkanet:683`, `own:KH1` or `id:12`, among those `user` may see.

    The kind of id is always explicit: Sotkanet's ids and Hyte's overlap (683 is one indicator at Sotkanet and
    another in Hyte), so a bare number would silently mean the wrong one. Raises ValueError naming what is wrong.
    """
    condition = Q(pk__in=[])
    for reference in references:
        kind, _colon, value = reference.strip().partition(":")
        value = value.strip()
        if not value:
            raise ValueError(
                _("Say which kind of id %(id)s is: sotkanet:%(id)s, own:%(id)s or id:%(id)s.") % {"id": reference}
            )
        if kind == "sotkanet":
            condition |= Q(source="sotkanet", organisation__isnull=True, source_id=value)
        elif kind == "own":
            condition |= Q(organisation__isnull=False, source_id=value)
        elif kind == "id" and value.isdigit():
            condition |= Q(pk=int(value))
        else:
            raise ValueError(_("Unknown indicator reference %(reference)s.") % {"reference": reference})
    return set(visible_indicators(user).filter(condition).values_list("pk", flat=True))


def search_indicators(
    indicators: QuerySet[Indicator], *, text: str = "", source: str = "", theme: str = "", age_group: str = ""
) -> QuerySet[Indicator]:
    if text:
        condition = Q(title_fi__icontains=text) | Q(title_sv__icontains=text) | Q(title_en__icontains=text)
        if text.isdigit():
            condition |= Q(source_id=text)
        indicators = indicators.filter(condition)
    if source:
        indicators = indicators.filter(source=source)
    if theme:
        indicators = indicators.filter(theme__icontains=theme)
    if age_group:
        indicators = indicators.filter(age_group=age_group)
    return indicators.order_by("title_fi")


def indicators_with_data(indicators: QuerySet[Indicator]) -> QuerySet[Indicator]:
    """Indicators with at least one value: one index probe each. (A join with DISTINCT read every observation:
    27 s at 11 million.)"""
    return indicators.filter(Exists(Observation.objects.filter(indicator_id=OuterRef("pk"))))


def observations(
    *,
    indicator_ids: Sequence[int] = (),
    area_ids: Sequence[int] = (),
    years: Sequence[int] = (),
    gender: str = "",
    age_group: str | None = None,
) -> QuerySet[Observation]:
    found = Observation.objects.all()
    if indicator_ids:
        found = found.filter(indicator_id__in=indicator_ids)
    if area_ids:
        found = found.filter(area_id__in=area_ids)
    if years:
        found = found.filter(year__in=years)
    if gender:
        found = found.filter(gender=gender)
    if age_group is not None:
        found = found.filter(age_group=age_group)
    return found.select_related("area", "indicator").order_by(
        "indicator_id", "area__kind", "area__name_fi", "year", "period", "gender", "age_group"
    )


def comparison_areas(area: Area | None) -> list[Area]:
    """The area itself, its county and the whole country: the usual comparison for a series."""
    if area is None:
        return list(Area.objects.filter(kind="country"))
    areas = [area]
    if area.county is not None:
        areas.append(area.county)
    areas += list(Area.objects.filter(kind="country").exclude(pk=area.pk))
    return areas


def series_table(indicator: Indicator, areas: Sequence[Area], *, gender: str = "total") -> dict[str, Any]:
    """Years × areas for one indicator: {'years': [...], 'rows': [(year, [value per area])]}."""
    values = Observation.objects.filter(
        indicator=indicator, area__in=areas, gender=gender, age_group="", period=""
    ).values_list("year", "area_id", "value")
    by_year: dict[int, dict[int, float | None]] = {}
    for year, area_id, value in values:
        by_year.setdefault(year, {})[area_id] = value
    years = sorted(by_year, reverse=True)
    return {"areas": areas, "rows": [(year, [by_year[year].get(a.pk) for a in areas]) for year in years]}


def sets_for(organisation: Organisation) -> QuerySet[IndicatorSet]:
    return (
        IndicatorSet.objects.filter(Q(organisation=organisation) | Q(organisation__isnull=True))
        .annotate(indicator_count=Count("items"))
        .order_by("organisation_id", "name")
    )


# The long texts of an indicator (descriptions, interpretations, limits in three languages), which lists and
# pictures of many indicators do not show.
LONG_TEXT_FIELDS = tuple(
    f"{name}_{language}" for name in ("description", "interpretation", "limits") for language in ("fi", "sv", "en")
)
LONG_TEXTS = tuple(f"indicator__{name}" for name in LONG_TEXT_FIELDS)


def set_indicator_ids(organisation: Organisation) -> list[int]:
    """The indicators of every set the organisation uses (its own and the national ones): a picker's default."""
    sets = sets_for(organisation)
    return list(IndicatorSetItem.objects.filter(indicator_set__in=sets).values_list("indicator_id", flat=True))


# The set's indicators in its order, without the long texts. One statement written once (a raw query): through
# the ORM's select_related every row built an item and an indicator, which on a picture of 60 indicators cost
# more than the query itself.
_SET_ITEMS_SQL = (
    "SELECT "  # noqa: S608 (table and column names from the models; the set's id is a parameter)
    + ", ".join(f"i.{f.column}" for f in Indicator._meta.concrete_fields if f.attname not in LONG_TEXT_FIELDS)
    + f" FROM {Indicator._meta.db_table} i JOIN {IndicatorSetItem._meta.db_table} s ON s.indicator_id = i.id"
    " WHERE s.indicator_set_id = %s ORDER BY s.position, s.id"
)


def set_items(indicator_set: IndicatorSet) -> list[Indicator]:
    """The set's indicators in the set's order, their long texts deferred."""
    return list(Indicator.objects.raw(_SET_ITEMS_SQL, [indicator_set.pk]))


def batches_for(organisation: Organisation) -> QuerySet[ImportBatch]:
    return ImportBatch.objects.filter(organisation=organisation).defer("upload").select_related("created_by")


def area_ids_for_keys(keys: Sequence[str]) -> list[int]:
    """'municipality:240' keys → area ids; an unknown key matches nothing (and so returns no values)."""
    if not keys:
        return []
    condition = Q(pk__in=[])
    for key in keys:
        kind, _sep, code = key.partition(":")
        condition |= Q(kind=kind, code=code)
    return list(Area.objects.filter(condition).values_list("pk", flat=True)) or [-1]
