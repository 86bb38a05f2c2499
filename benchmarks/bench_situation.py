"""Situation picture benchmark: server time of the page for 60 indicators on PostgreSQL with 10M+ observations.

    .venv/bin/python benchmarks/bench_situation.py            # PostgreSQL at 127.0.0.1:5432, database hyte_bench_sp
    .venv/bin/python benchmarks/bench_situation.py --database hyte_bench_mine   # another database (or BENCH_DATABASE)

Data: Finland's real areas (308 municipalities, 19 regions, 23 counties, the country), the real Sotkanet catalogue,
and synthetic values: 70 indicators × 351 areas × 30 years × 3 genders × 5 age groups = 11,057,000 observations,
written with the product's own bulk store. The page is requested 30 times through Django's test client as a
signed-in coordinator of Kemi; printed are the median and the 95th percentile of the server time, the number of
SQL queries, and how the median request splits into SQL (the database's time for the page's own queries, as the
driver sees it, timed around each query), template rendering and the rest (Python: permissions, building the
picture, statistics). The target: the page at most twice its own queries' time.
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The code next to this file, not whatever `hyte` the virtual environment was installed from (a git worktree
# shares the main checkout's environment).
sys.path.insert(0, str(ROOT / "src"))

from hyte.core.actors import SystemActor  # noqa: E402

SYSTEM = SystemActor("benchmark")
INDICATORS = 70
YEARS = range(1993, 2023)
GENDERS = ("total", "male", "female")
AGES = ("", "0-17", "18-64", "65-74", "75-")


def setup(*, reuse: bool, database: str) -> None:
    import psycopg
    from psycopg import sql

    if not reuse:
        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(database)))
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    os.environ.update(
        {
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
            "DEBUG": "true",
            "LOG_LEVEL": "WARNING",
            "ALLOWED_HOSTS": "testserver",
            "DJANGO_SETTINGS_MODULE": "hyte.settings",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def load() -> list[int]:
    import json

    from django.db import transaction

    from hyte.indicators.models import Indicator
    from hyte.indicators.services import load_catalogue
    from hyte.indicators.store import ObservationStore
    from hyte.regions.models import Area
    from hyte.regions.services import load_areas

    load_areas(actor=SYSTEM)
    catalogue = json.loads((ROOT / "src/hyte/indicators/data/indicators-2016.json").read_text(encoding="utf-8"))
    load_catalogue(actor=SYSTEM, entries=catalogue)
    ids = [127, *[int(e["id"]) for e in catalogue if int(e["id"]) != 127][: INDICATORS - 1]]
    indicators = list(Indicator.objects.filter(source="sotkanet", source_id__in=[str(i) for i in ids]))
    areas = list(Area.objects.filter(valid_until__isnull=True))
    rng = random.Random(612)
    started = time.perf_counter()
    count = 0
    with transaction.atomic():
        store = ObservationStore(None, chunk_size=200_000)
        for indicator in indicators:
            population = indicator.source_id == "127"
            for area in areas:
                base = rng.uniform(5_000, 60_000) if population else rng.uniform(5, 60)
                for year in YEARS:
                    value = base * (1 + 0.01 * (year - 2000)) + rng.uniform(-1, 1)
                    for gender in GENDERS:
                        for age in AGES:
                            store.add(
                                (
                                    indicator.pk,
                                    area.pk,
                                    year,
                                    "",
                                    gender,
                                    age,
                                    value,
                                    round(value * 3),
                                    None,
                                    None,
                                    "",
                                    None,
                                )
                            )
                            count += 1
        store.finish()
    print(f"loaded {count:,} observations in {time.perf_counter() - started:.0f} s")
    return [i.pk for i in indicators if i.source_id != "127"][:60]


def measure(indicator_ids: list[int]) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from hyte.accounts import services
    from hyte.accounts.models import Organisation, OrganisationKind
    from hyte.indicators import services as indicator_services
    from hyte.indicators.models import Indicator, IndicatorSet
    from hyte.regions.models import Area

    rendering = _time_template_rendering()
    kemi = Organisation.objects.filter(slug="kemi").first()
    if kemi is None:  # the first run; with --reuse the organisation and its set are there already
        kemi = services.create_organisation(
            actor=SYSTEM,
            name="Kemi",
            kind=OrganisationKind.MUNICIPALITY,
            slug="kemi",
            area=Area.objects.get(kind="municipality", code="240"),
        )
        user = get_user_model().objects.create_user("bench", password="x" * 12)
        services.add_member(actor=SYSTEM, organisation=kemi, user=user, role="coordinator")
        indicator_set = indicator_services.create_indicator_set(actor=SYSTEM, organisation=kemi, name="60")
        for indicator in Indicator.objects.filter(pk__in=indicator_ids):
            indicator_services.add_to_set(actor=SYSTEM, indicator_set=indicator_set, indicator=indicator)
    user = get_user_model().objects.get(username="bench")
    indicator_set = IndicatorSet.objects.get(organisation=kemi)
    client = Client()
    client.force_login(user)
    url = f"/o/kemi/situation/?set={indicator_set.pk}"
    assert client.get(url).status_code == 200  # warm the caches once
    # Each query's time as the driver sees it, to the microsecond (Django's own log rounds each query to whole
    # milliseconds, which loses most of the page's many sub-millisecond queries).
    spent: list[float] = []

    def timed(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent.append(time.perf_counter() - started)

    samples = []
    for _ in range(30):
        reset_queries()
        rendering.clear()
        spent.clear()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries, connection.execute_wrapper(timed):
            response = client.get(url)
        total = time.perf_counter() - started
        assert response.status_code == 200
        samples.append((total * 1000, sum(spent) * 1000, sum(rendering) * 1000, len(queries)))
    samples.sort()
    median = samples[len(samples) // 2]
    total, sql, template, count = median
    print(
        f"situation picture of {indicator_set.items.count()} indicators: median {total:.0f} ms, "
        f"p95 {samples[int(len(samples) * 0.95) - 1][0]:.0f} ms, {count} SQL queries per page"
    )
    print(
        f"  the median request: SQL {sql:.0f} ms, template rendering {template:.0f} ms, "
        f"other Python {total - sql - template:.0f} ms; page / SQL = {total / sql:.2f}"
    )


def _time_template_rendering() -> list[float]:
    """Seconds spent in the outermost template render of each request (includes are inside it)."""
    from django.template.backends.django import Template

    spent: list[float] = []
    render = Template.render
    depth = [0]

    def timed(self, context=None, request=None):  # type: ignore[no-untyped-def]
        depth[0] += 1
        started = time.perf_counter()
        try:
            return render(self, context, request)
        finally:
            depth[0] -= 1
            if depth[0] == 0:
                spent.append(time.perf_counter() - started)

    Template.render = timed  # type: ignore[method-assign]
    return spent


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reuse", action="store_true", help="measure again on the data of an earlier run")
    parser.add_argument(
        "--database",
        default=os.environ.get("BENCH_DATABASE", "hyte_bench_sp"),
        help="the PostgreSQL database to build or reuse (default: $BENCH_DATABASE or hyte_bench_sp)",
    )
    args = parser.parse_args()
    setup(reuse=args.reuse, database=args.database)
    from hyte.indicators.models import Observation

    indicator_ids = [] if args.reuse else load()

    print(f"observations in the database: {Observation.objects.count():,}")
    measure(indicator_ids)
    return 0


if __name__ == "__main__":
    sys.exit(main())
