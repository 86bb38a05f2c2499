"""Rate limits of the API, per client address for anonymous callers and per user for signed-in ones (tokens
included); the rates come from the environment (`HYTE_API_RATE_ANONYMOUS`, `HYTE_API_RATE_SIGNED_IN`, e.g.
`120/min`). Counts live in the cache, so several processes share them when a shared cache is configured.
Over the limit the API answers 429 with Retry-After."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import BaseThrottle, SimpleRateThrottle

from hyte.core.http import client_address


class _ByAddress(SimpleRateThrottle):
    def get_ident(self, request: HttpRequest) -> str:
        """The same client address as sign-in's lockout and the audit log use (HYTE_PROXIES)."""
        return client_address(request)


class AnonymousThrottle(_ByAddress):
    scope = "anonymous"

    def __init__(self) -> None:
        super().__init__(settings.HYTE_API_RATE_ANONYMOUS)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        if request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class SignedInThrottle(SimpleRateThrottle):
    scope = "signed_in"

    def __init__(self) -> None:
        super().__init__(settings.HYTE_API_RATE_SIGNED_IN)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


THROTTLES: list[BaseThrottle] = [AnonymousThrottle(), SignedInThrottle()]
