"""Importing observations: resolve parsed rows to areas and indicators, reject what cannot be stored, and
write the rest through the bulk store, all inside one transaction per import.

Every rejected row is kept with its line and reason; good rows are stored; a failure of the system itself
rolls everything back and leaves the batch marked failed with the error.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

from django.db import connection, transaction
from django.utils.text import slugify

from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.indicators.events import observations_changed
from hyte.indicators.models import (
    ImportBatch,
    ImportStatus,
    Indicator,
    IndicatorSource,
    RejectedRow,
)
from hyte.indicators.parsing import FileRefused, Parsed, Rejected
from hyte.indicators.store import ObservationStore
from hyte.regions.models import Area, AreaKind

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (rows read, rows expected)


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(str(text).split())).casefold()


class AreaResolver:
    """Sotkanet region ids, official codes or names (fi/sv/en) → area id."""

    _KIND_ORDER = {AreaKind.MUNICIPALITY: 0, AreaKind.COUNTY: 1, AreaKind.REGION: 2, AreaKind.COUNTRY: 3}

    def __init__(self) -> None:
        areas = list(
            Area.objects.values("id", "kind", "code", "name_fi", "name_sv", "name_en", "sotkanet_id", "valid_until")
        )
        self.by_sotkanet = {str(a["sotkanet_id"]): a["id"] for a in areas if a["sotkanet_id"]}
        self.municipality_by_code = {a["code"]: a["id"] for a in areas if a["kind"] == AreaKind.MUNICIPALITY}
        self.by_name: dict[str, list[Any]] = {}
        for area in sorted(areas, key=lambda a: (a["valid_until"] is not None, self._KIND_ORDER[AreaKind(a["kind"])])):
            for name in {area["name_fi"], area["name_sv"], area["name_en"]} - {""}:
                self.by_name.setdefault(_norm(name), []).append(area)
        for name in ("koko maa", "whole country", "hela landet", "suomi", "finland", "maa"):
            country = next((a for a in areas if a["kind"] == AreaKind.COUNTRY), None)
            if country:
                self.by_name.setdefault(name, [country])

    def sotkanet(self, key: str) -> int | None:
        return self.by_sotkanet.get(key)

    def code_or_name(self, key: str, name: str = "") -> int | None:
        """A municipality code ('5', '005'), or a name; with both (web export) the name picks the kind."""
        text = key.strip()
        candidates = self.by_name.get(_norm(name)) if name else None
        if candidates:
            digits = text.lstrip("0")
            exact = [a for a in candidates if a["code"].lstrip("0") == digits]
            return (exact or candidates)[0]["id"]
        if re.fullmatch(r"\d{1,3}(\.0+)?", text):
            return self.municipality_by_code.get(str(int(float(text))).zfill(3))
        named = self.by_name.get(_norm(text))
        return named[0]["id"] if named else None


class IndicatorResolver:
    """Indicator ids by source id or title, within what the importer may write to."""

    def __init__(self, *, organisation: Any, shared: bool, create_missing: bool = False) -> None:
        self.organisation = organisation
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
                if title and (own or _norm(title) not in self.by_title):
                    self.by_title[_norm(title)] = indicator["id"]
        self.created: list[str] = []

    def sotkanet_id(self, key: str) -> int | None:
        return self.sotkanet.get(key)

    def any(self, key: str) -> int | None:
        found = self.by_id.get(key) or self.by_title.get(_norm(key))
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
            found = self.by_id[key] = self.by_title[_norm(key)] = indicator.pk
        return found


class _Keys:
    """Duplicate detection across the whole file: the observation key packed into one integer."""

    def __init__(self) -> None:
        self.first_line: dict[int, int] = {}
        self._labels: dict[str, int] = {"": 0}

    def _label(self, text: str) -> int:
        found = self._labels.get(text)
        if found is None:
            found = self._labels[text] = len(self._labels)
        return found

    def seen(
        self, *, indicator_id: int, area_id: int, year: int, period: str, gender: str, age: str, line: int
    ) -> int | None:
        key = (
            ((((indicator_id << 22) | area_id) << 12 | year) << 2 | "tmf".index(gender[0])) << 20 | self._label(period)
        ) << 20 | self._label(age)
        first = self.first_line.get(key)
        if first is None:
            self.first_line[key] = line
        return first


def import_parsed(
    *,
    batch: ImportBatch,
    parsed: Iterable[Parsed],
    resolve_area: Callable[[Any], int | None],
    resolve_indicator: Callable[[str], int | None],
    expected_rows: int = 0,
    on_progress: Progress | None = None,
) -> ImportBatch:
    """Store every good row, reject the rest with a reason; all or nothing if the system itself fails."""
    started = clock.now()
    _set_progress(batch, status=ImportStatus.RUNNING, started_at=started, progress=0)
    rejected: list[RejectedRow] = []
    read = 0
    keys = _Keys()
    try:
        with transaction.atomic():
            store = ObservationStore(batch.pk)
            for item in parsed:
                read += 1
                if on_progress is not None and read % 20_000 == 0:
                    on_progress(read, expected_rows)
                    _report_progress(batch, read, expected_rows)
                if isinstance(item, Rejected):
                    rejected.append(
                        RejectedRow(batch=batch, line=item.line, reason=item.reason[:300], content=item.content[:500])
                    )
                    continue
                indicator_id = resolve_indicator(item.indicator)
                if indicator_id is None:
                    rejected.append(
                        RejectedRow(batch=batch, line=item.line, reason=f"unknown indicator {item.indicator!r}"[:300])
                    )
                    continue
                area_id = resolve_area(item)
                if area_id is None:
                    label = f"{item.area_name} ({item.area})" if item.area_name else item.area
                    rejected.append(RejectedRow(batch=batch, line=item.line, reason=f"unknown area {label!r}"[:300]))
                    continue
                first = keys.seen(
                    indicator_id=indicator_id,
                    area_id=area_id,
                    year=item.year,
                    period=item.period,
                    gender=item.gender,
                    age=item.age_group,
                    line=item.line,
                )
                if first is not None:
                    rejected.append(
                        RejectedRow(
                            batch=batch,
                            line=item.line,
                            reason=f"duplicate in file: the same value is on line {first}",
                        )
                    )
                    continue
                store.add(
                    (
                        indicator_id,
                        area_id,
                        item.year,
                        item.period,
                        item.gender,
                        item.age_group,
                        item.value,
                        item.absolute_value,
                        item.ci_low,
                        item.ci_high,
                        item.missing_reason,
                        batch.pk,
                    )
                )
            counts = store.finish()
            RejectedRow.objects.bulk_create(rejected, batch_size=5000)
            observations_changed(store.indicator_ids)
            batch.rows_read = read
            batch.rows_created = counts.created
            batch.rows_updated = counts.updated
            batch.rows_unchanged = counts.unchanged
            batch.rows_rejected = len(rejected)
            batch.status = ImportStatus.DONE
            batch.upload = None  # the file has served its purpose; its rows are stored or reported
            batch.progress = 100
            batch.finished_at = clock.now()
            batch.save()
            audit.record(
                batch,
                action=AuditAction.IMPORT_DONE,
                changes={
                    "read": [None, read],
                    "created": [None, counts.created],
                    "updated": [None, counts.updated],
                    "rejected": [None, len(rejected)],
                },
            )
    except FileRefused as exc:
        fail(batch, str(exc), read)
    except Exception as exc:
        logger.exception("import %s failed", batch.pk)
        fail(batch, f"the import failed and nothing was stored: {exc}", read)
        raise
    if on_progress is not None:
        on_progress(read, read)
    return batch


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


def _report_progress(batch: ImportBatch, read: int, expected: int) -> None:
    """Progress for the batch page, written outside the import's transaction where the database allows."""
    if not expected or connection.vendor != "postgresql":
        return
    from django.db import connections

    if "progress" in connections.settings:
        percent = min(99, int(read * 100 / expected))
        with connections["progress"].cursor() as cursor:
            cursor.execute("UPDATE indicators_importbatch SET progress = %s WHERE id = %s", [percent, batch.pk])
