"""The shipped models (data/model-*.json): loaded by `hyte load_coefficient_models` and by the demo."""

from __future__ import annotations

import json
from pathlib import Path

from hyte.core.actors import Actor
from hyte.funding.exchange import DATA
from hyte.funding.models import CoefficientModel
from hyte.funding.services import import_model

SHIPPED = ("model-municipal.json", "model-county.json")


def shipped_files() -> list[Path]:
    return [DATA / name for name in SHIPPED]


def load_shipped(*, actor: Actor) -> list[CoefficientModel]:
    """Each shipped model whose key is not stored yet, as its version 1; the stored ones are left as they are."""
    loaded = []
    for path in shipped_files():
        data = path.read_bytes()
        if CoefficientModel.objects.filter(key=json.loads(data)["key"]).exists():
            continue
        loaded.append(import_model(actor=actor, data=data))
    return loaded
