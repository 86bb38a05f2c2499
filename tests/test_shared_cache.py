"""With HYTE_CACHE_URL every process shares one cache (the public pages, the API's rate limits): tested against a
real Redis server started on loopback for the test (issue 14)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time

import pytest


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def redis_url(tmp_path):
    server = shutil.which("redis-server")
    assert server, "redis-server is needed by the tests (scripts/ensure-packages test installs it)"
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603
        [
            server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


def _in_a_process(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "hyte.cli", "shell", "--no-imports", "-c", code],
        env={**base, "DEBUG": "true", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_two_processes_share_the_cache_through_redis(redis_url, tmp_path):
    data = str(tmp_path / "data")
    wrote = _in_a_process(
        "from django.core.cache import cache; cache.set('throttle_anonymous_192.0.2.1', [1.0, 2.0], 60)",
        HYTE_CACHE_URL=redis_url,
        HYTE_DATA_DIR=data,
    )
    assert wrote.returncode == 0, wrote.stderr
    read = _in_a_process(
        "from django.core.cache import cache; print(cache.get('throttle_anonymous_192.0.2.1'))",
        HYTE_CACHE_URL=redis_url,
        HYTE_DATA_DIR=data,
    )
    assert read.returncode == 0, read.stderr
    assert read.stdout.strip() == "[1.0, 2.0]"
    alone = _in_a_process(
        "from django.core.cache import cache; print(cache.get('throttle_anonymous_192.0.2.1'))", HYTE_DATA_DIR=data
    )
    assert alone.stdout.strip() == "None"  # without HYTE_CACHE_URL each process has its own


def test_an_unknown_cache_address_stops_the_server_with_its_name(tmp_path):
    result = _in_a_process("print(1)", HYTE_CACHE_URL="mongodb://x", HYTE_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "HYTE_CACHE_URL" in result.stderr
