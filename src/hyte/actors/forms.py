"""The register's forms: they parse and check input; the services decide and write."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.db.models import Case, Q, When
from django.utils.translation import gettext_lazy as _

from hyte.actors.details import ActivityDetails, ActorDetails
from hyte.actors.models import Activity, Actor, ActorKind, AgeGroup, Language, TargetGroup, Theme, WelfareConcept
from hyte.regions.models import Area, AreaKind
from hyte.reports.models import Measure


def _municipalities() -> Any:
    return Area.objects.filter(kind=AreaKind.MUNICIPALITY, valid_until__isnull=True).order_by("name_fi")


class ActorForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ActorKind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    name_sv = forms.CharField(label=_("Name in Swedish"), max_length=200, required=False)
    business_id = forms.CharField(
        label=_("Business id"), max_length=12, required=False, help_text=_("e.g. 0201256-6; checked by its check digit")
    )
    register_number = forms.CharField(label=_("Association register number"), max_length=20, required=False)
    area = forms.ModelChoiceField(label=_("Municipality"), queryset=_municipalities())
    contact = forms.CharField(label=_("Contact"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    @classmethod
    def for_entry(cls, data: Any, entry: Actor | None, area: Area | None) -> ActorForm:
        initial = ActorDetails.of(entry).values() if entry is not None else {"area": area}
        return cls(data, initial=initial)

    def details(self) -> ActorDetails:
        return ActorDetails(**self.cleaned_data)


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    """The themes of the area's welfare concept, and any other theme the activity has (named with its concept),
    so that saving never drops a theme given under an earlier concept."""

    concept_id: int | None = None

    def label_from_instance(self, obj: Any) -> str:
        theme = cast(Theme, obj)
        if self.concept_id is not None and theme.concept_id != self.concept_id:
            return f"{theme.display_name} ({theme.concept.display_name})"
        return theme.display_name


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    title_sv = forms.CharField(label=_("Title in Swedish"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title in English"), max_length=200, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    description_sv = forms.CharField(
        label=_("Description in Swedish"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    description_en = forms.CharField(
        label=_("Description in English"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    providers = forms.ModelMultipleChoiceField(
        label=_("Providers"), queryset=Actor.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    themes = ThemeChoiceField(
        label=_("Themes"), queryset=Theme.objects.none(), widget=forms.CheckboxSelectMultiple, required=False
    )
    age_groups = forms.MultipleChoiceField(
        label=_("Age groups"), choices=AgeGroup.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Target groups"),
        queryset=TargetGroup.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    area = forms.ModelChoiceField(label=_("Municipality"), queryset=_municipalities())
    place = forms.CharField(label=_("Village or district"), max_length=120, required=False)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    latitude = forms.FloatField(label=_("Latitude"), required=False, min_value=59, max_value=71)
    longitude = forms.FloatField(label=_("Longitude"), required=False, min_value=19, max_value=32)
    online = forms.BooleanField(label=_("Online"), required=False)
    starts_on = forms.DateField(label=_("Starts"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Ends"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    recurring = forms.BooleanField(label=_("Recurring"), required=False)
    schedule = forms.CharField(label=_("Schedule"), max_length=200, required=False, help_text=_("e.g. Tuesdays 10–12"))
    is_free = forms.BooleanField(label=_("Free of charge"), required=False)
    fee = forms.CharField(label=_("Fee"), max_length=200, required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=Language.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    accessibility = forms.CharField(label=_("Accessibility"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    join_url = forms.URLField(label=_("Link for joining"), required=False, assume_scheme="https")
    join_phone = forms.CharField(label=_("Phone for joining"), max_length=40, required=False)
    measures = forms.ModelMultipleChoiceField(
        label=_("Measures of the plan it carries out"),
        queryset=Measure.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    is_published = forms.BooleanField(label=_("Published in the finder"), required=False)

    LINKS = ("providers", "themes", "target_groups", "measures")

    def __init__(
        self,
        *args: Any,
        providers: Sequence[Actor],
        measures: Any,
        concept: WelfareConcept,
        current_themes: Sequence[Theme] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        provider_field = cast(forms.ModelMultipleChoiceField, self.fields["providers"])
        provider_field.queryset = Actor.objects.filter(pk__in=[actor.pk for actor in providers])
        theme_field = cast(ThemeChoiceField, self.fields["themes"])
        theme_field.concept_id = concept.pk
        theme_field.queryset = (
            Theme.objects.filter(Q(concept=concept) | Q(pk__in=[theme.pk for theme in current_themes]))
            .select_related("concept")
            .order_by(Case(When(concept=concept, then=0), default=1), "concept_id", "position", "code")
        )
        measure_field = cast(forms.ModelMultipleChoiceField, self.fields["measures"])
        measure_field.queryset = measures

    @classmethod
    def initial_for(cls, activity: Activity | None, area: Area | None) -> dict[str, Any]:
        if activity is None:
            return {"area": area, "is_free": True}
        initial = ActivityDetails.of(activity).values()
        for name in cls.LINKS:
            initial[name] = list(getattr(activity, name).all())
        return initial

    def details(self) -> ActivityDetails:
        values = {k: v for k, v in self.cleaned_data.items() if k not in self.LINKS}
        return ActivityDetails(**values)

    def links(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.LINKS}


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Reason for hiding"), max_length=300)
