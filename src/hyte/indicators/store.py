"""The bulk path that writes observations: upsert on the observation key, counted and change-tracked.

Rows are plain tuples in COLUMNS order. Each backend gets the fastest honest path:
- PostgreSQL: COPY. Rows of indicators that had no observations before this batch are copied straight into
  the table; the rest go through a temporary staging table and one INSERT … ON CONFLICT DO UPDATE.
- SQLite: executemany of INSERT … ON CONFLICT DO UPDATE; rows that may already exist are staged first so
  that their old values can be recorded.
Only rows whose values differ are updated, so a re-import of the same file changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING, Any

from django.db import connection

if TYPE_CHECKING:
    from hyte.indicators.bulk import Block

TABLE = "indicators_observation"
CHANGES_TABLE = "indicators_observationchange"
STAGE = "hyte_import_stage"
KEY = ("indicator_id", "area_id", "year", "period", "gender", "age_group")
# The conflict target is the primary key, whose column order differs; ON CONFLICT matches it as a set.
VALUES = ("value", "absolute_value", "ci_low", "ci_high", "missing_reason")
COLUMNS = (*KEY, *VALUES, "batch_id")
# PostgreSQL types of COLUMNS, for binary COPY (about twice as fast as text on the client side).
PG_TYPES = (
    "int8",
    "int8",
    "int2",
    "varchar",
    "varchar",
    "varchar",
    "float8",
    "float8",
    "float8",
    "float8",
    "varchar",
    "int8",
)
MAX_CHANGES = 10_000

Row = tuple[Any, ...]

_cols = ", ".join(COLUMNS)
_key = ", ".join(KEY)
_join_on = " AND ".join(f"o.{c} = s.{c}" for c in KEY)
_stage_key = ", ".join(f"s.{c}" for c in KEY)


def _differs(left: str, right: str, *, sqlite: bool) -> str:
    op = "IS NOT" if sqlite else "IS DISTINCT FROM"
    return " OR ".join(f"{left}.{c} {op} {right}.{c}" for c in VALUES)


def _copy(cursor: Any, table: str, rows: list[Row]) -> None:
    with cursor.copy(f"COPY {table} ({_cols}) FROM STDIN (FORMAT BINARY)") as copy:
        copy.set_types(PG_TYPES)
        for row in rows:
            copy.write_row(row)


@dataclass
class StoreCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


class ObservationStore:
    """Buffer rows and write them in chunks inside the caller's transaction."""

    def __init__(self, batch_id: int | None, *, chunk_size: int = 100_000) -> None:
        self.batch_id = batch_id
        self.chunk_size = chunk_size
        self.counts = StoreCounts()
        self._buffer: list[Row] = []
        self._known_fresh: dict[int, bool] = {}
        self._changes_left = MAX_CHANGES if batch_id is not None else 0
        self._vendor = connection.vendor
        self._stage_ready = False

    @property
    def indicator_ids(self) -> list[int]:
        """The indicators this store has written values of."""
        return list(self._known_fresh)

    def add(self, row: Row) -> None:
        self._buffer.append(row)
        if len(self._buffer) >= self.chunk_size:
            self.flush()

    def add_many(self, rows: Iterable[Row]) -> None:
        for row in rows:
            self.add(row)

    def fresh_among(self, indicator_ids: Iterable[int]) -> set[int]:
        """Which of these indicators had no observations before this batch."""
        ids = set(indicator_ids)
        self._fresh(ids)
        return {i for i in ids if self._known_fresh[i]}

    def add_blocks(self, blocks: Iterable[Block], *, columns: Sequence[str], options: str) -> None:
        """Rows in COPY input `options` (PostgreSQL only), given as blocks each of fresh indicators or of others:
        consecutive fresh blocks are one COPY stream into the table, the others are staged and merged at the end,
        so the server stores one block while the next is made."""
        self.flush()
        staged = 0
        cols = ", ".join(columns)
        with connection.connection.cursor() as cursor:
            for fresh, run in groupby(blocks, key=lambda block: block.fresh):
                if not fresh:
                    self._ensure_stage()
                with cursor.copy(f"COPY {TABLE if fresh else STAGE} ({cols}) FROM STDIN {options}") as copy:
                    for block in run:
                        copy.write(block.data)
                        if fresh:
                            self.counts.created += block.count
                        else:
                            staged += block.count
        if staged:
            self._merge_stage(staged)

    def flush(self) -> None:
        if not self._buffer:
            return
        rows, self._buffer = self._buffer, []
        fresh, existing = self._split_by_freshness(rows)
        if fresh:
            self._write_fresh(fresh)
        if existing:
            self._write_existing(existing)

    def finish(self) -> StoreCounts:
        self.flush()
        if self._stage_ready:
            with connection.cursor() as cursor:
                cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")
            self._stage_ready = False
        return self.counts

    # Which indicators had no observations before this batch: their rows cannot collide with stored ones.
    def _fresh(self, ids: Iterable[int]) -> bool:
        """Whether none of these indicators had observations before this batch (probed once each)."""
        unknown = set(ids) - set(self._known_fresh)
        if unknown:
            with connection.cursor() as cursor:
                for indicator_id in unknown:  # one index probe each; DISTINCT would read every stored value
                    cursor.execute(f"SELECT 1 FROM {TABLE} WHERE indicator_id = %s LIMIT 1", [indicator_id])
                    self._known_fresh[indicator_id] = cursor.fetchone() is None
        return all(self._known_fresh[i] for i in ids)

    def _split_by_freshness(self, rows: Sequence[Row]) -> tuple[list[Row], list[Row]]:
        ids = {row[0] for row in rows}
        self._fresh(ids)
        states = {self._known_fresh[i] for i in ids}
        if states == {True}:
            return list(rows), []
        if states == {False}:
            return [], list(rows)
        fresh: list[Row] = []
        existing: list[Row] = []
        for row in rows:
            (fresh if self._known_fresh[row[0]] else existing).append(row)
        return fresh, existing

    def _write_fresh(self, rows: list[Row]) -> None:
        if self._vendor == "postgresql":
            raw = connection.connection
            try:
                with raw.transaction(), raw.cursor() as cursor:
                    _copy(cursor, TABLE, rows)
            except Exception:
                self._write_existing(rows)
                return
            self.counts.created += len(rows)
        else:
            raw = connection.connection
            placeholders = ", ".join(["?"] * len(COLUMNS))
            cursor = raw.executemany(
                f"INSERT INTO {TABLE} ({_cols}) VALUES ({placeholders}) ON CONFLICT ({_key}) DO UPDATE SET "
                + ", ".join(f"{c} = excluded.{c}" for c in (*VALUES, "batch_id"))
                + f" WHERE {_differs(TABLE, 'excluded', sqlite=True)}",
                rows,
            )
            self.counts.created += cursor.rowcount
            self.counts.unchanged += len(rows) - cursor.rowcount

    def _ensure_stage(self) -> None:
        if self._stage_ready:
            return
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")
            cursor.execute(f"CREATE TEMPORARY TABLE {STAGE} AS SELECT {_cols} FROM {TABLE} WHERE 1 = 0")
        self._stage_ready = True

    def _write_existing(self, rows: list[Row]) -> None:
        self._ensure_stage()
        raw = connection.connection
        if self._vendor != "postgresql":
            raw.executemany(f"INSERT INTO {STAGE} ({_cols}) VALUES ({', '.join(['?'] * len(COLUMNS))})", rows)
        else:
            with raw.cursor() as cursor:
                _copy(cursor, STAGE, rows)
        self._merge_stage(len(rows))

    def _merge_stage(self, size: int) -> None:
        """Upsert the staged rows into the table, recording changes and counting, and empty the stage."""
        sqlite = self._vendor != "postgresql"
        with connection.cursor() as cursor:
            if self._changes_left > 0:
                cursor.execute(
                    f"INSERT INTO {CHANGES_TABLE} (batch_id, {_key}, old_value, new_value, "
                    "old_absolute_value, new_absolute_value) "
                    f"SELECT %s, {_stage_key}, o.value, s.value, o.absolute_value, s.absolute_value "
                    f"FROM {STAGE} s JOIN {TABLE} o ON {_join_on} WHERE {_differs('o', 's', sqlite=sqlite)} "
                    f"LIMIT %s",
                    [self.batch_id, self._changes_left],
                )
                self._changes_left -= max(cursor.rowcount, 0)
            update = ", ".join(f"{c} = excluded.{c}" for c in (*VALUES, "batch_id"))
            where = _differs(TABLE, "excluded", sqlite=sqlite)
            if sqlite:
                cursor.execute(
                    f"SELECT count(*) FROM {STAGE} s WHERE NOT EXISTS (SELECT 1 FROM {TABLE} o WHERE {_join_on})"
                )
                created = cursor.fetchone()[0]
                cursor.execute(
                    f"INSERT INTO {TABLE} ({_cols}) SELECT {_cols} FROM {STAGE} WHERE true "
                    f"ON CONFLICT ({_key}) DO UPDATE SET {update} WHERE {where}"
                )
                touched = cursor.rowcount
                updated = touched - created
            else:
                cursor.execute(
                    f"WITH up AS (INSERT INTO {TABLE} ({_cols}) SELECT {_cols} FROM {STAGE} "
                    f"ON CONFLICT ({_key}) DO UPDATE SET {update} WHERE {where} RETURNING (xmax = 0) AS inserted) "
                    "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM up"
                )
                created, updated = cursor.fetchone()
            cursor.execute(f"DELETE FROM {STAGE}")
        self.counts.created += created
        self.counts.updated += updated
        self.counts.unchanged += size - created - updated
