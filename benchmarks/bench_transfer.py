"""The organisation export and import on the demo (issue 14: `dumpdata` took 119 s and 983 MB on the demo).

    .venv/bin/python benchmarks/bench_transfer.py     # SQLite in a temporary folder

Builds the demo (`hyte demo`) in a temporary data folder, gives Kemi an own indicator with OWN_VALUES values
(areas × 35 years × 3 genders × 8 age groups, some −0.0), then runs in fresh processes `hyte export_organisation
kemi` and `hyte import_organisation --slug kemi-kopio` of that archive into the same instance, and prints each
one's wall time and peak resident memory and the archive's size.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OWN_VALUES = 300_000
SEED = f"""
import itertools
from hyte.accounts.models import Organisation
from hyte.indicators.models import Indicator, Observation
from hyte.regions.models import Area
kemi = Organisation.objects.get(slug="kemi")
own = Indicator.objects.create(organisation=kemi, source="own", source_id="BENCH", title_fi="Bench & <test>")
areas = Area.objects.values_list("pk", flat=True)
ages = ("", "0-6", "7-12", "13-17", "18-29", "30-64", "65-74", "75-")
keys = itertools.product(areas, range(1990, 2025), ("total", "male", "female"), ages)
rows = [
    Observation(
        indicator=own, area_id=area, year=year, gender=gender, age_group=age, value=-0.0 if i % 7 == 0 else i / 3
    )
    for i, (area, year, gender, age) in zip(range({OWN_VALUES}), keys)
]
Observation.objects.bulk_create(rows, batch_size=5000)
print(len(rows))
"""


def run(args: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """Wall seconds, peak resident KiB (GNU time's %M) and standard output of `hyte ARGS`."""
    started = time.perf_counter()
    result = subprocess.run(  # noqa: S603
        ["/usr/bin/time", "-f", "%M", sys.executable, "-m", "hyte.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"hyte {' '.join(args)} failed:\n{result.stderr[-2000:]}")
    return seconds, int(result.stderr.strip().splitlines()[-1]), result.stdout.strip()


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="hyte-bench-transfer-"))
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
    env.update({"DEBUG": "true", "HYTE_DATA_DIR": str(folder / "data"), "LOG_LEVEL": "WARNING"})
    subprocess.run([sys.executable, "-m", "hyte.cli", "demo"], env=env, check=True, capture_output=True)
    seeded = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "hyte.cli", "shell", "-c", SEED], env=env, check=True, capture_output=True, text=True
    )
    print(f"Kemi's own values added: {int(seeded.stdout.split()[-1]):,}")
    archive = folder / "kemi.zip"
    seconds, peak, out = run(["export_organisation", "kemi", str(archive)], env)
    print(f"export: {seconds:.1f} s, peak {peak / 1024:.0f} MiB, archive {archive.stat().st_size / 1024:.0f} KiB")
    print(f"  {out}")
    seconds, peak, out = run(["import_organisation", str(archive), "--slug", "kemi-kopio"], env)
    print(f"import: {seconds:.1f} s, peak {peak / 1024:.0f} MiB")
    print(f"  {out.splitlines()[-1]}")
    seconds, peak, _out = run(["check"], env)
    print(f"a started command alone: {seconds:.1f} s, peak {peak / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
