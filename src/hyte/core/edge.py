"""Input no database can store is refused at the edge, before any view: a NUL character (PostgreSQL refuses it
in text and the request would fail with a server error) or a lone UTF-16 surrogate (not encodable as UTF-8) in
the path, the query, a form field or a JSON body answers 400 with the reason."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

_UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _request_strings(request: HttpRequest) -> Iterator[str]:
    yield request.path
    for key, values in request.GET.lists():
        yield key
        yield from values
    content_type = request.content_type or ""
    if request.method in ("POST", "PUT", "PATCH", "DELETE"):
        if content_type == "application/json" and request.body:
            try:
                yield from _strings(json.loads(request.body))
            except (ValueError, UnicodeDecodeError):
                return  # not JSON: the view answers that
        elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            for key, values in request.POST.lists():
                yield key
                yield from values


class UnstorableInputMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if any(_UNSTORABLE.search(text) for text in _request_strings(request)):
            message = _("The request contains a NUL character or a broken Unicode character; remove it and send again.")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
