"""Imports of TEAviisari results and of official coefficient results (national administrators). Every rejected
row is reported with its reason and the good rows are kept; a file that cannot be read is refused whole; a
re-import updates what it imported before and never duplicates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core.actors import Actor
from hyte.funding.files import AreaKey, read_official, read_teaviisari
from hyte.funding.models import CoefficientModel, ModelKind, OfficialResult, TeaviisariValue
from hyte.funding.queries.inputs import bump_generation
from hyte.funding.services._common import freeze_used
from hyte.indicators.parsing.values import FileRefused
from hyte.regions.models import Area, AreaKind

T = TypeVar("T")


@dataclass
class ImportOutcome:
    created: int = 0
    updated: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)


def _areas(keys: set[AreaKey]) -> dict[AreaKey, int]:
    kinds = {"municipality": AreaKind.MUNICIPALITY, "county": AreaKind.COUNTY, "country": AreaKind.COUNTRY}
    found: dict[AreaKey, int] = {}
    for kind in {key.kind for key in keys}:
        codes = [key.code for key in keys if key.kind == kind]
        for pk, code in Area.objects.filter(kind=kinds[kind], code__in=codes).values_list("pk", "code"):
            found[AreaKey(kind, code)] = pk
    return found


def _read(reader: Callable[[bytes], T], data: bytes) -> T:
    try:
        return reader(data)
    except FileRefused as error:
        raise ValidationError(_("The file was refused: %(reason)s") % {"reason": error}) from error


@audit.service(AuditAction.TEAVIISARI_IMPORT)
def import_teaviisari(*, actor: Actor, data: bytes, filename: str = "", synthetic: bool = False) -> ImportOutcome:
    require(actor, Action.EDIT, TeaviisariValue())
    rows, rejected = _read(read_teaviisari, data)
    outcome = ImportOutcome(rejected=list(rejected))
    areas = _areas({row.area for row in rows})
    existing = {
        (v.area_id, v.sector, v.survey_year, v.item, v.dimension): v
        for v in TeaviisariValue.objects.filter(area_id__in=set(areas.values()))
    }
    seen: set[tuple[int, str, int, str, str]] = set()
    new: list[TeaviisariValue] = []
    changed: list[TeaviisariValue] = []
    for row in rows:
        area_id = areas.get(row.area)
        if area_id is None:
            outcome.rejected.append((row.line, _("unknown area %(code)s") % {"code": row.area.code}))
            continue
        key = (area_id, row.sector, row.year, row.item, row.dimension)
        if key in seen:
            outcome.rejected.append((row.line, _("the same area, sector, year and item twice in the file")))
            continue
        seen.add(key)
        old = existing.get(key)
        if old is None:
            new.append(
                TeaviisariValue(
                    area_id=area_id,
                    sector=row.sector,
                    survey_year=row.year,
                    item=row.item,
                    dimension=row.dimension,
                    value=row.value,
                    synthetic=synthetic,
                )
            )
        elif old.value != row.value or old.synthetic != synthetic:
            old.value, old.synthetic = row.value, synthetic
            changed.append(old)
    TeaviisariValue.objects.bulk_create(new, batch_size=2000)
    TeaviisariValue.objects.bulk_update(changed, ["value", "synthetic"], batch_size=2000)
    outcome.created, outcome.updated = len(new), len(changed)
    outcome.rejected.sort()
    bump_generation()
    audit.record(
        None,
        object_type="funding.teaviisarivalue",
        object_repr=filename or "TEAviisari",
        organisation=None,
        changes={
            "created": [None, outcome.created],
            "updated": [None, outcome.updated],
            "rejected": [None, len(outcome.rejected)],
            "synthetic": [None, synthetic],
        },
    )
    return outcome


@audit.service(AuditAction.COEFFICIENT_OFFICIAL_IMPORT)
def import_official_results(
    *, actor: Actor, model: CoefficientModel, data: bytes, filename: str = "", source: str = ""
) -> ImportOutcome:
    """Official results of one model version; importing them freezes the version (it is compared with them)."""
    require(actor, Action.EDIT, OfficialResult(model=model))
    rows, rejected = _read(read_official, data)
    outcome = ImportOutcome(rejected=list(rejected))
    wanted_kind = "municipality" if model.kind == ModelKind.MUNICIPAL else "county"
    areas = _areas({row.area for row in rows})
    existing = {o.area_id: o for o in OfficialResult.objects.filter(model=model)}
    seen: set[int] = set()
    new: list[OfficialResult] = []
    changed: list[OfficialResult] = []
    for row in rows:
        area_id = areas.get(row.area)
        if area_id is None or row.area.kind != wanted_kind:
            outcome.rejected.append((row.line, _("unknown area %(code)s for this model") % {"code": row.area.code}))
            continue
        if area_id in seen:
            outcome.rejected.append((row.line, _("the same area twice in the file")))
            continue
        seen.add(area_id)
        old = existing.get(area_id)
        if old is None:
            new.append(
                OfficialResult(model=model, area_id=area_id, score=row.score, euros=row.euros, source=source[:300])
            )
        elif (old.score, old.euros) != (row.score, row.euros):
            old.score, old.euros, old.source = row.score, row.euros, source[:300]
            changed.append(old)
    OfficialResult.objects.bulk_create(new)
    OfficialResult.objects.bulk_update(changed, ["score", "euros", "source"])
    outcome.created, outcome.updated = len(new), len(changed)
    outcome.rejected.sort()
    freeze_used(model)
    audit.record(
        model,
        organisation=None,
        changes={
            "file": [None, filename],
            "created": [None, outcome.created],
            "updated": [None, outcome.updated],
            "rejected": [None, len(outcome.rejected)],
        },
    )
    return outcome
