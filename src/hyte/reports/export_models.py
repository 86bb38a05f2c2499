"""A report's PDF, made in the background: requested from the report's PDF page, rendered by a task (the worker in
production, at once in the embedded default) and kept for HYTE_EXPORT_RETENTION_HOURS. The file is stored in the
database with the rest of the report, so that every web process and the worker see it without a shared folder."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from hyte.accounts.models import Organisation


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("waiting")
    RUNNING = "running", _("being made")
    READY = "ready", _("ready")
    FAILED = "failed", _("failed")


PENDING = (ExportStatus.QUEUED, ExportStatus.RUNNING)


class ReportExport(models.Model):
    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="exports")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    language = models.CharField(_("language"), max_length=2)
    status = models.CharField(_("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED)
    error = models.TextField(_("error"), blank=True)
    data = models.BinaryField(_("file"), null=True, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    created_at = models.DateTimeField(_("requested"))
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("PDF export")
        verbose_name_plural = _("PDF exports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"], name="reportexport_status_created")]

    def __str__(self) -> str:
        return f"PDF {self.report_id} {self.language} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.report.organisation

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING

    @property
    def filename(self) -> str:
        """The downloaded file's name, without its extension."""
        return f"hyvinvointikertomus-{self.report_id}-{self.language}-{timezone.localtime(self.created_at):%Y%m%d-%H%M}"
