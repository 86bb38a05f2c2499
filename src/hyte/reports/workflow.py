"""The report's way through the council: draft → in review → approved (frozen) → published."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.reports.models import Block, BlockKind, OutlineKey, Report, ReportStatus, Section

TRANSITIONS: dict[ReportStatus, frozenset[ReportStatus]] = {
    ReportStatus.DRAFT: frozenset({ReportStatus.IN_REVIEW}),
    ReportStatus.IN_REVIEW: frozenset({ReportStatus.APPROVED, ReportStatus.DRAFT}),
    ReportStatus.APPROVED: frozenset({ReportStatus.PUBLISHED}),
    ReportStatus.PUBLISHED: frozenset(),
}


# Forward before back: the form lists the step that takes the report on first, and "back to draft" last.
_ORDER = [ReportStatus.IN_REVIEW, ReportStatus.APPROVED, ReportStatus.PUBLISHED, ReportStatus.DRAFT]


def next_statuses(report: Report) -> list[ReportStatus]:
    """The statuses the report may move to next: forward steps first, the way back to draft last."""
    return sorted(TRANSITIONS[ReportStatus(report.status)], key=_ORDER.index)


def empty_sections(sections: Sequence[Section], *, has_goals: bool) -> list[Section]:
    """The sections with nothing written in them (prefetched blocks): sent to review or approval with a warning.

    A block counts when it has text in either language, list items or indicators; the plan section
    counts when the report has goals (they are written in the plan's own part of the page)."""
    empty = []
    for section in sections:
        if section.key == OutlineKey.PLAN and has_goals:
            continue
        if not any(_has_content(block) for block in section.blocks.all()):
            empty.append(section)
    return empty


def _has_content(block: Block) -> bool:
    if block.text.strip() or block.text_sv.strip():
        return True
    if block.kind in (BlockKind.STRENGTHS, BlockKind.CONCERNS):
        return any(str(item).strip() for item in block.items)
    if block.kind == BlockKind.IMAGE:
        return block.image_id is not None
    return block.kind != BlockKind.TEXT and bool(block.indicators.all())


def council_decision(*, body: str, date: dt.date | None, reference: str) -> dict[str, Any]:
    """The council's decision as stored: body, date and the section of the minutes, each once.

    A reference typed with the date in it ("15.12.2025 § 112") keeps only the section, so that the decision
    is not printed with its date twice."""
    if not (body.strip() and date and reference.strip()):
        raise ValidationError(_("Approval needs the body, the date and the minute reference of the decision."))
    dated = rf"0?{date.day}\.0?{date.month}\.{date.year}"
    section = re.sub(rf"^\s*{dated}\s*,?\s*|\s*,?\s*{dated}\s*$", "", reference.strip()).strip()
    return {
        "decision_body": body.strip()[:200],
        "decision_date": date,
        "decision_reference": (section or reference.strip())[:200],
    }
