"""Opening a draft for comments, writing its summary and closing it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.permissions import Action, require
from hyte.assessments.models import EDITABLE_STATUSES, Assessment
from hyte.assessments.services import add_hearing
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor
from hyte.participation.assessment_text import assessment_parts
from hyte.participation.models import PollKind, Round, RoundSection, RoundState
from hyte.participation.services._common import line, text
from hyte.participation.text import section_text
from hyte.reports.models import Report, ReportStatus, Section


def _round(
    *,
    draft: Report | Assessment,
    title: str,
    title_sv: str,
    introduction: str,
    introduction_sv: str,
    opens_on: dt.date,
    closes_on: dt.date,
    anonymous_allowed: bool,
    premoderated: bool,
) -> Round:
    if closes_on < opens_on:
        raise ValidationError(_("The round must end on or after the day it opens."))
    title = line(title, 300)
    if not title:
        raise ValidationError(_("Give the round a title."))
    kind = "report" if isinstance(draft, Report) else "assessment"
    return audit.create(
        Round,
        audit_fields=[kind, "title", "opens_on", "closes_on", "anonymous_allowed", "premoderated"],
        organisation=draft.organisation,
        report=draft if isinstance(draft, Report) else None,
        assessment=draft if isinstance(draft, Assessment) else None,
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
    chosen = [section for section in sections if section.report_id == report.pk]
    if not chosen or len(chosen) != len(sections):
        raise ValidationError(_("Choose at least one section of this draft to open for comments."))
    round_ = _round(
        draft=report,
        title=title,
        title_sv=title_sv,
        introduction=introduction,
        introduction_sv=introduction_sv,
        opens_on=opens_on,
        closes_on=closes_on,
        anonymous_allowed=anonymous_allowed,
        premoderated=premoderated,
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


@audit.service(AuditAction.ROUND_CREATE)
def open_assessment_round(
    *,
    actor: Actor,
    assessment: Assessment,
    parts: Sequence[str],
    title: str,
    opens_on: dt.date,
    closes_on: dt.date,
    title_sv: str = "",
    introduction: str = "",
    introduction_sv: str = "",
    anonymous_allowed: bool = True,
    premoderated: bool = False,
) -> Round:
    """Open an impact assessment under preparation for comments on the chosen parts (`assessment_text`: what is
    being decided, the options with their effects, the cumulative effects, the method's questions, the
    conclusion): their text is kept as it is now, and the text of the assessment ready for the decision is
    compared with it."""
    require(actor, Action.EDIT, assessment)
    if assessment.status not in EDITABLE_STATUSES:
        raise ValidationError(
            _("Only an assessment under preparation can be opened for comments: this one is %(status)s.")
            % {"status": assessment.get_status_display()}
        )
    available = {part.key: part for part in assessment_parts(assessment)}
    unknown = [key for key in parts if key not in available]
    if unknown or not parts:
        raise ValidationError(_("Choose at least one written part of this assessment to open for comments."))
    round_ = _round(
        draft=assessment,
        title=title,
        title_sv=title_sv,
        introduction=introduction,
        introduction_sv=introduction_sv,
        opens_on=opens_on,
        closes_on=closes_on,
        anonymous_allowed=anonymous_allowed,
        premoderated=premoderated,
    )
    chosen = [part for key, part in available.items() if key in set(parts)]
    for position, part in enumerate(chosen, start=1):
        RoundSection.objects.create(
            round=round_, position=position, key=part.key, title=part.title, title_sv=part.title_sv, text=part.text
        )
    audit.record(round_, changes={"sections": [[], [part.key for part in chosen]]})
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
    assessment = round.assessment
    if assessment is not None and assessment.status in EDITABLE_STATUSES:
        # The residents were heard: the assessment's hearings record it with the summary, for the decision.
        add_hearing(
            actor=actor,
            assessment=assessment,
            party=_("Residents: comment round “%(title)s”") % {"title": round.title},
            views=round.summary,
            heard_on=round.closes_on,
        )
    return round
