"""Writing the report together: work assigned to members, blocks edited with a guard against overwriting."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from hyte.accounts.permissions import Action, permissions_for, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor, person
from hyte.funding.models import Scenario
from hyte.indicators.models import Indicator
from hyte.notifications.models import Kind
from hyte.notifications.queries import display_name
from hyte.notifications.services import notify
from hyte.reports.images import clean_image
from hyte.reports.models import Block, BlockKind, Goal, Measure, ReportImage, Section
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
    what = subject.title if isinstance(subject, Section) else subject.text
    notify(
        actor=actor,
        users=[u for u in users if u.pk not in before],
        kind=Kind.ASSIGNED,
        message=gettext_noop("%(who)s assigned you “%(what)s” in %(report)s"),
        params={"who": display_name(actor), "what": what[:120], "report": report.title},
        url=reverse("report-detail", args=[report.organisation.slug, report.pk]),
        organisation=report.organisation,
    )


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


INDICATOR_BLOCKS = {BlockKind.CHART, BlockKind.INDICATOR_TABLE, BlockKind.SUMMARY}


def _usable(actor: Actor, report_organisation_id: int, indicators: Sequence[Indicator]) -> None:
    """Shared indicators, or the report's organisation's own, that the writer may see."""
    perms = permissions_for(actor)
    for indicator in indicators:
        if indicator.organisation_id not in (None, report_organisation_id) or not perms.can(Action.VIEW, indicator):
            raise ValidationError(_("Unknown indicator."))


@audit.service(AuditAction.BLOCK_ADD)
def add_block(
    *,
    actor: Actor,
    section: Section,
    kind: str,
    text: str = "",
    text_sv: str = "",
    indicators: Sequence[Indicator] = (),
) -> Block:
    require(actor, Action.EDIT, section)
    editable(section.report)
    if kind not in BlockKind.values:
        raise ValidationError(_("Choose what kind of block to add."))
    _usable(actor, section.report.organisation_id, indicators)
    block = audit.create(
        Block,
        audit_fields=["kind"],
        section=section,
        position=next_position(section.blocks),
        kind=BlockKind(kind),
        text=clean_text(text),
        text_sv=clean_text(text_sv),
        updated_by=person(actor),
        updated_at=clock.now(),
    )
    block.indicators.set(indicators)
    return block


@audit.service(AuditAction.BLOCK_ADD)
def add_scenario_evidence(*, actor: Actor, section: Section, scenario: Scenario) -> Block:
    """A saved what-if scenario of the HYTE coefficient as a text block of the section, in Finnish and Swedish,
    with the numbers it had when saved (the writer must be able to read the scenario)."""
    from django.utils import translation

    from hyte.funding.queries.evidence import scenario_text

    require(actor, Action.VIEW, scenario)
    with translation.override("fi"):
        text = scenario_text(scenario)
    with translation.override("sv"):
        text_sv = scenario_text(scenario)
    return add_block(actor=actor, section=section, kind=BlockKind.TEXT, text=text, text_sv=text_sv)


@audit.service(AuditAction.BLOCK_MOVE)
def move_block(*, actor: Actor, block: Block, offset: int) -> Block:
    """One place up (-1) or down (+1) within its section."""
    require(actor, Action.EDIT, block)
    editable(block.section.report)
    siblings = list(block.section.blocks.order_by("position", "id"))
    index = next(i for i, b in enumerate(siblings) if b.pk == block.pk)
    other = index + (1 if offset > 0 else -1)
    if not 0 <= other < len(siblings):
        raise ValidationError(_("The block is already first or last in its section."))
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, each in enumerate(siblings, start=1):
        if each.position != position:
            audit.update(each, position=position)
    touch(block.section.report)
    return block


@audit.service(AuditAction.BLOCK_REMOVE)
def remove_block(*, actor: Actor, block: Block) -> None:
    require(actor, Action.EDIT, block)
    report = block.section.report
    editable(report)
    audit.delete(block)
    touch(report)


@audit.service(AuditAction.BLOCK_INDICATORS)
def set_block_indicators(*, actor: Actor, block: Block, indicators: Sequence[Indicator]) -> Block:
    """The indicators a chart, table or summary block shows (at most 12)."""
    require(actor, Action.EDIT, block)
    report = block.section.report
    editable(report)
    if block.kind not in INDICATOR_BLOCKS:
        raise ValidationError(_("This block shows no indicators."))
    if len(indicators) > 12:
        raise ValidationError(_("A block shows at most 12 indicators; add another block for more."))
    _usable(actor, report.organisation_id, indicators)
    before = list(block.indicators.values_list("pk", flat=True))
    block.indicators.set(indicators)
    audit.record(block, changes={"indicators": [before, [i.pk for i in indicators]]})
    touch(report)
    return block


@audit.service(AuditAction.SECTION_RENAME)
def rename_section(*, actor: Actor, section: Section, title: str, title_sv: str | None = None) -> Section:
    """The section's title; `title_sv` left out keeps the Swedish title as it is."""
    require(actor, Action.EDIT, section.report)
    editable(section.report)
    title = " ".join(title.split())[:300]
    if not title:
        raise ValidationError(_("Give the section a title."))
    if title_sv is None:
        audit.update(section, title=title)
    else:
        audit.update(section, title=title, title_sv=" ".join(title_sv.split())[:300])
    return section


@audit.service(AuditAction.BLOCK_IMAGE)
def set_block_image(
    *, actor: Actor, block: Block, alt_text: str, alt_text_sv: str = "", data: bytes | None = None
) -> Block:
    """An image block's image (a new upload, or `data=None` to keep the current one) and its text alternative,
    which is required: a screen reader reads it instead of the image (WCAG 1.1.1)."""
    require(actor, Action.EDIT, block.section)
    editable(block.section.report)
    if block.kind != BlockKind.IMAGE:
        raise ValidationError(_("Only an image block holds an image."))
    alt_text = " ".join(alt_text.split())[:500]
    if not alt_text:
        raise ValidationError(_("Describe the image in words: the text alternative is required."))
    image = block.image
    if data is not None:
        clean = clean_image(data)
        image = audit.create(
            ReportImage,
            audit_fields=["content_type", "width", "height", "sha256"],
            organisation=block.section.report.organisation,
            data=clean.data,
            content_type=clean.content_type,
            width=clean.width,
            height=clean.height,
            sha256=clean.sha256,
            created_at=clock.now(),
        )
    if image is None:
        raise ValidationError(_("Choose an image file."))
    audit.update(
        block,
        image=image,
        alt_text=alt_text,
        alt_text_sv=" ".join(alt_text_sv.split())[:500],
        revision=block.revision + 1,
        updated_by=person(actor),
        updated_at=clock.now(),
    )
    return block
