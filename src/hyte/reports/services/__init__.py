"""Writes of reports and plans, by use case. Keyword-only, atomic, audited; permissions from the one resolver.

Coordinators edit everything of their organisation; editors edit the sections, goals and measures assigned to
them; nothing of an approved or published report changes (its versions are frozen). Reads are in
`hyte.reports.queries`.
"""

from hyte.reports.services.amendments import (
    change_amendment_status,
    measure_from_alert,
    propose_goal,
    propose_goal_indicator,
    propose_measure,
    propose_new_text,
    propose_retirement,
    start_amendment,
    withdraw_change,
)
from hyte.reports.services.budget import remove_budget_line, set_budget_line
from hyte.reports.services.lifecycle import change_status, create_report
from hyte.reports.services.pdf_exports import expire_pdfs, fail_pdf, finish_pdf, request_pdf, start_pdf
from hyte.reports.services.plan import add_goal, add_goal_indicator, add_measure, record_progress
from hyte.reports.services.regional import link_supporting_goal, pull_into_regional
from hyte.reports.services.review import add_comment, resolve_comment
from hyte.reports.services.writing import (
    StaleEdit,
    add_block,
    add_scenario_evidence,
    assign,
    edit_block,
    move_block,
    remove_block,
    rename_section,
    set_block_image,
    set_block_indicators,
)

__all__ = [
    "StaleEdit",
    "add_block",
    "add_comment",
    "add_goal",
    "add_goal_indicator",
    "add_measure",
    "add_scenario_evidence",
    "assign",
    "change_amendment_status",
    "change_status",
    "create_report",
    "edit_block",
    "expire_pdfs",
    "fail_pdf",
    "finish_pdf",
    "link_supporting_goal",
    "measure_from_alert",
    "move_block",
    "propose_goal",
    "propose_goal_indicator",
    "propose_measure",
    "propose_new_text",
    "propose_retirement",
    "pull_into_regional",
    "record_progress",
    "remove_block",
    "remove_budget_line",
    "rename_section",
    "request_pdf",
    "resolve_comment",
    "set_block_image",
    "set_block_indicators",
    "set_budget_line",
    "start_amendment",
    "start_pdf",
    "withdraw_change",
]
