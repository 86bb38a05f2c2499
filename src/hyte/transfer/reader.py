"""Read an organisation's archive back, trusting nothing: the zip must open, the manifest must be of a format
version this Hyte reads and of a schema it knows, every member must be listed and match its size and SHA-256,
and every line must be a JSON object with only the fields its table has. All of it is checked before anything is
written (`Archive.verify`)."""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zipfile import BadZipFile, ZipFile

from django.db import models
from django.db.migrations.loader import MigrationLoader

from hyte.transfer.tables import SHARED, TABLES, USER_FIELDS, USERS_MEMBER, Table
from hyte.transfer.writer import FORMAT, FORMAT_VERSION, MANIFEST

DAMAGED = (BadZipFile, zlib.error, EOFError, OSError)


class ArchiveRefused(Exception):
    """The archive cannot be imported, with the reason; nothing was written."""


class Archive:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.zip = ZipFile(path)
        except DAMAGED as exc:
            raise ArchiveRefused(
                f"{path.name} is not a readable zip archive: it is cut short or damaged ({exc})"
            ) from exc
        self.manifest = self._manifest()
        self.members: dict[str, dict[str, Any]] = self.manifest["members"]
        # Natural keys of shared rows the archive refers to: model → keys.
        self.shared: dict[type[models.Model], set[tuple[Any, ...]]] = {model: set() for model in SHARED}

    def close(self) -> None:
        self.zip.close()

    def _manifest(self) -> dict[str, Any]:
        try:
            manifest = json.loads(self.zip.read(MANIFEST))
        except KeyError as exc:
            raise ArchiveRefused(f"{self.path.name} has no {MANIFEST}: it is not a Hyte organisation archive") from exc
        except DAMAGED as exc:
            raise ArchiveRefused(f"{MANIFEST} of {self.path.name} is damaged ({exc})") from exc
        except ValueError as exc:
            raise ArchiveRefused(f"{MANIFEST} of {self.path.name} is not valid JSON ({exc})") from exc
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise ArchiveRefused(f"{self.path.name} is not a Hyte organisation archive (no format {FORMAT!r})")
        version = manifest.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise ArchiveRefused(f"{MANIFEST} names no valid format version ({version!r})")
        if version > FORMAT_VERSION:
            raise ArchiveRefused(
                f"the archive is of format version {version}, written by Hyte {manifest.get('hyte', '?')}; this Hyte "
                f"reads versions up to {FORMAT_VERSION}: upgrade this instance first"
            )
        if not isinstance(manifest.get("members"), dict) or not isinstance(manifest.get("organisation"), str):
            raise ArchiveRefused(f"{MANIFEST} does not list the archive's members and organisation")
        known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
        unknown = sorted(
            name
            for name in manifest.get("migrations", [])
            if tuple(str(name).split(".", 1)) not in known and str(name).startswith(_labels())
        )
        if unknown:
            raise ArchiveRefused(
                f"the archive was written with a newer database schema ({', '.join(unknown[:3])}): upgrade this "
                "instance first"
            )
        return manifest

    def verify(self) -> None:
        """Check every member against the manifest and every line of every table, before anything is written."""
        listed = set(self.members)
        present = {info.filename for info in self.zip.infolist()} - {MANIFEST}
        needed = {table.member for table in TABLES} | {USERS_MEMBER}
        for name in sorted(needed - listed):
            raise ArchiveRefused(f"{MANIFEST} does not list {name}")
        for name in sorted(listed - present):
            raise ArchiveRefused(f"{name} is listed in {MANIFEST} but missing from the archive")
        for name in sorted(present - listed):
            raise ArchiveRefused(f"the archive holds {name}, which {MANIFEST} does not list")
        tables = {table.member: table for table in TABLES}
        for name in sorted(listed):
            self._check(name, tables.get(name))

    def _check(self, name: str, table: Table | None) -> None:
        expected = self.members[name]
        digest, size, rows = hashlib.sha256(), 0, 0
        allowed = _allowed(table) if table else {"pk", *USER_FIELDS}
        try:
            with self.zip.open(name) as raw:
                if name.endswith(".jsonl"):
                    for rows, line in enumerate(raw, start=1):
                        digest.update(line)
                        size += len(line)
                        self._line(name, rows, line, allowed, table)
                else:
                    while chunk := raw.read(1 << 20):
                        digest.update(chunk)
                        size += len(chunk)
        except DAMAGED as exc:
            raise ArchiveRefused(f"{name} is damaged in the archive ({exc})") from exc
        if size != expected.get("bytes") or digest.hexdigest() != expected.get("sha256"):
            raise ArchiveRefused(
                f"{name} does not match its checksum in {MANIFEST}: the archive was changed or damaged"
            )
        if name.endswith(".jsonl") and rows != expected.get("rows"):
            raise ArchiveRefused(f"{name} has {rows} rows, but {MANIFEST} says {expected.get('rows')}")

    def _line(self, name: str, number: int, line: bytes, allowed: set[str], table: Table | None) -> None:
        try:
            row = json.loads(line)
        except ValueError as exc:
            raise ArchiveRefused(f"line {number} of {name} is not valid JSON ({exc})") from exc
        if not isinstance(row, dict):
            raise ArchiveRefused(f"line {number} of {name} is not a JSON object")
        unknown = set(row) - allowed
        if unknown:
            raise ArchiveRefused(
                f"line {number} of {name} has fields this Hyte does not know ({', '.join(sorted(unknown))}): "
                "the archive was written by a newer version"
            )
        if table is None:
            return
        for each in table.fields():
            value = row.get(each.name)
            if each.is_relation and isinstance(value, dict) and each.related_model in self.shared:
                key = value.get("key")
                if not isinstance(key, list):
                    raise ArchiveRefused(f"line {number} of {name}: {each.name} is not a reference")
                self.shared[each.related_model].add(tuple(key))  # type: ignore[index]

    def rows(self, name: str) -> Iterator[tuple[int, dict[str, Any]]]:
        with self.zip.open(name) as raw:
            for number, line in enumerate(raw, start=1):
                yield number, json.loads(line)

    def file(self, name: str) -> bytes:
        if name not in self.members or name.endswith(".jsonl"):
            raise ArchiveRefused(f"a row refers to the file {name}, which the archive does not hold")
        return self.zip.read(name)


def _allowed(table: Table) -> set[str]:
    return {"pk", *(each.name for each in table.fields())}


def _labels() -> tuple[str, ...]:
    """The apps whose schema the archive's rows follow."""
    return tuple({table.model._meta.app_label + "." for table in TABLES} | {"auth."})
