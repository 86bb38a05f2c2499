"""Backup and restore of the whole instance: everything Hyte keeps is in its database (uploaded images and
files included), so a backup is the database's own consistent copy.

- PostgreSQL: `pg_dump --format=custom` while the service runs, and `pg_restore --clean` to restore; the
  PostgreSQL client tools of the server's major version must be on PATH.
- SQLite (the embedded default): SQLite's online backup API, which copies a consistent snapshot while the
  service runs.

The file's first bytes say which it is, so `restore` needs no option for it, and a file of the other kind or of
neither is refused before anything is changed.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that cannot be done, with the reason."""


def _database() -> dict[str, Any]:
    return dict(settings.DATABASES["default"])


def _vendor() -> str:
    return connections["default"].vendor


def _pg_env_and_args(db: dict[str, Any]) -> tuple[dict[str, str], list[str]]:
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    return env, args


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed: install the PostgreSQL client tools (Debian: postgresql-client)")
    return found


def backup(target: Path) -> str:
    """Write a consistent copy of the database to `target`; returns its kind ("postgresql" or "sqlite")."""
    db = _database()
    if _vendor() == "postgresql":
        env, args = _pg_env_and_args(db)
        command = [_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(target), *args, str(db["NAME"])]
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode != 0:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        return "postgresql"
    source = sqlite3.connect(str(db["NAME"]))
    try:
        destination = sqlite3.connect(str(target))
        with destination:
            source.backup(destination)
        destination.close()
    finally:
        source.close()
    return "sqlite"


def kind_of(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(16)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_MAGIC):
        return "postgresql"
    raise BackupError(f"{path} is not a Hyte backup (neither a PostgreSQL custom dump nor an SQLite database)")


def restore(source: Path) -> str:
    """Replace the database's contents with the backup's; returns the backup's kind."""
    kind = kind_of(source)
    vendor = _vendor()
    if kind != vendor:
        raise BackupError(f"the backup is of {kind}, but this instance runs on {vendor}")
    db = _database()
    connections["default"].close()
    if kind == "postgresql":
        env, args = _pg_env_and_args(db)
        command = [
            _tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
            *args, "--dbname", str(db["NAME"]), str(source),
        ]  # fmt: skip
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode != 0:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
        return kind
    backup_db = sqlite3.connect(str(source))
    try:
        if backup_db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError(f"{source} is a damaged SQLite database")
        live = sqlite3.connect(str(db["NAME"]))
        with live:
            backup_db.backup(live)
        live.close()
    finally:
        backup_db.close()
    return kind
