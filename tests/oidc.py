"""A real OpenID Connect provider on loopback for the single sign-on tests: panva's oidc-provider (OpenID
Certified), run by Node.js from tests/browser (installed with the README's test command: `npm ci`), with its
development sign-in pages, where any login name signs in (claims: see tests/browser/oidc-provider.mjs)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import requests

BROWSER_TOOLS = Path(__file__).resolve().parent / "browser"
SCRIPT = BROWSER_TOOLS / "oidc-provider.mjs"


@contextmanager
def oidc_provider(*, client_id: str, client_secret: str, redirect_uris: list[str]) -> Iterator[str]:
    """Start the provider with one client; yields its issuer address (http://127.0.0.1:<port>)."""
    node = shutil.which("node")
    assert node, "Node.js is needed for the single sign-on tests (the README's test command installs it)"
    assert (BROWSER_TOOLS / "node_modules" / "oidc-provider").is_dir(), "run: npm ci --prefix tests/browser"
    config = {"clients": [{"client_id": client_id, "client_secret": client_secret, "redirect_uris": redirect_uris}]}
    process = subprocess.Popen(  # noqa: S603
        [node, str(SCRIPT), json.dumps(config)],
        cwd=BROWSER_TOOLS,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("listening "):
                yield line.split()[1]
                break
        else:
            raise AssertionError("the OpenID provider did not start")
    finally:
        process.terminate()
        process.wait(timeout=10)


def _form(html: str, page: str) -> tuple[str, dict[str, str]]:
    action = re.search(r'<form[^>]*action="([^"]+)"', html)
    assert action, f"no form on the provider's page: {html[:500]}"
    fields = {
        name: unescape(value)
        for name, value in re.findall(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html)
    }
    return urljoin(page, unescape(action.group(1))), fields


def sign_in_at_provider(authorize_url: str, issuer: str, *, login: str) -> str:
    """Go through the provider's sign-in and consent pages as a person would (login name `login`) and return
    the address it sends the browser back to (the client's redirect URI with the code), without following it."""
    session = requests.Session()
    url, method, data = authorize_url, "GET", None
    for _step in range(12):
        response = session.request(method, url, data=data, allow_redirects=False, timeout=10)
        if response.is_redirect:
            target = urljoin(url, response.headers["Location"])
            if not target.startswith(issuer):
                return target
            url, method, data = target, "GET", None
            continue
        assert response.status_code == 200, f"{response.status_code} from the provider: {response.text[:500]}"
        action, fields = _form(response.text, url)
        if 'name="login"' in response.text:
            fields.update(login=login, password="anything")
        url, method, data = action, "POST", fields
    raise AssertionError("the provider's pages did not lead back to the client")
