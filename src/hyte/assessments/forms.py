from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from hyte.assessments.models import (
    AssessmentStatus,
    Certainty,
    GoalEffectKind,
    ImpactArea,
    ImpactDirection,
    ImpactSize,
    TemplateKind,
    TimeSpan,
)
from hyte.core.widgets import DateInput

DATE = DateInput()


def _blank(choices: Any) -> list[tuple[str, Any]]:
    return [("", "—"), *choices]


class AssessmentForm(forms.Form):
    title = forms.CharField(label=_("Decision under preparation"), max_length=300)
    kind = forms.ChoiceField(label=_("Start with"), choices=TemplateKind.choices, initial=TemplateKind.SCREENING)
    case_number = forms.CharField(label=_("Case number"), max_length=100, required=False)
    preparing_body = forms.CharField(label=_("Preparing body"), max_length=200, required=False)
    decision_maker = forms.CharField(label=_("Decision-maker"), max_length=200, required=False)
    deadline = forms.DateField(label=_("Assessment deadline"), required=False, widget=DATE)
    description = forms.CharField(
        label=_("What is being decided"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=20_000
    )
    copy_from: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Start as a copy of"),
        help_text=_("An earlier assessment: its method, options, impact matrix and answers, to be checked and edited."),
        queryset=None,
        required=False,
        empty_label=_("nothing: start empty"),
    )

    def __init__(self, *args: Any, earlier: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["copy_from"])
        field.queryset = earlier
        if earlier is None:
            del self.fields["copy_from"]


class DetailsForm(forms.Form):
    title = forms.CharField(label=_("Decision under preparation"), max_length=300)
    case_number = forms.CharField(label=_("Case number"), max_length=100, required=False)
    preparing_body = forms.CharField(label=_("Preparing body"), max_length=200, required=False)
    decision_maker = forms.CharField(label=_("Decision-maker"), max_length=200, required=False)
    deadline = forms.DateField(label=_("Assessment deadline"), required=False, widget=DATE)
    description = forms.CharField(
        label=_("What is being decided"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=20_000
    )
    other_participants = forms.CharField(
        label=_("Other participants, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
    )
    cumulative_effects = forms.CharField(
        label=_("Cumulative and cross-cutting effects"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=20_000,
    )
    conclusion = forms.CharField(
        label=_("Conclusion: the best option overall, and why"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=20_000,
    )
    recommended_option = forms.TypedChoiceField(
        label=_("Recommended option"), required=False, coerce=int, empty_value=None, choices=[]
    )

    def __init__(self, *args: Any, options: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["recommended_option"]).choices = _blank([(o.pk, o.title) for o in options])


class AnswersForm(forms.Form):
    """One text field per question of the method, in order, each with "not applicable" (the text then says why)."""

    def __init__(self, *args: Any, questions: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.count = len(questions)
        for index, item in enumerate(questions):
            self.fields[f"answer_{index}"] = forms.CharField(
                label=item["question"],
                required=False,
                initial=item["answer"],
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=20_000,
            )
            self.fields[f"na_{index}"] = forms.BooleanField(
                label=_("Not applicable: the answer above says why"),
                required=False,
                initial=bool(item.get("not_applicable")),
            )

    def answers(self) -> list[str]:
        return [self.cleaned_data[f"answer_{index}"] for index in range(self.count)]

    def not_applicable(self) -> list[bool]:
        return [self.cleaned_data[f"na_{index}"] for index in range(self.count)]


class ScreeningForm(forms.Form):
    full_assessment_needed = forms.TypedChoiceField(
        label=_("Is a full assessment needed?"),
        choices=[("yes", _("Yes: a full assessment follows")), ("no", _("No: close with the reason"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    method = forms.ChoiceField(
        label=_("Method of the full assessment"),
        choices=[
            (TemplateKind.FULL.value, TemplateKind.FULL.label),
            (TemplateKind.CHILD.value, TemplateKind.CHILD.label),
        ],
        required=False,
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=20_000
    )


class OptionForm(forms.Form):
    title = forms.CharField(label=_("Option"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=20_000
    )


class ImpactForm(forms.Form):
    # No default: a cell is unassessed until someone chooses its direction.
    direction = forms.ChoiceField(label=_("Direction"), choices=_blank(ImpactDirection.choices))
    size = forms.ChoiceField(label=_("Size"), choices=_blank(ImpactSize.choices), required=False)
    certainty = forms.ChoiceField(label=_("Certainty"), choices=_blank(Certainty.choices), required=False)
    time_span = forms.ChoiceField(label=_("Time span"), choices=_blank(TimeSpan.choices), required=False)
    description = forms.CharField(
        label=_("Effect and evidence"), required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=20_000
    )
    indicators = forms.TypedMultipleChoiceField(
        label=_("Indicators of the situation picture"),
        help_text=_("Each with its latest value here. Not in the list? Find it with the indicator search above."),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sources = forms.CharField(
        label=_("Sources"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=20_000
    )

    def __init__(self, *args: Any, picks: Sequence[Any] = (), **kwargs: Any) -> None:
        """`picks`: the indicator picker's matches, the cell's own indicators first (indicators.picker.Pick)."""
        super().__init__(*args, **kwargs)
        from hyte.indicators.picker import choice_label

        seen: set[int] = set()
        choices = []
        for found in picks:
            if found.indicator.pk not in seen:
                seen.add(found.indicator.pk)
                choices.append((found.indicator.pk, choice_label(found)))
        cast(forms.ChoiceField, self.fields["indicators"]).choices = choices


class GoalEffectForm(forms.Form):
    option = forms.TypedChoiceField(label=_("Option"), coerce=int, choices=[])
    goal = forms.TypedChoiceField(label=_("Goal of the welfare plan"), coerce=int, choices=[])
    effect = forms.ChoiceField(label=_("Effect on the goal"), choices=GoalEffectKind.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)

    def __init__(self, *args: Any, options: Any = (), goals: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["option"]).choices = [(o.pk, o.title) for o in options]
        cast(forms.ChoiceField, self.fields["goal"]).choices = [
            (g.pk, f"{g.report.title}: {g.text[:100]}") for g in goals
        ]


class HearingForm(forms.Form):
    party = forms.CharField(label=_("Who was heard"), max_length=200, help_text=_("E.g. the youth council."))
    heard_on = forms.DateField(label=_("Date"), required=False, widget=DATE)
    views = forms.CharField(label=_("What they said"), widget=forms.Textarea(attrs={"rows": 3}), max_length=20_000)
    response = forms.CharField(
        label=_("How it was taken into account"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=20_000,
    )


class PeopleForm(forms.Form):
    preparer = forms.TypedChoiceField(label=_("Preparer"), coerce=int, empty_value=None, required=False, choices=[])
    participants = forms.TypedMultipleChoiceField(
        label=_("Participants"), coerce=int, required=False, choices=[], widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, members: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(u.pk, u.get_full_name() or u.get_username()) for u in members]
        cast(forms.ChoiceField, self.fields["preparer"]).choices = _blank(choices)
        cast(forms.ChoiceField, self.fields["participants"]).choices = choices


class DecisionForm(forms.Form):
    decision_body = forms.CharField(label=_("Decided by"), max_length=200)
    decision_date = forms.DateField(label=_("Decision date"), widget=DATE)
    decision_reference = forms.CharField(label=_("Minute reference, e.g. 31.1.2026 § 3"), max_length=200)
    decided_option = forms.TypedChoiceField(
        label=_("Option chosen"), coerce=int, empty_value=None, required=False, choices=[]
    )
    follow_up_date = forms.DateField(label=_("Follow-up date"), required=False, widget=DATE)

    def __init__(self, *args: Any, options: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["decided_option"]).choices = _blank([(o.pk, o.title) for o in options])


class FollowUpForm(forms.Form):
    notes = forms.CharField(
        label=_("Effects observed at follow-up"), widget=forms.Textarea(attrs={"rows": 4}), max_length=20_000
    )


class TemplateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    guidance = forms.CharField(
        label=_("Guidance"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=20_000
    )
    questions = forms.CharField(
        label=_("Questions, one per line"), widget=forms.Textarea(attrs={"rows": 10}), max_length=30_000
    )

    def question_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["questions"].splitlines() if line.strip()]


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label=_("Search title or case number"), required=False, max_length=200)
    body = forms.ChoiceField(label=_("Body"), required=False, choices=[])
    status = forms.ChoiceField(label=_("Status"), required=False, choices=_blank(AssessmentStatus.choices))
    group = forms.ChoiceField(label=_("Population group"), required=False, choices=[])
    goal = forms.TypedChoiceField(label=_("Goal"), required=False, coerce=int, empty_value=None, choices=[])
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None, choices=[])

    def __init__(self, *args: Any, bodies: Any = (), goals: Any = (), years: Any = (), **kwargs: Any) -> None:
        from hyte.assessments.models import POPULATION_GROUPS

        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["body"]).choices = _blank([(b, b) for b in bodies])
        cast(forms.ChoiceField, self.fields["group"]).choices = _blank([(g.value, g.label) for g in POPULATION_GROUPS])
        cast(forms.ChoiceField, self.fields["goal"]).choices = _blank([(g.pk, g.text[:100]) for g in goals])
        cast(forms.ChoiceField, self.fields["year"]).choices = _blank([(y, str(y)) for y in years])


class GridForm(forms.Form):
    """The impact matrix as one grid: per option and impact area its direction (none chosen = not assessed),
    size and certainty. Fields are named `<kind>-<option id>-<area>`."""

    def __init__(self, *args: Any, options: Sequence[Any], impacts: dict[tuple[int, str], Any], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.options = list(options)
        for area in ImpactArea:
            for option in self.options:
                impact = impacts.get((option.pk, area.value))
                where = f"{option.label}, {area.label}"
                for kind, label, choices, value in (
                    ("d", _("Direction"), ImpactDirection.choices, impact.direction if impact else ""),
                    ("s", _("Size"), ImpactSize.choices, impact.size if impact else ""),
                    ("c", _("Certainty"), Certainty.choices, impact.certainty if impact else ""),
                ):
                    self.fields[f"{kind}-{option.pk}-{area.value}"] = forms.ChoiceField(
                        label=f"{label}: {where}", choices=_blank(choices), required=False, initial=value
                    )

    def cell(self, kind: str, option: Any, area: str) -> Any:
        return self[f"{kind}-{option.pk}-{area}"]

    def cells(self) -> list[dict[str, Any]]:
        return [
            {
                "option": option,
                "area": area.value,
                "direction": self.cleaned_data[f"d-{option.pk}-{area.value}"],
                "size": self.cleaned_data[f"s-{option.pk}-{area.value}"],
                "certainty": self.cleaned_data[f"c-{option.pk}-{area.value}"],
            }
            for area in ImpactArea
            for option in self.options
        ]
