"""An import's rows and plan, read again from what it keeps (the file or the fetched answers, and the choices made
on its way): the preview and the confirmation read the same rows the same way."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation, OrganisationKind
from hyte.actors.imports.events import parse_linked_events
from hyte.actors.imports.files import read_json, read_rows
from hyte.actors.imports.hsds import parse_hsds
from hyte.actors.imports.plan import Options, Planned, Planner
from hyte.actors.imports.rows import ImportRefused, RowIn
from hyte.actors.imports.sheet import guess_mapping, parse_rows
from hyte.actors.imports.terms import norm
from hyte.actors.models import Actor, ImportFormat, RegisterImport, Theme
from hyte.core.actors import Actor as Who
from hyte.regions.models import Area


def read(file_format: str, data: bytes, parameters: dict[str, Any]) -> list[RowIn]:
    """The rows of a file or of fetched answers, each with its key; refuses a file that cannot be read whole."""
    if file_format == ImportFormat.SHEET:
        table = read_rows(data)
        header_row = int(parameters.get("header_row") or 1)
        columns = parameters.get("columns")
        if columns is None and table:
            columns = guess_mapping(table[header_row - 1] if header_row <= len(table) else [])
        rows = list(parse_rows(table, {k: int(v) for k, v in (columns or {}).items()}, header_row))
    elif file_format == ImportFormat.HSDS:
        rows = parse_hsds(read_json(data))
    elif file_format == ImportFormat.LINKED_EVENTS:
        themes = {norm(name): t.code for t in Theme.objects.all() for name in (t.code, t.name_fi, t.name_sv, t.name_en)}
        rows = parse_linked_events(read_json(data), themes)
        for row in rows:
            row.themes = [code for code in row.themes or [] if code in themes.values()]
    else:
        raise ImportRefused(_("Unknown format %(format)s.") % {"format": file_format})
    return keyed(rows)


def default_source(organisation: Organisation, file_format: str) -> str:
    """The source an import's ids belong to, unless the person importing names it."""
    if file_format == ImportFormat.LINKED_EVENTS:
        return f"linked-events:{urlsplit(settings.HYTE_LINKED_EVENTS_URL).netloc}"
    if file_format == ImportFormat.HSDS:
        return "hsds"
    return f"sheet:{organisation.slug}"


def keyed(rows: list[RowIn]) -> list[RowIn]:
    """Every row with its own key: its id in the source, or one made of its title, municipality and provider.
    Two rows with one key are ambiguous (which is the entry?), and the file is refused."""
    if not rows:
        raise ImportRefused(_("The file has no activities to import."))
    seen: dict[str, int] = {}
    for row in rows:
        derived = not row.key
        if derived:
            provider = row.provider.name if row.provider is not None else ""
            row.key = "~" + "/".join(slugify(part)[:60] for part in (row.title, row.municipality, provider))
        first = seen.setdefault(row.key, row.line)
        if first != row.line:
            if derived:
                raise ImportRefused(
                    _(
                        "Rows %(first)d and %(second)d have the same title, municipality and provider and no id: give "
                        "each row its own id, or remove the repeat."
                    )
                    % {"first": first, "second": row.line}
                )
            raise ImportRefused(
                _("The id %(id)s is on rows %(first)d and %(second)d: each activity needs its own id.")
                % {"id": row.key, "first": first, "second": row.line}
            )
    return rows


def options_of(organisation: Organisation, parameters: dict[str, Any], source: str) -> Options:
    municipality = Area.objects.filter(pk=int(parameters.get("municipality") or organisation.area_id or 0)).first()
    if municipality is None:
        raise ImportRefused(_("Choose the municipality of the activities."))
    provider = Actor.objects.filter(pk=parameters["provider"]).first() if parameters.get("provider") else None
    own = organisation.kind == OrganisationKind.NGO
    if own:
        provider = own_entry(organisation)
    return Options(
        source=source,
        municipality=municipality,
        provider=provider,
        publish=bool(parameters.get("publish")),
        own_only=own,
    )


def own_entry(organisation: Organisation) -> Actor:
    """An NGO's own entry, which all its imported activities belong to."""
    entry = Actor.objects.filter(organisation=organisation).first()
    if entry is None:
        raise ImportRefused(_("Your organisation has no entry in the register yet: add it first."))
    return entry


def plan_for(
    *, actor: Who, organisation: Organisation, file_format: str, data: bytes, parameters: dict[str, Any], source: str
) -> list[Planned]:
    """What importing would do, row by row; writes nothing."""
    rows = read(file_format, data, parameters)
    options = options_of(organisation, parameters, source)
    return Planner(actor=actor, organisation=organisation, options=options, rows=rows).plan(rows)


def plan_of(run: RegisterImport, actor: Who) -> list[Planned]:
    """What confirming the import would do, row by row."""
    if run.upload is None:
        raise ImportRefused(_("This import is over: its file is no longer kept."))
    return plan_for(
        actor=actor,
        organisation=run.organisation,
        file_format=run.file_format,
        data=bytes(run.upload),
        parameters=run.parameters,
        source=run.source,
    )
