"""The grant calls a municipality or county published (issue 17), in Finnish, Swedish (where it serves in Swedish)
and English, and their open data (`/public/grants/calls.json` and `.csv`). Answered fresh: a call's page changes
without publishing a report, so these pages are not in the page cache."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from hyte.accounts.models import Organisation
from hyte.grants import decisions, opendata, queries
from hyte.grants.goal_grants import public_goal_rows
from hyte.public.views import _page, languages_for

FORMATS = {"json": "application/json", "csv": "text/csv; charset=utf-8"}


def _funder(slug: str) -> Organisation:
    found = Organisation.objects.select_related("area").filter(slug=slug, is_active=True).first()
    if found is None:
        raise Http404
    return found


@require_safe
def calls(request: HttpRequest, lang: str, slug: str) -> HttpResponse:
    funder = _funder(slug)
    found = queries.published_calls(funder)
    if not found:
        raise Http404
    context = {"organisation": funder, "calls": found}
    return _page(request, lang, "public/grant_calls.html", context, languages_for(funder))


@require_safe
def call(request: HttpRequest, lang: str, slug: str, call_id: int) -> HttpResponse:
    funder = _funder(slug)
    found = queries.published_call(call_id)
    if found is None or found.funder_id != funder.pk:
        raise Http404
    context = {"organisation": funder, "call": found}
    return _page(request, lang, "public/grant_call.html", context, languages_for(funder))


@require_safe
def calls_data(request: HttpRequest, file_format: str) -> HttpResponse:
    if file_format not in FORMATS:
        raise Http404
    found = queries.published_calls()
    body = opendata.calls_json(found) if file_format == "json" else opendata.calls_csv(found)
    response = HttpResponse(body, content_type=FORMATS[file_format])
    if file_format == "csv":
        response["Content-Disposition"] = 'attachment; filename="grant-calls.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def decision(request: HttpRequest, lang: str, slug: str, call_id: int) -> HttpResponse:
    funder = _funder(slug)
    found = [call for call in decisions.published_decisions(funder.pk) if call.pk == call_id]
    if not found:
        raise Http404
    batch = decisions.read_batch(found)
    context = {
        "organisation": funder,
        "call": found[0],
        "rows": decisions.decision_rows(found[0], batch),
        "disqualifications": decisions.disqualifications(found[0], batch),
        "changes": batch.changes[found[0].pk],
    }
    return _page(request, lang, "public/grant_decision.html", context, languages_for(funder))


@require_safe
def goals(request: HttpRequest, lang: str, slug: str) -> HttpResponse:
    """Per goal of the funder's plans, the grants of its published decisions by year and what their use reports
    say: the same figures as the annual report's."""
    funder = _funder(slug)
    rows = public_goal_rows(funder)
    if not rows and not queries.published_calls(funder):
        raise Http404
    context = {"organisation": funder, "rows": rows}
    return _page(request, lang, "public/grant_goals.html", context, languages_for(funder))


@require_safe
def decisions_data(request: HttpRequest, file_format: str) -> HttpResponse:
    if file_format not in FORMATS:
        raise Http404
    found = decisions.published_decisions()
    body = decisions.decisions_json(found) if file_format == "json" else decisions.decisions_csv(found)
    response = HttpResponse(body, content_type=FORMATS[file_format])
    if file_format == "csv":
        response["Content-Disposition"] = 'attachment; filename="grant-decisions.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
