"""The Finnish business id (Y-tunnus): seven digits, a hyphen and a check digit.

The check digit: the digits weighted 7, 9, 10, 5, 8, 4, 2 and summed; r = sum mod 11; r == 0 gives 0, r == 1 is
never issued (the id is invalid), otherwise 11 − r. Old ids with six digits are written with a leading zero.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

WEIGHTS = (7, 9, 10, 5, 8, 4, 2)
_FORM = re.compile(r"^(\d{6,7})-(\d)$")


def check_digit(digits: str) -> int | None:
    """The check digit of seven digits, or None where no valid id has them (remainder 1)."""
    remainder = sum(int(d) * w for d, w in zip(digits, WEIGHTS, strict=True)) % 11
    if remainder == 1:
        return None
    return 0 if remainder == 0 else 11 - remainder


def normalise(value: str) -> str:
    """A business id as written ("0201256-6"); "" for none; ValidationError when the form or the check fails."""
    value = value.strip().replace(" ", "")
    if not value:
        return ""
    match = _FORM.match(value)
    if match is None:
        raise ValidationError(_("A business id is seven digits, a hyphen and a check digit, e.g. 0201256-6."))
    digits = match.group(1).zfill(7)
    if check_digit(digits) != int(match.group(2)):
        raise ValidationError(_("The business id %(id)s does not pass its check digit.") % {"id": value})
    return f"{digits}-{match.group(2)}"
