from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hyte.actors.concept_file import ConceptFileError, parse
from hyte.actors.concept_services import load_welfare_concept
from hyte.actors.models import WelfareConcept
from hyte.core.actors import COMMAND_LINE


class Command(BaseCommand):
    help = (
        "Load or update a welfare concept and its themes from a JSON file (format in docs/commands.md). A file with "
        "any problem is refused whole; loading the same file again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the concept as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}") from exc
        default = WelfareConcept.objects.get(is_default=True)
        codes = set(default.themes.values_list("code", flat=True))
        try:
            spec = parse(data, default_codes=codes, default_concept=default.code)
            result = load_welfare_concept(actor=COMMAND_LINE, spec=spec)
        except ConceptFileError as exc:
            raise CommandError("\n".join([f"{path} was refused, nothing was loaded:", *exc.errors])) from exc
        except ValidationError as exc:
            raise CommandError(" ".join([f"{path} was refused, nothing was loaded:", *exc.messages])) from exc
        verb = "created" if result.created else "updated"
        self.stdout.write(
            self.style.SUCCESS(
                f"Welfare concept {result.concept.code} {verb}: {result.themes_created} themes added, "
                f"{result.themes_updated} changed, {result.themes_removed} removed."
            )
        )
