"""The cooperation agreement's forms: they parse what was typed; the services decide whether it is acceptable."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hyte.accounts.models import Organisation
from hyte.cooperation.agreement_models import SECTIONS, AgreementVersion
from hyte.cooperation.forms import OrganisationChoice
from hyte.cooperation.services.agreements import TEXTS, AgreementText
from hyte.core.widgets import DateInput

DATE = DateInput()


class TextForm(forms.Form):
    term_start = forms.DateField(label=_("In force from"), widget=DATE)
    term_end = forms.DateField(label=_("In force until"), widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in SECTIONS:
            self.fields[name] = forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def content(self) -> AgreementText:
        data = self.cleaned_data
        return AgreementText(term_start=data["term_start"], term_end=data["term_end"], **{n: data[n] for n in TEXTS})

    @staticmethod
    def initial_of(version: AgreementVersion) -> dict[str, Any]:
        return {name: getattr(version, name) for name in ["term_start", "term_end", *TEXTS]}


class AgreementForm(TextForm):
    title = forms.CharField(label=_("Title"), max_length=300)
    parties = OrganisationChoice(
        label=_("Parties"), queryset=Organisation.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    field_order = ["title", "parties", "term_start", "term_end"]

    def __init__(self, *args: Any, keeper: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = (  # type: ignore[attr-defined]
            Organisation.objects.filter(is_active=True).exclude(pk=keeper.pk).order_by("kind", "name")
        )
        self.order_fields(self.field_order)


class DecisionForm(forms.Form):
    body = forms.CharField(label=_("Decided by"), max_length=200, help_text=_("e.g. the city council"))
    date = forms.DateField(label=_("Decision date"), widget=DATE)
    reference = forms.CharField(label=_("§"), max_length=100, help_text=_("e.g. § 77"))
    business_id = forms.CharField(label=_("Business id"), max_length=9, required=False)


class _OneOrganisation(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name} ({obj.get_kind_display()})"


class PartyForm(forms.Form):
    organisation = _OneOrganisation(label=_("New party"), queryset=Organisation.objects.none())

    def __init__(self, *args: Any, version: AgreementVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (  # type: ignore[attr-defined]
            Organisation.objects.filter(is_active=True)
            .exclude(pk__in=[party.organisation_id for party in version.parties.all()])
            .order_by("kind", "name")
        )
