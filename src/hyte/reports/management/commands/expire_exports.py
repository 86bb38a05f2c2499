from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from hyte.core.actors import COMMAND_LINE
from hyte.reports.services.pdf_exports import expire_pdfs


class Command(BaseCommand):
    help = (
        "Mark failed every PDF of a report waiting or being made for longer than HYTE_EXPORT_STALE_MINUTES, and "
        "delete every PDF made (or failed) longer than HYTE_EXPORT_RETENTION_HOURS ago. Run it hourly (cron or a "
        "systemd timer)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        expired = expire_pdfs(actor=COMMAND_LINE)
        for export in expired.failed:
            self.stdout.write(f"{export.pk}\t{export.report_id}\t{export.error}")
        self.stdout.write(f"{len(expired.failed)} PDFs marked failed, {expired.deleted} deleted")
