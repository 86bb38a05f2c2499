"""The coefficient model's JSON exchange format (docs/funding.md, schema `data/model.schema.json`).

`read_model_json` checks a file against the schema and then what a schema cannot say (weights that add up, a
target for target scaling, known TEAviisari sectors); every problem is reported, none is fixed silently.
`model_to_json` writes a stored version back in the same format, so an export imports as an equal model.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]  # no stubs installed; checked by tests
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.funding import sectors
from hyte.funding.compute import IndicatorSpec, ModelSpec
from hyte.funding.models import CoefficientModel

DATA = Path(__file__).resolve().parent / "data"
SCHEMA_PATH = DATA / "model.schema.json"
FORMAT = "hyte-coefficient-model"
# Weights add up to 1 within each part and across the parts, to this tolerance (a file may write 1/3 as 0.333).
WEIGHT_TOLERANCE = 0.001


@cache
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


def _path(error: jsonschema.ValidationError) -> str:
    return "/".join(str(p) for p in error.absolute_path) or "(top)"


def check(document: Any) -> list[str]:
    """Every problem of a model document, in order; an empty list when it is valid."""
    validator = jsonschema.Draft202012Validator(schema())
    problems = [f"{_path(e)}: {e.message}" for e in sorted(validator.iter_errors(document), key=_path)]
    if problems:
        return problems
    parts = document["parts"]
    if abs(parts["process"] + parts["outcome"] - 1.0) > WEIGHT_TOLERANCE:
        problems.append(
            _("parts: the weights of the process and outcome parts add up to %(total)s, not 1.")
            % {"total": round(parts["process"] + parts["outcome"], 4)}
        )
    codes: set[str] = set()
    for part in ("process", "outcome"):
        members = [ind for ind in document["indicators"] if ind["part"] == part]
        if parts[part] > 0 and not members:
            problems.append(_("parts: the %(part)s part has a weight but no indicators.") % {"part": part})
        total = sum(ind["weight"] for ind in members)
        if members and abs(total - 1.0) > WEIGHT_TOLERANCE:
            problems.append(
                _("indicators: the weights of the %(part)s indicators add up to %(total)s, not 1.")
                % {"part": part, "total": round(total, 4)}
            )
    for number, ind in enumerate(document["indicators"]):
        where = f"indicators/{number} ({ind['code']})"
        if ind["code"] in codes:
            problems.append(_("%(where)s: the code is used twice.") % {"where": where})
        codes.add(ind["code"])
        rule = ind["scaling"]["rule"]
        if rule == "target" and ind["scaling"].get("target_value") is None:
            problems.append(_("%(where)s: target scaling needs a target value.") % {"where": where})
        if rule == "change" and not ind["scaling"].get("years"):
            problems.append(_("%(where)s: change scaling needs the number of years.") % {"where": where})
        source = ind["source"]
        if source["kind"] == "teaviisari" and not sectors.item_known(source["sector"], source["item"]):
            problems.append(
                _("%(where)s: unknown TEAviisari sector or item %(sector)s/%(item)s.")
                % {"where": where, "sector": source["sector"], "item": source["item"]}
            )
        if source["kind"] == "sotkanet" and source["id"] is None and not ind.get("provisional"):
            problems.append(
                _("%(where)s: a Sotkanet indicator without an id must be marked provisional.") % {"where": where}
            )
    euros = document["euros"]
    if euros["rule"] == "per_resident" and euros.get("base_price") is None:
        problems.append(_("euros: the per-resident rule needs a base price."))
    return problems


def read_model_json(data: bytes | str) -> dict[str, Any]:
    """Parse and check a model file; a ValidationError lists every problem."""
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError) as error:
        raise ValidationError(_("The file is not JSON: %(error)s") % {"error": error}) from error
    problems = check(document)
    if problems:
        raise ValidationError(problems)
    result: dict[str, Any] = document
    return result


def model_to_json(model: CoefficientModel) -> dict[str, Any]:
    """A stored model version as an exchange document (its indicators read through the prefetch)."""
    return {
        "format": FORMAT,
        "format_version": 1,
        "key": model.key,
        "version": model.version,
        "kind": model.kind,
        "funding_year": model.funding_year,
        "name": {"fi": model.name_fi, "sv": model.name_sv},
        "description": {"fi": model.description_fi, "sv": model.description_sv},
        "parts": {"process": model.process_weight, "outcome": model.outcome_weight},
        "missing_data": model.missing_rule,
        "euros": {
            "rule": model.euro_rule,
            "base_price": model.base_price,
            "funding_pool": model.funding_pool,
            "population_year": model.population_year,
        },
        "provisional": model.provisional,
        "provisional_note": model.provisional_note,
        "sources": model.sources,
        "indicators": [
            {
                "code": ind.code,
                "part": ind.part,
                "title": {"fi": ind.title_fi, "sv": ind.title_sv},
                "source": (
                    {"kind": "teaviisari", "sector": ind.sector, "item": ind.item}
                    if ind.source == "teaviisari"
                    else {"kind": "sotkanet", "id": ind.sotkanet_id}
                ),
                "data_years": ind.data_years,
                "scaling": {"rule": ind.scaling, "target_value": ind.target_value, "years": ind.change_years},
                "weight": ind.weight,
                "direction": ind.direction,
                "provisional": ind.provisional,
                "provisional_note": ind.provisional_note,
            }
            for ind in model.indicators.all()
        ],
    }


def spec_of(model: CoefficientModel) -> ModelSpec:
    """The computation's view of a stored model (its indicators read through the prefetch)."""
    return ModelSpec(
        process_weight=model.process_weight,
        outcome_weight=model.outcome_weight,
        missing_rule=model.missing_rule,
        euro_rule=model.euro_rule,
        base_price=model.base_price,
        funding_pool=model.funding_pool,
        indicators=tuple(
            IndicatorSpec(
                code=ind.code,
                part=ind.part,
                scaling=ind.scaling,
                direction=ind.direction,
                weight=ind.weight,
                target_value=ind.target_value,
                change_years=ind.change_years,
            )
            for ind in model.indicators.all()
        ),
    )
