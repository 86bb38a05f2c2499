"""Writes of impact assessments, by use case. Keyword-only, atomic, audited; permissions from the one resolver.

Coordinators edit every assessment of their organisation; editors start assessments (they become the preparer)
and edit those they prepare or take part in. Once the summary is ready nothing changes until the assessment is
reopened; the decision and the follow-up are recorded on top of the frozen summary. Reads are in
`hyte.assessments.queries`.
"""

from hyte.assessments.services.assessment import (
    DETAIL_FIELDS,
    create_assessment,
    record_screening,
    save_answers,
    set_people,
    update_assessment,
)
from hyte.assessments.services.decision import mark_ready, record_decision, record_follow_up, reopen
from hyte.assessments.services.matrix import (
    GridCell,
    add_hearing,
    add_option,
    clear_impact,
    remove_option,
    set_goal_effect,
    set_grid,
    set_impact,
)
from hyte.assessments.services.methods import update_template

__all__ = [
    "DETAIL_FIELDS",
    "GridCell",
    "add_hearing",
    "add_option",
    "clear_impact",
    "create_assessment",
    "mark_ready",
    "record_decision",
    "record_follow_up",
    "record_screening",
    "remove_option",
    "reopen",
    "save_answers",
    "set_goal_effect",
    "set_grid",
    "set_impact",
    "set_people",
    "update_assessment",
    "update_template",
]
