from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from hyte.indicators.models import Indicator
from hyte.indicators.queries import indicators_with_data
from hyte.situation.models import RuleCondition


class RuleForm(forms.Form):
    indicator = forms.ModelChoiceField[Indicator](label=_("Indicator"), queryset=Indicator.objects.none())
    condition = forms.ChoiceField(label=_("Condition"), choices=RuleCondition.choices)
    threshold = forms.FloatField(label=_("Threshold"), required=False)
    years = forms.IntegerField(label=_("Years in a row"), min_value=2, max_value=20, initial=3)
    measure = forms.CharField(label=_("Proposed measure"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args: Any, indicators: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["indicator"]).queryset = indicators_with_data(indicators).order_by(
            "title_fi"
        )
