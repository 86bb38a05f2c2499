"""The moderators' work on comments (the organisation's coordinators): publishing or removing with a reason
shown, removing personal data on request, the official answer, and the change a comment caused."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor
from hyte.participation.models import Change, Comment, CommentStatus, HideReason, RoundSection, RoundState
from hyte.participation.services._common import text

REDACTED = "[…]"


@audit.service(AuditAction.COMMENT_MODERATE)
def moderate_comment(*, actor: Actor, comment: Comment, publish: bool, reason: str = "") -> Comment:
    """Publish a comment, or remove it from the public with a reason that is shown in its place. A removed
    comment is kept (the moderators and the audit log still see it) and can be published again."""
    require(actor, Action.EDIT, comment)
    if publish:
        audit.update(comment, status=CommentStatus.PUBLISHED, hidden_reason="")
        return comment
    if reason not in HideReason.values:
        raise ValidationError(_("Choose the reason for removing the comment: it is shown in its place."))
    audit.update(comment, status=CommentStatus.HIDDEN, hidden_reason=reason)
    return comment


@audit.service(AuditAction.COMMENT_REDACT)
def redact_comment(*, actor: Actor, comment: Comment, passage: str = "") -> Comment:
    """Remove personal data from a comment on request: `passage` replaced by "[…]" wherever it occurs, or the
    whole text when no passage is given. The audit log keeps that it happened, not the words removed."""
    require(actor, Action.EDIT, comment)
    passage = passage.strip()
    if passage and passage not in comment.text:
        raise ValidationError(_("The comment does not contain that passage: copy it exactly as written."))
    new_text = comment.text.replace(passage, REDACTED) if passage else REDACTED
    for field, value in (("text", new_text), ("nickname", comment.nickname if passage else "")):
        setattr(comment, field, value)
    comment.redacted = True
    if not passage:
        comment.quote = ""
    comment.save(update_fields=["text", "nickname", "quote", "redacted"])
    audit.record(comment, changes={"redacted": [False, True], "whole": [None, not passage]})
    return comment


@audit.service(AuditAction.COMMENT_ANSWER)
def answer_comment(
    *, actor: Actor, comment: Comment, answer: str, answer_sv: str = "", change: Change | None = None
) -> Comment:
    """The organisation's official answer to a comment, and the change in the text it led to (if any)."""
    require(actor, Action.EDIT, comment)
    if change is not None and change.round_id != comment.round_id:
        raise ValidationError(_("The change belongs to another comment round."))
    answer = text(answer, 5000, _("The answer"))
    audit.update(
        comment,
        answer=answer,
        answer_sv=text(answer_sv, 5000, _("The answer")),
        answered_at=clock.now() if answer else None,
        change=change,
    )
    return comment


@audit.service(AuditAction.CHANGE_ADD)
def add_change(*, actor: Actor, section: RoundSection, description: str, description_sv: str = "") -> Change:
    """Record a change made to a section's text after feedback; comments are then linked to it."""
    require(actor, Action.EDIT, section.round)
    if section.round.state == RoundState.CLOSED:
        raise ValidationError(_("The round is closed: its changes no longer change."))
    description = text(description, 2000, _("The description"))
    if not description:
        raise ValidationError(_("Say what changed."))
    return audit.create(
        Change,
        round=section.round,
        section=section,
        description=description,
        description_sv=text(description_sv, 2000, _("The description")),
        created_at=clock.now(),
    )
