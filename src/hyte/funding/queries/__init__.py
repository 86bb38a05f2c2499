"""Reads of the HYTE coefficient. Other apps (the national overview) use `results_for(model)`:

    from hyte.funding.queries import latest_models, results_for
    for model in latest_models():
        results = results_for(model)      # ModelResults: .provisional, .rows (AreaResult by rank)
        row = results.for_area(area.pk)   # .score (0–100), .rank, .euros, .share, .missing, .official_score

See docs/funding.md.
"""

from hyte.funding.queries.inputs import Loaded, load, models_queryset
from hyte.funding.queries.models import latest_models, model_versions, scenarios_for, teaviisari_for
from hyte.funding.queries.results import (
    AreaResult,
    Explanation,
    ModelResults,
    WhatIf,
    clean_changes,
    explain,
    results_for,
    what_if,
    what_if_loaded,
)

__all__ = [
    "AreaResult",
    "Explanation",
    "Loaded",
    "ModelResults",
    "WhatIf",
    "clean_changes",
    "explain",
    "latest_models",
    "load",
    "model_versions",
    "models_queryset",
    "results_for",
    "scenarios_for",
    "teaviisari_for",
    "what_if",
    "what_if_loaded",
]
