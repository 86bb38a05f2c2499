from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hyte.audit.actions import AuditAction
from hyte.audit.log import record
from hyte.core.actors import COMMAND_LINE
from hyte.core.backup import BackupError, kind_of, restore


class Command(BaseCommand):
    help = (
        "Replace everything in this instance with a backup written by `hyte backup`, then apply the migrations "
        "of this version (a backup of an earlier version is upgraded). Stop the web processes and the worker "
        "first. Asks for confirmation unless --yes is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--yes", action="store_true", help="do not ask: replace the data")

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path = options["file"]
        if not source.is_file():
            raise CommandError(f"{source} is not a file")
        try:
            kind = kind_of(source)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if not options["yes"]:
            answer = input(f"Replace all of this instance's data with the {kind} backup {source}? [y/N] ")
            if answer.strip().lower() not in ("y", "yes", "k", "kyllä", "j", "ja"):
                raise CommandError("nothing was changed")
        try:
            restore(source)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        call_command("migrate", interactive=False, verbosity=0)
        record(actor=COMMAND_LINE, action=AuditAction.RESTORE, object_type="instance", object_repr=str(source))
        self.stdout.write(f"Restored the {kind} backup {source}")
