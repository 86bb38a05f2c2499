"""What the HTML views of every app share: calling a service as the user, going back to a page, a file download."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

# A page with a form: shown with GET, sent with POST; any other method answers 405.
require_GET_or_POST = require_http_methods(["GET", "POST"])  # noqa: N816 - named like Django's require_GET


class AuthenticatedRequest(HttpRequest):
    """A request behind `login_required` or the API's authentication: its user is a signed-in person."""

    user: User


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def call_service(request: HttpRequest, service: Any, **kwargs: Any) -> Any:
    """Call a service as the user; its refusal becomes a message on the page (and None), its permission check
    a 404, its success a "Saved." message and its result."""
    try:
        result = service(actor=request.user, **kwargs)
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return None
    messages.success(request, _("Saved."))
    return result


def back_to(view_name: str, anchor: str = "", **kwargs: Any) -> HttpResponse:
    """A redirect to a named page, at `anchor` when given."""
    response = redirect(view_name, **kwargs)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def download(body: bytes, *, file_format: str, filename: str) -> HttpResponse:
    """A file to save: `filename` without its extension, which `file_format` gives."""
    response = HttpResponse(body, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response


def private_file(body: bytes, *, content_type: str, filename: str) -> HttpResponse:
    """An uploaded file given back to those who may read it: saved, never sniffed or kept by a cache."""
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename) or "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def client_address(request: HttpRequest) -> str:
    """The client's address: the connection's, or with HYTE_PROXIES proxies in front the one the outermost of
    them saw (counted from the right of X-Forwarded-For, so a client cannot choose its own)."""
    from django.conf import settings

    proxies = int(getattr(settings, "NINJA_NUM_PROXIES", 0) or 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        addresses = [a.strip() for a in forwarded.split(",") if a.strip()]
        if addresses:
            return addresses[-min(proxies, len(addresses))]
    return str(request.META.get("REMOTE_ADDR", ""))
