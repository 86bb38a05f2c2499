"""Reads of model versions, scenarios and TEAviisari results, scoped to what the reader may see."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Max, Q, QuerySet

from hyte.accounts.permissions import permissions_for
from hyte.core.actors import Viewer
from hyte.funding.models import CoefficientModel, Scenario, TeaviisariValue
from hyte.funding.queries.inputs import models_queryset
from hyte.funding.sectors import SECTORS, TOTAL, band
from hyte.regions.models import Area, AreaKind


def latest_models() -> list[CoefficientModel]:
    """The newest version of every model, municipal first."""
    newest = CoefficientModel.objects.values("key").annotate(latest=Max("version"))
    wanted = Q(pk__in=[])
    for row in newest:
        wanted |= Q(key=row["key"], version=row["latest"])
    return list(models_queryset().filter(wanted).order_by("-kind", "key"))


def model_versions(key: str) -> QuerySet[CoefficientModel]:
    return models_queryset().filter(key=key).order_by("-version")


def scenarios_for(viewer: Viewer, model: CoefficientModel | None = None) -> list[Scenario]:
    """Scenarios the viewer may read: their organisations' and those shared (signed in only)."""
    perms = permissions_for(viewer)
    if not perms.is_authenticated and not perms.is_system:
        return []
    own = perms.readable_organisation_ids()
    found = Scenario.objects.select_related("organisation", "area", "model", "created_by").filter(
        Q(organisation_id__in=own) | Q(shared=True)
    )
    if model is not None:
        found = found.filter(model=model)
    return list(found)


@dataclass(frozen=True)
class SectorRow:
    sector: str
    name: str
    cycle_years: int
    survey_year: int
    value: float | None
    band: str
    county: float | None
    country: float | None
    similar: float | None  # the mean of municipalities of the same group and county
    synthetic: bool


@dataclass(frozen=True)
class TeaviisariPanel:
    area: Area
    rows: list[SectorRow] = field(default_factory=list)

    @property
    def synthetic(self) -> bool:
        return any(row.synthetic for row in self.rows)


def _sector_name(code: str, language: str) -> str:
    sector = SECTORS[code]
    return {"sv": sector.name_sv, "en": sector.name_en}.get(language, sector.name_fi)


def teaviisari_for(area: Area, language: str = "fi", similar: list[Area] | None = None) -> TeaviisariPanel:
    """An area's latest TEAviisari sector totals with THL's band, beside the county, the country and similar
    municipalities (the situation picture's, when given; else the same municipality group in the same county).
    At most three queries."""
    own = list(TeaviisariValue.objects.filter(area=area, item=TOTAL, dimension="").order_by("sector", "-survey_year"))
    latest: dict[str, TeaviisariValue] = {}
    for found in own:
        latest.setdefault(found.sector, found)
    if not latest:
        return TeaviisariPanel(area=area)
    similar_ids: list[int] = [a.pk for a in similar or [] if a.kind == area.kind]
    if similar is None and area.kind == AreaKind.MUNICIPALITY and area.municipality_group:
        similar_ids = list(
            Area.objects.filter(
                kind=AreaKind.MUNICIPALITY,
                valid_until__isnull=True,
                municipality_group=area.municipality_group,
                county_id=area.county_id,
            )
            .exclude(pk=area.pk)
            .values_list("pk", flat=True)
        )
    others = TeaviisariValue.objects.filter(
        Q(area_id=area.county_id) | Q(area__kind=AreaKind.COUNTRY) | Q(area_id__in=similar_ids),
        item=TOTAL,
        dimension="",
        sector__in=list(latest),
        survey_year__in={found.survey_year for found in latest.values()},
    ).values_list("area_id", "area__kind", "sector", "survey_year", "value")
    county: dict[tuple[str, int], float] = {}
    country: dict[tuple[str, int], float] = {}
    peers: dict[tuple[str, int], list[float]] = defaultdict(list)
    for area_id, kind, sector, year, value in others:
        if area_id == area.county_id:
            county[(sector, year)] = value
        elif kind == AreaKind.COUNTRY:
            country[(sector, year)] = value
        else:
            peers[(sector, year)].append(value)
    rows = []
    for code in [code for code in SECTORS if code in latest]:
        mine = latest[code]
        key = (code, mine.survey_year)
        peer_values = peers.get(key)
        rows.append(
            SectorRow(
                sector=code,
                name=_sector_name(code, language),
                cycle_years=SECTORS[code].cycle_years,
                survey_year=mine.survey_year,
                value=mine.value,
                band=band(mine.value),
                county=county.get(key),
                country=country.get(key),
                similar=sum(peer_values) / len(peer_values) if peer_values else None,
                synthetic=mine.synthetic,
            )
        )
    return TeaviisariPanel(area=area, rows=rows)
