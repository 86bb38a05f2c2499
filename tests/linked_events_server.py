"""A real HTTP server on loopback that answers like the Linked Events API from the recorded answers in
tests/data/linked_events/ (see its README for which query gets which answer). The client under test talks to it
over a socket, as it would to the real API."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

DATA = Path(__file__).parent / "data" / "linked_events"


def _answer(query: dict[str, list[str]]) -> tuple[int, str, str]:
    """(status, content type, file) for a query."""
    keyword = (query.get("keyword") or [""])[0]
    if keyword == "broken":
        return 500, "text/html", ""
    if keyword == "html":
        return 200, "text/html", "not-json.html"
    if keyword == "slow":
        time.sleep(1)
        return 200, "application/json", ""
    if keyword == "elsewhere":
        return 200, "application/json", "@elsewhere"
    if keyword == "endless":
        return 200, "application/json", "endless.json"
    if keyword == "yso:p916":
        if query.get("page") == ["2"]:
            return 200, "application/json", "page-2.json"
        if query.get("updated") == ["1"]:
            return 200, "application/json", "page-1-updated.json"
        return 200, "application/json", "page-1.json"
    return 200, "application/json", ""


class _Handler(BaseHTTPRequestHandler):
    requests: list[str]

    def do_GET(self) -> None:
        self.server.requests.append(self.path)  # type: ignore[attr-defined]
        parts = urlsplit(self.path)
        status, content_type, name = _answer(parse_qs(parts.query))
        if not parts.path.endswith("/event/"):
            status, content_type, name = 404, "text/plain", ""
        base = self.server.base  # type: ignore[attr-defined]
        if name == "@elsewhere":
            page = {"meta": {"count": 40, "next": "http://elsewhere.example/v1/event/?page=2"}, "data": []}
            body = json.dumps(page).encode()
        elif name:
            body = (DATA / name).read_text(encoding="utf-8").replace("{base}", base).encode()
        elif status == 200:
            body = b'{"meta": {"count": 0, "next": null, "previous": null}, "data": []}'
        else:
            body = b"<h1>Server Error (500)</h1>"
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:  # keep the test output quiet
        return


@contextmanager
def serving() -> Iterator[ThreadingHTTPServer]:
    """The server, running in a thread; `server.base` is its API address, `server.requests` what was asked."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.base = f"http://127.0.0.1:{server.server_address[1]}/v1"  # type: ignore[attr-defined]
    server.requests = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
