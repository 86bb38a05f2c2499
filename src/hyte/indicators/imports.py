"""Importing observations: resolve parsed rows to areas and indicators, reject what cannot be stored, and
write the rest through the bulk store, all inside one transaction per import.

Every rejected row is kept with its line and reason; good rows are stored; a failure of the system itself
rolls everything back and leaves the batch marked failed with the error.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, cast

from django.db import connection, transaction
from django.utils.text import slugify

from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.indicators.areas import Resolution, norm
from hyte.indicators.events import observations_changed
from hyte.indicators.keys import Key, ObservationKeys
from hyte.indicators.models import (
    SOTKANET_ATTRIBUTION,
    ImportBatch,
    ImportStatus,
    Indicator,
    IndicatorSource,
    RejectedRow,
)
from hyte.indicators.parsing import FileRefused, Parsed, ParsedRow, Rejected
from hyte.indicators.store import ObservationStore

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (rows read, rows expected)
Source = Iterable[Parsed] | Callable[[], Iterable[Parsed]]
CHUNK_ROWS = 10_000  # rows written at a time: what an import holds besides the file


class Rejections:
    """Rejected rows with their line and reason, written as they come, a few thousand at a time."""

    def __init__(self, batch: ImportBatch) -> None:
        self.batch = batch
        self.count = 0
        self._pending: list[RejectedRow] = []

    def add(self, line: int, reason: str, content: str = "") -> None:
        self._pending.append(RejectedRow(batch=self.batch, line=line, reason=reason[:300], content=content[:500]))
        self.count += 1
        if len(self._pending) >= 5000:
            self.flush()

    def flush(self) -> None:
        RejectedRow.objects.bulk_create(self._pending)
        self._pending = []


class IndicatorResolver:
    """Indicator ids by source id or title, within what the importer may write to.

    Shared imports add Sotkanet indicators that the catalogue lacks when the file gives their title (newer
    indicators than the bundled catalogue); own imports may create the organisation's own indicators."""

    def __init__(self, *, organisation: Any, shared: bool, create_missing: bool = False) -> None:
        self.organisation = organisation
        self.shared = shared
        self.create_missing = create_missing and organisation is not None
        allowed = Indicator.objects.none()
        if shared:
            allowed = allowed | Indicator.objects.filter(organisation__isnull=True)
        if organisation is not None:
            allowed = allowed | Indicator.objects.filter(organisation=organisation)
        self.by_id: dict[str, int] = {}
        self.by_title: dict[str, int] = {}
        self.sotkanet: dict[str, int] = {}
        for indicator in allowed.values(
            "id", "source", "source_id", "title_fi", "title_sv", "title_en", "organisation_id"
        ):
            own = indicator["organisation_id"] is not None
            if indicator["source"] == IndicatorSource.SOTKANET and not own:
                self.sotkanet[indicator["source_id"]] = indicator["id"]
            if own or indicator["source_id"] not in self.by_id:
                self.by_id[indicator["source_id"]] = indicator["id"]
            for title in (indicator["title_fi"], indicator["title_sv"], indicator["title_en"]):
                if title and (own or norm(title) not in self.by_title):
                    self.by_title[norm(title)] = indicator["id"]
        self.created: list[str] = []
        self.added_from_file: list[str] = []

    def sotkanet_id(self, key: str) -> int | None:
        return self.sotkanet.get(key)

    def sotkanet_row(self, row: ParsedRow) -> int | None:
        """A Sotkanet indicator by its id; one the catalogue lacks is added when the row carries its title."""
        found = self.sotkanet.get(row.indicator)
        if found is None and self.shared and row.indicator_title and row.indicator.isdigit():
            title = " ".join(row.indicator_title.split())[:500]
            language = row.title_language or "fi"
            titles = {"title_fi": title, f"title_{language}": title}
            indicator = audit.create(
                Indicator,
                action=AuditAction.INDICATOR_CREATE,
                audit_fields=["source_id", "title_fi"],
                source=IndicatorSource.SOTKANET,
                source_id=row.indicator,
                organisation=None,
                licence="CC BY 4.0",
                source_text=SOTKANET_ATTRIBUTION,
                **titles,
            )
            self.added_from_file.append(row.indicator)
            found = self.sotkanet[row.indicator] = indicator.pk
        return found

    def any(self, key: str) -> int | None:
        found = self.by_id.get(key) or self.by_title.get(norm(key))
        if found is None and self.create_missing:
            title = " ".join(key.split())[:500]
            indicator = audit.create(
                Indicator,
                action=AuditAction.INDICATOR_CREATE,
                audit_fields=["title_fi"],
                source=IndicatorSource.OWN,
                source_id=slugify(title)[:64] or title[:64],
                organisation=self.organisation,
                title_fi=title,
            )
            self.created.append(title)
            found = self.by_id[key] = self.by_title[norm(key)] = indicator.pk
        return found


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Reading a big file makes millions of small objects and no reference cycles; Python's cycle collector
    would scan the growing heap again and again (half of the parse time). Reference counting still frees
    everything; the collector runs again afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def import_parsed(
    *,
    batch: ImportBatch,
    parsed: Source,
    resolve_area: Callable[[ParsedRow], Resolution],
    resolve_indicator: Callable[[ParsedRow], int | None],
    expected_rows: int = 0,
    on_progress: Progress | None = None,
    empty_ok: bool = False,
) -> ImportBatch:
    """Store every good row, reject the rest with a reason; all or nothing if the system itself fails.

    The rows are read twice, neither time held: a first pass finds the observation keys that may occur more
    than once (and meets any reason to refuse the file whole, such as a cut last line, before anything is
    stored); the second stores the rows in chunks and rejects each later copy of a key with the line of its
    first. `parsed` is the rows, or a function that gives them afresh (a one-shot iterator is held in memory).

    An import that stored nothing has failed (a file with no rows, or whose every row was rejected), except an
    answer of the Sotkanet API with no rows (`empty_ok`): that is Sotkanet saying it has no values."""
    rows = _replayable(parsed)
    started = clock.now()
    _set_progress(batch, status=ImportStatus.RUNNING, started_at=started, progress=0)
    read = 0
    batch_id = batch.pk
    keys = ObservationKeys(resolve_area=resolve_area, resolve_indicator=resolve_indicator)
    try:
        with transaction.atomic(), _without_cycle_collection():
            repeated = keys.repeated(rows(), expected_rows=expected_rows)
            if expected_rows >= 20_000:  # the first pass is half the work of a big file
                _report_progress(batch, 1, 2)
            # Only keys that may repeat are remembered, with the line they were first seen on.
            first_line: dict[Key, int] = {}
            rejected = Rejections(batch)
            store = ObservationStore(batch_id, chunk_size=CHUNK_ROWS)
            add, key_of, reject = store.add, keys.of, rejected.add
            for item in rows():
                read += 1
                if read % 20_000 == 0:
                    if on_progress is not None:
                        on_progress(read, expected_rows)
                    _report_progress(batch, expected_rows + read, 2 * expected_rows)
                if type(item) is Rejected:
                    reject(item.line, item.reason, item.content)
                    continue
                item = cast(ParsedRow, item)
                line = item.line
                key = key_of(item)
                if type(key) is str:
                    reject(line, key)
                    continue
                key = cast(Key, key)
                if key in repeated:
                    first = first_line.setdefault(key, line)
                    if first != line:
                        reject(line, f"duplicate in file: the same value is on line {first}")
                        continue
                add(
                    (
                        key[0],
                        key[1],
                        item.year,
                        item.period,
                        item.gender,
                        item.age_group,
                        item.value,
                        item.absolute_value,
                        item.ci_low,
                        item.ci_high,
                        item.missing_reason,
                        batch_id,
                    )
                )
            rejected.flush()
            _finish(batch, store, rejected.count, read=read, empty_ok=empty_ok)
    except FileRefused as exc:
        fail(batch, str(exc), read)
    except Exception as exc:
        logger.exception("import %s failed", batch.pk)
        fail(batch, f"the import failed and nothing was stored: {exc}", read)
        raise
    if on_progress is not None:
        on_progress(read, read)
    return batch


def _replayable(parsed: Source) -> Callable[[], Iterable[Parsed]]:
    if callable(parsed):
        return parsed
    if iter(parsed) is parsed:  # a generator: read once, so held for the second pass
        held = list(parsed)
        return lambda: held
    return lambda: parsed


def import_plain(
    *,
    batch: ImportBatch,
    data: bytes,
    resolve_area: Callable[[ParsedRow], Resolution],
    resolve_indicator: Callable[[ParsedRow], int | None],
    on_progress: Progress | None = None,
) -> bool:
    """The bulk lane's import of an API CSV whose every row is plain (see `bulk`): the same outcome as
    `import_parsed` would give. False, having written nothing, when a row is not plain.

    The file is read once, on the chance that it has no duplicate keys (the API's files have none): the database
    refuses a key written twice, and then the rows are written again, this time rejecting each later copy of a
    key with the line of its first. If the database still refuses a key, another import has meanwhile stored
    values of an indicator this one found without any, and every row is merged instead."""
    from hyte.indicators import bulk

    found = bulk.prepare(data, resolve_area=resolve_area, resolve_indicator=resolve_indicator)
    if found is None:
        return False
    expected = data.count(b"\n") - 1
    reported = [0]

    def progress(read: int) -> None:  # every 20,000 rows, as the general reader reports
        if read // 20_000 > reported[0]:
            reported[0] = read // 20_000
            if on_progress is not None:
                on_progress(read, expected)
            _report_progress(batch, read, expected)

    _set_progress(batch, status=ImportStatus.RUNNING, started_at=clock.now(), progress=0)
    refused = _refused_twice()
    try:
        with transaction.atomic(), _without_cycle_collection():
            indicator_ids = set(found.indicator_ids.values())
            fresh = ObservationStore(batch.pk).fresh_among(indicator_ids)
            for attempt in ("once", "duplicates", "merged"):
                store = ObservationStore(batch.pk)
                store.fresh_among(indicator_ids)  # which indicators changed, for the events
                rejected = Rejections(batch)
                reported[0] = 0
                try:
                    with transaction.atomic():
                        store.add_blocks(
                            bulk.blocks(found, batch_id=batch.pk, fresh=fresh, reject=rejected.add, on_rows=progress),
                            columns=bulk.COLUMNS,
                            options=bulk.COPY_OPTIONS,
                        )
                        rejected.flush()
                    break
                except refused:
                    if attempt == "merged":
                        raise
                    if found.repeated is None:
                        bulk.find_repeated(found)
                    else:
                        fresh = set()
            _finish(batch, store, rejected.count, read=found.rows, empty_ok=False)
    except bulk.NotPlain:
        return False
    except Exception as exc:
        logger.exception("import %s failed", batch.pk)
        fail(batch, f"the import failed and nothing was stored: {exc}", found.rows)
        raise
    if on_progress is not None:
        on_progress(found.rows, found.rows)
    return True


def _refused_twice() -> tuple[type[Exception], ...]:
    """What PostgreSQL raises when a COPY or a merge meets a key twice."""
    from psycopg.errors import CardinalityViolation, UniqueViolation

    return (UniqueViolation, CardinalityViolation)


def _finish(batch: ImportBatch, store: ObservationStore, rejected: int, *, read: int, empty_ok: bool) -> None:
    """Write the outcome. An import that stored nothing failed, whatever else it did."""
    counts = store.finish()
    observations_changed(store.indicator_ids)
    stored = counts.created + counts.updated + counts.unchanged or (empty_ok and not read)
    batch.rows_read = read
    batch.rows_created = counts.created
    batch.rows_updated = counts.updated
    batch.rows_unchanged = counts.unchanged
    batch.rows_rejected = rejected
    batch.status = ImportStatus.DONE if stored else ImportStatus.FAILED
    if not read:
        batch.error = "the file has no rows of values"
    elif not stored:
        batch.error = f"none of the {read} rows could be stored; every row was rejected (see the reasons)"
    batch.upload = None  # the file has served its purpose; its rows are stored or reported
    batch.progress = 100
    batch.finished_at = clock.now()
    batch.save()
    audit.record(
        batch,
        action=AuditAction.IMPORT_DONE if stored else AuditAction.IMPORT_FAILED,
        changes={
            "read": [None, read],
            "created": [None, counts.created],
            "updated": [None, counts.updated],
            "rejected": [None, rejected],
        },
    )


def fail(batch: ImportBatch, message: str, read: int = 0) -> None:
    """Mark the batch failed with the reason; nothing of it is stored."""
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportStatus.FAILED,
        error=message,
        upload=None,
        finished_at=clock.now(),
        rows_read=read,
        rows_created=0,
        rows_updated=0,
        rows_unchanged=0,
        rows_rejected=0,
    )
    batch.refresh_from_db()
    audit.record(batch, action=AuditAction.IMPORT_FAILED, changes={"error": [None, message]})


def _set_progress(batch: ImportBatch, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(batch, name, value)
    ImportBatch.objects.filter(pk=batch.pk).update(**fields)


def _report_progress(batch: ImportBatch, done: int, whole: int) -> None:
    """Progress for the batch page, written outside the import's transaction where the database allows."""
    if not whole or connection.vendor != "postgresql":
        return
    from django.db import connections

    if "progress" in connections.settings:
        percent = min(99, int(done * 100 / whole))
        with connections["progress"].cursor() as cursor:
            cursor.execute("UPDATE indicators_importbatch SET progress = %s WHERE id = %s", [percent, batch.pk])
