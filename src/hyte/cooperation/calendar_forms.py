"""The coordinator's form for one step of the council-term calendar, and the done mark of the person responsible."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hyte.core.widgets import DateInput


class CalendarStepForm(forms.Form):
    due = forms.DateField(label=_("Due"), widget=DateInput())
    responsible = forms.IntegerField(label=_("Responsible"), required=False)
    done_on = forms.DateField(label=_("Done on"), required=False, widget=DateInput())


class GenerateForm(forms.Form):
    term_start = forms.IntegerField(label=_("Council term beginning in"), min_value=2021, max_value=2100)


class StepDoneForm(forms.Form):
    """Done on a day (today unless given), or not done after all (`undo`)."""

    done_on = forms.DateField(label=_("Done on"), required=False, widget=DateInput())
    undo = forms.BooleanField(required=False)
