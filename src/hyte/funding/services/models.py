"""Coefficient models: importing a JSON file as a new version, copying a version, changing a version that has
not been used yet, and freezing one. Only national administrators (accounts/funding_rules.py)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor
from hyte.funding.exchange import check, model_to_json, read_model_json
from hyte.funding.models import CoefficientModel, ModelIndicator
from hyte.funding.queries.inputs import sotkanet_indicators


def _next_version(key: str) -> int:
    latest = CoefficientModel.objects.filter(key=key).order_by("-version").values_list("version", flat=True).first()
    return (latest or 0) + 1


def _store(document: dict[str, Any], *, version: int) -> CoefficientModel:
    euros = document["euros"]
    model = CoefficientModel.objects.create(
        key=document["key"],
        version=version,
        kind=document["kind"],
        funding_year=document["funding_year"],
        name_fi=document["name"]["fi"],
        name_sv=document["name"].get("sv", ""),
        description_fi=document.get("description", {}).get("fi", ""),
        description_sv=document.get("description", {}).get("sv", ""),
        process_weight=document["parts"]["process"],
        outcome_weight=document["parts"]["outcome"],
        missing_rule=document["missing_data"],
        euro_rule=euros["rule"],
        base_price=euros.get("base_price"),
        funding_pool=euros.get("funding_pool"),
        population_year=euros.get("population_year"),
        provisional=document.get("provisional", False),
        provisional_note=document.get("provisional_note", ""),
        sources=document.get("sources", []),
        created_at=clock.now(),
    )
    sotkanet_ids = {ind["source"]["id"] for ind in document["indicators"] if ind["source"]["kind"] == "sotkanet"} - {
        None
    }
    catalogue = sotkanet_indicators(sotkanet_ids)
    ModelIndicator.objects.bulk_create(
        ModelIndicator(
            model=model,
            code=ind["code"],
            position=position,
            part=ind["part"],
            title_fi=ind["title"]["fi"],
            title_sv=ind["title"].get("sv", ""),
            source=ind["source"]["kind"],
            sector=ind["source"].get("sector", ""),
            item=ind["source"].get("item", ""),
            sotkanet_id=ind["source"].get("id"),
            indicator_id=catalogue.get(ind["source"].get("id") or 0),
            data_years=ind["data_years"],
            scaling=ind["scaling"]["rule"],
            target_value=ind["scaling"].get("target_value"),
            change_years=ind["scaling"].get("years"),
            weight=ind["weight"],
            direction=ind["direction"],
            provisional=ind.get("provisional", False),
            provisional_note=ind.get("provisional_note", ""),
        )
        for position, ind in enumerate(document["indicators"])
    )
    return model


@audit.service(AuditAction.COEFFICIENT_MODEL_IMPORT)
def import_model(*, actor: Actor, data: bytes | str) -> CoefficientModel:
    """A model file (docs/funding.md) stored as the next version of its key; every problem refuses it whole."""
    require(actor, Action.IMPORT, CoefficientModel())
    document = read_model_json(data)
    model = _store(document, version=_next_version(document["key"]))
    audit.record(model, changes={"version": [None, model.version], "indicators": [None, len(document["indicators"])]})
    return model


@audit.service(AuditAction.COEFFICIENT_MODEL_VERSION)
def new_version(*, actor: Actor, model: CoefficientModel) -> CoefficientModel:
    """A copy of a version as the next version of its model, open for changes."""
    require(actor, Action.EDIT, model)
    document = model_to_json(model)
    copy = _store(document, version=_next_version(model.key))
    audit.record(copy, changes={"copied_from": [None, model.version]})
    return copy


EDITABLE = ("process_weight", "outcome_weight", "missing_rule", "base_price", "funding_pool", "provisional_note")
INDICATOR_EDITABLE = ("weight", "target_value", "direction", "provisional", "provisional_note")


def _refuse_frozen(model: CoefficientModel) -> None:
    if model.frozen:
        raise ValidationError(_("This version has been used and is frozen: make a new version to change it."))


@audit.service(AuditAction.COEFFICIENT_MODEL_UPDATE)
def update_model(
    *,
    actor: Actor,
    model: CoefficientModel,
    values: dict[str, Any],
    indicators: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Change a version that has not been used: its own settings (`values`) and its indicators' (code → values).
    The changed model is checked as a whole (weights that add up …) before anything is saved."""
    require(actor, Action.EDIT, model)
    _refuse_frozen(model)
    indicators = indicators or {}
    unknown = [name for name in values if name not in EDITABLE]
    unknown += [name for changes in indicators.values() for name in changes if name not in INDICATOR_EDITABLE]
    if unknown:
        raise ValidationError(_("These cannot be changed here: %(names)s") % {"names": ", ".join(unknown)})
    document = model_to_json(model)
    document["parts"]["process"] = values.get("process_weight", model.process_weight)
    document["parts"]["outcome"] = values.get("outcome_weight", model.outcome_weight)
    document["missing_data"] = values.get("missing_rule", model.missing_rule)
    document["euros"]["base_price"] = values.get("base_price", model.base_price)
    document["euros"]["funding_pool"] = values.get("funding_pool", model.funding_pool)
    by_code = {ind["code"]: ind for ind in document["indicators"]}
    for code, changes in indicators.items():
        if code not in by_code:
            raise ValidationError(_("The model has no indicator %(code)s.") % {"code": code})
        entry = by_code[code]
        entry["weight"] = changes.get("weight", entry["weight"])
        entry["direction"] = changes.get("direction", entry["direction"])
        entry["scaling"]["target_value"] = changes.get("target_value", entry["scaling"]["target_value"])
        entry["provisional"] = changes.get("provisional", entry["provisional"])
    problems = check(document)
    if problems:
        raise ValidationError(problems)
    changed: dict[str, Any] = {}
    if values:
        changed.update(audit.update(model, **values))
    for ind in model.indicators.all():
        if ind.code in indicators:
            done = audit.update(ind, audit_organisation=None, **indicators[ind.code])
            changed.update({f"{ind.code}.{name}": change for name, change in done.items()})
    return changed


@audit.service(AuditAction.COEFFICIENT_MODEL_FREEZE)
def freeze_model(*, actor: Actor, model: CoefficientModel) -> None:
    """Freeze a version: it has been used (results shown as official, a scenario saved) and stays as it is."""
    require(actor, Action.EDIT, model)
    if not model.frozen:
        audit.update(model, frozen=True)
