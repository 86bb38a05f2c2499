"""All of Finland side by side: the public overview (`/public/<lang>/national/`) and its open data, and the richer
signed-in version for national bodies (`/national/`) with its exports."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from hyte.accounts.permissions import SITE, Action, permissions_for
from hyte.core.http import AuthenticatedRequest, download
from hyte.national.models import Structure
from hyte.national.overview import LANGUAGES, exports
from hyte.national.overview.filters import SIZES, SORTS, Choices
from hyte.national.overview.rows import KEY_INDICATORS, Overview, Row, overview
from hyte.regions.models import AreaKind, MunicipalityGroup
from hyte.situation.charts import choropleth

OPEN_DATA = {
    "finland.json": ("application/json", exports.as_json),
    "finland.csv": ("text/csv; charset=utf-8", exports.as_csv),
}


def _map(found: Overview, rows: list[Row], choices: Choices, map_on: str) -> Any:
    if choices.kind != AreaKind.MUNICIPALITY:
        return ""
    indicator = next((i for i in found.indicators if i.source_id == map_on), None)
    if indicator is None:
        return ""
    values = {row.area.code: row.indicators.get(map_on, (None, 0))[0] for row in rows}
    return choropleth(
        chart_id="national-map",
        title=indicator.title,
        description=_("The municipalities shown, coloured by the latest value in five classes of equal size."),
        values=values,
        names={row.area.code: row.area.name for row in rows},
        no_data=_("no data"),
    )


def _context(request: HttpRequest, found: Overview) -> dict[str, Any]:
    choices = Choices.of(request.GET)
    rows = choices.apply(found.rows)
    map_on = request.GET.get("map", KEY_INDICATORS[0])
    counties = sorted((row.area for row in found.rows if row.area.kind == AreaKind.COUNTY), key=lambda a: a.name)
    in_hyte = sum(1 for row in rows if row.in_hyte)
    answered = [row for row in rows if row.answer is not None]
    named = sum(1 for row in answered if row.answer and row.answer.coordinator_named)
    return {
        "found": found,
        "rows": rows,
        "choices": choices,
        "counties": counties,
        "groups": MunicipalityGroup.choices,
        "sizes": [(key, label) for key, (label, _low, _high) in SIZES.items()],
        "sorts": list(SORTS),
        "structures": Structure.choices,
        "map": _map(found, rows, choices, map_on),
        "map_on": map_on,
        "summary": {"shown": len(rows), "in_hyte": in_hyte, "answered": len(answered), "named": named},
    }


@require_safe
def public_overview(request: HttpRequest, lang: str) -> HttpResponse:
    """The public overview: published plans, public survey answers, public indicators."""
    found = overview(public=True, language=lang)
    with translation.override(lang):
        switch = [
            {
                "code": code,
                "name": translation.get_language_info(code)["name_local"],
                "url": f"/public/{code}/national/",
                "current": code == lang,
            }
            for code in LANGUAGES
        ]
        html = render_to_string(
            "national/public_overview.html",
            {**_context(request, found), "lang": lang, "languages": switch, "public": True},
            request=None,
        )
    response = HttpResponse(html)
    response["Content-Language"] = lang
    return response


@require_safe
def public_data(request: HttpRequest, name: str) -> HttpResponse:
    """The overview's open data (CC BY 4.0): what the public page shows, every area."""
    if name not in OPEN_DATA:
        raise Http404
    content_type, build = OPEN_DATA[name]
    response = HttpResponse(build(overview(public=True)), content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def _national(request: AuthenticatedRequest) -> None:
    if not permissions_for(request.user).can(Action.VIEW_NATIONALLY, SITE):
        raise Http404


@require_safe
@login_required
def national_overview(request: AuthenticatedRequest) -> HttpResponse:
    """For national bodies: every status of the plans and every submitted survey answer."""
    _national(request)
    found = overview(public=False, language=translation.get_language() or "fi")
    return render(request, "national/overview.html", {**_context(request, found), "public": False})


@require_safe
@login_required
def national_export(request: AuthenticatedRequest, file_format: str) -> HttpResponse:
    _national(request)
    if file_format not in ("csv", "xlsx"):
        raise Http404
    found = overview(public=False)
    found.rows = Choices.of(request.GET).apply(found.rows)
    body = exports.as_xlsx(found) if file_format == "xlsx" else exports.as_csv(found)
    return download(body, file_format=file_format, filename="hyte-suomi")
