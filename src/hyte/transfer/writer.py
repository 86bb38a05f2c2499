"""Write one organisation's archive: a zip of one JSON Lines file per table, its files, and `manifest.json` with
each member's row count, size and SHA-256.

Rows are read in chunks (`iterator(chunk_size=…)`) and each table is spooled to a temporary file before it goes
into the zip, so memory stays flat however many observations the organisation has.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO, Any
from zipfile import ZIP_DEFLATED, ZipFile

from django.db import connection, models
from django.db.migrations.recorder import MigrationRecorder

import hyte
from hyte.accounts.models import Organisation
from hyte.core import clock
from hyte.indicators.models import Indicator
from hyte.transfer import register
from hyte.transfer.codec import dumps, encode
from hyte.transfer.tables import (
    SHARED,
    TABLES,
    USER_FIELDS,
    USERS_MEMBER,
    Table,
    User,
    is_user,
    natural_key_fields,
    table_of,
)
from hyte.transfer.tables import (
    user_field as _field,
)

FORMAT = "hyte-organisation"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"

_UNCARRIED = object()


@dataclass
class Written:
    members: dict[str, dict[str, Any]] = field(default_factory=dict)
    left_out: Counter[str] = field(default_factory=Counter)

    @property
    def rows(self) -> int:
        return sum(member.get("rows", 0) for member in self.members.values())


class _Export:
    def __init__(self, organisation: Organisation, archive: ZipFile) -> None:
        self.organisation = organisation
        self.archive = archive
        self.written = Written()
        self.users: set[int] = set()
        self._exported: dict[type[models.Model], set[Any]] = {}
        self._natural: dict[type[models.Model], dict[Any, list[Any]]] = {}

    def exported(self, model: type[models.Model]) -> set[Any]:
        if model not in self._exported:
            table = table_of(model)
            rows = table.rows(self.organisation) if table is not None else model._default_manager.none()
            self._exported[model] = set(rows.values_list("pk", flat=True))
        return self._exported[model]

    def natural(self, model: type[models.Model]) -> dict[Any, list[Any]]:
        if model not in self._natural:
            rows: models.QuerySet[Any] = model._default_manager.all()
            if model is Indicator:
                rows = rows.filter(organisation__isnull=True)
            keys = natural_key_fields(model)
            self._natural[model] = {pk: list(key) for pk, *key in rows.values_list("pk", *keys).iterator()}
        return self._natural[model]

    def reference(self, relation: models.Field[Any, Any], value: Any) -> Any:
        if value is None:
            return None
        target = relation.related_model
        assert isinstance(target, type)  # noqa: S101 - a concrete model, never "self" once loaded
        if is_user(target):
            self.users.add(value)
            return value
        if table_of(target) is not None and value in self.exported(target):
            return value
        if target in SHARED:
            key = self.natural(target).get(value)
            if key is not None:
                return {"key": key}
        return _UNCARRIED

    def row(self, table: Table, fields: list[models.Field[Any, Any]], values: tuple[Any, ...]) -> dict[str, Any] | None:
        row: dict[str, Any] = {}
        if table.has_pk:
            row["pk"], values = values[0], values[1:]
        for each, value in zip(fields, values, strict=True):
            if each.is_relation:
                ref = self.reference(each, value)
                if ref is _UNCARRIED:
                    if not each.null:
                        self.written.left_out[table.name] += 1
                        return None
                    self.written.left_out[f"{table.name}.{each.name}"] += 1
                    ref = None
                row[each.name] = ref
            elif each.get_internal_type() == "BinaryField" and value is not None:
                row[each.name] = {"file": self.file(f"files/{table.name}/{row['pk']}.{each.name}", bytes(value))}
            else:
                row[each.name] = encode(each, value)
        return row

    def file(self, name: str, data: bytes) -> str:
        self.archive.writestr(name, data)
        self.written.members[name] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        return name

    def table(self, table: Table) -> None:
        fields = table.fields()
        columns = [each.attname for each in fields]
        if table.has_pk:
            columns.insert(0, "pk")
        order = ["pk"] if table.has_pk else columns
        values = table.rows(self.organisation).order_by(*order).values_list(*columns)
        rows = (self.row(table, fields, each) for each in values.iterator(chunk_size=table.chunk))
        self.member(table.member, rows)

    def member(self, name: str, rows: Iterable[dict[str, Any] | None]) -> None:
        digest, count, size = hashlib.sha256(), 0, 0
        with tempfile.TemporaryFile() as spool:
            for row in rows:
                if row is None:
                    continue
                line = dumps(row)
                digest.update(line)
                spool.write(line)
                count += 1
                size += len(line)
            spool.seek(0)
            with self.archive.open(name, "w", force_zip64=True) as out:
                shutil.copyfileobj(spool, out, 1 << 20)
        self.written.members[name] = {"rows": count, "bytes": size, "sha256": digest.hexdigest()}

    def people(self) -> None:
        fields = [_field(name) for name in USER_FIELDS]
        values = User._default_manager.filter(pk__in=self.users).order_by("pk").values_list("pk", *USER_FIELDS)
        self.member(
            USERS_MEMBER,
            ({"pk": pk, **{f.name: encode(f, v) for f, v in zip(fields, rest, strict=True)}} for pk, *rest in values),
        )


def applied_migrations() -> list[str]:
    """The schema the rows were read from: every migration applied in this instance."""
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())


def write(organisation: Organisation, out: IO[bytes]) -> Written:
    """Write the organisation's archive to `out` (a file opened for writing)."""
    with ZipFile(out, "w", compression=ZIP_DEFLATED, allowZip64=True) as archive:
        export = _Export(organisation, archive)
        for table in TABLES:
            export.table(table)
        export.people()
        manifest = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "hyte": hyte.__version__,
            "created_at": clock.now().isoformat(),
            "organisation": organisation.slug,
            "origin": register.origin(),  # the instance its register entries come from (register.py)
            "migrations": applied_migrations(),
            "members": export.written.members,
            "left_out": dict(sorted(export.written.left_out.items())),
        }
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
    return export.written
