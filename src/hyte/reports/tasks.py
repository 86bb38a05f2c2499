"""Background tasks of reports. The embedded default runs them at once, after the request's changes commit;
production sets HYTE_TASK_BACKEND=database and runs `hyte db_worker`."""

from __future__ import annotations

import logging

from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from hyte.core.actors import TASKS
from hyte.reports import exports
from hyte.reports.export_models import ReportExport
from hyte.reports.services.pdf_exports import fail_pdf, finish_pdf, start_pdf

logger = logging.getLogger(__name__)


def build(export_id: int) -> str:
    """Render a requested export's PDF with the same code as every PDF of a report, and store it, or the reason it
    could not be made. Rendering runs outside any transaction; only the status changes are written."""
    export = (
        ReportExport.objects.select_related("report__organisation__area").defer("data").filter(pk=export_id).first()
    )
    if export is None:
        return "gone"  # the report was deleted meanwhile
    if not start_pdf(actor=TASKS, export=export):
        return str(export.status)
    try:
        data = exports.report_pdf(export.report, language=export.language)
    except Exception as exc:
        logger.exception("PDF export %s of report %s failed", export.pk, export.report_id)
        with translation.override(export.language):
            message = _("The PDF could not be made: %(error)s. Try again, or tell your organisation's administrator.")
            fail_pdf(actor=TASKS, export=export, message=message % {"error": str(exc) or type(exc).__name__})
        return str(export.status)
    return str(finish_pdf(actor=TASKS, export=export, data=data).status)


@task()
def make_pdf(export_id: int) -> str:
    return build(export_id)
