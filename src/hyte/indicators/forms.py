from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from hyte.indicators.models import AgeGroup, IndicatorSource, Polarity
from hyte.indicators.parsing import Mapping


class IndicatorSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    source = forms.ChoiceField(
        label=_("Source"), required=False, choices=[("", _("all sources")), *IndicatorSource.choices]
    )
    age_group = forms.ChoiceField(
        label=_("Age group"), required=False, choices=[("", _("all age groups")), *AgeGroup.choices]
    )
    with_data = forms.BooleanField(label=_("Only indicators with data"), required=False)


class PickerForm(forms.Form):
    """The search of the indicator picker (see indicators.picker): words of a title in any language or a
    Sotkanet id, a theme, an age group."""

    q = forms.CharField(label=_("Indicator name or Sotkanet id"), required=False, max_length=100)
    theme = forms.CharField(label=_("Theme"), required=False, max_length=100)
    age_group = forms.ChoiceField(
        label=_("Age group"), required=False, choices=[("", _("any age group")), *AgeGroup.choices]
    )


class PolarityForm(forms.Form):
    polarity = forms.ChoiceField(label=_("Polarity"), choices=Polarity.choices)


class IndicatorSetForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV, XLSX or XLS: long (one value per row) or wide (one column per year), or a file from Sotkanet "
            "(API CSV/JSON, the web site's CSV or Excel export, or as the R client saves it)."
        ),
    )


AREA_READING_LABELS = {
    "code": _("municipality codes"),
    "sotkanet": _("Sotkanet region ids"),
    "name": _("names"),
    "code+name": _("official codes with names (Sotkanet web site export)"),
}


class MappingForm(forms.Form):
    """Column choices are the file's own headers; indicator and year may be one value for the whole file."""

    header_row = forms.IntegerField(label=_("Header row"), min_value=1, initial=1)
    area = forms.TypedChoiceField(label=_("Area column"), coerce=int)
    area_reading = forms.ChoiceField(
        label=_("The area column holds"),
        choices=[
            ("auto", _("decide from the file (asks when numbers could be read two ways)")),
            ("code", _("municipality codes (e.g. 091 Helsinki)")),
            ("sotkanet", _("Sotkanet region ids (e.g. 46 Helsinki, 658 the whole country)")),
            ("name", _("names (Finnish, Swedish or English)")),
        ],
        initial="auto",
        required=False,
    )
    area_check = forms.TypedChoiceField(
        label=_("Area names to check the area column against"), coerce=int, required=False, empty_value=None
    )
    value = forms.TypedChoiceField(
        label=_("Value"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("None: a wide file, one column per year (columns headed 2019, nm2019, …)."),
    )
    indicator = forms.TypedChoiceField(label=_("Indicator column"), coerce=int, required=False, empty_value=None)
    indicator_fixed = forms.CharField(label=_("…or one indicator for the whole file"), required=False, max_length=500)
    year = forms.TypedChoiceField(label=_("Year or period column"), coerce=int, required=False, empty_value=None)
    year_fixed = forms.IntegerField(
        label=_("…or one year for the whole file"), required=False, min_value=1800, max_value=2200
    )
    gender = forms.TypedChoiceField(label=_("Gender"), coerce=int, required=False, empty_value=None)
    age_group = forms.TypedChoiceField(label=_("Age group"), coerce=int, required=False, empty_value=None)
    absolute_value = forms.TypedChoiceField(
        label=_("Count (number of people)"), coerce=int, required=False, empty_value=None
    )
    ci_low = forms.TypedChoiceField(label=_("Confidence interval, lower"), coerce=int, required=False, empty_value=None)
    ci_high = forms.TypedChoiceField(
        label=_("Confidence interval, upper"), coerce=int, required=False, empty_value=None
    )
    create_missing = forms.BooleanField(label=_("Create indicators that do not exist yet as our own"), required=False)

    REQUIRED = ("area",)

    def __init__(self, *args: Any, header: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        columns = [(str(i), f"{i + 1}: {str(name or '').strip()[:60]}") for i, name in enumerate(header)]
        for name, field in self.fields.items():
            if isinstance(field, forms.TypedChoiceField):
                none: list[tuple[str, Any]] = [("", _("(none)"))]
                cast(forms.ChoiceField, field).choices = columns if name in self.REQUIRED else [*none, *columns]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("indicator") is None and not data.get("indicator_fixed"):
            self.add_error("indicator", _("Choose the indicator column or give one indicator for the whole file."))
        if data.get("value") is not None and data.get("year") is None and not data.get("year_fixed"):
            self.add_error("year", _("Choose the year column or give one year for the whole file."))
        return data

    def mapping(self) -> Mapping:
        data = self.cleaned_data
        return Mapping(
            area=data["area"],
            value=data["value"],
            indicator=data["indicator"],
            indicator_fixed=data["indicator_fixed"] or "",
            year=data["year"],
            year_fixed=data["year_fixed"],
            gender=data["gender"],
            age_group=data["age_group"],
            absolute_value=data["absolute_value"],
            ci_low=data["ci_low"],
            ci_high=data["ci_high"],
            header_row=data["header_row"],
            area_reading=data.get("area_reading") or "auto",
            area_check=data["area_check"],
        )
