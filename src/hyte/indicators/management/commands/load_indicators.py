from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hyte.core.actors import COMMAND_LINE
from hyte.indicators.services import load_catalogue

DATA = Path(__file__).resolve().parents[2] / "data"


class Command(BaseCommand):
    help = "Load or update the Sotkanet indicator catalogue from files (default: the bundled catalogue)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--catalogue",
            type=Path,
            default=DATA / "indicators-2016.json",
            help="the /indicators answer of the Sotkanet API (a JSON list)",
        )
        parser.add_argument(
            "--metadata",
            type=Path,
            default=DATA / "indicator-metadata-2025-09.json",
            help="full metadata: a JSON object of id → /indicators/<id> answer, or such answers "
            "under the key 'indicators'",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            entries = json.loads(options["catalogue"].read_text(encoding="utf-8"))
            metadata = json.loads(options["metadata"].read_text(encoding="utf-8")) if options["metadata"] else {}
        except (OSError, json.JSONDecodeError) as exc:
            raise CommandError(f"cannot read the catalogue: {exc}") from exc
        if not isinstance(entries, list):
            raise CommandError(f"{options['catalogue'].name}: the catalogue must be a JSON list")
        metadata = metadata.get("indicators", metadata)
        result = load_catalogue(actor=COMMAND_LINE, entries=entries, metadata={str(k): v for k, v in metadata.items()})
        self.stdout.write(
            self.style.SUCCESS(
                f"Indicators: {result.created} created, {result.updated} updated, {result.unchanged} unchanged."
            )
        )
