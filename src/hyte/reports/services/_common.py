"""What the report services share: the rule that frozen reports do not change, and positions of new items."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.translation import gettext as _

from hyte.core import clock
from hyte.reports.models import Report


def editable(report: Report) -> None:
    if report.is_frozen:
        raise ValidationError(_("An approved report cannot be changed; propose an amendment to the plan instead."))


def next_position(items: Any) -> int:
    """The position after the last of `items` (a related manager of ordered things)."""
    return int(items.aggregate(last=Max("position"))["last"] or 0) + 1


def touch(report: Report) -> None:
    report.updated_at = clock.now()
    report.save(update_fields=["updated_at"])
