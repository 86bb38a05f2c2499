"""What the cooperation services share: tidy text, positions of new items, and the rule that the minutes (and
with them the agenda and the agreed actions) change only while they are a draft."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.translation import gettext as _

from hyte.cooperation.models import Meeting, MinutesStatus
from hyte.reports.text import clean_text


def line(value: str, limit: int) -> str:
    """One line of text: spaces tidied, cut to `limit` characters."""
    return " ".join(clean_text(value or "").split())[:limit]


def text(value: str) -> str:
    return clean_text(value or "")


def next_position(items: Any) -> int:
    return int(items.aggregate(last=Max("position"))["last"] or 0) + 1


def minutes_open(meeting: Meeting) -> None:
    if meeting.minutes_status != MinutesStatus.DRAFT:
        raise ValidationError(
            _(
                "The minutes have been shared for checking: take them back for corrections to change the agenda, the "
                "minutes or the agreed actions."
            )
            if meeting.minutes_status == MinutesStatus.SHARED
            else _("The minutes are final: the agenda, the minutes and the agreed actions no longer change.")
        )
