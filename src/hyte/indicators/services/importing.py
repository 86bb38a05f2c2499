"""Importing observations: a batch for every import, uploads waiting for their column mapping, and the import
itself (parse, resolve, store) run by the uploader's request, a background task, a command or the Sotkanet sync.
Every step is audited; every rejected row is kept with its reason."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import asdict
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import SITE, Action, permissions_for, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor, person
from hyte.indicators.areas import AreaIndex, Resolution, Unresolved, area_resolver, choose_reading
from hyte.indicators.bulk import looks_plain
from hyte.indicators.imports import IndicatorResolver, Progress, fail, import_parsed, import_plain
from hyte.indicators.models import ImportBatch, ImportStatus
from hyte.indicators.parsing import (
    FORMATS,
    OLE2,
    SOTKANET_FORMATS,
    FileRefused,
    Mapping,
    Parsed,
    ParsedRow,
    Sheet,
    detect_format,
    parse_bytes,
    parse_sheet,
    parse_table,
    read_sheet,
)

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
TABLE_FORMATS = {"table", "xlsx"}


@audit.service(AuditAction.IMPORT_CREATE)
def create_batch(
    *,
    actor: Actor,
    organisation: Organisation | None,
    source: str,
    filename: str = "",
    parameters: dict[str, Any] | None = None,
    upload: bytes | None = None,
) -> ImportBatch:
    """A new import into the organisation's own data (or, without one, the shared national data)."""
    if organisation is None:
        require(actor, Action.EDIT_SHARED_DATA, SITE)
    else:
        require(actor, Action.IMPORT, organisation)
    return audit.create(
        ImportBatch,
        audit_fields=["source", "filename"],
        organisation=organisation,
        created_by=person(actor),
        source=source,
        filename=filename[:300],
        parameters=parameters or {},
        created_at=clock.now(),
        upload=upload,
    )


@audit.service(AuditAction.IMPORT_CREATE)
def upload_import(*, actor: Actor, organisation: Organisation, filename: str, data: bytes) -> ImportBatch:
    """Store an uploaded file as a batch. Sotkanet formats start at once; tables wait for their mapping."""
    require(actor, Action.IMPORT, organisation)
    if not data or data.isspace():  # not `strip()`, which would copy the whole file
        raise ValidationError(_("The file is empty."))
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than 50 MB."))
    try:
        file_format = detect_format(data)
        if file_format in TABLE_FORMATS or data.startswith((b"PK\x03\x04", OLE2)):
            read_sheet(data)  # a table the mapping page could not read, or a hostile workbook: refused now, whole
    except FileRefused as exc:
        raise ValidationError(str(exc)) from exc
    shared = permissions_for(actor).can(Action.EDIT_SHARED_DATA, SITE)
    batch = create_batch(
        actor=actor,
        organisation=organisation,
        source="upload",
        filename=filename,
        upload=data,
        parameters={"format": file_format, "shared": shared},
    )
    if file_format not in TABLE_FORMATS:
        _enqueue(batch)
    return batch


@audit.service(AuditAction.IMPORT_MAP)
def confirm_mapping(*, actor: Actor, batch: ImportBatch, mapping: Mapping, create_missing: bool) -> ImportBatch:
    """Which column holds what; checked against the file before the import is queued."""
    require(actor, Action.EDIT, batch)
    if batch.status != "queued" or batch.parameters.get("mapping") or batch.upload is None:
        raise ValidationError(_("This import has already started."))
    data = bytes(batch.upload)
    try:
        sheet = read_sheet(data)
        problems = mapping.validate(_header_row(sheet, mapping))
        if problems:
            raise FileRefused("; ".join(problems))
        if mapping.area_reading == "auto":
            # Decided now, so that a column that could be read two ways is asked about on the mapping page.
            parsed = parse_table(sheet, mapping)
            mapping.area_reading = _decide_reading(parsed, AreaIndex(), column=_header_of(sheet, mapping))
    except FileRefused as exc:
        raise ValidationError(str(exc)) from exc
    parameters = {**batch.parameters, "mapping": _mapping_parameters(mapping), "create_missing": create_missing}
    audit.update(batch, parameters=parameters)
    _enqueue(batch)
    return batch


def _mapping_parameters(mapping: Mapping) -> dict[str, Any]:
    data = asdict(mapping)
    data.pop("problems", None)
    return data


def _enqueue(batch: ImportBatch) -> None:
    from hyte.indicators.tasks import run_import

    transaction.on_commit(lambda: run_import.enqueue(batch.pk))


_IMPORT_ACTIONS = (AuditAction.IMPORT_DONE, AuditAction.IMPORT_FAILED, AuditAction.INDICATOR_CREATE)


@audit.service(*_IMPORT_ACTIONS, atomic=False)
def import_rows(
    *,
    actor: Actor,
    batch: ImportBatch,
    parsed: Iterable[Parsed] | Callable[[], Iterable[Parsed]],
    resolve_area: Callable[[ParsedRow], Resolution],
    resolve_indicator: Callable[[ParsedRow], int | None],
    expected_rows: int = 0,
    on_progress: Progress | None = None,
    empty_ok: bool = False,
) -> ImportBatch:
    """Store every good row of `parsed`, reject the rest with a reason; all or nothing if the system itself fails.
    `parsed` is read twice (check, then store): give a function that parses afresh to hold no rows.

    The import commits its progress as it goes (for the batch page), so it runs outside one transaction; the
    values themselves are stored in one.
    """
    require(actor, Action.EDIT, batch)
    return import_parsed(
        batch=batch,
        parsed=parsed,
        resolve_area=resolve_area,
        resolve_indicator=resolve_indicator,
        expected_rows=expected_rows,
        on_progress=on_progress,
        empty_ok=empty_ok,
    )


@audit.service(*_IMPORT_ACTIONS, atomic=False)
def import_bytes(
    *,
    actor: Actor,
    batch: ImportBatch,
    data: bytes,
    file_format: str = "",
    mapping: Mapping | None = None,
    shared: bool = False,
    create_missing: bool = False,
    on_progress: Progress | None = None,
) -> ImportBatch:
    """Parse and import one file into `batch`. A file that cannot be read, was cut off, or whose area column
    could be read two ways is refused whole."""
    require(actor, Action.EDIT, batch)
    try:
        file_format = file_format if file_format in FORMATS else detect_format(data)
        if file_format in SOTKANET_FORMATS and not shared:
            raise FileRefused(
                "Sotkanet files update the shared national data; only site administrators can import them."
            )
        areas = AreaIndex()
        # The file is read twice and parsed afresh each time (check, then store), never held as rows.
        parsed: Callable[[], Iterable[Parsed]]
        plain = False
        if file_format in ("sotkanet-web", "sotkanet-grid"):
            reading = "code+name"
            parsed = partial(parse_sheet, read_sheet(data), file_format=file_format)
        elif file_format == "sotkanet-json":
            reading = "sotkanet"
            parsed = partial(parse_bytes, data, file_format=file_format)
        elif file_format in SOTKANET_FORMATS:
            reading = "sotkanet"
            plain = file_format == "sotkanet-csv" and connection.vendor == "postgresql" and looks_plain(data)
            parsed = partial(parse_sheet, read_sheet(data), file_format=file_format) if not plain else tuple
        else:
            if mapping is None:
                raise FileRefused("this file needs a column mapping: say which column holds what")
            sheet = read_sheet(data)
            parsed = partial(parse_table, sheet, mapping)
            reading = mapping.area_reading
            if reading == "auto":
                reading = _decide_reading(parsed(), areas, column=_header_of(sheet, mapping))
    except FileRefused as exc:
        fail(batch, str(exc))
        return batch
    indicators = IndicatorResolver(organisation=batch.organisation, shared=shared, create_missing=create_missing)
    # Saved with the import's outcome: how the area column was read, and which indicators the file added.
    batch.parameters = {**batch.parameters, "area_reading": reading, "indicators_added": indicators.added_from_file}

    def resolve_indicator(row: ParsedRow) -> int | None:
        if file_format in SOTKANET_FORMATS:
            return indicators.sotkanet_row(row)
        return indicators.any(row.indicator)

    resolve_area: Callable[[ParsedRow], Resolution] = area_resolver(areas, reading)
    if plain:
        if import_plain(
            batch=batch,
            data=data,
            resolve_area=resolve_area,
            resolve_indicator=resolve_indicator,
            on_progress=on_progress,
        ):
            return batch
        try:  # a row that is not plain: the general reader
            parsed = partial(parse_sheet, read_sheet(data), file_format=file_format)
        except FileRefused as exc:
            fail(batch, str(exc))
            return batch
    return import_parsed(
        batch=batch,
        parsed=parsed,
        resolve_area=resolve_area,
        resolve_indicator=resolve_indicator,
        expected_rows=data.count(b"\n") or 1,
        on_progress=on_progress,
    )


def _header_row(sheet: Sheet, mapping: Mapping) -> list[Any]:
    return (sheet.row(mapping.header_row - 1) or []) if mapping.header_row > 0 else []


def _header_of(sheet: Sheet, mapping: Mapping) -> str:
    header = _header_row(sheet, mapping)
    return str(header[mapping.area] or "") if mapping.area < len(header) else ""


def _decide_reading(parsed: Iterable[Parsed], areas: AreaIndex, *, column: str = "") -> str:
    """From the distinct (area, name) pairs of the rows, read through once."""
    pairs = ((row.area, row.area_name) for row in parsed if isinstance(row, ParsedRow))
    decided = choose_reading(areas, pairs, column=column)
    if isinstance(decided, Unresolved):
        raise FileRefused(decided.reason)
    return decided


@audit.service(AuditAction.IMPORT_FAILED)
def expire_imports(*, actor: Actor) -> list[ImportBatch]:
    """Mark failed, and drop the uploaded file of, every import that will not finish: an upload whose column
    mapping was not confirmed within HYTE_UPLOAD_RETENTION_HOURS, and an import queued or running for longer than
    HYTE_IMPORT_STALE_MINUTES (its worker stopped, or the request running it was killed)."""
    require(actor, Action.EDIT_SHARED_DATA, SITE)
    now = clock.now()
    abandoned = now - dt.timedelta(hours=settings.HYTE_UPLOAD_RETENTION_HOURS)
    stale = now - dt.timedelta(minutes=settings.HYTE_IMPORT_STALE_MINUTES)
    expired = []
    for batch in ImportBatch.objects.filter(status__in=[ImportStatus.QUEUED, ImportStatus.RUNNING]).defer("upload"):
        if batch.awaits_mapping:
            if batch.created_at < abandoned:
                fail(batch, _("The column mapping was not confirmed in time; the file was deleted. Upload it again."))
                expired.append(batch)
        elif (batch.started_at or batch.created_at) < stale:
            fail(batch, _("The import stopped before it finished (its worker was stopped or ran out of time)."))
            expired.append(batch)
    return expired


@audit.service(AuditAction.IMPORT_FAILED)
def fail_import(*, actor: Actor, batch: ImportBatch, message: str) -> ImportBatch:
    """An import that could not even start (e.g. its source did not answer): marked failed with the reason."""
    require(actor, Action.EDIT, batch)
    fail(batch, message)
    return batch
