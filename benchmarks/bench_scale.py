"""Scale to all of Sotkanet: the situation picture and the whole-file import at 11 million and at 110 million
observations, in the same run, on one PostgreSQL server.

    .venv/bin/python benchmarks/bench_scale.py   # PostgreSQL at 127.0.0.1:5432; about 25 GB of disk, 30–60 minutes

110 million is about the most a national installation could hold: Sotkanet's indicators × every area Hyte
tracks × 30 years × genders × age groups. Data: Finland's real areas and catalogue; synthetic values written
with the product's own bulk store (the picture's 60 indicators are the same at both scales; the other
indicators are added between the two measurements). At each scale:
- the situation picture of 60 indicators for Kemi, 30 requests as a signed-in coordinator: the median server
  time and its SQL time;
- the whole-file import of the real 212,343-row municipal CSV (parse, resolve, store), median of 3, each run's
  rows deleted again afterwards (its population values overlap the synthetic ones and are updated, the rest are
  created; the same at both scales).
Targets: the page's median at 110M at most 1.5× its median at 11M; the import's rows/s at 110M at least 0.8× its
rows/s at 11M.
"""

from __future__ import annotations

import gzip
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from hyte.core.actors import SystemActor  # noqa: E402

SYSTEM = SystemActor("benchmark")
DATABASE = "hyte_bench_scale"
YEARS = range(1995, 2025)
GENDERS = ("total", "male", "female")
AGES = ("", "0-17", "18-64", "65-74", "75-")
PICTURE_INDICATORS = 60
SMALL = 11_000_000
LARGE = 110_000_000


def setup() -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        conn.execute(f"CREATE DATABASE {DATABASE}")
    os.environ.update(
        {
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
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


def catalogue() -> tuple[list[int], list[int]]:
    """The picture's indicators and all the others (the real file's 48 indicators are in neither)."""
    import json

    from hyte.indicators.models import Indicator
    from hyte.indicators.services import load_catalogue
    from hyte.regions.services import load_areas

    load_areas(actor=SYSTEM)
    entries = json.loads((ROOT / "src/hyte/indicators/data/indicators-2016.json").read_text(encoding="utf-8"))
    load_catalogue(actor=SYSTEM, entries=entries)
    in_file = {line.split(b";", 1)[0].decode() for line in _real_file().splitlines()[1:]}
    ids = list(Indicator.objects.filter(source="sotkanet").order_by("id").values_list("id", "source_id"))
    population = next(pk for pk, source_id in ids if source_id == "127")
    others = [pk for pk, source_id in ids if source_id not in in_file and pk != population]
    return [population, *others[:PICTURE_INDICATORS]], others[PICTURE_INDICATORS:]


def _real_file() -> bytes:
    return gzip.decompress((ROOT / "src/hyte/indicators/data/municipal-indicators-1990-2012.csv.gz").read_bytes())


def fill(indicator_ids: list[int], target: int, loaded: int, used: list[int]) -> int:
    """Synthetic observations of these indicators for every current area until `target` rows are stored."""
    from django.db import connection, transaction

    from hyte.indicators.models import Indicator
    from hyte.indicators.store import ObservationStore
    from hyte.regions.models import Area

    areas = list(Area.objects.filter(valid_until__isnull=True).values_list("id", flat=True))
    population = set(Indicator.objects.filter(source_id="127").values_list("id", flat=True))
    rng = random.Random(612)
    started = time.perf_counter()
    for indicator_id in indicator_ids:
        if loaded >= target:
            break
        with transaction.atomic():
            store = ObservationStore(None, chunk_size=200_000)
            for area_id in areas:
                base = rng.uniform(5_000, 60_000) if indicator_id in population else rng.uniform(5, 60)
                for year in YEARS:
                    value = base * (1 + 0.01 * (year - 2000)) + rng.uniform(-1, 1)
                    count = round(value * 3)
                    for gender in GENDERS:
                        for age in AGES:
                            store.add(
                                (indicator_id, area_id, year, "", gender, age, value, count, None, None, "", None)
                            )
            loaded += store.finish().created
        used.append(indicator_id)
        print(f"\r  {loaded:,} observations ({loaded / (time.perf_counter() - started):,.0f}/s)", end="", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE) indicators_observation")
    print()
    return loaded


def page_times(picture_ids: list[int]) -> tuple[float, float]:
    """Median server time and SQL time (ms) of the situation picture, 30 requests after one warm-up."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from hyte.accounts import services
    from hyte.accounts.models import Organisation, OrganisationKind
    from hyte.indicators import services as indicator_services
    from hyte.indicators.models import Indicator, IndicatorSet
    from hyte.regions.models import Area

    kemi = Organisation.objects.filter(slug="kemi").first()
    if kemi is None:
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
        for indicator in Indicator.objects.filter(pk__in=picture_ids[1:]):
            indicator_services.add_to_set(actor=SYSTEM, indicator_set=indicator_set, indicator=indicator)
    client = Client()
    client.force_login(get_user_model().objects.get(username="bench"))
    url = f"/o/kemi/situation/?set={IndicatorSet.objects.get(organisation=kemi).pk}"
    assert client.get(url).status_code == 200
    samples = []
    for _ in range(30):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            total = time.perf_counter() - started
        assert response.status_code == 200
        samples.append((total * 1000, sum(float(q["time"]) for q in queries.captured_queries) * 1000))
    samples.sort()
    return samples[len(samples) // 2]


def import_rate() -> float:
    """Median rows/s of the real file's whole-file import; each run's rows are deleted afterwards."""
    from django.db import connection

    from hyte.indicators.services import create_batch, import_bytes

    data = _real_file()
    rates = []
    for _ in range(3):
        started = time.perf_counter()
        batch = import_bytes(
            actor=SYSTEM, batch=create_batch(actor=SYSTEM, organisation=None, source="bench"), data=data, shared=True
        )
        elapsed = time.perf_counter() - started
        # The file's population values (127) of 1990–2012 overlap the synthetic ones: updated, not created.
        stored = batch.rows_created + batch.rows_updated
        assert stored == 212_343, (batch.status, batch.error, batch.rows_created, batch.rows_updated)
        rates.append(stored / elapsed)
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM indicators_observation WHERE batch_id = %s", [batch.pk])
    return sorted(rates)[1]


def main() -> int:
    setup()
    picture_ids, others = catalogue()
    print(f"at {SMALL:,} observations:")
    used: list[int] = []
    loaded = fill(picture_ids + others, SMALL, 0, used)
    small_page, small_sql = page_times(picture_ids)
    small_import = import_rate()
    print(f"  page median {small_page:.0f} ms (SQL {small_sql:.0f} ms); import {small_import:,.0f} rows/s")
    print(f"at {LARGE:,} observations:")
    loaded = fill([pk for pk in others if pk not in used], LARGE, loaded, used)
    large_page, large_sql = page_times(picture_ids)
    large_import = import_rate()
    print(f"  page median {large_page:.0f} ms (SQL {large_sql:.0f} ms); import {large_import:,.0f} rows/s")
    print(
        f"110M / 11M: page {large_page / small_page:.2f} (target at most 1.5), "
        f"import rows/s {large_import / small_import:.2f} (target at least 0.8)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
