"""Backup and restore of the whole instance, on the database this suite runs on (SQLite's online backup or
PostgreSQL's pg_dump/pg_restore): a restore brings back exactly the rows of the backup, and a file that is not a
backup, or a backup of the other database, is refused before anything changes (issue 14)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

SUITE_DATABASE = os.environ.get("DATABASE_URL", "")


def _hyte(*args: str, env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "hyte.cli", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def instance(tmp_path):
    """A fresh instance of its own (on the suite's kind of database) with Finland's areas loaded."""
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
    env.update({"DEBUG": "true", "HYTE_DATA_DIR": str(tmp_path / "data")})
    scratch = None
    if SUITE_DATABASE.startswith("postgres"):
        import psycopg

        scratch = f"hyte_backup_{uuid.uuid4().hex[:10]}"
        base = SUITE_DATABASE.rsplit("/", 1)[0]
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{scratch}"')
        env["DATABASE_URL"] = f"{base}/{scratch}"
    for command in (("migrate",), ("load_areas",)):
        result = _hyte(*command, env=env)
        assert result.returncode == 0, result.stderr
    yield env
    if scratch is not None:
        import psycopg

        with psycopg.connect(f"{SUITE_DATABASE.rsplit('/', 1)[0]}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')


def _count(env: dict[str, str], sql: str) -> int:
    if "DATABASE_URL" in env:
        import psycopg

        with psycopg.connect(env["DATABASE_URL"], autocommit=True) as db:
            return int(db.execute(sql).fetchone()[0])
    with sqlite3.connect(Path(env["HYTE_DATA_DIR"]) / "hyte.sqlite3") as db:
        return int(db.execute(sql).fetchone()[0])


def _execute(env: dict[str, str], sql: str) -> None:
    if "DATABASE_URL" in env:
        import psycopg

        with psycopg.connect(env["DATABASE_URL"], autocommit=True) as db:
            db.execute(sql)
        return
    with sqlite3.connect(Path(env["HYTE_DATA_DIR"]) / "hyte.sqlite3") as db:
        db.execute(sql)


def test_a_restore_brings_back_exactly_the_backup(instance, tmp_path):
    areas = _count(instance, "SELECT count(*) FROM regions_area")
    assert areas > 300
    target = tmp_path / "hyte.backup"
    made = _hyte("backup", str(target), env=instance)
    assert made.returncode == 0, made.stderr
    assert target.stat().st_size > 0
    changed = "SELECT count(*) FROM regions_area WHERE name_fi = 'Muutettu'"
    _execute(instance, "UPDATE regions_area SET name_fi = 'Muutettu' WHERE kind = 'municipality'")
    _execute(instance, "DELETE FROM audit_auditentry WHERE action = 'areas.load'")
    assert _count(instance, changed) > 300
    asked = _hyte("restore", str(target), env=instance, stdin="n\n")
    assert asked.returncode != 0  # not confirmed: nothing changed
    assert _count(instance, changed) > 300
    restored = _hyte("restore", str(target), "--yes", env=instance)
    assert restored.returncode == 0, restored.stderr
    assert _count(instance, changed) == 0
    assert _count(instance, "SELECT count(*) FROM regions_area") == areas
    assert _count(instance, "SELECT count(*) FROM audit_auditentry WHERE action = 'areas.load'") >= 1
    assert _count(instance, "SELECT count(*) FROM audit_auditentry WHERE action = 'instance.restore'") == 1
    assert _count(instance, "SELECT count(*) FROM audit_auditentry WHERE action = 'instance.backup'") == 1


def test_a_file_that_is_not_a_backup_is_refused_and_nothing_changes(instance, tmp_path):
    areas = _count(instance, "SELECT count(*) FROM regions_area")
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"PK\x03\x04 not a database at all")
    refused = _hyte("restore", str(junk), "--yes", env=instance)
    assert refused.returncode != 0
    assert "not a Hyte backup" in refused.stderr
    other = tmp_path / "other.backup"
    other.write_bytes(b"PGDMP" if "DATABASE_URL" not in instance else b"SQLite format 3\x00" + b"\x00" * 100)
    wrong_kind = _hyte("restore", str(other), "--yes", env=instance)
    assert wrong_kind.returncode != 0
    assert "this instance runs on" in wrong_kind.stderr
    assert _count(instance, "SELECT count(*) FROM regions_area") == areas
    existing = tmp_path / "exists.backup"
    existing.write_bytes(b"")
    assert _hyte("backup", str(existing), env=instance).returncode != 0  # never overwrites a file
