"""The resolver's rules for residents' surveys (hyte.surveys), part of the one resolver (permissions.py imports
this module, so the rules are in its table whenever it is).

A survey is its organisation's: every member sees the survey, its settings, its groupings, its indicators and
their computed cells (never the respondents' answers, which no page shows); its coordinators and admins set it
up, import its results, define its indicators and set how long the answers are kept. No one outside the
organisation sees any of it; the indicators it computes are the organisation's own indicators, read as those are.
"""

from __future__ import annotations

from typing import Any

from hyte.accounts.permissions import Action, Permissions, _rule
from hyte.accounts.roles import Perm


@_rule("surveys.survey", Action.VIEW)
def _view_survey(perms: Permissions, survey: Any) -> bool:
    return perms._has(Perm.VIEW_ORGANISATION, survey.organisation)


@_rule("surveys.survey", Action.EDIT)
def _edit_survey(perms: Permissions, survey: Any) -> bool:
    return perms._has(Perm.EDIT_ALL, survey.organisation)


@_rule("surveys.surveyimport", Action.VIEW, Action.EDIT)
def _import(perms: Permissions, run: Any) -> bool:
    return _edit_survey(perms, run.survey)


@_rule("surveys.grouping", Action.VIEW)
@_rule("surveys.surveyindicator", Action.VIEW)
def _view_part(perms: Permissions, part: Any) -> bool:
    return _view_survey(perms, part.survey)


@_rule("surveys.grouping", Action.EDIT)
@_rule("surveys.surveyindicator", Action.EDIT)
def _edit_part(perms: Permissions, part: Any) -> bool:
    return _edit_survey(perms, part.survey)
