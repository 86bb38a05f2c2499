"""API authentication: a personal token (`Authorization: Bearer hyte_…`) or the browser session. The token is
checked once, at the door (`hyte.accounts.tokens.BearerTokenMiddleware`), for every endpoint; here the API only
asks whether it was."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth


class TokenAuth(HttpBearer):
    openapi_description = "A personal API token created on the account's API tokens page."

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = getattr(request, "api_token", None)
        return found.user if found is not None else None


AUTH = [TokenAuth(), SessionAuth()]
