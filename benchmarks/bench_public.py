"""Public site benchmark: publishing a broad report with 80 indicator charts, and serving published pages.

    .venv/bin/python benchmarks/bench_public.py      # PostgreSQL at 127.0.0.1:5432 (database hyte_bench_pub), wrk

1. Publishing: a broad report whose sections show 80 Sotkanet indicators as charts (30 years of Kemi's values
   each) and whose plan has 10 goals with indicators and measures is approved and published. Timed: approval and
   publication (the snapshot of every value), rendering its HTML page the first time (nothing cached) and
   rendering its tagged PDF.
2. Serving: production settings (DEBUG off, WhiteNoise, gunicorn with 2 workers) on loopback. wrk requests the
   published report page, then a static file of exactly the same bytes from the same server (WhiteNoise), for
   10 s each, alternating twice; the best run of each is compared. Done for the 80-chart report and for a
   typical 12-chart one.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hyte.core.actors import SystemActor

SYSTEM = SystemActor("benchmark")

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = "postgres://postgres@127.0.0.1:5432/hyte_bench_pub"
PORT = 8765
SETTINGS = {
    "DATABASE_URL": DATABASE_URL,
    "DEBUG": "false",
    "SECRET_KEY": "benchmark-" + "k" * 60,
    "ALLOWED_HOSTS": "127.0.0.1,testserver",
    "SECURE_SSL_REDIRECT": "false",
    "LOG_LEVEL": "WARNING",
    "DJANGO_SETTINGS_MODULE": "hyte.settings",
}


def setup(static_root: Path) -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS hyte_bench_pub")
        conn.execute("CREATE DATABASE hyte_bench_pub")
    os.environ.update({**SETTINGS, "STATIC_ROOT": str(static_root)})
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def build_report(*, charts: int, title: str) -> object:
    import json

    from hyte.accounts.models import Organisation, OrganisationKind
    from hyte.accounts.services import create_organisation
    from hyte.indicators.models import Indicator
    from hyte.indicators.services import load_catalogue
    from hyte.indicators.store import ObservationStore
    from hyte.regions.models import Area
    from hyte.regions.services import load_areas
    from hyte.reports import services
    from hyte.reports.models import BlockKind

    kemi = Organisation.objects.filter(slug="kemi").first()
    if kemi is None:
        load_areas(actor=SYSTEM)
        catalogue = json.loads((ROOT / "src/hyte/indicators/data/indicators-2016.json").read_text(encoding="utf-8"))
        load_catalogue(actor=SYSTEM, entries=catalogue)
        kemi = create_organisation(
            actor=SYSTEM,
            name="Kemin kaupunki",
            kind=OrganisationKind.MUNICIPALITY,
            slug="kemi",
            area=Area.objects.get(kind="municipality", code="240"),
        )
        rng = random.Random(612)
        store = ObservationStore(None)
        for indicator in Indicator.objects.order_by("pk")[:80]:
            base = rng.uniform(5, 60)
            for year in range(1993, 2023):
                value = base * (1 + 0.01 * (year - 2000)) + rng.uniform(-1, 1)
                store.add((indicator.pk, kemi.area_id, year, "", "total", "", value, None, None, None, "", None))
        store.finish()
    indicators = list(Indicator.objects.order_by("pk")[:charts])
    report = services.create_report(
        actor=SYSTEM, organisation=kemi, kind="broad", title=title, term_start=2025, term_end=2029
    )
    sections = list(report.sections.all())
    per_section = -(-len(indicators) // len(sections))
    for index, section in enumerate(sections):
        block = section.blocks.first()
        services.edit_block(
            actor=SYSTEM,
            block=block,
            expected_revision=block.revision,
            text="Kemiläisten **hyvinvointi** ja terveys väestöryhmittäin. " * 20,
        )
        chunk = indicators[index * per_section : (index + 1) * per_section]
        for start in range(0, len(chunk), 4):
            services.add_block(actor=SYSTEM, section=section, kind=BlockKind.CHART, indicators=chunk[start : start + 4])
    for number in range(10):
        goal = services.add_goal(actor=SYSTEM, report=report, text=f"Tavoite {number + 1}: hyvinvointi paranee")
        services.add_goal_indicator(
            actor=SYSTEM,
            goal=goal,
            indicator=indicators[number % len(indicators)],
            baseline_year=2020,
            target_year=2029,
            direction="keep",
        )
        for measure in range(3):
            services.add_measure(
                actor=SYSTEM, goal=goal, text=f"Toimenpide {measure + 1}", responsible_parties=["Sivistystoimi"]
            )
    services.change_status(actor=SYSTEM, report=report, status="in_review")
    return report


def publish(report: object) -> dict[str, float]:
    from django.core.cache import cache
    from django.test import Client

    from hyte.public.views import pdf_bytes
    from hyte.reports import services

    cache.clear()
    started = time.perf_counter()
    services.change_status(  # approval freezes the version (every value of every chart) ...
        actor=SYSTEM,
        report=report,
        status="approved",
        decision_body="Kaupunginvaltuusto",
        decision_date=dt.date(2025, 12, 15),
        decision_reference="§ 99",
    )
    services.change_status(actor=SYSTEM, report=report, status="published")  # ... and publication publishes it
    frozen = time.perf_counter()
    response = Client().get(f"/public/fi/kemi/{report.pk}/")
    assert response.status_code == 200
    html = time.perf_counter()
    version = report.versions.get(status="published")
    pdf = pdf_bytes(version, "fi")
    done = time.perf_counter()
    charts = len(re.findall(rb'<svg[^>]+class="chart"', response.content))
    return {
        "freeze_s": frozen - started,
        "html_s": html - started,
        "pdf_s": done - html,
        "charts": charts,
        "html_bytes": len(response.content),
        "pdf_bytes": len(pdf),
        "page": response.content,
    }


def wrk(path: str) -> float:
    output = subprocess.run(  # noqa: S603
        ["wrk", "-t2", "-c16", "-d10s", f"http://127.0.0.1:{PORT}{path}"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    assert errors is None, output
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def serve_and_measure(pages: dict[str, bytes], static_root: Path) -> dict[str, tuple[float, float]]:
    for name, body in pages.items():
        (static_root / "bench").mkdir(exist_ok=True)
        (static_root / "bench" / f"{name}.html").write_bytes(body)
    env = {**os.environ, **SETTINGS, "STATIC_ROOT": str(static_root)}
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "hyte.wsgi:application", "--bind", f"127.0.0.1:{PORT}", "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        import httpx

        for _ in range(50):
            try:
                httpx.get(f"http://127.0.0.1:{PORT}/healthz", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        results = {}
        for name, path in ((n, p) for n, p in pages_paths.items()):
            served = httpx.get(f"http://127.0.0.1:{PORT}{path}").content
            static = httpx.get(f"http://127.0.0.1:{PORT}/static/bench/{name}.html").content
            assert served == static, "the static file must be the very same bytes"
            dynamic_runs, static_runs = [], []
            for _ in range(2):
                dynamic_runs.append(wrk(path))
                static_runs.append(wrk(f"/static/bench/{name}.html"))
            results[name] = (max(dynamic_runs), max(static_runs))
        return results
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)


pages_paths: dict[str, str] = {}


def main() -> None:
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    static_root = Path(tempfile.mkdtemp(prefix="hyte-bench-static-"))
    setup(static_root)
    broad = build_report(charts=80, title="Laaja hyvinvointikertomus 2025–2029 (80 kuviota)")
    figures = publish(broad)
    print(
        f"publishing {figures['charts']} charts: approved and published in {figures['freeze_s']:.2f} s; HTML page "
        f"({figures['html_bytes'] / 1024:.0f} KiB) ready {figures['html_s']:.2f} s after publishing; tagged PDF "
        f"({figures['pdf_bytes'] / 1024:.0f} KiB) in {figures['pdf_s']:.2f} s"
    )
    typical = build_report(charts=12, title="Hyvinvointikertomus (12 kuviota)")
    typical_figures = publish(typical)
    pages_paths["broad"] = f"/public/fi/kemi/{broad.pk}/"
    pages_paths["typical"] = f"/public/fi/kemi/{typical.pk}/"
    from django.db import connections

    connections.close_all()
    results = serve_and_measure({"broad": figures["page"], "typical": typical_figures["page"]}, static_root)
    for name, (dynamic, static) in results.items():
        size = len(figures["page"] if name == "broad" else typical_figures["page"]) / 1024
        print(
            f"{name} report page ({size:.0f} KiB): {dynamic:,.0f} req/s; the same bytes as a static file: "
            f"{static:,.0f} req/s; ratio {dynamic / static:.2f}"
        )
    shutil.rmtree(static_root, ignore_errors=True)


if __name__ == "__main__":
    main()
