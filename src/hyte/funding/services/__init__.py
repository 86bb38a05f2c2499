"""Writes of the HYTE coefficient, by use case. Keyword-only, typed, atomic, audited; permissions from the one
resolver (`accounts/funding_rules.py`). Reads are in `hyte.funding.queries`."""

from hyte.funding.services.imports import ImportOutcome, import_official_results, import_teaviisari
from hyte.funding.services.models import freeze_model, import_model, new_version, update_model
from hyte.funding.services.scenarios import delete_scenario, save_scenario, set_scenario_shared

__all__ = [
    "ImportOutcome",
    "delete_scenario",
    "freeze_model",
    "import_model",
    "import_official_results",
    "import_teaviisari",
    "new_version",
    "save_scenario",
    "set_scenario_shared",
    "update_model",
]
