from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hyte.core.actors import AREA_LOADER
from hyte.regions.loader import COUNTIES, DEFAULT_KEY, SOTKANET_REGIONS, ClassificationError
from hyte.regions.services import load_areas


class Command(BaseCommand):
    help = (
        "Load Finland's areas (country, wellbeing services counties, regions, municipalities) from a "
        "Statistics Finland municipality key. Idempotent: running it again updates in place."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--file", type=Path, default=DEFAULT_KEY, help="municipality key CSV (default: bundled 2026)"
        )
        parser.add_argument("--year", type=int, help="classification year (default: from the file)")
        parser.add_argument("--sotkanet-regions", type=Path, default=SOTKANET_REGIONS, help="Sotkanet regions JSON")
        parser.add_argument("--counties", type=Path, default=COUNTIES, help="county reference CSV")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = load_areas(
                actor=AREA_LOADER,
                path=options["file"],
                year=options["year"],
                sotkanet_regions_path=options["sotkanet_regions"],
                counties_path=options["counties"],
            )
        except ClassificationError as exc:
            raise CommandError(str(exc)) from exc
        counts = ", ".join(f"{kind} {n}" for kind, n in result.counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Areas {result.year}: {result.created} created, {result.updated} updated, "
                f"{result.unchanged} unchanged, {result.retired} retired. Current: {counts}."
            )
        )
