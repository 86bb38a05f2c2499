from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hyte.regions import queries
from hyte.regions.models import AreaKind


@require_GET
def area_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()[:100]
    return render(
        request,
        "regions/area_list.html",
        {
            "counties": queries.counties_with_municipality_counts(),
            "search": search,
            "results": queries.areas(search=search, include_former=True)[:100] if search else None,
        },
    )


@require_GET
def area_detail(request: HttpRequest, kind: str, code: str) -> HttpResponse:
    if kind not in AreaKind.values:
        raise Http404
    area = queries.area_by_key(kind, code)
    if area is None:
        raise Http404
    municipalities = queries.areas(kind=AreaKind.MUNICIPALITY, county_code=code) if kind == AreaKind.COUNTY else []
    return render(request, "regions/area_detail.html", {"area": area, "municipalities": municipalities})
