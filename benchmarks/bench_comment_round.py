"""Comment round benchmark: the public page of a round with 2,000 comments (issue 18: median under 300 ms).

    .venv/bin/python benchmarks/bench_comment_round.py                       # a temporary SQLite file
    .venv/bin/python benchmarks/bench_comment_round.py --database postgres   # PostgreSQL at 127.0.0.1:5432

Data: Kemi's draft plan with text in its three first sections, opened for comments on them; 2,000 published
comments (every fifth a reply, a third of the others with three supports, every fiftieth flagged), a poll with 300
answers and two statements, written in bulk. Measured 30 times after a warm-up, through Django's test client with
DEBUG off: the round's public page in Finnish (anonymous) and its coordinator's page. Printed: the median and
the 95th percentile, and the pages' SQL queries.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from hyte.core.actors import SystemActor  # noqa: E402

SYSTEM = SystemActor("benchmark")
REPEAT = 30
TEXT = "Kemiläisten **hyvinvointi** ja terveys väestöryhmittäin: harrastukset, liikunta ja yksinäisyys. " * 15


def setup(database: str, name: str) -> None:
    os.environ.update(
        {
            "SECRET_KEY": "benchmark-" + "r" * 60,
            "DEBUG": "false",
            "ALLOWED_HOSTS": "testserver",
            "SECURE_SSL_REDIRECT": "false",
            "LOG_LEVEL": "WARNING",
            "HYTE_DATA_DIR": tempfile.mkdtemp(prefix="hyte-bench-round-"),
            "DJANGO_SETTINGS_MODULE": "hyte.settings",
        }
    )
    os.environ["STATIC_ROOT"] = os.environ["HYTE_DATA_DIR"] + "/static"
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
    call_command("collectstatic", interactive=False, verbosity=0)  # DEBUG off: the pages name hashed files
    from hyte.regions.services import load_areas

    load_areas(actor=SYSTEM)


def build(count: int) -> tuple[int, object]:
    import datetime as dt

    from django.contrib.auth import get_user_model

    from hyte.accounts.models import OrganisationKind
    from hyte.accounts.services import add_member, create_organisation
    from hyte.core import clock
    from hyte.participation import services
    from hyte.participation.models import Comment, Flag, PollAnswer, Support
    from hyte.regions.models import Area
    from hyte.reports import services as reports

    kemi = create_organisation(
        actor=SYSTEM,
        name="Kemin kaupunki",
        kind=OrganisationKind.MUNICIPALITY,
        slug="kemi",
        area=Area.objects.get(kind="municipality", code="240"),
    )
    coordinator = get_user_model().objects.create_user(username="koordinaattori", password="x" * 20)
    add_member(actor=SYSTEM, organisation=kemi, user=coordinator, role="coordinator")
    plan = reports.create_report(
        actor=SYSTEM, organisation=kemi, kind="broad", title="Suunnitelma 2025–2029", term_start=2025, term_end=2029
    )
    sections = list(plan.sections.order_by("position")[:3])
    for section in sections:
        block = section.blocks.order_by("position").first()
        reports.edit_block(actor=SYSTEM, block=block, text=TEXT, expected_revision=block.revision)
    today = clock.today()
    round_ = services.open_round(
        actor=SYSTEM,
        report=plan,
        sections=sections,
        title="Kommentoi suunnitelmaa",
        opens_on=today - dt.timedelta(days=10),
        closes_on=today + dt.timedelta(days=10),
    )
    opened = list(round_.sections.order_by("position"))
    services.set_poll(actor=SYSTEM, section=opened[0], kind="scale", question="Kuinka hyvä?")
    now = clock.now()
    tops = Comment.objects.bulk_create(
        Comment(
            round=round_,
            section=opened[i % len(opened)],
            nickname=f"Asukas {i}",
            text=f"Kommentti {i}: lisää harrastuksia nuorille ja <b>liikuntaa</b> ikääntyneille & kaikille.",
            status="published",
            created_at=now,
        )
        for i in range(count - count // 5)
    )
    Comment.objects.bulk_create(
        Comment(
            round=round_,
            section=parent.section,
            parent=parent,
            nickname=f"Vastaaja {i}",
            text=f"Vastaus {i}: samaa mieltä.",
            status="published",
            created_at=now,
        )
        for i, parent in enumerate(tops[: count // 5])
    )
    Support.objects.bulk_create(Support(comment=c, reader=f"r{n}") for c in tops[::3] for n in range(3))
    Flag.objects.bulk_create(Flag(comment=c, reader="r", reason="spam", created_at=now) for c in tops[::50])
    PollAnswer.objects.bulk_create(PollAnswer(section=opened[0], reader=f"r{n}", value=1 + n % 5) for n in range(300))
    for name in ("Nuorisovaltuusto", "Vanhusneuvosto"):
        statement = services.request_statement(actor=SYSTEM, round=round_, author_name=name)
        services.give_statement(actor=SYSTEM, statement=statement, text_fi="Lausunto. " * 50)
    return round_.pk, coordinator


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def measure(round_id: int, coordinator: object, repeat: int) -> float:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    anonymous, staff = Client(), Client()
    staff.force_login(coordinator)
    pages = [
        ("public page (fi, anonymous)", anonymous, f"/public/fi/kemi/rounds/{round_id}/"),
        ("coordinator's page", staff, f"/o/kemi/participation/{round_id}/"),
    ]
    public_median = 0.0
    for label, client, address in pages:
        response = client.get(address)  # warm-up
        assert response.status_code == 200, response.status_code
        size = len(response.content)
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                response = client.get(address)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        median = statistics.median(times)
        public_median = public_median or median
        print(
            f"{label:<30} median {median:6.1f} ms, p95 {percentile(times, 0.95):6.1f} ms, "
            f"{len(captured)} queries, {size // 1024} KiB"
        )
    return public_median


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--db-name", default="hyte_bench_round", help="the throw-away PostgreSQL database (dropped)")
    parser.add_argument("--comments", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=REPEAT)
    args = parser.parse_args()
    setup(args.database, args.db_name)
    round_id, coordinator = build(args.comments)
    median = measure(round_id, coordinator, args.repeat)
    target = 300.0
    verdict = "meets" if median < target else "misses"
    print(f"{args.database}, {args.comments} comments: the public page's median under {target:.0f} ms — {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
