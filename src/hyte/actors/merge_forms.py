"""The merge form: which entry stays, and for each field whose values differ, whose value the entry keeps."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hyte.actors.duplicates import Pair, field_label
from hyte.actors.merge_services import MERGE_FIELDS
from hyte.actors.models import Actor

_NEVER = dt.datetime.min.replace(tzinfo=dt.UTC)


def shown_value(entry: Actor, name: str) -> str:
    """A field's value as the form shows it: the kind's and the municipality's names, "(empty)" for nothing."""
    value: Any = entry.get_kind_display() if name == "kind" else getattr(entry, name)
    text = str(value or "").strip()
    return text or _("(empty)")


def stays_by_default(pair: Pair) -> Actor:
    """An NGO's own entry; else one with a business id; else the older entry."""
    for entry in (pair.first, pair.second):
        if entry.organisation_id is not None:
            return entry
    if pair.second.business_id and not pair.first.business_id:
        return pair.second
    return pair.first


def default_value_from(pair: Pair, name: str, stays: Actor) -> Actor:
    """The entry whose value is offered first: the one that has a value; of two, the more recently checked."""
    first, second = pair.first, pair.second
    if not getattr(first, name) or not getattr(second, name):
        return first if getattr(first, name) else second
    if (first.last_checked_at or _NEVER) == (second.last_checked_at or _NEVER):
        return stays
    return max((first, second), key=lambda e: e.last_checked_at or _NEVER)


class MergeForm(forms.Form):
    keep = forms.ChoiceField(label=gettext_lazy("The entry that stays"), widget=forms.RadioSelect)

    def __init__(self, data: Any, *, pair: Pair) -> None:
        super().__init__(data)
        self.pair = pair
        entries = (pair.first, pair.second)
        allowed = [e for e in entries if pair.first.organisation_id is None or e.organisation_id is not None]
        allowed = [e for e in allowed if pair.second.organisation_id is None or e.organisation_id is not None]
        keep = self.fields["keep"]
        assert isinstance(keep, forms.ChoiceField)  # noqa: S101 - for the type checker
        keep.choices = [(str(e.pk), self._entry_label(e)) for e in allowed]
        stays = stays_by_default(pair)
        keep.initial = str(stays.pk)
        self.value_fields: list[str] = []
        for name in MERGE_FIELDS:
            if getattr(pair.first, name) == getattr(pair.second, name):
                continue
            self.fields[name] = forms.ChoiceField(
                label=field_label(name),
                choices=[(str(e.pk), shown_value(e, name)) for e in entries],
                initial=str(default_value_from(pair, name, stays).pk),
                widget=forms.RadioSelect,
            )
            self.value_fields.append(name)

    @staticmethod
    def _entry_label(entry: Actor) -> str:
        return _("%(name)s (entry %(id)s)") % {"name": entry.name, "id": entry.pk}

    def survivor_and_merged(self) -> tuple[Actor, Actor]:
        keep = int(self.cleaned_data["keep"])
        first, second = self.pair.first, self.pair.second
        return (first, second) if first.pk == keep else (second, first)

    def take(self) -> set[str]:
        """The fields whose value comes from the entry merged away."""
        survivor, _merged = self.survivor_and_merged()
        return {name for name in self.value_fields if int(self.cleaned_data[name]) != survivor.pk}

    def value_rows(self) -> list[Any]:
        return [self[name] for name in self.value_fields]
