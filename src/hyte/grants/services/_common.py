"""What the grants services share: tidy text, positions of new items, euros."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.translation import gettext as _

from hyte.reports.text import clean_text


def line(value: str, limit: int) -> str:
    """One line of text: spaces tidied, cut to `limit` characters."""
    return " ".join(clean_text(value or "").split())[:limit]


def text(value: str) -> str:
    return clean_text(value or "")


def next_position(items: Any) -> int:
    return int(items.aggregate(last=Max("position"))["last"] or 0) + 1


def euros(value: Decimal | int | str | None, what: str) -> Decimal:
    """A sum of euros, not negative, to the cent; a clear message otherwise."""
    try:
        amount = Decimal(str(value if value not in (None, "") else 0)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(_("%(what)s is not a sum of euros.") % {"what": what}) from exc
    if not amount.is_finite() or amount < 0 or amount >= Decimal("1e10"):
        raise ValidationError(_("%(what)s must be between 0 and 9 999 999 999 euros.") % {"what": what})
    return amount
