"""What every app's API shares: the error body. The root (`hyte.api.root`) maps exceptions to it in one place:
a refused write (ValidationError) answers 400 with the reason, a missing permission (PermissionDenied) and a
missing object answer 404 alike, so ids cannot be probed."""

from __future__ import annotations

from ninja import Schema


class Problem(Schema):
    detail: str
