"""The public site: no login, published versions only, in Finnish, Swedish (where the organisation serves in
Swedish or wrote Swedish content) and English. Every page's address carries its language, so the language
switch keeps the reader on the same page and the static export can write each language as its own files.

Rendered pages are cached under the publication stamp (see cache.py): publishing makes every page fresh again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from hyte.accounts.models import Organisation
from hyte.core.pdf import render_pdf
from hyte.grants.models import Call
from hyte.public import cache as page_cache
from hyte.public import opendata, queries
from hyte.public.cooperation_links import cooperation_paths, links_of
from hyte.reports.document import build, print_html
from hyte.reports.images import EXTENSIONS, data_uris, extensions
from hyte.reports.models import ReportImage, ReportVersion

LANGUAGES = ("fi", "sv", "en")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def languages_for(organisation: Organisation | None, version: ReportVersion | None = None) -> list[str]:
    """Finnish and English always; Swedish where the organisation serves in Swedish or wrote Swedish content."""
    swedish = (
        organisation is None
        or bool(organisation.area and organisation.area.serves_in_swedish)
        or getattr(organisation, "swedish_content", False)  # annotated by queries.organisations()
    )
    if version is not None and version.frozen.title_sv:
        swedish = True
    return [code for code in LANGUAGES if code != "sv" or swedish]


def _switch(request: HttpRequest, lang: str, available: list[str]) -> list[dict[str, Any]]:
    prefix = f"/public/{lang}/"
    rest = request.path.removeprefix(prefix)
    return [
        {
            "code": code,
            "name": translation.get_language_info(code)["name_local"],
            "url": f"/public/{code}/{rest}",
            "current": code == lang,
        }
        for code in available
    ]


def _cached(request: HttpRequest, render: Callable[[], HttpResponse]) -> HttpResponse:
    """The page from the cache, or rendered and cached (the middleware answers most hits before this)."""
    hit = page_cache.cached_response(request)
    if hit is not None:
        return hit
    response = render()
    if response.status_code == 200:
        page_cache.store(request, response)
        response["Cache-Control"] = "public, max-age=300"
    return response


def _page(
    request: HttpRequest, lang: str, template: str, context: dict[str, Any], available: list[str]
) -> HttpResponse:
    if lang not in available:
        return _only_in(request, lang, available)
    with translation.override(lang):
        html = render_to_string(
            template, {**context, "lang": lang, "languages": _switch(request, lang, available)}, request=None
        )
    response = HttpResponse(html)
    response["Content-Language"] = lang
    return response


def _only_in(request: HttpRequest, lang: str, available: list[str]) -> HttpResponse:
    """A page asked for in a language the organisation does not publish in: say so, in that language, and
    link to the versions that exist (not a 404, and not a silent switch to Finnish)."""
    rest = request.path.removeprefix(f"/public/{lang}/")
    with translation.override(lang):
        html = render_to_string(
            "public/only_in.html",
            {
                "lang": lang,
                "languages": _switch(request, lang, available),
                "versions": [
                    {
                        "code": code,
                        "name": translation.get_language_info(code)["name_local"],
                        "url": f"/public/{code}/{rest}",
                    }
                    for code in available
                ],
            },
            request=None,
        )
    response = HttpResponse(html)
    response["Content-Language"] = lang
    return response


@require_safe
def root(request: HttpRequest) -> HttpResponse:
    language = translation.get_language() or settings.LANGUAGE_CODE
    return redirect("public-index", lang=language if language in LANGUAGES else "fi")


@require_safe
def index(request: HttpRequest, lang: str) -> HttpResponse:
    """Every organisation that has published, under its county; a search by the name of a municipality, a
    county or an organisation in any language (answered uncached: the cache holds the full list)."""
    q = request.GET.get("q", "").strip()[:100]

    def render() -> HttpResponse:
        organisations = list(queries.search(queries.organisations(), q))
        for found in organisations:  # link each in this language where its pages exist in it, else in Finnish
            found.public_lang = lang if lang in languages_for(found) else "fi"
        context = {"groups": queries.by_county(organisations), "q": q, "found": len(organisations)}
        return _page(request, lang, "public/index.html", context, list(LANGUAGES))

    return render() if q else _cached(request, render)


@require_safe
def organisation(request: HttpRequest, lang: str, slug: str) -> HttpResponse:
    def render() -> HttpResponse:
        found = queries.organisation(slug)
        return _page(
            request,
            lang,
            "public/organisation.html",
            {
                "organisation": found,
                "reports": queries.reports_of(found),
                "has_grants": Call.objects.filter(funder=found, is_published=True).exists(),
                "cooperation": links_of(found),
            },
            languages_for(found),
        )

    return _cached(request, render)


def _version_context(version: ReportVersion, lang: str, *, embed_images: bool = False) -> dict[str, Any]:
    report = version.report
    organisation = report.organisation
    if embed_images:  # the PDF is rendered without a web server
        embedded = data_uris(version.frozen.image_ids())
        image_src = embedded.__getitem__
    else:
        named = extensions(version.frozen.image_ids())

        def image_src(image_id: int) -> str:
            args = [organisation.slug, report.pk, version.number, image_id, named.get(image_id, "png")]
            return reverse("public-image", args=args)

    with translation.override(lang):
        area_name = organisation.area.name if organisation.area else organisation.name
        doc = build(
            version.frozen,
            area_name=area_name,
            language=lang,
            statuses=queries.latest_statuses(report),
            image_src=image_src,
        )
    others = [v for v in queries.reports_of(organisation) if v.pk == report.pk]
    return {
        "organisation": organisation,
        "report": report,
        "version": version,
        "doc": doc,
        "versions": others[0].published if others else [version],
        "data_files": opendata.MACHINE,
        "excel_files": opendata.EXCEL,
        "licence": opendata.LICENCE,
        "licence_url": opendata.LICENCE_URL,
    }


@require_safe
def report(request: HttpRequest, lang: str, slug: str, report_id: int, number: int | None = None) -> HttpResponse:
    def render() -> HttpResponse:
        found = queries.organisation(slug)
        version = queries.version(found, report_id, number)
        context = _version_context(version, lang)
        context["canonical"] = reverse("public-version", args=[lang, slug, report_id, version.number])
        return _page(request, lang, "public/report.html", context, languages_for(found, version))

    return _cached(request, render)


def pdf_bytes(version: ReportVersion, lang: str) -> bytes:
    """The version as a tagged PDF: the same content as its page, through the print stylesheet."""
    # Not under the generation (a publication elsewhere must not re-render every PDF): a version's PDF changes
    # only with the newest annual follow-up of its plan.
    key = f"public-pdf:{version.pk}:{lang}:{queries.latest_annual_version_id(version.report)}"
    body = cache.get(key)
    if body is None:
        body = render_pdf(print_html(_version_context(version, lang, embed_images=True), lang))
        cache.set(key, body, page_cache.PAGE_SECONDS)
    return body


@require_safe
def report_pdf(request: HttpRequest, lang: str, slug: str, report_id: int, number: int) -> HttpResponse:
    found = queries.organisation(slug)
    version = queries.version(found, report_id, number)
    if lang not in languages_for(found, version):
        raise Http404
    response = HttpResponse(pdf_bytes(version, lang), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{slug}-{report_id}-v{number}-{lang}.pdf"'
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_safe
def image(request: HttpRequest, slug: str, report_id: int, number: int, *, image_id: int, ext: str) -> HttpResponse:
    """An image of a published version: only one its frozen content shows."""
    version = queries.version(queries.organisation(slug), report_id, number)
    if image_id not in version.frozen.image_ids():
        raise Http404
    found = ReportImage.objects.filter(pk=image_id).values_list("content_type", "data").first()
    if found is None or EXTENSIONS.get(found[0]) != ext:
        raise Http404
    response = HttpResponse(bytes(found[1]), content_type=found[0])
    response["Cache-Control"] = "public, max-age=31536000, immutable"  # an image never changes once uploaded
    return response


@require_safe
def data(request: HttpRequest, slug: str, report_id: int, number: int, name: str) -> HttpResponse:
    if name not in opendata.FILES:
        raise Http404
    version = queries.version(queries.organisation(slug), report_id, number)
    statuses = queries.latest_statuses(version.report)
    if name == "report.json":
        response = HttpResponse(opendata.report_json(version, statuses), content_type="application/json")
    elif name == "report.xlsx":
        response = HttpResponse(opendata.report_xlsx(version, statuses), content_type=XLSX)
    elif name.endswith(opendata.EXCEL_SUFFIX):
        body = opendata.table_excel_csv(version, statuses, name.removesuffix(opendata.EXCEL_SUFFIX))
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    else:
        body = opendata.table_csv(version, statuses, name.removesuffix(".csv"))
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=3600"
    return response


def site_paths() -> list[str]:
    """Every address of the public site: what the sitemap lists and the static export writes."""
    paths = ["/public/"]
    for lang in LANGUAGES:
        paths.append(reverse("public-index", args=[lang]))
    for found in queries.organisations():
        for lang in languages_for(found):
            paths.append(reverse("public-organisation", args=[lang, found.slug]))
        for item in queries.reports_of(found):
            for version in item.published:
                for lang in languages_for(found, version):
                    if version is item.published[0]:
                        paths.append(reverse("public-report", args=[lang, found.slug, item.pk]))
                    paths.append(reverse("public-version", args=[lang, found.slug, item.pk, version.number]))
                    paths.append(reverse("public-version-pdf", args=[lang, found.slug, item.pk, version.number]))
                paths.extend(
                    reverse("public-data", args=[found.slug, item.pk, version.number, name]) for name in opendata.FILES
                )
                named = extensions(version.frozen.image_ids())
                paths.extend(
                    reverse("public-image", args=[found.slug, item.pk, version.number, image_id, ext])
                    for image_id, ext in sorted(named.items())
                )
    paths.extend(_grant_paths())
    active = Organisation.objects.filter(is_active=True).select_related("area")
    paths.extend(cooperation_paths({found.slug: languages_for(found) for found in active}))
    # All of Finland side by side (issue 19), in every language, and its open data.
    from hyte.national.overview import LANGUAGES as NATIONAL_LANGUAGES
    from hyte.national.overview import OPEN_DATA_FILES

    paths.extend(reverse("national-public", args=[lang]) for lang in NATIONAL_LANGUAGES)
    paths.extend(reverse("national-open-data", args=[name]) for name in OPEN_DATA_FILES)
    return paths


def _grant_paths() -> list[str]:
    """The funders' published grant calls, decisions and grants per goal in their languages, and their open data."""
    from hyte.grants import decisions
    from hyte.grants import queries as grant_queries

    calls = grant_queries.published_calls()
    decided = {call.pk for call in decisions.published_decisions()}
    paths: list[str] = []
    funders = {call.funder_id: call.funder for call in calls}
    for funder in funders.values():
        for lang in languages_for(funder):
            paths.append(reverse("public-grant-calls", args=[lang, funder.slug]))
            paths.append(reverse("public-grant-goals", args=[lang, funder.slug]))
            for call in calls:
                if call.funder_id != funder.pk:
                    continue
                paths.append(reverse("public-grant-call", args=[lang, funder.slug, call.pk]))
                if call.pk in decided:
                    paths.append(reverse("public-grant-decision", args=[lang, funder.slug, call.pk]))
    if calls:
        paths.extend(reverse("public-grant-calls-data", args=[name]) for name in ("json", "csv"))
        paths.extend(reverse("public-grant-decisions-data", args=[name]) for name in ("json", "csv"))
    return paths


def sitemap_xml(base_url: str) -> str:
    pages = [p for p in site_paths() if p.endswith("/") and p != "/public/"]
    return render_to_string("public/sitemap.xml", {"urls": [base_url.rstrip("/") + p for p in pages]})


@require_safe
def sitemap(request: HttpRequest) -> HttpResponse:
    if not settings.PUBLIC_BASE_URL:  # the addresses follow the host asked for: not one page to cache
        return HttpResponse(sitemap_xml(request.build_absolute_uri("/")), content_type="application/xml")
    return _cached(request, lambda: HttpResponse(sitemap_xml(settings.PUBLIC_BASE_URL), content_type="application/xml"))
