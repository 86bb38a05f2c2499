"""Writes of participation, by use case. Keyword-only, typed, atomic, audited; permissions from the one resolver
(`accounts/participation_rules.py`). Reads are in `hyte.participation.queries`."""

from hyte.participation.services.comments import (
    add_comment,
    add_offline_comment,
    answer_poll,
    flag_comment,
    support_comment,
)
from hyte.participation.services.discussions import (
    add_group,
    change_discussion,
    set_phase,
    start_discussion,
    topic_to_goal,
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
from hyte.participation.services.topics import (
    link_indicator,
    moderate_topic,
    propose_topic,
    topic_from_comment,
    unlink_indicator,
    vote,
)

__all__ = [
    "add_change",
    "add_comment",
    "add_group",
    "add_offline_comment",
    "answer_comment",
    "answer_poll",
    "change_discussion",
    "close_round",
    "flag_comment",
    "give_statement",
    "link_indicator",
    "moderate_comment",
    "moderate_topic",
    "open_assessment_round",
    "open_round",
    "propose_topic",
    "redact_comment",
    "request_statement",
    "set_phase",
    "set_poll",
    "start_discussion",
    "support_comment",
    "topic_from_comment",
    "topic_to_goal",
    "unlink_indicator",
    "vote",
    "write_summary",
]
