"""The one place the product asks what time it is, so tests can move time with time-machine."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

HELSINKI = ZoneInfo("Europe/Helsinki")


def now() -> dt.datetime:
    return timezone.now()


def today() -> dt.date:
    return now().astimezone(HELSINKI).date()
