"""The REST API at /api/v1/: OpenAPI document at openapi.json, interactive docs at docs."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe
from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError

from hyte import __version__
from hyte.accounts.api import router as accounts_router
from hyte.api.auth import AUTH
from hyte.assessments.api import router as assessments_router
from hyte.indicators.api import router as indicators_router
from hyte.regions.api import router as regions_router
from hyte.reports.api import router as reports_router
from hyte.situation.api import router as situation_router

api = NinjaAPI(
    title="Hyte API",
    version="1",
    description=(
        "Welfare and health promotion data of Finnish municipalities and wellbeing services counties. "
        "Authenticate with a personal token (`Authorization: Bearer hyte_…`) or a browser session. "
        "Create a token when signed in, on [the API tokens page](/accounts/tokens/); the token acts with your "
        "rights and can be revoked there. "
        "Every object is scoped to the caller's organisations: what the caller may not see answers 404. "
        f"Server version {__version__}. [Back to Hyte](/) · [The API's documentation](/api/v1/docs)"
    ),
    auth=AUTH,
    urls_namespace="api",
    docs_decorator=require_safe,  # the document and its page are read with GET (or HEAD) only
)


# Errors are mapped to responses here and nowhere else: every router raises, this answers.


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "Not found"}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    """A service's refusal to this caller: "not found", as for an object that does not exist."""
    return not_found(request, Http404())


@api.exception_handler(ValidationError)
def refused(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A service refused the write: 400 with the reason, in the caller's language."""
    return api.create_response(request, {"detail": " ".join(exc.messages)}, status=400)


@api.exception_handler(NinjaValidationError)
def invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.errors}, status=422)


api.add_router("/", regions_router)
api.add_router("/", accounts_router)
api.add_router("/", indicators_router)
api.add_router("/", situation_router)
api.add_router("/", reports_router)
api.add_router("/", assessments_router)
