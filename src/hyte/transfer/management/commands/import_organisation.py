from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hyte.core.actors import COMMAND_LINE
from hyte.transfer.reader import ArchiveRefused
from hyte.transfer.services import import_organisation


class Command(BaseCommand):
    help = (
        "Import an organisation from an archive written by `hyte export_organisation`, all or nothing. Its people "
        "are matched by e-mail to this instance's accounts; those not found get an account without a password "
        "(they set one through 'forgot password' or an invitation). Areas and the national indicator catalogue "
        "must be loaded first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument("--slug", default="", help="import under this short name instead of the archive's")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            loaded = import_organisation(actor=COMMAND_LINE, source=options["archive"], slug=options["slug"])
        except ArchiveRefused as exc:
            raise CommandError(f"{exc}. Nothing was imported.") from exc
        for warning in sorted(set(loaded.warnings)):
            self.stderr.write(f"Note: {warning}")
        for table, count in sorted(loaded.matched.items()):
            self.stdout.write(f"Found in this instance already, not made again: {count} row(s) of {table}")
        for person in loaded.people_created:
            self.stdout.write(f"New account without a password: {person.username} <{person.email}>")
        self.stdout.write(
            f"Imported {loaded.organisation.slug}: {loaded.rows:,} rows, {loaded.people_matched} people matched to "
            f"existing accounts, {len(loaded.people_created)} new"
        )
