"""API tokens at the door: a request to /api/ with `Authorization: Bearer hyte_…` acts as the token's owner on
every endpoint — the public ones too, so an own indicator a token may see is visible to it everywhere. A token
that is unknown, revoked or expired answers 401 (never silently anonymous); a read-only token that tries to
change something answers 403."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from hyte.accounts.models import ApiToken, hash_token
from hyte.core import clock

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def valid_token(raw: str) -> ApiToken | None:
    """The token's row when it is known, not revoked, not expired and its owner active."""
    if not raw.startswith(ApiToken.PREFIX):
        return None
    now = clock.now()
    return (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .first()
    )


class BearerTokenMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        header = request.headers.get("Authorization", "")
        if request.path.startswith("/api/") and header[:7].lower() == "bearer ":
            token = valid_token(header[7:].strip())
            if token is None:
                response = JsonResponse({"detail": _("The token is unknown, revoked or expired.")}, status=401)
                response["WWW-Authenticate"] = 'Bearer realm="api"'
                return response
            if token.read_only and request.method not in SAFE_METHODS:
                return JsonResponse({"detail": _("This token may only read.")}, status=403)
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=clock.now())
            request.user = token.user
            request.api_token = token  # type: ignore[attr-defined]
        return self.get_response(request)
