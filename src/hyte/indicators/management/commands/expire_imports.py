from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from hyte.core.actors import COMMAND_LINE
from hyte.indicators.services import expire_imports


class Command(BaseCommand):
    help = (
        "Mark failed, and delete the uploaded file of, every import that will not finish: uploads whose column "
        "mapping was not confirmed within HYTE_UPLOAD_RETENTION_HOURS and imports queued or running longer than "
        "HYTE_IMPORT_STALE_MINUTES. Run it hourly (cron or a systemd timer)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        expired = expire_imports(actor=COMMAND_LINE)
        for batch in expired:
            self.stdout.write(f"{batch.pk}\t{batch.filename or batch.source}\t{batch.error}")
        self.stdout.write(f"{len(expired)} imports marked failed")
