"""The forms of the register's import pages: a file, a Linked Events query, the columns of a spreadsheet."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from hyte.actors.imports.columns import COLUMNS
from hyte.actors.models import Actor, ImportFormat
from hyte.regions.models import Area

SOURCE_HELP = _("Importing again from the same source updates its entries instead of adding them twice.")


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text=_("CSV or XLSX (see the template), or Open Referral HSDS JSON."))
    file_format = forms.ChoiceField(
        label=_("Format"),
        choices=[
            ("", _("decide from the file")),
            (ImportFormat.SHEET, _("spreadsheet (CSV or XLSX)")),
            (ImportFormat.HSDS, _("Open Referral HSDS (JSON)")),
        ],
        required=False,
    )
    source = forms.CharField(label=_("Source"), max_length=200, required=False, help_text=SOURCE_HELP)
    publish = forms.BooleanField(label=_("Publish the new activities in the finder"), required=False)


class LinkedEventsForm(forms.Form):
    query = forms.CharField(
        label=_("Query"),
        max_length=500,
        help_text=_("As in the API's address after “?”, e.g. keyword=yso:p916&start=today or publisher=…"),
    )
    municipality = forms.ModelChoiceField(label=_("Municipality of the events"), queryset=Area.objects.none())
    provider = forms.ModelChoiceField(label=_("Provider of the events"), queryset=Actor.objects.none())
    publish = forms.BooleanField(label=_("Publish the new activities in the finder"), required=False)

    def __init__(self, *args: Any, municipalities: QuerySet[Area], providers: Sequence[Actor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["municipality"]).queryset = municipalities
        provider_field = cast(forms.ModelChoiceField, self.fields["provider"])
        provider_field.queryset = Actor.objects.filter(pk__in=[p.pk for p in providers]).order_by("name")


class ColumnsForm(forms.Form):
    """One choice per column the import knows, among the file's own headers; the title's is required."""

    header_row = forms.IntegerField(label=_("Header row"), min_value=1, initial=1)

    def __init__(self, *args: Any, header: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(i), f"{i + 1}: {str(name or '').strip()[:60]}") for i, name in enumerate(header)]
        for column in COLUMNS:
            required = column.name == "title"
            self.fields[column.name] = forms.TypedChoiceField(
                label=str(column.label),
                coerce=int,
                required=required,
                empty_value=None,
                choices=choices if required else [("", str(_("(none)"))), *choices],
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen: dict[int, str] = {}
        for column in COLUMNS:
            index = data.get(column.name)
            if index is None:
                continue
            if index in chosen:
                self.add_error(column.name, _("This column is chosen for another field already."))
            chosen[index] = column.name
        return data

    def columns(self) -> dict[str, int]:
        return {c.name: self.cleaned_data[c.name] for c in COLUMNS if self.cleaned_data.get(c.name) is not None}
