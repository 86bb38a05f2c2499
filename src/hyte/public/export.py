"""The static export: the whole public site written as files that any web server or CDN can serve.

Every address of the site (`views.site_paths`) is rendered by its own view, so the files are the same bytes
the server would answer; `/x/` becomes `x/index.html`. The static files the pages use are copied along, and
a sitemap is written with the site's public address. Exporting again updates the folder in place: only
changed files are rewritten, and files an earlier export wrote that no longer exist are removed (a manifest
`.hyte-publish.json` remembers them); anything else in the folder is left alone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import RequestFactory, override_settings
from django.urls import resolve

from hyte.public import views

MANIFEST = ".hyte-publish.json"
STATIC_REFERENCE = re.compile(r"""(?:href|src)="(/static/[^"?#]+)""")
REDIRECT_PAGE = """<!doctype html>
<html lang="fi"><head><meta charset="utf-8"><title>Hyvinvointikertomukset – Välfärdsberättelser</title>
<meta http-equiv="refresh" content="0; url={target}"><link rel="canonical" href="{target}"></head>
<body><p><a href="{target}">Hyvinvointikertomukset</a> · <a href="/public/sv/" lang="sv">Välfärdsberättelser</a> ·
<a href="/public/en/" lang="en">Welfare reports</a></p></body></html>
"""


@dataclass
class ExportResult:
    written: list[str] = field(default_factory=list)  # new or changed files
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.written) + self.unchanged


def _file_for(path: str) -> str:
    relative = path.lstrip("/")
    return relative + "index.html" if relative.endswith("/") or not relative else relative


def _static_file(url: str) -> bytes:
    name = urlsplit(url).path.removeprefix(settings.STATIC_URL)
    collected = Path(settings.STATIC_ROOT) / name
    found = collected if collected.is_file() else finders.find(name)
    if not found:
        raise FileNotFoundError(f"a page refers to a static file that does not exist: {url}")
    return Path(found).read_bytes()


def render_site(*, base_url: str) -> dict[str, bytes]:
    """Every file of the public site by its path in the export."""
    factory = RequestFactory()
    host = urlsplit(base_url).netloc or "localhost"
    files: dict[str, bytes] = {}
    with override_settings(PUBLIC_BASE_URL=base_url.rstrip("/"), ALLOWED_HOSTS=[host]):
        for path in views.site_paths():
            if path == "/public/":
                continue
            match = resolve(path)
            response = match.func(factory.get(path, HTTP_HOST=host), *match.args, **match.kwargs)
            if response.status_code != 200:
                raise RuntimeError(f"{path} answered {response.status_code}; the export was not written")
            files[_file_for(path)] = response.content
        sitemap = views.sitemap(factory.get("/public/sitemap.xml", HTTP_HOST=host))
        files["public/sitemap.xml"] = sitemap.content
    redirect = REDIRECT_PAGE.format(target="/public/fi/").encode()
    files["index.html"] = redirect
    files["public/index.html"] = redirect
    files["robots.txt"] = f"User-agent: *\nAllow: /\nSitemap: {base_url.rstrip('/')}/public/sitemap.xml\n".encode()
    static = {
        url for name, body in files.items() if name.endswith(".html") for url in STATIC_REFERENCE.findall(body.decode())
    }
    for url in sorted(static):
        files[url.lstrip("/")] = _static_file(url)
    return files


def export_site(out: Path, *, base_url: str) -> ExportResult:
    """Render the site and bring `out` up to date with it."""
    files = render_site(base_url=base_url)
    out.mkdir(parents=True, exist_ok=True)
    manifest_path = out / MANIFEST
    previous = set(json.loads(manifest_path.read_text())) if manifest_path.is_file() else set()
    result = ExportResult()
    for name, body in sorted(files.items()):
        target = out / name
        if target.is_file() and target.read_bytes() == body:
            result.unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(target.name + ".tmp")
        temporary.write_bytes(body)
        temporary.replace(target)  # readers never see a half-written file
        result.written.append(name)
    for name in sorted(previous - files.keys()):
        stale = out / name
        if stale.is_file():
            stale.unlink()
            result.removed.append(name)
    manifest_path.write_text(json.dumps(sorted(files), indent=0))
    return result
