"""Impact assessment pages. Thin: parse the input, call one service or query, render."""

from hyte.assessments.views.assessment import (
    answers,
    assessment_detail,
    assessment_edit,
    people,
    screening,
    summary,
    summary_export,
)
from hyte.assessments.views.decision import decision, follow_up, ready, reopen
from hyte.assessments.views.matrix import goal_effect, grid, hearing_add, impact_edit, option_add, option_remove
from hyte.assessments.views.register import assessment_list, register_export, template_edit, template_list

__all__ = [
    "answers",
    "assessment_detail",
    "assessment_edit",
    "assessment_list",
    "decision",
    "follow_up",
    "goal_effect",
    "grid",
    "hearing_add",
    "impact_edit",
    "option_add",
    "option_remove",
    "people",
    "ready",
    "register_export",
    "reopen",
    "screening",
    "summary",
    "summary_export",
    "template_edit",
    "template_list",
]
