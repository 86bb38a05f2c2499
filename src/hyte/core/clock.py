"""The one place the product asks what time it is, so tests can move time with time-machine, and the demo can
write its story's past at the moments it happened (`at`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from zoneinfo import ZoneInfo

from django.utils import timezone

HELSINKI = ZoneInfo("Europe/Helsinki")
_AT: ContextVar[dt.datetime | None] = ContextVar("hyte_clock_at", default=None)


def now() -> dt.datetime:
    return _AT.get() or timezone.now()


@contextmanager
def at(moment: dt.datetime) -> Iterator[None]:
    """Within the block the product's clock reads `moment` (an aware time): for the demo's history, whose services
    check and record their times as they would have then."""
    token = _AT.set(moment)
    try:
        yield
    finally:
        _AT.reset(token)


def today() -> dt.date:
    return now().astimezone(HELSINKI).date()
