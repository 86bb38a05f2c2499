from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hyte.core.actors import COMMAND_LINE
from hyte.funding.exchange import model_to_json
from hyte.funding.queries import model_versions
from hyte.funding.services import import_model
from hyte.funding.shipped import load_shipped


class Command(BaseCommand):
    help = (
        "Load the shipped HYTE coefficient models (those not stored yet), or import a model file as the next "
        "version of its model (--file), or write a stored version as JSON (--export KEY [--version N])."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, help="a model file in the exchange format (docs/funding.md)")
        parser.add_argument("--export", metavar="KEY", help="write the newest (or --version) version of a model")
        parser.add_argument("--version", type=int, dest="model_version")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["export"]:
            versions = model_versions(options["export"])
            if options["model_version"]:
                versions = versions.filter(version=options["model_version"])
            model = versions.first()
            if model is None:
                raise CommandError(f"no model {options['export']!r} (version {options['model_version'] or 'any'})")
            self.stdout.write(json.dumps(model_to_json(model), ensure_ascii=False, indent=1))
            return
        if options["file"]:
            try:
                model = import_model(actor=COMMAND_LINE, data=options["file"].read_bytes())
            except ValidationError as error:
                raise CommandError("\n".join(error.messages)) from error
            except OSError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(f"{model.key}: version {model.version} stored ({model.indicators.count()} indicators)")
            return
        loaded = load_shipped(actor=COMMAND_LINE)
        for model in loaded:
            self.stdout.write(f"{model.key}: version {model.version} stored")
        if not loaded:
            self.stdout.write("the shipped models are stored already")
