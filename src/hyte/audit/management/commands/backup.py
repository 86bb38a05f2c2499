from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hyte.audit.actions import AuditAction
from hyte.audit.log import record
from hyte.core.actors import COMMAND_LINE
from hyte.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write a consistent backup of the whole instance to FILE while it runs: pg_dump's custom format on "
        "PostgreSQL, SQLite's online backup on the embedded default. Restore it with `hyte restore FILE`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        target: Path = options["file"]
        if target.exists():
            raise CommandError(f"{target} exists already; choose a new file name")
        record(actor=COMMAND_LINE, action=AuditAction.BACKUP, object_type="instance", object_repr=str(target))
        try:
            kind = backup(target)
        except BackupError as exc:
            target.unlink(missing_ok=True)
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Backup of the {kind} database written to {target} ({target.stat().st_size:,} bytes)")
