"""`hyte import_register`: import activities and their providers into an organisation's register from a CSV or
XLSX file, an Open Referral HSDS JSON file or the Linked Events API, as the import pages do."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, permissions_for
from hyte.actors.imports.files import kind_of, read_rows
from hyte.actors.imports.plan import REJECT, Planned
from hyte.actors.imports.reading import default_source, plan_for
from hyte.actors.imports.rows import ImportRefused
from hyte.actors.imports.services import choose_columns, confirm_import, start_import
from hyte.actors.imports.sheet import BY_NAME, guess_mapping
from hyte.actors.linked_events import LinkedEventsClient, LinkedEventsError
from hyte.actors.models import ImportFormat, RegisterImport
from hyte.core.actors import COMMAND_LINE
from hyte.core.actors import Actor as Who
from hyte.regions.models import Area, AreaKind

FORMATS = {
    "csv": ImportFormat.SHEET,
    "xlsx": ImportFormat.SHEET,
    "hsds": ImportFormat.HSDS,
    "linked-events": ImportFormat.LINKED_EVENTS,
}


class Command(BaseCommand):
    help = (
        "Import activities into an organisation's register from a CSV/XLSX file, an Open Referral HSDS JSON file "
        "or the Linked Events API. Prints every rejected row with its number and reasons; re-running updates."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", type=Path, help="the file (not for --format linked-events)")
        parser.add_argument("--format", required=True, choices=sorted(FORMATS))
        parser.add_argument("--organisation", required=True, help="slug of the organisation whose register it is")
        parser.add_argument("--as", dest="username", default="", help="the user who imports (default: the system)")
        parser.add_argument("--source", default="", help="the source's name (default: by format; see docs)")
        parser.add_argument("--publish", action="store_true", help="publish the new activities in the finder")
        parser.add_argument("--dry-run", action="store_true", help="show what would happen; write nothing")
        parser.add_argument(
            "--column",
            action="append",
            default=[],
            metavar="NAME=N",
            help="a spreadsheet's column (1-based), e.g. title=2; default: guessed from the header",
        )
        parser.add_argument("--header-row", type=int, default=1)
        parser.add_argument("--query", default="", help="Linked Events: the query, e.g. keyword=yso:p916")
        parser.add_argument("--provider", type=int, help="Linked Events: the id of the actor whose events they are")
        parser.add_argument("--municipality", default="", help="code of the municipality (default: the organisation's)")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"no organisation {options['organisation']!r}")
        actor = self._actor(options["username"])
        if not permissions_for(actor).can(Action.EDIT, RegisterImport(organisation=organisation)):
            raise CommandError(
                f"{options['username']} is not allowed to import into the register of {organisation.slug}"
            )
        file_format = FORMATS[options["format"]]
        data, filename, parameters = self._input(options, file_format)
        parameters["publish"] = options["publish"]
        if options["municipality"]:
            area = Area.objects.filter(kind=AreaKind.MUNICIPALITY, code=options["municipality"]).first()
            if area is None:
                raise CommandError(f"no municipality with the code {options['municipality']!r}")
            parameters["municipality"] = area.pk
        source = options["source"] or default_source(organisation, file_format)
        try:
            if file_format == ImportFormat.SHEET:
                parameters.update(self._columns(options, data))
            plan = plan_for(
                actor=actor,
                organisation=organisation,
                file_format=file_format,
                data=data,
                parameters={"municipality": organisation.area_id, **parameters},
                source=source,
            )
        except ImportRefused as exc:
            raise CommandError(f"{filename}: {exc}") from exc
        self._report(plan)
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was written.")
            return
        if all(row.action == REJECT for row in plan):
            raise CommandError(f"{filename}: every row was rejected; nothing was written")
        try:
            run = start_import(
                actor=actor,
                organisation=organisation,
                file_format=file_format,
                data=data,
                filename=filename,
                source=source,
                parameters=parameters,
            )
            if file_format == ImportFormat.SHEET:
                choose_columns(actor=actor, run=run, columns=parameters["columns"], header_row=parameters["header_row"])
            run = confirm_import(actor=actor, run=run)
        except (ValidationError, PermissionDenied) as exc:
            reason = " ".join(exc.messages) if isinstance(exc, ValidationError) else "not allowed"
            raise CommandError(f"{filename}: {reason}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{filename}: {run.rows_read} rows read, {run.rows_created} new, {run.rows_updated} updated, "
                f"{run.rows_unchanged} unchanged, {run.rows_rejected} rejected, {run.actors_created} new actors "
                f"(import {run.pk}, source {run.source})."
            )
        )

    def _actor(self, username: str) -> Who:
        if not username:
            return COMMAND_LINE
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"no active user {username!r}")
        return user

    def _input(self, options: dict[str, Any], file_format: str) -> tuple[bytes, str, dict[str, Any]]:
        if file_format == ImportFormat.LINKED_EVENTS:
            if not options["query"] or not options["provider"]:
                raise CommandError("give --query and --provider for --format linked-events")
            try:
                with LinkedEventsClient() as client:
                    fetched = client.events(options["query"])
            except LinkedEventsError as exc:
                raise CommandError(str(exc)) from exc
            if not fetched.complete:
                self.stderr.write(f"only the first {fetched.pages} pages of {fetched.count} events were fetched")
            parameters = {
                "provider": options["provider"],
                "pages": fetched.pages,
                "count": fetched.count,
                "complete": fetched.complete,
            }
            return json.dumps({"data": fetched.items}).encode(), fetched.url, parameters
        path: Path | None = options["file"]
        if path is None:
            raise CommandError("give the file to import")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc}") from exc
        claimed = {"csv": "csv", "xlsx": "xlsx", "hsds": "json"}[options["format"]]
        try:
            found = kind_of(data)
        except ImportRefused as exc:
            raise CommandError(f"{path.name}: {exc}") from exc
        if found != claimed:
            raise CommandError(f"{path.name}: the file is {found.upper()}, not {claimed.upper()} as --format says")
        return data, path.name, {}

    def _columns(self, options: dict[str, Any], data: bytes) -> dict[str, Any]:
        header_row = options["header_row"]
        columns: dict[str, int] = {}
        for given in options["column"]:
            name, _sep, number = given.partition("=")
            if name not in BY_NAME or not number.isdigit() or int(number) < 1:
                raise CommandError(f"--column {given!r}: give NAME=N with one of {', '.join(BY_NAME)}")
            columns[name] = int(number) - 1
        if not columns:
            rows = read_rows(data)
            columns = guess_mapping(rows[header_row - 1] if 0 < header_row <= len(rows) else [])
        return {"columns": columns, "header_row": header_row}

    def _report(self, plan: list[Planned]) -> None:
        counts = {
            action: sum(1 for row in plan if row.action == action)
            for action in ("create", "update", "unchanged", "reject")
        }
        self.stdout.write(
            f"{len(plan)} rows: {counts['create']} new, {counts['update']} updated, {counts['unchanged']} unchanged, "
            f"{counts['reject']} rejected"
        )
        for row in plan:
            if row.action == REJECT:
                self.stdout.write(f"  row {row.line}: {' '.join(row.reasons)}")
