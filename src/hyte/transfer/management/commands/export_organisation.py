from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hyte.accounts.models import Organisation
from hyte.core.actors import COMMAND_LINE
from hyte.transfer.services import export_organisation


class Command(BaseCommand):
    help = (
        "Write one organisation's reports, versions, plans, assessments, own indicators and observations, members "
        "and audit log to ARCHIVE (a zip of JSON Lines files with a manifest). Import it into another instance "
        "with `hyte import_organisation ARCHIVE`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="the organisation's short name in addresses")
        parser.add_argument("archive", type=Path, help="the file to write (.zip); must not exist")

    def handle(self, *args: Any, **options: Any) -> None:
        target: Path = options["archive"]
        organisation = Organisation.objects.filter(slug=options["slug"]).first()
        if organisation is None:
            raise CommandError(f"no organisation has the short name {options['slug']!r}")
        if target.exists():
            raise CommandError(f"{target} exists already; choose a new file name")
        if not target.parent.is_dir():
            raise CommandError(f"{target.parent} is not a folder")
        exported = export_organisation(actor=COMMAND_LINE, organisation=organisation, target=target)
        for what, count in exported.left_out.items():
            self.stderr.write(f"Left out: {count} link(s) of {what} to rows outside the organisation")
        self.stdout.write(f"{organisation.slug}: {exported.rows:,} rows written to {target} ({exported.size:,} bytes)")
