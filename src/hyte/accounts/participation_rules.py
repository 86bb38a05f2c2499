"""The resolver's rules for residents' participation (hyte.participation), part of the one resolver
(permissions.py imports this module, so the rules are in its table whenever it is).

A comment round is the organisation's: its coordinators open, moderate, answer and close it (the moderators are
the organisation's coordinators). The public reads a round once its period has begun; before that only those who
read the organisation's drafts. Anyone may comment on an open round that allows anonymous comments; on one that
does not, only the signed in. A comment is seen by the public when published; one waiting for moderation or
removed is kept and seen only by the moderators. Nobody edits another's comment: a comment's text changes only
when a moderator removes personal data from it. A statement is requested and recorded by the round's
coordinators; the asked organisation's own coordinators may give it too.
"""

from __future__ import annotations

from typing import Any

from hyte.accounts.permissions import Action, Permissions, _rule
from hyte.accounts.roles import Perm


@_rule("participation.round", Action.VIEW)
def _view_round(perms: Permissions, round_: Any) -> bool:
    return round_.is_public or perms._has(Perm.VIEW_DRAFTS, round_.organisation)


@_rule("participation.round", Action.EDIT)
def _moderate_round(perms: Permissions, round_: Any) -> bool:
    return perms._has(Perm.EDIT_ALL, round_.organisation)


@_rule("participation.round", Action.COMMENT)
def _comment_on_round(perms: Permissions, round_: Any) -> bool:
    """Writing a comment, replying, supporting, flagging and answering the poll: while the round is open."""
    if not round_.organisation.is_active or not round_.is_open:
        return False
    return round_.anonymous_allowed or perms.is_authenticated


@_rule("participation.comment", Action.VIEW)
def _view_comment(perms: Permissions, comment: Any) -> bool:
    if comment.status == "published":
        return _view_round(perms, comment.round)
    return _moderate_round(perms, comment.round)


@_rule("participation.comment", Action.EDIT)
def _moderate_comment(perms: Permissions, comment: Any) -> bool:
    """Moderating, removing personal data, answering, linking to a change: the moderators, never another
    resident."""
    return _moderate_round(perms, comment.round)


@_rule("participation.statement", Action.VIEW)
def _view_statement(perms: Permissions, statement: Any) -> bool:
    if statement.given_at is not None and statement.round.is_public:
        return True
    return _edit_statement(perms, statement) or perms._has(Perm.VIEW_DRAFTS, statement.round.organisation)


@_rule("participation.statement", Action.EDIT)
def _edit_statement(perms: Permissions, statement: Any) -> bool:
    if _moderate_round(perms, statement.round):
        return True
    return statement.organisation is not None and perms._has(Perm.EDIT_ALL, statement.organisation)


# The value discussion (seed 002): the organisation's coordinators run it; those who read its drafts see it; its
# members propose topics and vote in their groups; the public sees, proposes and votes (as residents) only where it
# is opened to residents.


def _member(perms: Permissions, discussion: Any) -> bool:
    return perms._has(Perm.VIEW_DRAFTS, discussion.organisation)


@_rule("participation.discussion", Action.VIEW)
def _view_discussion(perms: Permissions, discussion: Any) -> bool:
    if _member(perms, discussion):
        return True
    return bool(discussion.residents and discussion.organisation.is_active)


@_rule("participation.discussion", Action.EDIT)
def _run_discussion(perms: Permissions, discussion: Any) -> bool:
    """Groups, phases, accepting and removing topics, topics from comments, indicators, goals: the coordinators."""
    return perms._has(Perm.EDIT_ALL, discussion.organisation)


@_rule("participation.discussion", Action.COMMENT)
def _take_part(perms: Permissions, discussion: Any) -> bool:
    """Proposing topics and voting (each only in its phase, which the services tell): the members, and anyone
    where residents take part."""
    return _view_discussion(perms, discussion)


@_rule("participation.discussion", Action.CONTRIBUTE)
def _take_part_as_member(perms: Permissions, discussion: Any) -> bool:
    """Taking part as one of the organisation's own (a group of one's choice, topics accepted at once); not the
    county reading the drafts through sharing, nor residents."""
    return perms._has(Perm.VIEW_ORGANISATION, discussion.organisation)


@_rule("participation.topic", Action.VIEW)
def _view_topic(perms: Permissions, topic: Any) -> bool:
    if topic.status == "accepted":
        return _view_discussion(perms, topic.discussion)
    return _member(perms, topic.discussion)


@_rule("participation.topic", Action.EDIT)
def _edit_topic(perms: Permissions, topic: Any) -> bool:
    return _run_discussion(perms, topic.discussion)
