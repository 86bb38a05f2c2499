"""The register's open data on the public site (issue 16): a page listing the files of every county and
municipality with public activities, and the files, made fresh on each request (the register changes without
publishing): `/public/activities/<code>.hsds.json` (HSDS 3.0 in Finnish; `<code>.sv.hsds.json` and
`<code>.en.hsds.json` in Swedish and English), `<code>.csv` and `<code>.xlsx`, where the code is a
municipality's (three digits) or a county's (two digits, its municipalities together). CC BY 4.0.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from hyte.actors import opendata, queries
from hyte.public.views import LANGUAGES, XLSX, _page
from hyte.regions.models import Area

FILE = re.compile(r"^(?P<code>\d{2,3})(?:\.(?P<lang>sv|en))?\.(?P<format>hsds\.json|csv|xlsx)$")
CONTENT_TYPES = {"hsds.json": "application/json", "csv": "text/csv; charset=utf-8", "xlsx": XLSX}


def file_url(area: Area, ending: str) -> str:
    return reverse("public-register-file", args=[f"{area.code}.{ending}"])


def _files(area: Area) -> dict[str, Any]:
    return {
        "area": area,
        "hsds": [
            {
                "code": code,
                "name": translation.get_language_info(code)["name_local"],
                "url": file_url(area, "hsds.json" if code == "fi" else f"{code}.hsds.json"),
            }
            for code in opendata.HSDS_LANGUAGES
        ],
        "csv": file_url(area, "csv"),
        "xlsx": file_url(area, "xlsx"),
    }


@require_safe
def open_data(request: HttpRequest, lang: str) -> HttpResponse:
    with translation.override(lang):  # the areas' names in the page's language
        groups = [
            {"county": _files(county), "municipalities": [_files(m) for m in municipalities]}
            for county, municipalities in queries.open_data_areas()
        ]
    context = {"groups": groups, "licence": opendata.LICENCE, "licence_url": opendata.LICENCE_URL}
    return _page(request, lang, "public/activity_open_data.html", context, list(LANGUAGES))


@require_safe
def register_file(request: HttpRequest, name: str) -> HttpResponse:
    found = FILE.match(name)
    area = queries.open_data_area(found["code"]) if found else None
    if found is None or area is None or (found["lang"] and found["format"] != "hsds.json"):
        raise Http404
    base_url = settings.PUBLIC_BASE_URL or request.build_absolute_uri("/")
    register = opendata.register_of(area, base_url=base_url)
    file_format = found["format"]
    if file_format == "hsds.json":
        body = opendata.hsds_json(register, language=found["lang"] or "fi")
    elif file_format == "csv":
        body = opendata.register_csv(register)
    else:
        body = opendata.register_xlsx(register)
    response = HttpResponse(body, content_type=CONTENT_TYPES[file_format])
    if file_format != "hsds.json":
        response["Content-Disposition"] = f'attachment; filename="activities-{area.code}.{file_format}"'
    response["Link"] = f'<{opendata.LICENCE_URL}>; rel="license"'
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=300"
    return response
