"""The service chains' forms: they parse what was typed; the services decide whether it is acceptable."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from hyte.accounts.models import Organisation, OrganisationKind
from hyte.actors.models import Activity, AgeGroup
from hyte.actors.path_models import SupportPath
from hyte.cooperation.chain_models import Phase, ServiceChain
from hyte.cooperation.forms import OrganisationChoice
from hyte.cooperation.services.chains import ChainDetails, StepDetails
from hyte.indicators.picker import Pick, choice_label, latest_values

ROWS = {"rows": 3}


class ChainForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    name_sv = forms.CharField(label=_("Name in Swedish"), max_length=200, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs=ROWS), required=False)
    description_sv = forms.CharField(
        label=_("Description in Swedish"), widget=forms.Textarea(attrs=ROWS), required=False
    )
    participants = OrganisationChoice(
        label=_("Organisations taking part"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    indicators = forms.TypedMultipleChoiceField(
        label=_("Shared indicators of Hyte"),
        help_text=_("Each with its latest value here. Not in the list? Find it with the indicator search above."),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    indicators_text = forms.CharField(
        label=_("Other shared indicators"),
        widget=forms.Textarea(attrs=ROWS),
        required=False,
        help_text=_("One a line."),
    )
    is_published = forms.BooleanField(label=_("Published on the public site"), required=False)

    def __init__(self, *args: Any, keeper: Organisation, picks: Sequence[Pick] | None = None, **kwargs: Any) -> None:
        """`picks`: the indicator picker's matches, the chain's own indicators first (None: the shared indicators
        are not chosen here, as when a chain is created, and stay as they are)."""
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = (  # type: ignore[attr-defined]
            Organisation.objects.filter(is_active=True).exclude(pk=keeper.pk).order_by("kind", "name")
        )
        if picks is None:
            del self.fields["indicators"]
            return
        self.picked = {found.indicator.pk: found.indicator for found in picks}
        cast(forms.ChoiceField, self.fields["indicators"]).choices = [
            (found.indicator.pk, choice_label(found)) for found in {f.indicator.pk: f for f in picks}.values()
        ]

    def details(self) -> ChainDetails:
        data = self.cleaned_data
        return ChainDetails(
            name=data["name"],
            name_sv=data["name_sv"],
            description=data["description"],
            description_sv=data["description_sv"],
            participants=list(data["participants"]),
            indicators=[self.picked[pk] for pk in data["indicators"]] if "indicators" in self.fields else None,
            indicators_text=data["indicators_text"],
            is_published=data["is_published"],
        )

    @staticmethod
    def initial_of(chain: ServiceChain) -> dict[str, Any]:
        return {
            "name": chain.name,
            "name_sv": chain.name_sv,
            "description": chain.description,
            "description_sv": chain.description_sv,
            "participants": list(chain.participants.all()),
            "indicators": [indicator.pk for indicator in chain.indicators.all()],
            "indicators_text": chain.indicators_text,
            "is_published": chain.is_published,
        }


class StepForm(forms.Form):
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices, initial=Phase.COUNSELLING)
    age_group = forms.ChoiceField(
        label=_("Age group"), choices=[("", _("all ages")), *AgeGroup.choices], required=False
    )
    title = forms.CharField(label=_("Step"), max_length=200)
    title_sv = forms.CharField(label=_("Step in Swedish"), max_length=200, required=False)
    organisation = forms.ModelChoiceField(label=_("Responsible organisation"), queryset=Organisation.objects.none())
    unit = forms.CharField(label=_("Responsible unit"), max_length=200, required=False)
    unit_sv = forms.CharField(label=_("Responsible unit in Swedish"), max_length=200, required=False)
    description = forms.CharField(label=_("What happens"), widget=forms.Textarea(attrs=ROWS), required=False)
    description_sv = forms.CharField(
        label=_("What happens, in Swedish"), widget=forms.Textarea(attrs=ROWS), required=False
    )
    handoff = forms.CharField(
        label=_("Hand-off criteria"), widget=forms.Textarea(attrs=ROWS), required=False, help_text=_("When to move on.")
    )
    handoff_sv = forms.CharField(
        label=_("Hand-off criteria in Swedish"), widget=forms.Textarea(attrs=ROWS), required=False
    )
    contact = forms.CharField(label=_("Contact"), max_length=300, required=False)
    activity = forms.ModelChoiceField(
        label=_("Activity in the register"), queryset=Activity.objects.none(), required=False
    )
    support_path = forms.ModelChoiceField(label=_("Support path"), queryset=SupportPath.objects.none(), required=False)

    def __init__(self, *args: Any, chain: ServiceChain, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = [chain.keeper, *chain.participants.all()]
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            pk__in=[each.pk for each in organisations]
        ).order_by("name")
        areas = [each.area_id for each in organisations if each.kind == OrganisationKind.MUNICIPALITY]
        self.fields["activity"].queryset = Activity.objects.filter(  # type: ignore[attr-defined]
            area_id__in=areas, is_published=True, is_hidden=False
        ).order_by("title")
        self.fields["support_path"].queryset = SupportPath.objects.filter(  # type: ignore[attr-defined]
            area_id__in=areas, is_published=True
        ).order_by("title")

    def details(self) -> StepDetails:
        data = self.cleaned_data
        return StepDetails(**{name: data[name] for name in self.fields})

    @staticmethod
    def initial_of(step: Any) -> dict[str, Any]:
        return {name: getattr(step, name) for name in StepForm.base_fields}


def chain_picks(chain: ServiceChain, found: Sequence[Pick], area_id: int | None) -> list[Pick]:
    """The chain's own shared indicators (with their latest values for the area) first, then the picker's matches."""
    own = list(chain.indicators.all())
    latest = latest_values([indicator.pk for indicator in own], area_id=area_id)
    return [Pick(indicator, *latest.get(indicator.pk, (None, None))) for indicator in own] + list(found)
