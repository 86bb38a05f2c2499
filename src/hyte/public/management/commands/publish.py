from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hyte.public.export import export_site


class Command(BaseCommand):
    help = (
        "Write the public site (published reports as HTML and PDF, open data as CSV and JSON, assets, sitemap) "
        "into a folder that any web server or CDN can serve. Running it again updates the folder."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--out", required=True, type=Path, help="The folder to write (created if missing).")
        parser.add_argument(
            "--base-url",
            default="",
            help="The site's public address, for the sitemap (default: HYTE_PUBLIC_BASE_URL).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        base_url = options["base_url"] or settings.PUBLIC_BASE_URL
        if not base_url.startswith(("http://", "https://")):
            raise CommandError("Give the site's public address with --base-url or HYTE_PUBLIC_BASE_URL.")
        try:
            result = export_site(options["out"], base_url=base_url)
        except (RuntimeError, FileNotFoundError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{options['out']}: {result.total} files, {len(result.written)} written, {result.unchanged} unchanged, "
            f"{len(result.removed)} removed."
        )
