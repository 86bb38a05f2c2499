"""Writes of NGO grants, by use case. Keyword-only, typed, atomic, audited; permissions from the one resolver
(`accounts/grants_rules.py`). Reads are in `hyte.grants.queries`."""

from hyte.grants.services.applications import (
    ApplicationDraft,
    add_attachment,
    remove_attachment,
    save_application,
    start_application,
    submit_application,
)
from hyte.grants.services.calls import (
    CallDetails,
    add_criterion,
    add_question,
    create_call,
    publish_call,
    remove_criterion,
    remove_question,
    update_call,
)
from hyte.grants.services.changes import decide_change, start_change
from hyte.grants.services.decision import Granted, decide, publish_decision
from hyte.grants.services.review import add_reviewer, declare, score, set_proposal
from hyte.grants.services.use_reports import (
    UseReportDraft,
    attach_ledger,
    check_use_report,
    draw_sample,
    save_use_report,
    send_use_report,
    set_use_report_due,
)

__all__ = [
    "ApplicationDraft",
    "CallDetails",
    "Granted",
    "UseReportDraft",
    "add_attachment",
    "add_criterion",
    "add_question",
    "add_reviewer",
    "attach_ledger",
    "check_use_report",
    "create_call",
    "decide",
    "decide_change",
    "declare",
    "draw_sample",
    "publish_call",
    "publish_decision",
    "remove_attachment",
    "remove_criterion",
    "remove_question",
    "save_application",
    "save_use_report",
    "score",
    "send_use_report",
    "set_proposal",
    "set_use_report_due",
    "start_application",
    "start_change",
    "submit_application",
    "update_call",
]
