"""Bulk import benchmark: the product's observation store against a raw-driver baseline, same rows, same run.

    .venv/bin/python benchmarks/bench_import.py --database postgres   # PostgreSQL at 127.0.0.1:5432
    .venv/bin/python benchmarks/bench_import.py --database sqlite

Rows: the real municipal values 1990–2012 (212,343 values, THL Sotkanet, CC BY 4.0) replicated over 3 genders and
4 age groups: 2,548,116 observations. Measured:
- store, fresh: `ObservationStore` into an empty table (the path every import takes);
- store, re-import: the same rows again (every row checked against the stored one, none changed);
- baseline: psycopg binary COPY (PostgreSQL) or sqlite3 executemany INSERT (SQLite) of the same rows into the same
  empty table, with the same indexes and constraints;
- file pipeline: parse the real CSV, resolve areas and indicators, store (212,343 rows), against the baseline's
  binary COPY of exactly those 212,343 rows (already resolved to ids) into the same empty table, median of 5
  alternating runs each.
The database is a throw-away one (`hyte_bench` / a temporary SQLite file).
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
import tempfile
import time
from pathlib import Path

from hyte.core.actors import SystemActor

SYSTEM = SystemActor("benchmark")

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "hyte" / "indicators" / "data"
GENDERS = ("total", "male", "female")
AGES = ("", "0-17", "18-64", "65-")


def setup(database: str, name: str) -> None:
    os.environ.setdefault("SECRET_KEY", "benchmark-" + "x" * 60)
    os.environ["DEBUG"] = "true"
    os.environ["LOG_LEVEL"] = "WARNING"
    if database == "postgres":
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")
            conn.execute(f"CREATE DATABASE {name}")
        os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "hyte.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from hyte.regions.services import load_areas

    load_areas(actor=SYSTEM)


def make_rows() -> list[tuple]:
    import csv
    import json

    from hyte.indicators.models import Indicator
    from hyte.indicators.services import load_catalogue
    from hyte.regions.models import Area

    load_catalogue(actor=SYSTEM, entries=json.loads((DATA / "indicators-2016.json").read_text(encoding="utf-8")))
    indicators = dict(Indicator.objects.filter(source="sotkanet").values_list("source_id", "id"))
    areas = {str(s): i for s, i in Area.objects.exclude(sotkanet_id=None).values_list("sotkanet_id", "id")}
    lines = gzip.decompress((DATA / "municipal-indicators-1990-2012.csv.gz").read_bytes()).decode().splitlines()
    rows = []
    for indicator, region, year, _gender, value, _absolute in csv.reader(lines[1:], delimiter=";"):
        base = float(value)
        for g, gender in enumerate(GENDERS):
            for a, age in enumerate(AGES):
                rows.append(
                    (
                        indicators[indicator],
                        areas[region],
                        int(year),
                        "",
                        gender,
                        age,
                        base * (1 + 0.01 * g + 0.001 * a),
                        None,
                        None,
                        None,
                        "",
                        None,
                    )
                )
    return rows


def truncate() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("TRUNCATE indicators_observation CASCADE")
            cursor.execute("CHECKPOINT")
        else:
            cursor.execute("DELETE FROM indicators_observationchange")
            cursor.execute("DELETE FROM indicators_observation")


def bench_store(rows: list[tuple]) -> float:
    from django.db import transaction

    from hyte.indicators.store import ObservationStore

    started = time.perf_counter()
    with transaction.atomic():
        store = ObservationStore(None)
        store.add_many(rows)
        counts = store.finish()
    elapsed = time.perf_counter() - started
    print(f"    counts: {counts}")
    return elapsed


def bench_baseline(rows: list[tuple]) -> float:
    from django.db import connection, transaction

    from hyte.indicators.store import COLUMNS, PG_TYPES, TABLE

    cols = ", ".join(COLUMNS)
    truncate()  # the same table, indexes and constraints that the store writes to
    raw = connection.connection
    started = time.perf_counter()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with raw.cursor() as cursor, cursor.copy(f"COPY {TABLE} ({cols}) FROM STDIN (FORMAT BINARY)") as copy:
                copy.set_types(PG_TYPES)
                for row in rows:
                    copy.write_row(row)
        else:
            raw.executemany(f"INSERT INTO {TABLE} ({cols}) VALUES ({', '.join(['?'] * len(COLUMNS))})", rows)
    return time.perf_counter() - started


def pipeline_rows() -> list[tuple]:
    """The rows the file pipeline stores, resolved to ids, for the baseline of the same rows."""
    import csv

    from hyte.indicators.models import Indicator
    from hyte.regions.models import Area

    indicators = dict(Indicator.objects.filter(source="sotkanet").values_list("source_id", "id"))
    areas = {str(s): i for s, i in Area.objects.exclude(sotkanet_id=None).values_list("sotkanet_id", "id")}
    lines = gzip.decompress((DATA / "municipal-indicators-1990-2012.csv.gz").read_bytes()).decode().splitlines()
    return [
        (
            indicators[i],
            areas[r],
            int(y),
            "",
            g,
            "",
            float(v) if v else None,
            float(a) if a else None,
            None,
            None,
            "",
            None,
        )
        for i, r, y, g, v, a in csv.reader(lines[1:], delimiter=";")
    ]


def bench_file_pipeline() -> tuple[int, float]:
    from hyte.indicators.services import create_batch, import_bytes

    truncate()
    data = gzip.decompress((DATA / "municipal-indicators-1990-2012.csv.gz").read_bytes())
    started = time.perf_counter()
    batch = import_bytes(
        actor=SYSTEM, batch=create_batch(actor=SYSTEM, organisation=None, source="bench"), data=data, shared=True
    )
    assert batch.rows_created == 212_343, (batch.status, batch.error)
    return batch.rows_created, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--db-name", default="hyte_bench", help="the throw-away PostgreSQL database (dropped first)")
    args = parser.parse_args()
    setup(args.database, args.db_name)
    rows = make_rows()
    n = len(rows)
    print(f"{args.database}: {n:,} observations")
    # The baseline runs first, then the store into a truncated table: both start from the same state.
    baseline = bench_baseline(rows)
    label = "psycopg binary COPY" if args.database == "postgres" else "sqlite3 executemany"
    print(f"  baseline ({label}): {baseline:6.2f} s  {n / baseline:>11,.0f} rows/s")
    truncate()
    fresh = bench_store(rows)
    print(f"  store, fresh:     {fresh:6.2f} s  {n / fresh:>11,.0f} rows/s")
    again = bench_store(rows)
    print(f"  store, re-import: {again:6.2f} s  {n / again:>11,.0f} rows/s")
    print(f"  store / baseline throughput: {baseline / fresh:.2f} (fresh), {baseline / again:.2f} (re-import)")
    same_rows = pipeline_rows()
    pipelines, baselines = [], []
    for _ in range(5):  # alternating, so that both see the same machine
        truncate()
        baselines.append(bench_baseline(same_rows))
        count, elapsed = bench_file_pipeline()
        pipelines.append(elapsed)
    pipeline, base = sorted(pipelines)[2], sorted(baselines)[2]
    print(
        f"  file pipeline (parse + resolve + store, real CSV): {count:,} rows in {pipeline:.2f} s, "
        f"{count / pipeline:,.0f} rows/s (median of 5)"
    )
    print(f"  {label} of the same {len(same_rows):,} rows: {base:.2f} s, {len(same_rows) / base:,.0f} rows/s")
    print(f"  file pipeline / baseline throughput: {base / pipeline:.2f}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
