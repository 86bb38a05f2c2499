"""Mixed load: 50 concurrent connections for 20 s against production settings, mixing public pages, signed-in
pages and the anonymous API (issue 14: no errors, and no request slower than 5 s).

    .venv/bin/python benchmarks/bench_load.py            # PostgreSQL at 127.0.0.1:5432 (database hyte_bench_load)
    .venv/bin/python benchmarks/bench_load.py --reuse    # the same data again

The demo is loaded into its own PostgreSQL database; gunicorn serves it as the deployment guide says (DEBUG off,
WhiteNoise, 4 workers, 30 s timeout) on loopback. Fifty clients (asyncio, httpx) each send requests one after
another for 20 s, taking turns over: the public index and the demo plan's public page, the signed-in situation
picture and report list (one coordinator session), and anonymous API calls (areas; one indicator's values for
Kemi). The API's anonymous rate limit is raised for the run, since all clients share one address here; the
benchmark measures capacity, not the limit.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = "postgres://postgres@127.0.0.1:5432/hyte_bench_load"
PORT = 8766
BASE = f"http://127.0.0.1:{PORT}"
CONNECTIONS = 50
SECONDS = 20.0
SETTINGS = {
    "DATABASE_URL": DATABASE_URL,
    "SECRET_KEY": "benchmark-" + "k" * 60,
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
    "LOG_LEVEL": "WARNING",
    "HYTE_API_RATE_ANONYMOUS": "1000000/min",
    "HYTE_API_RATE_SIGNED_IN": "1000000/min",
}


def _hyte(*args: str, debug: bool) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(SETTINGS)
    env["DEBUG"] = "true" if debug else "false"
    subprocess.run([sys.executable, "-m", "hyte.cli", *args], env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603


def setup() -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS hyte_bench_load WITH (FORCE)")
        conn.execute("CREATE DATABASE hyte_bench_load")
    _hyte("demo", debug=True)  # the demo only loads under DEBUG; it is served below with production settings


async def _signed_in_cookies(client) -> dict[str, str]:
    page = await client.get(f"{BASE}/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    from hyte.demo.people import DEMO_PASSWORD

    answer = await client.post(
        f"{BASE}/accounts/login/",
        data={"username": "koordinaattori", "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{BASE}/accounts/login/"},
    )
    assert answer.status_code == 302, answer.status_code
    return dict(client.cookies)


async def run() -> dict[str, list[float]]:
    import httpx

    async with httpx.AsyncClient(timeout=30) as setup_client:
        cookies = await _signed_in_cookies(setup_client)
        index = (await setup_client.get(f"{BASE}/public/fi/kemi/")).text
        report = re.search(r'href="(/public/fi/kemi/\d+/)"', index).group(1)
    mix = [
        ("public", "/public/fi/", None),
        ("public", report, None),
        ("signed in", "/o/kemi/situation/", cookies),
        ("signed in", "/o/kemi/reports/", cookies),
        ("API", "/api/v1/areas?kind=county", None),
        ("API", "/api/v1/observations?indicator=sotkanet:127&area=municipality:240", None),
    ]
    times: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    deadline = time.monotonic() + SECONDS
    limits = httpx.Limits(max_connections=CONNECTIONS, max_keepalive_connections=CONNECTIONS)

    async with httpx.AsyncClient(timeout=30, limits=limits) as client:

        async def worker(number: int) -> None:
            turn = number
            while time.monotonic() < deadline:
                kind, path, jar = mix[turn % len(mix)]
                turn += 1
                started = time.monotonic()
                try:
                    answer = await client.get(BASE + path, cookies=jar)
                    if answer.status_code != 200:
                        errors.append(f"{answer.status_code} {path}")
                except httpx.HTTPError as exc:
                    errors.append(f"{type(exc).__name__} {path}")
                times[kind].append(time.monotonic() - started)

        await asyncio.gather(*(worker(n) for n in range(CONNECTIONS)))
    times["errors"] = [float(len(errors))]
    if errors:
        print("errors:", errors[:10])
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reuse", action="store_true", help="keep the database of an earlier run")
    options = parser.parse_args()
    if not options.reuse:
        setup()
    os.environ.update({**SETTINGS, "DEBUG": "false", "DJANGO_SETTINGS_MODULE": "hyte.settings"})
    import django

    django.setup()
    _hyte("collectstatic", "--no-input", debug=False)
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update({**SETTINGS, "DEBUG": "false"})
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "hyte.wsgi:application", "--bind", f"127.0.0.1:{PORT}", "--workers", "4",
         "--timeout", "30"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        import httpx

        for _ in range(100):
            try:
                if httpx.get(f"{BASE}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        times = asyncio.run(run())
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    errors = int(times.pop("errors")[0])
    total = sum(len(v) for v in times.values())
    print(f"{CONNECTIONS} connections, {SECONDS:.0f} s: {total:,} requests ({total / SECONDS:,.0f}/s), {errors} errors")
    for kind, values in times.items():
        values.sort()
        p95 = values[int(0.95 * (len(values) - 1))]
        print(
            f"  {kind:9s} {len(values):6,} requests  median {statistics.median(values) * 1000:6.0f} ms  "
            f"p95 {p95 * 1000:6.0f} ms  slowest {values[-1] * 1000:6.0f} ms"
        )
    slowest = max(max(v) for v in times.values())
    print(f"slowest request {slowest:.2f} s (target: under 5 s); errors {errors} (target: 0)")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main()
