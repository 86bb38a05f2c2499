from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hyte.actors import opendata, queries


class Command(BaseCommand):
    help = (
        "Write the public register of a municipality (or of a county's municipalities) as open data under CC BY 4.0: "
        "HSDS 3.0 JSON, CSV or XLSX, to --out FILE or to standard output (XLSX needs --out)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--area", required=True, help="a municipality's (3 digits) or a county's (2) official code")
        parser.add_argument("--format", required=True, choices=["hsds", "csv", "xlsx"], dest="file_format")
        parser.add_argument("--language", choices=list(opendata.HSDS_LANGUAGES), default="fi", help="HSDS's texts")
        parser.add_argument("--out", type=Path, help="the file to write (replaced whole if it exists)")

    def handle(self, *args: Any, **options: Any) -> None:
        area = queries.open_data_area(options["area"])
        if area is None:
            raise CommandError(f"no municipality or county has the code {options['area']!r}")
        target: Path | None = options["out"]
        file_format = options["file_format"]
        if target is None and file_format == "xlsx":
            raise CommandError("XLSX is not text: give the file to write with --out FILE")
        if target is not None and not target.parent.is_dir():
            raise CommandError(f"{target.parent} is not a folder")
        register = opendata.register_of(area, base_url=settings.PUBLIC_BASE_URL)
        if file_format == "hsds":
            body = opendata.hsds_json(register, language=options["language"])
        elif file_format == "csv":
            body = opendata.register_csv(register)
        else:
            body = opendata.register_xlsx(register)
        if target is None:
            self.stdout.write(body.decode(), ending="")
            return
        handle, partial = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".partial")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(body)
            Path(partial).chmod(0o644)  # open data: readable by the web server that serves it
            Path(partial).replace(target)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
        self.stderr.write(f"{area.code} {area.name_fi}: {len(register.activities)} activities written to {target}")
