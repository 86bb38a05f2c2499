"""What the participation services share: tidy text within limits, the round's sections checked, and the rule
that comments come only while a round is open."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.core.actors import Viewer, person
from hyte.participation import limits
from hyte.reports.text import clean_text

MAX_COMMENT = 3000  # characters of one comment
MAX_NICKNAME = 60


def line(value: str, limit: int) -> str:
    return " ".join(clean_text(value or "").split())[:limit]


def text(value: str, limit: int | None = None, what: str = "") -> str:
    cleaned = clean_text(value or "").strip()
    if limit is not None and len(cleaned) > limit:
        raise ValidationError(
            _("%(what)s is %(n)s characters long; at most %(max)s are allowed.")
            % {"what": what or _("The text"), "n": len(cleaned), "max": limit}
        )
    return cleaned


def reader_of(actor: Viewer, reader: str) -> str:
    """Who supports, flags, answers or votes: the signed-in user, or the caller's keyed session hash."""
    user = person(actor)
    if user is not None:
        return limits.keyed(str(user.pk), "user")
    if not reader:
        raise ValidationError(_("Your browser must accept the site's session cookie to do this."))
    return reader
