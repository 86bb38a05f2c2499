"""Response headers that every page carries: a Content-Security-Policy without inline script (django-csp, set
in settings), a Permissions-Policy that turns off the browser features Hyte never uses, and `Cache-Control:
private` on everything a signed-in person is shown (pages and exports), so no shared cache keeps it."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), xr-spatial-tracking=()"
)


@lru_cache(maxsize=1)
def content_security_policy() -> str:
    """The policy as the settings give it, for responses that leave before django-csp's middleware runs (built
    once: the settings do not change while the process runs)."""
    from csp.utils import build_policy

    return str(build_policy())


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "public" not in response.get("Cache-Control", ""):
            patch_cache_control(response, private=True)
        return response
