"""Residents' comments on an open round, their replies, supports, flags and poll answers; and comments from
paper, events or e-mail entered by a coordinator with their source marked."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.permissions import Action, permissions_for, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Viewer, person
from hyte.participation import limits
from hyte.participation.models import (
    Comment,
    CommentStatus,
    Flag,
    HideReason,
    PollAnswer,
    PollKind,
    RoundSection,
    Source,
    Support,
)
from hyte.participation.services._common import MAX_COMMENT, MAX_NICKNAME, line, text
from hyte.participation.services._common import reader_of as _reader


@audit.service(AuditAction.ROUND_COMMENT)
def add_comment(
    *,
    actor: Viewer,
    section: RoundSection,
    body: str,
    nickname: str = "",
    quote: str = "",
    parent: Comment | None = None,
    client: str = "",
) -> Comment:
    """A resident's comment on a section (or a reply to a comment of it). `client` is a keyed hash of where it
    came from, for the rate limit; it is kept with the comment for the moderators' eyes only."""
    round_ = section.round
    require(actor, Action.COMMENT, round_)
    if parent is not None and parent.parent_id is not None:
        parent = parent.parent  # replies stay one level deep: a reply to a reply joins its thread
    if parent is not None and (parent.section_id != section.pk or parent.status != CommentStatus.PUBLISHED):
        raise ValidationError(_("The comment you are replying to is not on this section."))
    body = text(body, MAX_COMMENT, _("The comment"))
    if not body:
        raise ValidationError(_("Write your comment."))
    user = person(actor)
    nickname = line(nickname, MAX_NICKNAME)
    if user is None and not nickname:
        raise ValidationError(_("Give a nickname: it is shown with your comment."))
    if not limits.take(client):
        raise ValidationError(_("You have sent many comments in a short time. Please wait a while and try again."))
    quoted = text(quote, 1000, _("The quoted passage"))
    if quoted and " ".join(quoted.split()) not in " ".join(f"{section.text} {section.text_sv}".split()):
        quoted = ""  # a quote is a passage of the section, never text of the writer's own
    return audit.create(
        Comment,
        audit_fields=["section", "parent", "nickname", "text"],
        round=round_,
        section=section,
        parent=parent,
        author=user,
        nickname=nickname or (user.get_full_name() or user.get_username() if user else ""),
        quote=quoted,
        text=body,
        source=Source.WEB,
        status=CommentStatus.PENDING if round_.premoderated else CommentStatus.PUBLISHED,
        client_hash=client,
        created_at=clock.now(),
    )


@audit.service(AuditAction.COMMENT_OFFLINE)
def add_offline_comment(*, actor: Viewer, section: RoundSection, body: str, source: str, nickname: str = "") -> Comment:
    """A comment given on paper, at an event or by e-mail, entered by a coordinator: published at once (the
    coordinator has read it), counted with the others, its source shown."""
    round_ = section.round
    require(actor, Action.EDIT, round_)
    if source not in Source.values or source == Source.WEB:
        raise ValidationError(_("Choose where the comment was given: on paper, at an event or by e-mail."))
    body = text(body, MAX_COMMENT, _("The comment"))
    if not body:
        raise ValidationError(_("Write the comment."))
    return audit.create(
        Comment,
        audit_fields=["section", "source", "text"],
        round=round_,
        section=section,
        nickname=line(nickname, MAX_NICKNAME),
        text=body,
        source=source,
        status=CommentStatus.PUBLISHED,
        created_at=clock.now(),
    )


def _once(model: type[Support | Flag | PollAnswer], audit_fields: list[str], **values: Any) -> bool:
    """Create the row unless the reader has one already; False when they had."""
    unique = {key: values[key] for key in ("comment", "section", "reader") if key in values}
    if model._default_manager.filter(**unique).exists():
        return False
    audit.create(model, audit_fields=audit_fields, **values)
    return True


@audit.service(AuditAction.COMMENT_SUPPORT)
def support_comment(*, actor: Viewer, comment: Comment, reader: str = "") -> bool:
    """Support a published comment, once per reader; True when counted (False when supported already)."""
    require(actor, Action.COMMENT, comment.round)
    if not permissions_for(actor).can(Action.VIEW, comment) or comment.status != CommentStatus.PUBLISHED:
        raise ValidationError(_("This comment cannot be supported."))
    return _once(Support, audit_fields=["comment"], comment=comment, reader=_reader(actor, reader))


@audit.service(AuditAction.COMMENT_FLAG)
def flag_comment(*, actor: Viewer, comment: Comment, reason: str, reader: str = "") -> bool:
    """Tell the moderators that a comment breaks the rules; once per reader."""
    require(actor, Action.VIEW, comment)
    if reason not in HideReason.values or reason == HideReason.AUTHOR_REQUEST:
        raise ValidationError(_("Choose why the comment should be removed."))
    values = {"comment": comment, "reader": _reader(actor, reader), "reason": reason, "created_at": clock.now()}
    return _once(Flag, audit_fields=["comment", "reason"], **values)


@audit.service(AuditAction.POLL_ANSWER)
def answer_poll(*, actor: Viewer, section: RoundSection, value: int, reader: str = "") -> bool:
    """One answer per reader to a section's poll: a choice's number from 0, or 1–5 on the scale."""
    require(actor, Action.COMMENT, section.round)
    if section.poll_kind == PollKind.CHOICE:
        valid = 0 <= value < len(section.poll_choices)
    elif section.poll_kind == PollKind.SCALE:
        valid = 1 <= value <= 5
    else:
        raise ValidationError(_("This section has no poll."))
    if not valid:
        raise ValidationError(_("Choose one of the answers."))
    return _once(
        PollAnswer, audit_fields=["section", "value"], section=section, value=value, reader=_reader(actor, reader)
    )
