"""The forms of use reports: the NGO's report and ledger extract, the preparer's check, a due date, a sample."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hyte.actors.models import AgeGroup
from hyte.core.widgets import DateInput
from hyte.grants.models import CheckItem, UseReport
from hyte.grants.services import UseReportDraft

TEXTAREA = {"rows": 3}


class UseReportForm(forms.Form):
    """The use report; participants per age group as typed (the service says what is not a whole number)."""

    done = forms.CharField(
        label=_("What was done with the grant"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )
    money_used = forms.CharField(label=_("Money used (€)"), max_length=20, required=False)
    results = forms.CharField(
        label=_("Results against the goals of the call"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for group in AgeGroup:
            self.fields[f"participants_{group.value}"] = forms.CharField(
                label=_("Participants: %(group)s") % {"group": group.label}, max_length=10, required=False
            )

    @staticmethod
    def initial_from(report: UseReport) -> dict[str, Any]:
        initial: dict[str, Any] = {"done": report.done, "results": report.results}
        if report.money_used:
            initial["money_used"] = report.money_used
        for group, count in report.participants.items():
            initial[f"participants_{group}"] = count
        return initial

    def draft(self) -> UseReportDraft:
        data = self.cleaned_data
        return UseReportDraft(
            done=data["done"],
            money_used=data["money_used"] or "0",
            results=data["results"],
            participants={group.value: data[f"participants_{group.value}"] for group in AgeGroup},
        )


class LedgerForm(forms.Form):
    file = forms.FileField(label=_("Ledger extract (PDF, XLSX or DOCX)"))


class UseReportCheckForm(forms.Form):
    checklist = forms.MultipleChoiceField(
        label=_("Checklist"), choices=CheckItem.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs=TEXTAREA), required=False)
    decision = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("accept", _("Accept the report")), ("return", _("Return it for corrections"))],
        widget=forms.RadioSelect,
    )


class DueForm(forms.Form):
    due_on = forms.DateField(label=_("Due"), widget=DateInput())


class SampleForm(forms.Form):
    percent = forms.IntegerField(label=_("Share to pick (%)"), min_value=1, max_value=100, initial=20)
