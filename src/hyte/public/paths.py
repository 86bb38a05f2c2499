"""Support paths on the public site (issue 16): the published paths, one path's steps in order with what is
needed to join each, and its printable leaflet (an A4 tagged PDF). Finnish, Swedish and English.

Like the finder's pages these are answered fresh (a path and the activities it names change without publishing).
The leaflet is rendered on request, from the same HTML each time: its PDF is kept in the cache under the hash of
that HTML, so any change to the path, its steps or their activities makes a new one and nothing stale is served.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from hyte.actors.models import SupportPath
from hyte.actors.support_paths import queries
from hyte.core.pdf import render_pdf
from hyte.public import cache as page_cache
from hyte.public.views import LANGUAGES, _page


def _path(path_id: int) -> SupportPath:
    found = queries.public_path(path_id)
    if found is None:
        raise Http404
    return found


@require_safe
def path_list(request: HttpRequest, lang: str) -> HttpResponse:
    area_code = request.GET.get("municipality", "")[:10]
    context = {
        "paths": queries.public_paths(area_code),
        "municipalities": queries.path_municipalities(),
        "chosen_area": area_code,
    }
    return _page(request, lang, "public/paths.html", context, list(LANGUAGES))


@require_safe
def path_page(request: HttpRequest, lang: str, path_id: int) -> HttpResponse:
    return _page(request, lang, "public/path.html", {"path": _path(path_id)}, list(LANGUAGES))


def public_address(request: HttpRequest, lang: str, path: SupportPath) -> str:
    """The path's page as readers reach it, printed on the leaflet."""
    page = reverse("public-path", args=[lang, path.pk])
    return settings.PUBLIC_BASE_URL + page if settings.PUBLIC_BASE_URL else request.build_absolute_uri(page)


def leaflet_html(path: SupportPath, lang: str, address: str) -> str:
    with translation.override(lang):
        return render_to_string("public/path_leaflet.html", {"path": path, "lang": lang, "address": address})


def leaflet_pdf(html: str) -> bytes:
    key = "path-leaflet:" + hashlib.sha256(html.encode()).hexdigest()
    body: bytes | None = cache.get(key)
    if body is None:
        body = render_pdf(html)
        cache.set(key, body, page_cache.PAGE_SECONDS)
    return body


@require_safe
def leaflet(request: HttpRequest, lang: str, path_id: int) -> HttpResponse:
    path = _path(path_id)
    body = leaflet_pdf(leaflet_html(path, lang, public_address(request, lang, path)))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="support-path-{path.pk}-{lang}.pdf"'
    response["Content-Language"] = lang
    return response
