"""The Sotkanet client and sync against a real HTTP server on loopback that serves THL's real answers.

No test touches the internet: the server below answers like sotkanet.fi/rest from the files in the repository,
and can be told to time out, fail with 500 or return malformed JSON.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from hyte.audit.models import AuditEntry
from hyte.demo.indicators import DATA
from hyte.indicators.models import ImportBatch, Indicator, Observation
from hyte.indicators.sotkanet import USER_AGENT, SotkanetClient, SotkanetError, sync

SAMPLE = Path(__file__).parent / "data"
CATALOGUE = [
    e for e in json.loads((DATA / "indicators-2016.json").read_text(encoding="utf-8")) if e["id"] in (127, 186)
]
METADATA = json.loads((DATA / "indicator-metadata-2025-09.json").read_text(encoding="utf-8"))["indicators"]


class FakeSotkanet(BaseHTTPRequestHandler):
    # Per-path behaviour: a list of "ok" / "slow" / "500" / "garbage", one consumed per request (last repeats).
    behaviour: dict[str, list[str]] = {}
    requests: list[tuple[str, str]] = []

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        url = urlparse(self.path)
        FakeSotkanet.requests.append((url.path + "?" + url.query, self.headers.get("User-Agent", "")))
        plan = FakeSotkanet.behaviour.get(url.path, ["ok"])
        action = plan.pop(0) if len(plan) > 1 else plan[0]
        if action == "slow":
            time.sleep(1.5)
        if action == "500":
            self._send(500, b"Internal Server Error", "text/plain")
            return
        if action == "garbage":
            self._send(200, b'{"id": 127, "title": ', "application/json")
            return
        body, kind = self._answer(url.path, parse_qs(url.query))
        if body is None:
            self._send(404, b"not found", "text/plain")
        else:
            self._send(200, body, kind)

    def _answer(self, path: str, query: dict[str, list[str]]) -> tuple[bytes | None, str]:
        if path == "/rest/1.1/indicators":
            return json.dumps(CATALOGUE).encode(), "application/json"
        if path.startswith("/rest/1.1/indicators/"):
            indicator_id = path.rsplit("/", 1)[1]
            if indicator_id == "127":
                meta = {
                    **CATALOGUE[0],
                    "data-updated": FakeSotkanet.updated_127,
                    "range": {"start": 2009, "end": 2009},
                    "decimals": 0,
                    "primaryValueType": {"code": "LUKUMAARA"},
                }
                return json.dumps(meta).encode(), "application/json"
            meta = METADATA.get(indicator_id)
            return (json.dumps(meta).encode() if meta else None), "application/json"
        if path == "/rest/1.1/csv":
            if query.get("indicator") == ["127"] and "2009" in query.get("years", []):
                return (SAMPLE / "api-sample-indicator-127-2009.csv").read_bytes(), "text/csv"
            return b"indicator;region;year;gender;primary value;absolute value\n", "text/csv"
        return None, ""

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    updated_127 = "2025-03-01"


@pytest.fixture
def sotkanet() -> Iterator[str]:
    FakeSotkanet.behaviour = {}
    FakeSotkanet.requests = []
    FakeSotkanet.updated_127 = "2025-03-01"
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeSotkanet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/rest"
    server.shutdown()
    server.server_close()


def client(base_url: str, **kwargs: object) -> SotkanetClient:
    options = {"timeout": 1.0, "retries": 3, "backoff": 0.01, "min_interval": 0.0, **kwargs}
    return SotkanetClient(base_url, **options)


@pytest.mark.django_db
def test_sync_fetches_catalogue_metadata_and_values(sotkanet):
    with client(sotkanet) as api:
        result = sync(client=api, indicator_ids=[127, 186])
    assert result.synced == [127, 186]
    assert Indicator.objects.filter(source="sotkanet").count() == 2
    population = Indicator.objects.get(source_id="127")
    assert (population.value_type, population.decimals, population.range_end) == ("count", 0, 2009)
    assert Observation.objects.get(indicator=population, area__kind="municipality", area__code="240").value == 22580
    assert Indicator.objects.get(source_id="186").description_fi.startswith("Indikaattori ilmaisee")
    assert all(agent == USER_AGENT for _path, agent in FakeSotkanet.requests)


@pytest.mark.django_db
def test_sync_is_incremental_and_refetches_only_what_changed(sotkanet):
    with client(sotkanet) as api:
        sync(client=api, indicator_ids=[127])
        FakeSotkanet.requests.clear()
        again = sync(client=api, indicator_ids=[127])
    assert again.skipped_unchanged == [127]
    assert not any(path.startswith("/rest/1.1/csv") for path, _agent in FakeSotkanet.requests)

    FakeSotkanet.updated_127 = "2025-06-01"
    with client(sotkanet) as api:
        changed = sync(client=api, indicator_ids=[127])
    assert changed.synced == [127]
    assert ImportBatch.objects.filter(source="sotkanet-api").count() == 2
    assert Observation.objects.filter(indicator__source_id="127").count() == changed.batches[0].rows_unchanged


@pytest.mark.django_db
def test_sync_keeps_only_the_chosen_areas(sotkanet):
    from hyte.regions.models import Area

    lappi = Area.objects.get(kind="county", code="21")
    areas = {str(a.sotkanet_id) for a in Area.objects.filter(county=lappi)}
    with client(sotkanet) as api:
        result = sync(client=api, indicator_ids=[127], area_sotkanet_ids=areas)
    assert result.batches[0].rows_rejected == 0
    assert set(Observation.objects.values_list("area__county__code", flat=True)) == {"21"}


def test_a_server_error_is_retried_with_backoff(sotkanet):
    FakeSotkanet.behaviour = {"/rest/1.1/indicators": ["500", "500", "ok"]}
    slept: list[float] = []
    with client(sotkanet, sleep=slept.append) as api:
        assert len(api.indicators()) == 2
    assert slept == [0.01, 0.02]


def test_a_server_that_keeps_failing_gets_a_clear_error(sotkanet):
    FakeSotkanet.behaviour = {"/rest/1.1/indicators": ["500"]}
    with client(sotkanet) as api, pytest.raises(SotkanetError, match="answered 500 for indicators \\(tried 3 times\\)"):
        api.indicators()


def test_a_server_that_times_out_gets_a_clear_error(sotkanet):
    FakeSotkanet.behaviour = {"/rest/1.1/indicators": ["slow"]}
    with client(sotkanet, timeout=0.3, retries=2) as api, pytest.raises(SotkanetError, match="did not answer within"):
        api.indicators()


def test_malformed_json_gets_a_clear_error(sotkanet):
    FakeSotkanet.behaviour = {"/rest/1.1/indicators/186": ["garbage"]}
    with client(sotkanet) as api, pytest.raises(SotkanetError, match="malformed JSON"):
        api.indicator(186)


def test_an_unreachable_server_gets_a_clear_error():
    with client("http://127.0.0.1:9/rest", retries=2) as api, pytest.raises(SotkanetError, match="could not connect"):
        api.indicators()


def test_requests_are_spaced_politely(sotkanet):
    slept: list[float] = []
    # A long interval and a recorded (not real) sleep: the second request always comes within it, however busy
    # the machine, and is held back by the rest of the interval.
    with client(sotkanet, min_interval=60, sleep=slept.append) as api:
        api.indicators()
        api.indicators()
    assert slept
    assert 50 < slept[0] <= 60


@pytest.mark.django_db
def test_a_failing_indicator_loses_nothing_already_stored(sotkanet):
    with client(sotkanet) as api:
        sync(client=api, indicator_ids=[127])
    stored = Observation.objects.count()
    FakeSotkanet.updated_127 = "2026-01-01"
    FakeSotkanet.behaviour = {"/rest/1.1/csv": ["500"]}
    with client(sotkanet) as api:
        result = sync(client=api, indicator_ids=[127])
    assert "answered 500" in result.failed[127]
    assert Observation.objects.count() == stored
    failed = ImportBatch.objects.get(status="failed")
    assert "answered 500" in failed.error
    [entry] = AuditEntry.objects.filter(action="import.failed")
    assert entry.object_id == str(failed.pk)
    assert entry.actor_name == "system: Sotkanet sync"


@pytest.mark.django_db
def test_the_sync_command(sotkanet, capsys):
    from django.core.management import call_command

    call_command("sotkanet", "sync", "--indicator", "127", "--county", "21", "--base-url", sotkanet)
    out = capsys.readouterr().out
    assert "1 synced" in out
    assert Observation.objects.filter(area__county__code="21").count() == 21
