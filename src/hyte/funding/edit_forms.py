"""The form of a model version's editable settings and of each of its indicators (a version not yet used)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hyte.funding.models import CoefficientModel, Direction, MissingRule, ModelIndicator


class ModelEditForm(forms.Form):
    process_weight = forms.FloatField(label=_("Weight of the process part"), min_value=0)
    outcome_weight = forms.FloatField(label=_("Weight of the outcome part"), min_value=0)
    missing_rule = forms.ChoiceField(label=_("Missing data"), choices=MissingRule.choices)
    base_price = forms.FloatField(label=_("Base price, € per resident"), min_value=0, required=False)
    funding_pool = forms.FloatField(label=_("Funding pool, €"), min_value=0, required=False)
    provisional_note = forms.CharField(
        label=_("What must be confirmed"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, data: Any = None, *, model: CoefficientModel) -> None:
        super().__init__(data, initial={name: getattr(model, name) for name in self.base_fields})
        self.indicator_forms = [
            IndicatorEditForm(data, indicator=indicator, prefix=f"ind-{indicator.code}")
            for indicator in model.indicators.all()
        ]

    def is_valid(self) -> bool:
        own = super().is_valid()
        return all([own, *(form.is_valid() for form in self.indicator_forms)])

    def values(self) -> dict[str, Any]:
        return dict(self.cleaned_data)

    def indicators(self) -> dict[str, dict[str, Any]]:
        return {form.indicator.code: dict(form.cleaned_data) for form in self.indicator_forms}


class IndicatorEditForm(forms.Form):
    weight = forms.FloatField(label=_("Weight within its part"), min_value=0)
    target_value = forms.FloatField(label=_("Target value"), required=False)
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)
    provisional = forms.BooleanField(label=_("Provisional"), required=False)
    provisional_note = forms.CharField(label=_("What must be confirmed"), max_length=500, required=False)

    def __init__(self, data: Any = None, *, indicator: ModelIndicator, prefix: str) -> None:
        self.indicator = indicator
        super().__init__(data, prefix=prefix, initial={name: getattr(indicator, name) for name in self.base_fields})
