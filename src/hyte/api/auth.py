"""API authentication: a personal token (`Authorization: Bearer hyte_…`) or the browser session."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from hyte.accounts.models import ApiToken, hash_token
from hyte.core import clock


class TokenAuth(HttpBearer):
    openapi_description = "A personal API token created on the account's API tokens page."

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        if not token.startswith(ApiToken.PREFIX):
            return None
        found = (
            ApiToken.objects.select_related("user")
            .filter(token_hash=hash_token(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if found is None:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=clock.now())
        request.user = found.user
        return found.user


AUTH = [TokenAuth(), SessionAuth()]
