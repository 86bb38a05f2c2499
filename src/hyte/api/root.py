"""The REST API at /api/v1/: OpenAPI document at openapi.json, interactive docs at docs."""

from __future__ import annotations

from typing import Any

from csp.decorators import csp_update
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe
from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError

from hyte import __version__
from hyte.accounts.api import router as accounts_router
from hyte.actors.api import router as actors_router
from hyte.actors.support_paths.api import router as support_paths_router
from hyte.api.auth import AUTH
from hyte.api.throttling import THROTTLES
from hyte.assessments.api import router as assessments_router
from hyte.cooperation.agreement_api import router as agreement_router
from hyte.cooperation.api import router as cooperation_router
from hyte.cooperation.calendar_api import router as calendar_router
from hyte.cooperation.chain_api import router as chain_router
from hyte.cooperation.interface_api import router as interface_router
from hyte.funding.api import router as funding_router
from hyte.grants.api import router as grants_router
from hyte.grants.use_api import router as use_reports_router
from hyte.indicators.api import router as indicators_router
from hyte.national.api import router as national_router
from hyte.participation.api import router as participation_router
from hyte.participation.discussion_api import router as discussion_router
from hyte.regions.api import router as regions_router
from hyte.reports.api import router as reports_router
from hyte.situation.api import router as situation_router
from hyte.surveys.api import router as surveys_router

# Every operation can answer these; the document says so, with their bodies, so clients (and the fuzzer in
# tests/test_api_fuzz.py) know every answer they may get.
_PROBLEM = {"$ref": "#/components/schemas/Problem"}
_ERRORS = {
    "400": ("The request was refused: the reason is in `detail`, in the caller's language.", _PROBLEM),
    "404": ("Not found, or not visible to the caller (the two are not told apart).", _PROBLEM),
    "422": (
        "The parameters or the body do not match this document: `detail` lists each problem.",
        {"$ref": "#/components/schemas/InvalidInput"},
    ),
    "429": ("Too many requests: wait for the number of seconds in the Retry-After header.", _PROBLEM),
}
_UNAUTHORIZED = ("No valid token or session: sign in or send `Authorization: Bearer hyte_…`.", _PROBLEM)

_CSRF = ("A browser session's change without its CSRF token (`X-CSRFToken`); tokens need none.", _PROBLEM)


def _docs_page(view: Any) -> Any:
    """The document and its page are read with GET (or HEAD) only; Swagger UI (its own scripts, no inline
    script) sets inline styles as it draws, which the page's policy allows for it alone."""
    return require_safe(csp_update({"style-src": ["'self'", "'unsafe-inline'"]})(view))


class HyteAPI(NinjaAPI):
    """The API whose document also describes its error answers."""

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        schemas["Problem"] = {
            "type": "object",
            "properties": {"detail": {"type": "string"}},
            "required": ["detail"],
            "title": "Problem",
        }
        schemas["InvalidInput"] = {
            "type": "object",
            "properties": {"detail": {"type": "array", "items": {"$ref": "#/components/schemas/InputProblem"}}},
            "required": ["detail"],
            "title": "InvalidInput",
        }
        schemas["InputProblem"] = {
            "type": "object",
            "description": "One problem with the input, as pydantic reports it.",
            "properties": {
                "type": {"type": "string", "description": "the kind of problem, e.g. `missing` or `less_than_equal`"},
                "loc": {
                    "type": "array",
                    "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
                    "description": "where: the part of the request (`path`, `query`, `body`) and the field's path",
                },
                "msg": {"type": "string", "description": "the problem in words (English)"},
                "ctx": {"type": "object", "description": "the limits involved, where the kind has any"},
            },
            "required": ["type", "loc", "msg"],
            "title": "InputProblem",
        }
        for operations in schema.get("paths", {}).values():
            for method, operation in operations.items():
                errors = dict(_ERRORS)
                if operation.get("security"):
                    errors["401"] = _UNAUTHORIZED
                    if method.upper() not in ("GET", "HEAD", "OPTIONS"):
                        errors["403"] = _CSRF
                operation["responses"] = _responses(operation.get("responses", {}), errors)
        return schema


def _responses(declared: dict[Any, Any], errors: dict[str, tuple[str, dict[str, str]]]) -> dict[str, Any]:
    """One answer per status, keyed by the status as text. ninja keys the statuses of `response=` by number and
    `openapi_extra` by text, and the document served had both (`"200"` twice): what an operation states in its
    `openapi_extra` (a file's media type) wins, then the shared error answers, then ninja's own."""
    responses = {str(status): body for status, body in declared.items() if isinstance(status, str)}
    for status, (description, body) in errors.items():
        responses.setdefault(status, {"description": description, "content": {"application/json": {"schema": body}}})
    for status, body in declared.items():
        responses.setdefault(str(status), body)
    return dict(sorted(responses.items()))


api = HyteAPI(
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
    throttle=THROTTLES,
    urls_namespace="api",
    docs_decorator=_docs_page,
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
api.add_router("/", actors_router)
api.add_router("/", cooperation_router)
api.add_router("/", interface_router)
api.add_router("/", funding_router)
api.add_router("/", grants_router)
api.add_router("/", use_reports_router)
api.add_router("/", national_router)
api.add_router("/", participation_router)
api.add_router("/", discussion_router)
api.add_router("/", chain_router)
api.add_router("/", agreement_router)
api.add_router("/", calendar_router)
api.add_router("/", support_paths_router)
api.add_router("/", surveys_router)
