"""The report's way through the council: draft → in review → approved (frozen) → published."""

from __future__ import annotations

from hyte.reports.models import Report, ReportStatus

TRANSITIONS: dict[ReportStatus, frozenset[ReportStatus]] = {
    ReportStatus.DRAFT: frozenset({ReportStatus.IN_REVIEW}),
    ReportStatus.IN_REVIEW: frozenset({ReportStatus.DRAFT, ReportStatus.APPROVED}),
    ReportStatus.APPROVED: frozenset({ReportStatus.PUBLISHED}),
    ReportStatus.PUBLISHED: frozenset(),
}


def next_statuses(report: Report) -> list[ReportStatus]:
    """The statuses the report may move to next, in the workflow's order."""
    return sorted(TRANSITIONS[ReportStatus(report.status)], key=list(ReportStatus).index)
