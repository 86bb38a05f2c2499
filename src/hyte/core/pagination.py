"""Pagination of the API's lists: `limit` and `offset` bounded at the edge, so a huge number is a 422 with a
clear message instead of a database overflow."""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 1000
MAX_OFFSET = 10_000_000


class Bounded(LimitOffsetPagination):
    """`limit` 1–1000 (100 by default), `offset` 0–10,000,000."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_LIMIT, description="How many items (1–1000).")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many items to skip.")

    def __init__(self, **kwargs: object) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
