"""An audit entry as people read it: each changed field by its name in the reader's language, with choice
values, dates and yes/no shown as words, not as stored codes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field, Model
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Keys that services record besides model fields (import counts, links made, the reason of a failure).
EXTRA_KEYS = {
    "read": gettext_lazy("rows read"),
    "created": gettext_lazy("rows stored"),
    "updated": gettext_lazy("rows updated"),
    "rejected": gettext_lazy("rows rejected"),
    "error": gettext_lazy("error"),
    "measure": gettext_lazy("measure"),
    "amendment_change": gettext_lazy("proposed change"),
    "users": gettext_lazy("users"),
    "role": gettext_lazy("role"),
    "merged": gettext_lazy("entry merged into this one"),
    "merged_into": gettext_lazy("merged into the entry"),
    "activities": gettext_lazy("activities"),
    "told": gettext_lazy("people told"),
}


def _model(object_type: str) -> type[Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _field(model: type[Model] | None, name: str) -> Field[Any, Any] | None:
    if model is None:
        return None
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        try:
            found = model._meta.get_field(name.removesuffix("_id"))
        except FieldDoesNotExist:
            return None
    return found if isinstance(found, Field) else None


def field_label(object_type: str, name: str) -> str:
    field = _field(_model(object_type), name)
    if field is not None:
        return str(field.verbose_name)
    return str(EXTRA_KEYS.get(name, name.replace("_", " ")))


def value_text(object_type: str, name: str, value: Any) -> str:
    """A stored value in words: a choice's label, a date in the reader's format, yes or no, a list joined."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(value_text(object_type, name, each) for each in value) or "–"
    field = _field(_model(object_type), name)
    if field is not None and field.choices:
        labels = {str(key): label for key, label in field.flatchoices}
        if str(value) in labels:
            return str(labels[str(value)])
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            if len(value) == 10:
                return date_format(dt.date.fromisoformat(value), "SHORT_DATE_FORMAT")
            return date_format(dt.datetime.fromisoformat(value), "SHORT_DATETIME_FORMAT")
        except ValueError:
            pass
    return str(value)


def change_rows(object_type: str, changes: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(field, before, after) for each change; a value recorded on its own has no before."""
    rows = []
    for name, values in changes.items():
        if isinstance(values, list) and len(values) == 2:
            old, new = values
            rows.append(
                (field_label(object_type, name), value_text(object_type, name, old), value_text(object_type, name, new))
            )
        else:
            rows.append((field_label(object_type, name), "", value_text(object_type, name, values)))
    return rows
