"""What every app's API shares: the error body. The root (`hyte.api.root`) maps exceptions to it in one place:
a refused write (ValidationError) answers 400 with the reason, a missing permission (PermissionDenied) and a
missing object answer 404 alike, so ids cannot be probed."""

from __future__ import annotations

from typing import Annotated

from ninja import Field, Schema


class Problem(Schema):
    detail: str


FIRST_YEAR = 1900
LAST_YEAR = 2100
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR, description="a year, 1900–2100")]
