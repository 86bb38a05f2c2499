"""Import memory against file size (issue 14: an import's memory stays bounded, at most 3× the file size).

    .venv/bin/python benchmarks/bench_import_memory.py                       # SQLite in a temporary folder
    .venv/bin/python benchmarks/bench_import_memory.py --database postgres   # a fresh hyte_bench_memory database

The real municipal values 1990–2012 (212,343 rows, 5.4 MB as Sotkanet's API CSV) are imported by `hyte
import_observations` in a fresh process, twice: as the Sotkanet CSV it is, and as a plain table through a column
mapping (the same rows, `;`-separated, with the Sotkanet region column read as region ids). The figure is the
process's peak resident memory minus that of the same command doing nothing but starting (Django and the apps
loaded), divided by the file's size. The commands run this checkout's code (its `src` first on PYTHONPATH).

Measured (2026-11-30, two runs each): SQLite 2.7× for the API CSV, 2.7–2.8× through the mapping; PostgreSQL
2.2× for the API CSV (the bulk lane) and 2.2–2.3× through the mapping (before streaming: 33×, 41× and 28×). Every
text import reads the file a slice or a line at a time (`indicators/bulk.py`, `indicators/keys.py`); what remains
is the file's bytes (1×), the rows waiting to be written, a 1 MiB bitmap of keys and the area and indicator indexes.
"""

from __future__ import annotations

import argparse
import gzip
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "hyte" / "indicators" / "data" / "municipal-indicators-1990-2012.csv.gz"


def peak_kib(args: list[str], env: dict[str, str]) -> int:
    """The peak resident memory of `hyte ARGS` in KiB (GNU time's %M)."""
    result = subprocess.run(  # noqa: S603
        ["/usr/bin/time", "-f", "%M", sys.executable, "-m", "hyte.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"hyte {' '.join(args)} failed:\n{result.stderr[-2000:]}")
    return int(result.stderr.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--db-name", default="hyte_bench_memory", help="the throw-away PostgreSQL database (dropped first)"
    )
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="hyte-bench-memory-"))
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
    env.update({"DEBUG": "true", "HYTE_DATA_DIR": str(folder / "data"), "LOG_LEVEL": "WARNING"})
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])])
    if args.database == "postgres":
        import psycopg

        name = args.db_name
        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")
            conn.execute(f"CREATE DATABASE {name}")
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
    for command in (["migrate"], ["load_areas"], ["load_indicators"]):
        subprocess.run([sys.executable, "-m", "hyte.cli", *command], env=env, check=True, capture_output=True)  # noqa: S603
    api_csv = folder / "municipal.csv"
    api_csv.write_bytes(gzip.decompress(SOURCE.read_bytes()))
    idle = peak_kib(["check"], env)
    size_kib = api_csv.stat().st_size / 1024
    runs = {
        "Sotkanet API CSV": ["import_observations", str(api_csv)],
        "table through a column mapping": [
            "import_observations", str(api_csv), "--format", "table", "--indicator-column", "1", "--area-column", "2",
            "--area-reading", "sotkanet", "--year-column", "3", "--gender-column", "4", "--value-column", "5",
        ],
    }  # fmt: skip
    print(f"{args.database}: file {size_kib / 1024:.1f} MiB; a started command alone {idle / 1024:.0f} MiB")
    for name, args in runs.items():
        peak = peak_kib(args, env)
        print(
            f"{name}: peak {peak / 1024:.0f} MiB, {(peak - idle) / 1024:.0f} MiB for the import = "
            f"{(peak - idle) / size_kib:.1f}× the file size (target: at most 3×)"
        )


if __name__ == "__main__":
    main()
