"""Opening a draft for comments, writing its summary and closing it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor
from hyte.participation.models import PollKind, Round, RoundSection, RoundState
from hyte.participation.services._common import line, text
from hyte.participation.text import section_text
from hyte.reports.models import Report, ReportStatus, Section


@audit.service(AuditAction.ROUND_CREATE)
def open_round(
    *,
    actor: Actor,
    report: Report,
    sections: Sequence[Section],
    title: str,
    opens_on: dt.date,
    closes_on: dt.date,
    title_sv: str = "",
    introduction: str = "",
    introduction_sv: str = "",
    anonymous_allowed: bool = True,
    premoderated: bool = False,
) -> Round:
    """Open `report` (a draft) for comments from `opens_on` to `closes_on`, on the chosen sections: their text is
    kept as it is now, so that residents read, and the approved version is compared with, this draft."""
    require(actor, Action.EDIT, report)
    if report.status in (ReportStatus.APPROVED, ReportStatus.PUBLISHED):
        raise ValidationError(_("Only a draft can be opened for comments: this report has been approved."))
    if closes_on < opens_on:
        raise ValidationError(_("The round must end on or after the day it opens."))
    chosen = [section for section in sections if section.report_id == report.pk]
    if not chosen or len(chosen) != len(sections):
        raise ValidationError(_("Choose at least one section of this draft to open for comments."))
    title = line(title, 300)
    if not title:
        raise ValidationError(_("Give the round a title."))
    round_ = audit.create(
        Round,
        audit_fields=["report", "title", "opens_on", "closes_on", "anonymous_allowed", "premoderated"],
        organisation=report.organisation,
        report=report,
        title=title,
        title_sv=line(title_sv, 300),
        introduction=text(introduction),
        introduction_sv=text(introduction_sv),
        opens_on=opens_on,
        closes_on=closes_on,
        anonymous_allowed=anonymous_allowed,
        premoderated=premoderated,
        created_at=clock.now(),
    )
    ordered = sorted(chosen, key=lambda s: (s.position, s.pk))
    for position, section in enumerate(ordered, start=1):
        blocks = list(section.blocks.all())
        RoundSection.objects.create(
            round=round_,
            section=section,
            position=position,
            key=section.key,
            title=section.title,
            title_sv=section.title_sv,
            text=section_text(blocks),
            text_sv=section_text(blocks, swedish=True),
        )
    audit.record(round_, changes={"sections": [[], [s.pk for s in ordered]]})
    return round_


@audit.service(AuditAction.ROUND_UPDATE)
def set_poll(
    *,
    actor: Actor,
    section: RoundSection,
    kind: str,
    question: str = "",
    question_sv: str = "",
    choices: Sequence[tuple[str, str]] = (),
) -> RoundSection:
    """A short poll on a section: one choice of several, or a scale of 1–5; `kind` "" removes it. Set before
    the round opens or while no one has answered."""
    require(actor, Action.EDIT, section.round)
    if kind not in PollKind.values:
        raise ValidationError(_("Choose the kind of poll."))
    if section.answers.exists():
        raise ValidationError(_("The poll has answers already: it can no longer change."))
    question = line(question, 300)
    cleaned = [[line(fi, 200), line(sv, 200)] for fi, sv in choices if line(fi, 200)]
    if kind and not question:
        raise ValidationError(_("Write the poll's question."))
    if kind == PollKind.CHOICE and not 2 <= len(cleaned) <= 8:
        raise ValidationError(_("A poll with choices needs 2 to 8 choices."))
    audit.update(
        section,
        poll_kind=kind,
        poll_question=question if kind else "",
        poll_question_sv=line(question_sv, 300) if kind else "",
        poll_choices=cleaned if kind == PollKind.CHOICE else [],
    )
    return section


@audit.service(AuditAction.ROUND_SUMMARY)
def write_summary(*, actor: Actor, round: Round, summary: str, summary_sv: str = "") -> Round:
    require(actor, Action.EDIT, round)
    if round.state == RoundState.CLOSED:
        raise ValidationError(_("The round is closed: its summary no longer changes."))
    audit.update(round, summary=text(summary, 20_000), summary_sv=text(summary_sv, 20_000))
    return round


@audit.service(AuditAction.ROUND_CLOSE)
def close_round(*, actor: Actor, round: Round) -> Round:
    """Mark the round closed: only after its period, and only with a summary written."""
    require(actor, Action.EDIT, round)
    state = round.state
    if state == RoundState.CLOSED:
        raise ValidationError(_("The round is closed already."))
    if state != RoundState.ENDED:
        raise ValidationError(
            _("The round is still open for comments: it can be closed after %(day)s.")
            % {"day": round.closes_on.strftime("%d.%m.%Y")}
        )
    if not round.summary.strip():
        raise ValidationError(_("Write the summary of the feedback before closing the round."))
    audit.update(round, closed_at=clock.now())
    return round
