"""HYTE coefficient benchmark (issue 19): the shipped municipal model for all 308 municipalities under 1 s, and a
what-if under 100 ms median.

    .venv/bin/python benchmarks/bench_coefficient.py                       # a temporary SQLite file
    .venv/bin/python benchmarks/bench_coefficient.py --database postgres   # PostgreSQL at 127.0.0.1:5432

Data: the real areas and the shipped municipal model (15 TEAviisari process indicators, 6 Sotkanet outcome
indicators with change over 3 years); synthetic values from a seeded generator for every current municipality:
TEAviisari 2021–2023 for each item, the six outcome indicators 2007–2012 and the population 2018–2022.

Measured, 20 times after one warm-up, the median and the 95th percentile of:
- `results_for(model)`: read every input from the database, compute, build a row per area (the results page's
  read);
- `compute(spec, inputs)`: the arithmetic alone;
- `what_if(model, area, changes)`: Kemi's what-if with two changed values, reading the inputs again (the what-if
  page's read);
- `what_if_loaded(...)`: the what-if on inputs already read;
- the baseline, in the same run: one raw SQL query of exactly the observation rows the model reads (the floor
  for any implementation that reads from the database).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from hyte.core.actors import SystemActor  # noqa: E402

SYSTEM = SystemActor("benchmark")
REPEAT = 20


def setup(database: str, name: str) -> None:
    os.environ.update(
        {
            "SECRET_KEY": "benchmark-" + "c" * 60,
            "DEBUG": "false",
            "ALLOWED_HOSTS": "testserver",
            "SECURE_SSL_REDIRECT": "false",
            "LOG_LEVEL": "WARNING",
            "HYTE_DATA_DIR": tempfile.mkdtemp(prefix="hyte-bench-coefficient-"),
            "DJANGO_SETTINGS_MODULE": "hyte.settings",
        }
    )
    if database == "postgres":
        import psycopg
        from psycopg import sql

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{os.environ['HYTE_DATA_DIR']}/bench.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from hyte.regions.services import load_areas

    load_areas(actor=SYSTEM)


def build() -> None:
    from hyte.funding.models import TeaviisariValue
    from hyte.funding.shipped import load_shipped
    from hyte.indicators.models import Indicator, Observation
    from hyte.indicators.services import load_catalogue
    from hyte.regions.models import Area, AreaKind

    rng = random.Random(19)
    (model, _county) = load_shipped(actor=SYSTEM)
    ids = sorted({ind.sotkanet_id for ind in model.indicators.all() if ind.sotkanet_id} | {127})
    load_catalogue(
        actor=SYSTEM, entries=[{"id": i, "title": {"fi": f"Indikaattori {i}", "sv": "", "en": ""}} for i in ids]
    )
    indicator = dict(Indicator.objects.filter(source="sotkanet").values_list("source_id", "pk"))
    municipalities = list(Area.objects.filter(kind=AreaKind.MUNICIPALITY, valid_until__isnull=True))
    observations = []
    for area in municipalities:
        for sotkanet_id in ids:
            base = rng.uniform(5_000, 60_000) if sotkanet_id == 127 else rng.uniform(2, 40)
            years = range(2018, 2023) if sotkanet_id == 127 else range(2007, 2013)
            for year in years:
                observations.append(
                    Observation(
                        indicator_id=indicator[str(sotkanet_id)],
                        area=area,
                        year=year,
                        value=base * rng.uniform(0.9, 1.1),
                    )
                )
    Observation.objects.bulk_create(observations, batch_size=5000)
    values = [
        TeaviisariValue(
            area=area, sector=ind.sector, item=ind.item, survey_year=year, value=rng.uniform(10, 100), synthetic=True
        )
        for area in municipalities
        for ind in model.indicators.all()
        if ind.source == "teaviisari"
        for year in (2021, 2022, 2023)
    ]
    TeaviisariValue.objects.bulk_create(values, batch_size=5000)
    print(
        f"{len(municipalities)} municipalities, {len(observations):,} observations, {len(values):,} TEAviisari values"
    )


def timed(function: Callable[[], object], repeat: int) -> list[float]:
    function()  # warm-up
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def report(label: str, samples: list[float]) -> float:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    median = statistics.median(samples)
    print(f"{label:<48} median {median:8.2f} ms   p95 {p95:8.2f} ms")
    return median


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--db-name", default="hyte_bench_coefficient", help="the throw-away PostgreSQL database")
    parser.add_argument("--repeat", type=int, default=REPEAT)
    args = parser.parse_args()
    setup(args.database, args.db_name)
    build()
    from django.db import connection

    from hyte.funding.compute import compute
    from hyte.funding.exchange import spec_of
    from hyte.funding.queries import load, models_queryset, results_for, what_if, what_if_loaded
    from hyte.funding.queries.inputs import sotkanet_indicators
    from hyte.regions.models import Area, AreaKind

    model = models_queryset().get(key="municipal")
    kemi = Area.objects.get(kind=AreaKind.MUNICIPALITY, code="240")
    loaded = load(model)
    row = loaded.row_of(kemi.pk)
    assert row is not None
    changes = {"tea-liikunta-voimavarat": 80.0, "unemployed": 9.5}
    spec = spec_of(model)
    ids = list(sotkanet_indicators({ind.sotkanet_id for ind in model.indicators.all() if ind.sotkanet_id}).values())

    def baseline() -> None:
        with connection.cursor() as cursor:
            placeholders = ", ".join(["%s"] * len(ids))
            cursor.execute(
                f"SELECT indicator_id, area_id, year, value FROM indicators_observation "
                f"WHERE indicator_id IN ({placeholders}) AND gender = 'total' AND age_group = '' AND period = ''",
                ids,
            )
            cursor.fetchall()

    from django.core.cache import cache

    def cold_results() -> object:
        cache.clear()  # every input read again from the database
        return results_for(model)

    def cold_what_if() -> object:
        cache.clear()
        return what_if(model, kemi, changes)

    results = report("results_for, cold (read + compute + rows), 308", timed(cold_results, args.repeat))
    report("results_for, inputs cached", timed(lambda: results_for(model), args.repeat))
    report("load (the inputs' read alone)", timed(lambda: load(model), args.repeat))
    report("compute (arithmetic only)", timed(lambda: compute(spec, loaded.inputs), args.repeat))
    report("what_if, cold (read + compute twice), Kemi", timed(cold_what_if, args.repeat))
    whatif = report(
        "what_if, inputs cached (the page's case)", timed(lambda: what_if(model, kemi, changes), args.repeat)
    )
    report("what_if_loaded (arithmetic only)", timed(lambda: what_if_loaded(loaded, row, changes), args.repeat))
    base = report("baseline: raw SQL of the observations read", timed(baseline, args.repeat))
    print(f"results / baseline {results / base:.1f}×")
    verdict = "meets" if results < 1000 and whatif < 100 else "misses"
    print(f"{args.database}: results under 1 s and what-if under 100 ms — {verdict} the targets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
