"""PDF documents: HTML rendered by WeasyPrint as tagged PDF/UA-1, so screen readers can read them.

Only the product's own static files and the images it embeds as data URLs are read while rendering; any
other URL (an image address written into a report's text, say) is refused, so rendering never reaches the
network or the file system beyond them.
"""

from __future__ import annotations

import base64
import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils._os import safe_join

BASE_URL = "https://hyte.invalid/"


def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers=None) -> URLFetcherResponse:
            if url.startswith("data:"):  # an image embedded by the product itself (a report's image block)
                head, _comma, payload = url.partition(",")
                content_type = head.removeprefix("data:").split(";")[0] or "application/octet-stream"
                body = base64.b64decode(payload) if head.endswith(";base64") else unquote(payload).encode()
                return URLFetcherResponse(url, body, {"Content-Type": content_type})
            parts = urlsplit(url)
            path = unquote(parts.path)
            if parts.netloc != urlsplit(BASE_URL).netloc or not path.startswith(settings.STATIC_URL):
                raise ValueError(f"not one of the product's static files: {url}")
            name = posixpath.normpath(path.removeprefix(settings.STATIC_URL))
            if name.startswith(("/", "..")) or "\\" in name or name == ".":
                raise ValueError(f"not one of the product's static files: {url}")
            collected = Path(safe_join(settings.STATIC_ROOT, name))  # production: collected, with hashed names
            found = collected if collected.is_file() else finders.find(name)
            if not found:
                raise ValueError(f"no such static file: {url}")
            content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
            return URLFetcherResponse(url, Path(found).read_bytes(), {"Content-Type": content_type})

    return StaticOnlyFetcher()


def render_pdf(html: str) -> bytes:
    """Render a whole HTML document (with its print stylesheet) as a tagged PDF/UA-1 file."""
    from weasyprint import HTML  # imported late: it loads Pango, which only PDF exports need

    document = HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher())
    return document.write_pdf(pdf_variant="pdf/ua-1")
