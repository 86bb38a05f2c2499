"""A report's PDF, made in the background so that a large report does not hold a web worker: requested here,
rendered by `hyte.reports.tasks.make_pdf` between `start_pdf` and `finish_pdf` (or `fail_pdf`), and deleted after
HYTE_EXPORT_RETENTION_HOURS by `expire_pdfs` (`hyte expire_exports`). Each step is its own short transaction: the
rendering runs outside any."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from hyte.accounts.permissions import SITE, Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor, person
from hyte.notifications.models import Kind
from hyte.notifications.services import notify
from hyte.reports.export_models import PENDING, ExportStatus, ReportExport
from hyte.reports.models import Report

LANGUAGES = ("fi", "sv", "en")
MAX_ERROR = 1000


@audit.service(AuditAction.PDF_REQUEST)
def request_pdf(*, actor: Actor, report: Report, language: str) -> ReportExport:
    """Queue the making of the report's PDF in `language`, for whoever may read the report's drafts (as the PDF
    export always was). While one in the same language is still waiting or being made, that one is answered."""
    require(actor, Action.VIEW_DRAFTS, report.organisation)
    if language not in LANGUAGES:
        raise ValidationError(_("Choose the PDF's language: Finnish, Swedish or English."))
    waiting = report.exports.filter(language=language, status__in=PENDING).defer("data").first()
    if waiting is not None:
        return waiting
    export = audit.create(
        ReportExport,
        audit_fields=["language"],
        report=report,
        requested_by=person(actor),
        language=language,
        created_at=clock.now(),
    )
    from hyte.reports.tasks import make_pdf

    transaction.on_commit(lambda: make_pdf.enqueue(export.pk))
    return export


@audit.service(AuditAction.PDF_START)
def start_pdf(*, actor: Actor, export: ReportExport) -> bool:
    """Mark a waiting export as being made; False when it is not waiting any more (made, failed or expired)."""
    require(actor, Action.VIEW_DRAFTS, export.report.organisation)
    waiting = ReportExport.objects.select_for_update().filter(pk=export.pk, status=ExportStatus.QUEUED).exists()
    if not waiting:
        return False
    audit.update(export, status=ExportStatus.RUNNING, started_at=clock.now())
    return True


@audit.service(AuditAction.PDF_READY)
def finish_pdf(*, actor: Actor, export: ReportExport, data: bytes) -> ReportExport:
    """Store the made PDF. One marked failed meanwhile (it ran past HYTE_EXPORT_STALE_MINUTES) stays failed."""
    require(actor, Action.VIEW_DRAFTS, export.report.organisation)
    if not data.startswith(b"%PDF-"):
        raise ValidationError("not a PDF")
    export.refresh_from_db(fields=["status"])
    if export.status != ExportStatus.RUNNING:
        return export
    # the file itself is not copied into the audit log: its size and time are
    ReportExport.objects.filter(pk=export.pk).update(data=data)
    audit.update(export, status=ExportStatus.READY, size=len(data), finished_at=clock.now())
    _tell_requester(actor, export, gettext_noop("Your PDF of %(report)s is ready."))
    return export


@audit.service(AuditAction.PDF_FAILED)
def fail_pdf(*, actor: Actor, export: ReportExport, message: str) -> ReportExport:
    """Mark an export failed with the reason, in the requester's language (the one the PDF was asked in)."""
    require(actor, Action.VIEW_DRAFTS, export.report.organisation)
    export.refresh_from_db(fields=["status"])
    if export.status in PENDING:  # one made, or failed already, stays as it is
        _fail(export, message)
        _tell_requester(actor, export, gettext_noop("Your PDF of %(report)s could not be made."))
    return export


def _tell_requester(actor: Actor, export: ReportExport, message: str) -> None:
    """The person who asked, in the product and (by their choice) by e-mail: they need not keep the page open."""
    if export.requested_by is None:
        return
    report = export.report
    notify(
        actor=actor,
        users=[export.requested_by],
        kind=Kind.EXPORT_READY,
        message=message,
        params={"report": report.title},
        url=reverse("report-pdfs", args=[report.organisation.slug, report.pk]),
        organisation=report.organisation,
        key=f"report-export:{export.pk}",
    )


def _fail(export: ReportExport, message: str) -> None:
    """Only a waiting or running export fails, so there is no file to drop."""
    audit.update(
        export,
        action=AuditAction.PDF_FAILED,
        status=ExportStatus.FAILED,
        error=message[:MAX_ERROR],
        finished_at=clock.now(),
    )


@dataclass
class Expired:
    """What `expire_pdfs` did: exports marked failed as stale, and exports deleted after their retention."""

    failed: list[ReportExport] = field(default_factory=list)
    deleted: int = 0


@audit.service(AuditAction.PDF_FAILED, AuditAction.PDF_DELETE)
def expire_pdfs(*, actor: Actor) -> Expired:
    """Mark failed every export waiting or being made for longer than HYTE_EXPORT_STALE_MINUTES (its worker
    stopped, or none runs), and delete every export finished longer than HYTE_EXPORT_RETENTION_HOURS ago."""
    require(actor, Action.EDIT_SHARED_DATA, SITE)
    now = clock.now()
    stale = now - dt.timedelta(minutes=settings.HYTE_EXPORT_STALE_MINUTES)
    kept = now - dt.timedelta(hours=settings.HYTE_EXPORT_RETENTION_HOURS)
    result = Expired()
    pending = ReportExport.objects.filter(status__in=PENDING, created_at__lt=stale).select_related(
        "report__organisation"
    )
    for export in pending.defer("data"):
        if (export.started_at or export.created_at) < stale:
            with translation.override(export.language):
                _fail(export, _("The PDF was not made in time (the background worker stopped or is not running)."))
            result.failed.append(export)
    old = ReportExport.objects.exclude(status__in=PENDING).filter(finished_at__lt=kept)
    for export in old.select_related("report__organisation").defer("data"):
        audit.delete(export, action=AuditAction.PDF_DELETE)
        result.deleted += 1
    return result
