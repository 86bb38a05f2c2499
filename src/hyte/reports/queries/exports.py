"""Reading a report's PDFs made in the background, for its PDF page and the download."""

from __future__ import annotations

from django.db.models import QuerySet

from hyte.accounts.permissions import Action, get_for
from hyte.core.actors import Viewer
from hyte.reports.export_models import ExportStatus, ReportExport
from hyte.reports.models import Report

RECENT = 10


def recent_pdfs(report: Report) -> list[ReportExport]:
    """The report's latest PDF exports, newest first, without their files (the page shows only their state)."""
    exports: QuerySet[ReportExport] = report.exports.select_related("requested_by").defer("data")
    return list(exports[:RECENT])


def ready_pdf_for(user: Viewer, report: Report, export_id: int) -> ReportExport:
    """A made PDF of `report`, with its file, checked by the resolver: 404 when missing, not ready or forbidden."""
    queryset = ReportExport.objects.select_related("report__organisation").filter(
        report=report, status=ExportStatus.READY
    )
    found: ReportExport = get_for(user, Action.VIEW, queryset, pk=export_id)
    return found
