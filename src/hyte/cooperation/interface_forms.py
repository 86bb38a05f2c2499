"""The forms of the interface register and of cooperation structures: they parse what was typed; the services
decide whether it is acceptable."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hyte.cooperation.interface_models import Interface
from hyte.cooperation.structure_models import StructureKind
from hyte.core.widgets import DateInput


class NewInterfaceForm(forms.Form):
    name = forms.CharField(label=_("Name in Finnish"), max_length=300)
    name_sv = forms.CharField(label=_("Name in Swedish"), max_length=300, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class InterfaceForm(NewInterfaceForm):
    county_owner = forms.CharField(
        label=_("Owner in the county"),
        max_length=300,
        required=False,
        help_text=_("The county's unit or person responsible."),
    )
    next_review = forms.DateField(label=_("Next review due"), required=False, widget=DateInput())
    last_reviewed = forms.DateField(label=_("Last reviewed"), required=False, widget=DateInput())
    goals = forms.TypedMultipleChoiceField(
        label=_("Shared plan goals"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    indicators = forms.TypedMultipleChoiceField(
        label=_("Shared indicators"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self,
        *args: Any,
        goals: Sequence[tuple[int, str]] = (),
        indicators: Sequence[tuple[int, str]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goals"].choices = list(goals)  # type: ignore[attr-defined]
        self.fields["indicators"].choices = list(indicators)  # type: ignore[attr-defined]

    @classmethod
    def of(cls, interface: Interface, data: Any = None, **kwargs: Any) -> InterfaceForm:
        initial = {
            "name": interface.name,
            "name_sv": interface.name_sv,
            "description": interface.description,
            "county_owner": interface.county_owner,
            "next_review": interface.next_review,
            "last_reviewed": interface.last_reviewed,
            "goals": [goal.pk for goal in interface.goals.all()],
            "indicators": [indicator.pk for indicator in interface.indicators.all()],
        }
        return cls(data, initial=initial, **kwargs)


class OwnerForm(forms.Form):
    municipality = forms.IntegerField()
    owner = forms.CharField(label=_("Owner in the municipality"), max_length=300, required=False)


class PairForm(forms.Form):
    municipality = forms.IntegerField(label=_("Municipality"))
    county_person = forms.IntegerField(label=_("County's counterpart"), required=False)
    municipality_person = forms.IntegerField(label=_("Municipality's counterpart"), required=False)
    starts_on = forms.DateField(label=_("Valid from"), widget=DateInput())
    ends_on = forms.DateField(label=_("Valid until"), required=False, widget=DateInput())


class StructureForm(forms.Form):
    name = forms.CharField(label=_("Name in Finnish"), max_length=300)
    name_sv = forms.CharField(label=_("Name in Swedish"), max_length=300, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=StructureKind.choices)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class StructureMemberForm(forms.Form):
    organisation = forms.IntegerField(label=_("Organisation"))
    name = forms.CharField(label=_("Name"), max_length=200)
    job_title = forms.CharField(label=_("Job title"), max_length=200, required=False)
