"""Rendered public pages, cached under the public site's generation (models.Generation).

A published version never changes, so its page is rendered once and served from the cache until the generation
grows (a publication, an organisation changed or leaving, see signals.py). Each server process reads the
generation from the database at most every STAMP_SECONDS; the process that made the change forgets its copy at
once, so there it shows immediately and elsewhere within those seconds.
"""

from __future__ import annotations

import hashlib
import threading
import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from hyte.core.headers import PERMISSIONS_POLICY, content_security_policy

STAMP_SECONDS = 2.0
PAGE_SECONDS = 24 * 3600
_local = threading.local()


def stamp() -> str:
    now = time.monotonic()
    if getattr(_local, "expires", 0.0) < now:
        from hyte.public.models import Generation

        value = Generation.objects.filter(pk=1).values_list("value", flat=True).first() or 0
        _local.stamp, _local.expires = str(value), now + STAMP_SECONDS
    return _local.stamp


def forget() -> None:
    """After a publication in this process: read the stamp again on the next request."""
    _local.expires = 0.0


def key(kind: str, name: str) -> str:
    return f"{kind}:{stamp()}:{hashlib.sha256(name.encode()).hexdigest()}"


def page_key(request: HttpRequest) -> str:
    return key("public-page", request.path)


def store(request: HttpRequest, response: HttpResponse) -> None:
    cache.set(
        page_key(request),
        (response.content, response["Content-Type"], response.get("Content-Language", "")),
        PAGE_SECONDS,
    )


def cached_response(request: HttpRequest) -> HttpResponse | None:
    hit: Any = cache.get(page_key(request))
    if hit is None:
        return None
    content, content_type, language = hit
    response = HttpResponse(content, content_type=content_type)
    if language:
        response["Content-Language"] = language
    response["Cache-Control"] = "public, max-age=300"
    response["X-Frame-Options"] = settings.X_FRAME_OPTIONS  # the middlewares that set these come later
    response["Content-Security-Policy"] = content_security_policy()
    response["Permissions-Policy"] = PERMISSIONS_POLICY
    return response


class PublicPageCacheMiddleware:
    """Answer a cached public page before sessions, CSRF and the rest: the public site has no per-user state."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("GET", "HEAD") and request.path.startswith("/public/") and not request.GET:
            request.get_host()  # a host not in ALLOWED_HOSTS is refused (400) before any cached page answers
            hit = cached_response(request)
            if hit is not None:
                return hit
        return self.get_response(request)
