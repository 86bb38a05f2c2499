"""Writes of participation, by use case. Keyword-only, typed, atomic, audited; permissions from the one resolver
(`accounts/participation_rules.py`). Reads are in `hyte.participation.queries`."""

from hyte.participation.services.comments import (
    add_comment,
    add_offline_comment,
    answer_poll,
    flag_comment,
    support_comment,
)
from hyte.participation.services.moderation import add_change, answer_comment, moderate_comment, redact_comment
from hyte.participation.services.rounds import (
    close_round,
    open_assessment_round,
    open_round,
    set_poll,
    write_summary,
)
from hyte.participation.services.statements import give_statement, request_statement

__all__ = [
    "add_change",
    "add_comment",
    "add_offline_comment",
    "answer_comment",
    "answer_poll",
    "close_round",
    "flag_comment",
    "give_statement",
    "moderate_comment",
    "open_assessment_round",
    "open_round",
    "redact_comment",
    "request_statement",
    "set_poll",
    "support_comment",
    "write_summary",
]
