"""The activity finder on the public site (issue 16): search what is on offer by text, age group, municipality,
village, free of charge and language; an activity's page with everything needed to join. Finnish, Swedish and
English, with the support paths for life situations linked from it; answered fresh (the register changes without
publishing, so these pages are not in the page cache)."""

from __future__ import annotations

import re

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe

from hyte.actors import queries
from hyte.actors.models import Activity, AgeGroup, Language
from hyte.actors.support_paths import queries as path_queries
from hyte.public.views import LANGUAGES, _page

PER_PAGE = 25
PATHS_SHOWN = 5  # support paths named on the finder's page; the rest behind "All support paths"


def chosen_filter(request: HttpRequest) -> queries.ActivityFilter:
    get = request.GET
    return queries.ActivityFilter(
        text=get.get("q", "").strip()[:200],
        age_group=get.get("age", "") if get.get("age") in AgeGroup.values else "",
        area_code=get.get("municipality", "")[:10],
        place=get.get("place", "").strip()[:120],
        free=get.get("free") == "1",
        language=get.get("language", "") if get.get("language") in Language.values else "",
        theme=get.get("theme", "")[:60],
    )


def tile_source(template: str) -> str:
    """The tile server's origin as a Content-Security-Policy source (`{s}` subdomains as a wildcard)."""
    found = re.match(r"^(https?://)([^/?#]+)", template)
    return (found.group(1) + found.group(2).replace("{s}", "*")) if found else "'none'"


def _map(page_activities: list[Activity]) -> dict[str, str] | None:
    """What the map needs, where the deployment has a tile server and the page a result with a map point."""
    tiles: str = settings.HYTE_MAP_TILES
    if not tiles or not any(activity.latitude is not None for activity in page_activities):
        return None
    return {
        "tiles": tiles,
        "attribution": settings.HYTE_MAP_ATTRIBUTION,
        "attribution_url": settings.HYTE_MAP_ATTRIBUTION_URL,
    }


@require_safe
def finder(request: HttpRequest, lang: str) -> HttpResponse:
    """The list of results is the page's content; the map (where the deployment allows it) shows the same page of
    results, drawn by JavaScript, hidden from assistive technology and with nothing to focus."""
    chosen = chosen_filter(request)
    page = queries.public_page(chosen, request.GET.get("page"), PER_PAGE)
    kept = request.GET.copy()
    kept.pop("page", None)
    searched = any(value for key, value in request.GET.items() if key != "page")
    context = {
        "page": page,
        "chosen": chosen,
        "query": kept.urlencode(),
        "searched": searched,
        "age_groups": AgeGroup.choices,
        "languages_offered": Language.choices,
        "municipalities": queries.finder_municipalities(),
        # the chosen municipality's welfare concept's themes, read only if a template shows them
        "themes": SimpleLazyObject(lambda: list(queries.themes(queries.finder_concept(chosen.area_code)))),
        "paths": path_queries.public_paths(chosen.area_code)[:PATHS_SHOWN],
        "map": _map(list(page.object_list)),
    }
    response = _page(request, lang, "public/finder.html", context, list(LANGUAGES))
    if settings.HYTE_MAP_TILES:  # the tiles' host, on this page only and only when a tile server is set
        setattr(response, "_csp_update", {"img-src": [tile_source(settings.HYTE_MAP_TILES)]})  # noqa: B010
    return response


@require_safe
def activity(request: HttpRequest, lang: str, activity_id: int) -> HttpResponse:
    found = queries.public_activity(activity_id)
    if found is None:
        raise Http404
    context = {"activity": found, "image": queries.image_of(found)}
    return _page(request, lang, "public/activity.html", context, list(LANGUAGES))


@require_safe
def activity_image(request: HttpRequest, activity_id: int, name: str) -> HttpResponse:
    """A public activity's picture. Its name is its content's hash, so it can be cached for good: a new picture
    is a new address."""
    image = queries.public_image(activity_id, name)
    if image is None:
        raise Http404
    response = HttpResponse(bytes(image.data), content_type=image.content_type)
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
