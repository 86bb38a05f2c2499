from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hyte.accounts.models import Organisation
from hyte.core.actors import COMMAND_LINE
from hyte.indicators.models import ImportStatus
from hyte.indicators.parsing import AREA_READINGS, FORMATS, Mapping
from hyte.indicators.services import create_batch, import_bytes


def _column(value: str) -> int:
    """Columns are given 1-based on the command line, as people count them."""
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number - 1


class Command(BaseCommand):
    help = (
        "Import indicator values from a file: Sotkanet API CSV or JSON, the Sotkanet web site's export, or any "
        "long-format CSV/XLSX with the columns given as options. Prints every rejected row with its reason."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--format",
            default="",
            choices=["", *FORMATS],
            help="default: detected from the file",
        )
        parser.add_argument("--organisation", default="", help="slug: import into this organisation's own indicators")
        parser.add_argument(
            "--create-missing",
            action="store_true",
            help="create unknown indicators as the organisation's own",
        )
        parser.add_argument(
            "--area-reading",
            choices=AREA_READINGS,
            default="auto",
            help="what the area column holds: municipality codes, Sotkanet region ids or names (default: decided "
            "from the file; the import stops when numbers could be read both ways)",
        )
        parser.add_argument(
            "--area-check-column", type=_column, help="1-based column of area names to check the area column with"
        )
        for name in (
            "area",
            "value",
            "indicator",
            "year",
            "gender",
            "age-group",
            "count",
            "ci-low",
            "ci-high",
        ):
            parser.add_argument(f"--{name}-column", type=_column, help=f"1-based column of the {name}")
        parser.add_argument("--indicator", default="", help="one indicator (id or title) for the whole file")
        parser.add_argument("--year", type=int, help="one year for the whole file")
        parser.add_argument("--header-row", type=int, default=1, help="1-based row of the header (default 1)")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc}") from exc
        organisation = None
        if options["organisation"]:
            organisation = Organisation.objects.filter(slug=options["organisation"]).first()
            if organisation is None:
                raise CommandError(f"no organisation {options['organisation']!r}")
        mapping = None
        if options["area_column"] is not None or options["value_column"] is not None:
            if options["area_column"] is None:
                raise CommandError("give --area-column (and --value-column, unless the file has one column per year)")
            mapping = Mapping(
                area=options["area_column"],
                value=options["value_column"],
                indicator=options["indicator_column"],
                indicator_fixed=options["indicator"],
                year=options["year_column"],
                year_fixed=options["year"],
                gender=options["gender_column"],
                age_group=options["age_group_column"],
                absolute_value=options["count_column"],
                ci_low=options["ci_low_column"],
                ci_high=options["ci_high_column"],
                header_row=options["header_row"],
                area_reading=options["area_reading"],
                area_check=options["area_check_column"],
            )
        batch = create_batch(actor=COMMAND_LINE, organisation=organisation, source="command line", filename=path.name)
        batch = import_bytes(
            actor=COMMAND_LINE,
            batch=batch,
            data=data,
            file_format=options["format"],
            mapping=mapping,
            shared=organisation is None,
            create_missing=options["create_missing"],
            on_progress=self._progress,
        )
        sys.stderr.write("\n")
        for row in batch.rejected_rows.all()[:200]:
            self.stdout.write(f"  line {row.line}: {row.reason}")
        if batch.rows_rejected > 200:
            self.stdout.write(f"  … and {batch.rows_rejected - 200} more rejected rows (see import {batch.pk})")
        for source_id in batch.parameters.get("indicators_added") or []:
            self.stdout.write(f"  indicator {source_id} added to the catalogue with the title the file gives")
        summary = (
            f"{batch.rows_read} rows read, {batch.rows_created} stored, {batch.rows_updated} updated, "
            f"{batch.rows_unchanged} unchanged, {batch.rows_rejected} rejected (import {batch.pk})"
        )
        if batch.status != ImportStatus.DONE:
            raise CommandError(f"{path.name}: {batch.error}" + (f" — {summary}" if batch.rows_read else ""))
        self.stdout.write(self.style.SUCCESS(f"{path.name}: {summary}."))

    def _progress(self, read: int, expected: int) -> None:
        if not sys.stderr.isatty() and read != expected:
            return
        share = min(1.0, read / expected) if expected else 1.0
        bar = "#" * int(share * 30)
        sys.stderr.write(f"\r[{bar:<30}] {share:4.0%} {read:,} rows")
        sys.stderr.flush()
