"""Writes of residents' surveys, by use case. Keyword-only, typed, atomic, audited; permissions from the one
resolver (`accounts/surveys_rules.py`). Reads are in `hyte.surveys.queries`."""

from hyte.surveys.services.definitions import add_grouping, add_indicator, remove_grouping, remove_indicator
from hyte.surveys.services.imports import choose_columns, confirm_import, discard_import, start_import
from hyte.surveys.services.retention import purge_responses
from hyte.surveys.services.surveys import create_survey, set_structure, update_survey

__all__ = [
    "add_grouping",
    "add_indicator",
    "choose_columns",
    "confirm_import",
    "create_survey",
    "discard_import",
    "purge_responses",
    "remove_grouping",
    "remove_indicator",
    "set_structure",
    "start_import",
    "update_survey",
]
