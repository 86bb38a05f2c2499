"""The forms of support paths: they parse and check input; the services decide and write."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from hyte.actors.models import Activity, AgeGroup, SupportPath, SupportPathStep, TargetGroup
from hyte.actors.support_paths.details import PathDetails, StepDetails
from hyte.regions.models import Area


def _text(label: Any, rows: int = 4, **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": rows}), required=False, **kwargs)


class _TermChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class PathForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("The life situation, in plain words"))
    title_sv = forms.CharField(label=_("Title in Swedish"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title in English"), max_length=200, required=False)
    introduction = _text(_("Introduction"), help_text=_("Who the path is for and how to use it, in plain language"))
    introduction_sv = _text(_("Introduction in Swedish"))
    introduction_en = _text(_("Introduction in English"))
    age_groups = forms.MultipleChoiceField(
        label=_("Age groups"), choices=AgeGroup.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    target_groups = _TermChoice(
        label=_("Target groups"),
        queryset=TargetGroup.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    @classmethod
    def initial_for(cls, path: SupportPath | None) -> dict[str, Any]:
        if path is None:
            return {}
        initial = PathDetails.of(path).values()
        initial["target_groups"] = list(path.target_groups.all())
        return initial

    def details(self, area: Area) -> PathDetails:
        values = {k: v for k, v in self.cleaned_data.items() if k != "target_groups"}
        return PathDetails(area=area, **values)

    def chosen_target_groups(self) -> list[TargetGroup]:
        return list(self.cleaned_data["target_groups"])


def activity_label(activity: Activity) -> str:
    label = activity.title + (f" ({activity.place})" if activity.place else "")
    if activity.is_hidden:
        return f"{label} – {_('hidden from the finder')}"
    if not activity.is_published:
        return f"{label} – {_('draft')}"
    return label


class StepForm(forms.Form):
    KINDS = (("activity", _("An activity of the register")), ("service", _("A service described here")))

    kind = forms.ChoiceField(label=_("The step is"), choices=KINDS, widget=forms.RadioSelect, initial="activity")
    activity = forms.ModelChoiceField(
        label=_("Activity"),
        queryset=Activity.objects.none(),
        required=False,
        help_text=_("Find it with the search above; a draft or hidden activity shows only the step's words publicly."),
    )
    service_name = forms.CharField(label=_("Service"), max_length=200, required=False)
    service_name_sv = forms.CharField(label=_("Service in Swedish"), max_length=200, required=False)
    service_name_en = forms.CharField(label=_("Service in English"), max_length=200, required=False)
    service_phone = forms.CharField(label=_("Service's phone"), max_length=40, required=False)
    service_url = forms.URLField(label=_("Service's link"), required=False, assume_scheme="https")
    heading = forms.CharField(label=_("Heading"), max_length=200, help_text=_("What to do, e.g. Meet others"))
    heading_sv = forms.CharField(label=_("Heading in Swedish"), max_length=200, required=False)
    heading_en = forms.CharField(label=_("Heading in English"), max_length=200, required=False)
    guidance = _text(_("Guidance"), help_text=_("Plain language: when this step helps and what to expect"))
    guidance_sv = _text(_("Guidance in Swedish"))
    guidance_en = _text(_("Guidance in English"))

    def __init__(self, *args: Any, activities: Any, offered: Sequence[Activity], **kwargs: Any) -> None:
        """`activities`: what a sent choice is checked against; `offered`: what the list shows (the search's)."""
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["activity"])
        field.queryset = activities
        field.widget.choices = [("", "—"), *((a.pk, activity_label(a)) for a in offered)]

    @classmethod
    def initial_for(cls, step: SupportPathStep | None) -> dict[str, Any]:
        if step is None:
            return {"kind": "activity"}
        return {**StepDetails.of(step).values(), "kind": "activity" if step.activity_id else "service"}

    def details(self) -> StepDetails:
        values = {k: v for k, v in self.cleaned_data.items() if k != "kind"}
        if self.cleaned_data["kind"] == "service":
            values["activity"] = None
        else:
            for name in ("service_name", "service_name_sv", "service_name_en", "service_phone", "service_url"):
                values[name] = ""
        return StepDetails(**values)


class ActivitySearchForm(forms.Form):
    q = forms.CharField(label=_("Find an activity"), max_length=200, required=False)
