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
from django.test import RequestFactory
from django.urls import resolve

from hyte.public import queries, views

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


def _pdf_key(path: str) -> str | None:
    """What a PDF of the site depends on: its version, language and the newest annual follow-up of its plan."""
    match = resolve(path)
    if match.url_name != "public-version-pdf":
        return None
    version = queries.version(
        queries.organisation(match.kwargs["slug"]), match.kwargs["report_id"], match.kwargs["number"]
    )
    return f"{version.pk}:{match.kwargs['lang']}:{queries.latest_annual_version_id(version.report)}"


def render_site(
    *, base_url: str, previous: dict[str, str] | None = None, out: Path | None = None
) -> tuple[dict[str, bytes], dict[str, str]]:
    """Every file of the public site by its path in the export, and the keys of its PDFs.

    A PDF whose key (version, language, the plan's newest annual follow-up) is the one an earlier export wrote
    (`previous`: path → key, the files in `out`) is taken from that file instead of being rendered again.
    """
    factory = RequestFactory()
    previous = previous or {}
    files: dict[str, bytes] = {}
    keys: dict[str, str] = {}
    for path in views.site_paths():
        if path == "/public/":
            continue
        name = _file_for(path)
        key = _pdf_key(path)
        if key is not None:
            keys[name] = key
            if out is not None and previous.get(name) == key and (out / name).is_file():
                files[name] = (out / name).read_bytes()
                continue
        match = resolve(path)
        response = match.func(factory.get(path), *match.args, **match.kwargs)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}; the export was not written")
        files[name] = response.content
    files["public/sitemap.xml"] = views.sitemap_xml(base_url).encode()
    redirect = REDIRECT_PAGE.format(target="/public/fi/").encode()
    files["index.html"] = redirect
    files["public/index.html"] = redirect
    files["robots.txt"] = f"User-agent: *\nAllow: /\nSitemap: {base_url.rstrip('/')}/public/sitemap.xml\n".encode()
    static = {
        url for name, body in files.items() if name.endswith(".html") for url in STATIC_REFERENCE.findall(body.decode())
    }
    for url in sorted(static):
        files[url.lstrip("/")] = _static_file(url)
    return files, keys


def export_site(out: Path, *, base_url: str) -> ExportResult:
    """Render the site and bring `out` up to date with it."""
    manifest_path = out / MANIFEST
    manifest = json.loads(manifest_path.read_text()) if manifest_path.is_file() else {}
    previous = manifest if isinstance(manifest, dict) else dict.fromkeys(manifest, "")
    files, keys = render_site(base_url=base_url, previous=previous, out=out)
    out.mkdir(parents=True, exist_ok=True)
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
    for name in sorted(previous.keys() - files.keys()):
        stale = out / name
        if stale.is_file():
            stale.unlink()
            result.removed.append(name)
    manifest_path.write_text(json.dumps({name: keys.get(name, "") for name in sorted(files)}, indent=0))
    return result
