"""Writing the report together: work assigned to members, blocks edited with a guard against overwriting."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor, person
from hyte.indicators.models import Indicator
from hyte.reports.models import Block, BlockKind, Goal, Measure, Section
from hyte.reports.services._common import editable, next_position, touch
from hyte.reports.text import clean_text


class StaleEdit(ValidationError):
    """Someone else saved the block after this edit began; nothing was overwritten."""


@audit.service(AuditAction.REPORT_ASSIGN)
def assign(*, actor: Actor, subject: Section | Goal | Measure, users: Sequence[User]) -> None:
    report = subject.report if isinstance(subject, Section | Goal) else subject.goal.report
    require(actor, Action.ASSIGN, report)
    members = set(report.organisation.memberships.values_list("user_id", flat=True))
    if any(user.pk not in members for user in users):
        raise ValidationError(_("Work can be assigned only to members of the organisation."))
    before = sorted(subject.assignees.values_list("pk", flat=True))
    subject.assignees.set(users)
    audit.record(subject, changes={"assignees": [before, sorted(u.pk for u in users)]})


@audit.service(AuditAction.BLOCK_EDIT)
def edit_block(
    *,
    actor: Actor,
    block: Block,
    text: str,
    expected_revision: int,
    items: list[str] | None = None,
    text_sv: str | None = None,
) -> Block:
    """Save a block if nobody saved it since `expected_revision`; otherwise refuse and keep both texts."""
    block = Block.objects.select_for_update().select_related("section__report__organisation").get(pk=block.pk)
    report = block.section.report
    require(actor, Action.EDIT, block)
    editable(report)
    if block.revision != expected_revision:
        raise StaleEdit(
            _(
                "Someone else saved this block while you were editing. Your text was not saved; copy it "
                "and merge it with the current one."
            )
        )
    values: dict[str, Any] = {"text": clean_text(text), "revision": block.revision + 1}
    if text_sv is not None:
        values["text_sv"] = clean_text(text_sv)
    if items is not None:
        values["items"] = [clean_text(item)[:2000] for item in items if item.strip()]
    audit.update(block, updated_by=person(actor), updated_at=clock.now(), **values)
    touch(report)
    return block


@audit.service(AuditAction.BLOCK_ADD)
def add_block(
    *, actor: Actor, section: Section, kind: str, text: str = "", indicators: Sequence[Indicator] = ()
) -> Block:
    require(actor, Action.EDIT, section)
    editable(section.report)
    block = audit.create(
        Block,
        audit_fields=["kind"],
        section=section,
        position=next_position(section.blocks),
        kind=BlockKind(kind),
        text=clean_text(text),
        updated_by=person(actor),
        updated_at=clock.now(),
    )
    block.indicators.set(indicators)
    return block
