"""The register's forms: they parse and check input; the services decide and write."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, Q, When
from django.utils.translation import gettext_lazy as _

from hyte.actors.details import ActivityDetails, ActorDetails, ImageUpload
from hyte.actors.images import MAX_BYTES, clean_activity_image
from hyte.actors.map_points import check_map_point
from hyte.actors.models import (
    Activity,
    ActivityImage,
    Actor,
    ActorKind,
    AgeGroup,
    Language,
    TargetGroup,
    Theme,
    WelfareConcept,
)
from hyte.core.widgets import DateInput
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
    starts_on = forms.DateField(label=_("Starts"), required=False, widget=DateInput())
    ends_on = forms.DateField(label=_("Ends"), required=False, widget=DateInput())
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
    image = forms.FileField(
        label=_("Image"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 5 MB. Leave empty to keep the current image."),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    image_alt_text = forms.CharField(
        label=_("What the image shows, in Finnish"),
        max_length=300,
        required=False,
        help_text=_("Required with an image: screen readers read it instead of the image."),
    )
    image_alt_text_sv = forms.CharField(label=_("What the image shows, in Swedish"), max_length=300, required=False)
    remove_image = forms.BooleanField(label=_("Remove the image"), required=False)
    is_published = forms.BooleanField(label=_("Published in the finder"), required=False)

    LINKS = ("providers", "themes", "target_groups", "measures")
    IMAGE = ("image", "image_alt_text", "image_alt_text_sv", "remove_image")

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
        self.image_data: bytes | None = None
        if not self.initial.get("has_image"):
            del self.fields["remove_image"]

    @classmethod
    def initial_for(
        cls, activity: Activity | None, area: Area | None, image: ActivityImage | None = None
    ) -> dict[str, Any]:
        if activity is None:
            return {"area": area, "is_free": True}
        initial = ActivityDetails.of(activity).values()
        for name in cls.LINKS:
            initial[name] = list(getattr(activity, name).all())
        if image is not None:
            initial.update(has_image=True, image_alt_text=image.alt_text, image_alt_text_sv=image.alt_text_sv)
        return initial

    def clean(self) -> dict[str, Any]:
        """The picture and the map point are checked here as well as by the service, so that a refusal is shown at
        its field and nothing is written."""
        cleaned = super().clean() or {}
        upload = cleaned.get("image")
        if upload is not None:
            if upload.size is not None and upload.size > MAX_BYTES:
                self.add_error("image", _("The image is larger than 5 MB."))
            else:
                self.image_data = upload.read()
                try:
                    clean_activity_image(self.image_data, upload.name or "")
                except ValidationError as refusal:
                    self.add_error("image", refusal)
        if upload is not None or (self.initial.get("has_image") and not cleaned.get("remove_image")):
            for name in ("image_alt_text", "image_alt_text_sv"):
                if name in cleaned and not cleaned[name].strip():
                    self.add_error(name, _("Say what the image shows: required with an image."))
        area = cleaned.get("area")
        if area is not None and "latitude" in cleaned and "longitude" in cleaned:
            try:
                check_map_point(area, cleaned["latitude"], cleaned["longitude"])
            except ValidationError as refusal:
                self.add_error("latitude", refusal)
        return cleaned

    def details(self) -> ActivityDetails:
        values = {k: v for k, v in self.cleaned_data.items() if k not in self.LINKS + self.IMAGE}
        return ActivityDetails(**values)

    def image_changes(self) -> dict[str, Any]:
        """For the service: a new picture, new text alternatives for the current one, or its removal."""
        alt = {"alt_text": self.cleaned_data["image_alt_text"], "alt_text_sv": self.cleaned_data["image_alt_text_sv"]}
        upload = self.cleaned_data.get("image")
        if upload is not None:
            return {"image": ImageUpload(data=self.image_data, filename=upload.name or "", **alt)}
        if self.cleaned_data.get("remove_image"):
            return {"remove_image": True}
        if self.initial.get("has_image") and {"image_alt_text", "image_alt_text_sv"} & set(self.changed_data):
            return {"image": ImageUpload(data=None, **alt)}
        return {}

    def links(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.LINKS}


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Reason for hiding"), max_length=300)
