"""What every format's reader gives: one activity per row, as the source says it, not yet checked against the
register; and the reading of one cell (yes/no, a date, a list, a number) with a clear reason when it cannot be read."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from hyte.indicators.parsing import parse_number


class ImportRefused(Exception):
    """The file (or the API's answer) as a whole cannot be imported: it is cut, garbled, not what it claims or
    ambiguous. Nothing of it is written; the message says why, in the reader's language."""


@dataclass
class ProviderIn:
    """Who offers the activity, as the source names them."""

    name: str = ""
    external_id: str = ""  # the provider's id in the source: importing again updates the same entry
    kind: str = ""  # an actor kind's code or name; "" is an NGO
    name_sv: str = ""
    business_id: str = ""
    register_number: str = ""
    contact: str = ""
    website: str = ""
    municipality: str = ""  # a code or a name; "" is the activity's municipality


@dataclass
class RowIn:
    """One activity as read. `activity` holds only the fields the source gives (the others are kept as they are
    when an entry is updated); a list is None when the source does not give it at all."""

    line: int  # the row number a person finds it by: the spreadsheet's row, the item's position in the JSON
    key: str  # the id in the source; "" makes one of the title and the municipality
    activity: dict[str, Any] = field(default_factory=dict)
    municipality: str = ""  # a code or a name; "" is the import's municipality
    located_in: str = ""  # where the source says its place is (Linked Events): checked against the municipality
    themes: list[str] | None = None
    target_groups: list[str] | None = None
    age_groups: list[str] | None = None
    languages: list[str] | None = None
    # Taxonomy terms that may be a theme, a target group or an age group (HSDS), each as its spellings (code,
    # name); the keywords of Linked Events are read into themes and groups by their own table instead.
    terms: list[tuple[str, ...]] | None = None
    provider: ProviderIn | None = None
    problems: list[str] = field(default_factory=list)  # what could not be read: the row is rejected with them

    @property
    def title(self) -> str:
        return str(self.activity.get("title") or "")


_YES = {"kyllä", "k", "yes", "y", "ja", "j", "x", "1", "true", "tosi", "sant", "✓", "on"}
_NO = {"ei", "e", "no", "n", "nej", "0", "false", "epätosi", "falskt", "-", "off"}


def yes_no(value: Any) -> bool | None:
    """A yes/no cell in Finnish, Swedish or English; None for an empty cell; ValueError otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return bool(value)
    text = str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    if not text:
        return None
    raise ValueError(_("%(value)s is not yes or no") % {"value": str(value)[:40]})


_FINNISH_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def a_date(value: Any) -> dt.date | None:
    """A date cell: a spreadsheet's date, 2026-09-01 or 1.9.2026; None for an empty cell; ValueError otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        match = _FINNISH_DATE.fullmatch(text)
        if match:
            return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        return dt.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        raise ValueError(_("%(value)s is not a date (e.g. 1.9.2026)") % {"value": text[:40]}) from None


def a_number(value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        return parse_number(value)
    except ValueError:
        raise ValueError(_("%(value)s is not a number") % {"value": str(value)[:40]}) from None


_SEPARATORS = re.compile(r"[;,\n|]")


def a_list(value: Any) -> list[str]:
    """Several values in one cell, separated by semicolons, commas or line ends."""
    if value is None:
        return []
    return [part.strip() for part in _SEPARATORS.split(str(value)) if part.strip()]


def text(value: Any, limit: int = 0) -> str:
    """A cell as text: numbers without a needless ".0", spaces trimmed; cut to `limit` characters if given."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    found = str(value).strip()
    return found[:limit] if limit else found
