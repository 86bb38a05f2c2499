from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from hyte.indicators.picker import choice_label
from hyte.situation.models import RuleCondition


class RuleForm(forms.Form):
    """The indicator is chosen from the indicator picker's matches (`picks`), each with its latest value."""

    indicator = forms.IntegerField(label=_("Indicator"), widget=forms.Select)
    condition = forms.ChoiceField(label=_("Condition"), choices=RuleCondition.choices)
    threshold = forms.FloatField(label=_("Threshold"), required=False)
    years = forms.IntegerField(label=_("Years in a row"), min_value=2, max_value=20, initial=3)
    measure = forms.CharField(label=_("Proposed measure"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args: Any, picks: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        widget = cast(forms.Select, self.fields["indicator"].widget)
        widget.choices = [(found.indicator.pk, choice_label(found)) for found in picks]
        self.fields["indicator"].help_text = _("Not in the list? Find it with the indicator search above.")
