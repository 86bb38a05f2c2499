"""The activity finder on the public site (issue 16): search what is on offer by text, age group, municipality,
village, free of charge and language; an activity's page with everything needed to join. Finnish, Swedish and
English, with the support paths for life situations linked from it; answered fresh (the register changes without
publishing, so these pages are not in the page cache)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe

from hyte.actors import queries
from hyte.actors.models import AgeGroup, Language
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


@require_safe
def finder(request: HttpRequest, lang: str) -> HttpResponse:
    chosen = chosen_filter(request)
    page = Paginator(queries.public_activities(chosen), PER_PAGE).get_page(request.GET.get("page"))
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
    }
    return _page(request, lang, "public/finder.html", context, list(LANGUAGES))


@require_safe
def activity(request: HttpRequest, lang: str, activity_id: int) -> HttpResponse:
    found = queries.public_activity(activity_id)
    if found is None:
        raise Http404
    return _page(request, lang, "public/activity.html", {"activity": found}, list(LANGUAGES))
