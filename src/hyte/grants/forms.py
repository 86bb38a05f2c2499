"""The grants pages' forms: they parse what was typed; the services decide whether it is acceptable."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hyte.accounts.models import Organisation
from hyte.actors.models import Activity
from hyte.core.clock import HELSINKI
from hyte.core.widgets import DateTimeInput
from hyte.grants.models import Application, Call, CallKind, FieldType, ProposalRule, Question
from hyte.grants.services import ApplicationDraft, CallDetails
from hyte.reports.models import Goal

DEFAULT_SCALE = (
    "0 | Ei täytä kriteeriä | Uppfyller inte kriteriet\n2 | Täyttää osittain | Uppfyller delvis\n"
    "6 | Täyttää hyvin | Uppfyller väl"
)
TEXTAREA = {"rows": 3}


class GoalChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.report.title}: {obj.text[:120]}"


def plan_goals(funder: Organisation) -> Any:
    return Goal.objects.filter(report__organisation=funder).exclude(report__kind="annual").select_related("report")


def parse_scale(value: str) -> list[tuple[int, str, str]]:
    """Lines "points | text | text in Swedish"; a line that cannot be read is a form error."""
    levels = []
    for number, raw in enumerate(value.splitlines(), start=1):
        if not raw.strip():
            continue
        parts = [part.strip() for part in raw.split("|")]
        try:
            points = int(parts[0])
        except ValueError as exc:
            raise forms.ValidationError(
                _(
                    "Line %(line)s of the scale does not start with whole points: write “points | text | text "
                    "in Swedish”."
                ),
                params={"line": number},
            ) from exc
        levels.append((points, parts[1] if len(parts) > 1 else "", parts[2] if len(parts) > 2 else ""))
    return levels


def scale_text(call: Call) -> str:
    return "\n".join(f"{level['points']} | {level['text']} | {level.get('text_sv', '')}" for level in call.scale)


class CallForm(forms.Form):
    """The opening and closing times are read as Helsinki time."""

    title = forms.CharField(label=_("Title"), max_length=300)
    title_sv = forms.CharField(label=_("Title in Swedish"), max_length=300, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=CallKind.choices)
    budget = forms.DecimalField(label=_("Budget (€)"), min_value=0, max_digits=12, decimal_places=2)
    opens = forms.DateTimeField(label=_("Opens"), widget=DateTimeInput())
    closes = forms.DateTimeField(label=_("Closes"), widget=DateTimeInput())
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs=TEXTAREA), required=False)
    description_sv = forms.CharField(
        label=_("Description in Swedish"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )
    eligibility = forms.CharField(label=_("Who may apply"), widget=forms.Textarea(attrs=TEXTAREA), required=False)
    eligibility_sv = forms.CharField(
        label=_("Who may apply, in Swedish"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )
    division_of_work = forms.CharField(
        label=_("Division of work with the county or the municipalities"),
        widget=forms.Textarea(attrs=TEXTAREA),
        required=False,
    )
    division_of_work_sv = forms.CharField(
        label=_("Division of work, in Swedish"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )
    required_attachments = forms.CharField(
        label=_("Required attachments, one per line"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )
    required_attachments_sv = forms.CharField(
        label=_("Required attachments in Swedish, one per line"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )
    weights_total = forms.IntegerField(label=_("The criteria's weights sum to"), initial=100, min_value=1)
    scale = forms.CharField(
        label=_("Scoring scale"),
        initial=DEFAULT_SCALE,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("One level per line, lowest first: points | description | description in Swedish."),
    )
    proposal_rule = forms.ChoiceField(label=_("Rule of the proposal"), choices=ProposalRule.choices)
    goals = GoalChoice(
        label=_("Plan goals the call serves"),
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, funder: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = plan_goals(funder)  # type: ignore[attr-defined]

    def clean_scale(self) -> list[tuple[int, str, str]]:
        return parse_scale(self.cleaned_data["scale"])

    @staticmethod
    def initial_from(call: Call) -> dict[str, Any]:
        return {
            **{
                name: getattr(call, name)
                for name in (
                    "title",
                    "title_sv",
                    "kind",
                    "budget",
                    "description",
                    "description_sv",
                    "eligibility",
                    "eligibility_sv",
                    "division_of_work",
                    "division_of_work_sv",
                    "required_attachments",
                    "required_attachments_sv",
                    "weights_total",
                    "proposal_rule",
                )
            },
            "opens": call.opens_at.astimezone(HELSINKI).replace(tzinfo=None),
            "closes": call.closes_at.astimezone(HELSINKI).replace(tzinfo=None),
            "scale": scale_text(call),
            "goals": list(call.goals.all()),
        }

    def details(self) -> CallDetails:
        data = self.cleaned_data

        def helsinki(value: dt.datetime) -> dt.datetime:
            return value.replace(tzinfo=None).replace(tzinfo=HELSINKI)

        return CallDetails(
            kind=data["kind"],
            title=data["title"],
            title_sv=data["title_sv"],
            budget=data["budget"],
            opens_at=helsinki(data["opens"]),
            closes_at=helsinki(data["closes"]),
            description=data["description"],
            description_sv=data["description_sv"],
            eligibility=data["eligibility"],
            eligibility_sv=data["eligibility_sv"],
            division_of_work=data["division_of_work"],
            division_of_work_sv=data["division_of_work_sv"],
            required_attachments=data["required_attachments"],
            required_attachments_sv=data["required_attachments_sv"],
            weights_total=data["weights_total"],
            scale=data["scale"],
            proposal_rule=data["proposal_rule"],
            goals=list(data["goals"]),
        )


class CriterionForm(forms.Form):
    title = forms.CharField(label=_("Criterion"), max_length=300)
    title_sv = forms.CharField(label=_("Criterion in Swedish"), max_length=300, required=False)
    weight = forms.IntegerField(label=_("Weight"), min_value=1)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs=TEXTAREA), required=False)
    description_sv = forms.CharField(
        label=_("Description in Swedish"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )
    goal = forms.ModelChoiceField(label=_("Plan goal"), queryset=Goal.objects.none(), required=False)

    def __init__(self, *args: Any, funder: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = plan_goals(funder)  # type: ignore[attr-defined]


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), max_length=500)
    text_sv = forms.CharField(label=_("Question in Swedish"), max_length=500, required=False)
    field_type = forms.ChoiceField(label=_("Type of answer"), choices=FieldType.choices)
    choices = forms.CharField(label=_("Choices, one per line"), widget=forms.Textarea(attrs=TEXTAREA), required=False)
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)


class ApplicationForm(forms.Form):
    """The standard form: the profile, the activities, the budget and other funding; then the call's questions.
    Sums are taken as typed (the service reports those that are not euros, and keeps the rest)."""

    contact = forms.CharField(label=_("Contact"), widget=forms.Textarea(attrs=TEXTAREA), required=False)
    summary = forms.CharField(
        label=_("What the grant is for"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    activities = forms.ModelMultipleChoiceField(
        label=_("Activities applied for"),
        queryset=Activity.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Your activities in the register."),
    )
    costs = forms.CharField(label=_("Costs (€)"), max_length=20, required=False)
    amount_applied = forms.CharField(label=_("Amount applied for (€)"), max_length=20, required=False)
    other_funding = forms.CharField(label=_("Other funding (€)"), max_length=20, required=False)
    self_financing = forms.CharField(label=_("Self-financing (€)"), max_length=20, required=False)
    other_funding_declaration = forms.CharField(
        label=_("Other funding for the same activity"),
        widget=forms.Textarea(attrs=TEXTAREA),
        required=False,
        help_text=_("Who else funds or has been asked to fund the same activity, and how much."),
    )

    def __init__(self, *args: Any, application: Application, activities: list[Activity], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activities"].queryset = Activity.objects.filter(  # type: ignore[attr-defined]
            pk__in=[activity.pk for activity in activities]
        )
        self.questions: list[Question] = list(application.call.questions.all())
        for question in self.questions:
            name = f"q{question.pk}"
            label = question.display_text
            if question.field_type == FieldType.LONG_TEXT:
                field: forms.Field = forms.CharField(label=label, widget=forms.Textarea(attrs=TEXTAREA))
            elif question.field_type == FieldType.YES_NO:
                field = forms.ChoiceField(label=label, choices=[("", "–"), ("yes", _("yes")), ("no", _("no"))])
            elif question.field_type == FieldType.CHOICE:
                field = forms.ChoiceField(label=label, choices=[("", "–"), *((c, c) for c in question.choice_list)])
            else:
                field = forms.CharField(label=label, max_length=5000)
            field.required = False  # a draft is saved without it; sending asks for it
            self.fields[name] = field

    @staticmethod
    def initial_from(application: Application) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(application, name)
            for name in (
                "contact",
                "summary",
                "costs",
                "amount_applied",
                "other_funding",
                "self_financing",
                "other_funding_declaration",
            )
        }
        initial["activities"] = list(application.activities.all())
        for key, answer in application.answers.items():
            initial[f"q{key}"] = answer
        return initial

    def draft(self) -> ApplicationDraft:
        data = self.cleaned_data
        return ApplicationDraft(
            summary=data["summary"],
            contact=data["contact"],
            activities=list(data["activities"]),
            costs=data["costs"],
            amount_applied=data["amount_applied"],
            other_funding=data["other_funding"],
            self_financing=data["self_financing"],
            other_funding_declaration=data["other_funding_declaration"],
            answers={str(question.pk): data.get(f"q{question.pk}") or "" for question in self.questions},
        )


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("What the file is"), max_length=300, required=False)
    file = forms.FileField(label=_("File (PDF, DOCX or XLSX)"))
