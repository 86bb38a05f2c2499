"""The survey's forms: a new round, an added question, an organisation's answer."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hyte.core.widgets import DateInput
from hyte.national.models import Question, QuestionKind, Scope, Structure

YES_NO = [("", _("not answered")), ("yes", _("yes")), ("no", _("no"))]


class RoundForm(forms.Form):
    title_fi = forms.CharField(label=_("Title in Finnish"), max_length=200)
    title_sv = forms.CharField(label=_("Title in Swedish"), max_length=200, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    scope = forms.ChoiceField(label=_("Asked from"), choices=Scope.choices)
    closes_on = forms.DateField(label=_("Closes on"), widget=DateInput())
    answers_public = forms.BooleanField(label=_("Answers are public"), required=False)

    def __init__(self, *args: Any, scopes: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["scope"]
        field.choices = [(value, label) for value, label in Scope.choices if value in scopes]


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=QuestionKind.choices)
    text_fi = forms.CharField(label=_("Question in Finnish"), max_length=300)
    text_sv = forms.CharField(label=_("Question in Swedish"), max_length=300, required=False)
    choices = forms.CharField(
        label=_("Options"), required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text=_("One a line.")
    )


class AnswerForm(forms.Form):
    coordinator_named = forms.ChoiceField(label=_("Is a hyte coordinator named?"), choices=YES_NO, required=False)
    coordinator_name = forms.CharField(label=_("Who (name and title)"), max_length=200, required=False)
    person_years = forms.CharField(
        label=_("Person-years for hyte coordination"),
        required=False,
        help_text=_("For the whole organisation, e.g. 0,5."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    structures = forms.MultipleChoiceField(
        label=_("Structures in place"), choices=Structure.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    county_cooperation = forms.CharField(
        label=_("Cooperation agreed with the county"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            name = f"q{question.pk}"
            if question.kind == QuestionKind.YES_NO:
                self.fields[name] = forms.ChoiceField(label=question.text, choices=YES_NO, required=False)
            elif question.kind == QuestionKind.CHOICE:
                options = [("", _("not answered")), *[(c, c) for c in question.choices]]
                self.fields[name] = forms.ChoiceField(label=question.text, choices=options, required=False)
            elif question.kind == QuestionKind.NUMBER:
                self.fields[name] = forms.CharField(
                    label=question.text, required=False, widget=forms.TextInput(attrs={"inputmode": "decimal"})
                )
            else:
                self.fields[name] = forms.CharField(
                    label=question.text, required=False, widget=forms.Textarea(attrs={"rows": 2})
                )

    def extra(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"q{question.pk}")
            if question.kind == QuestionKind.YES_NO and value:
                value = value == "yes"
            values[str(question.pk)] = value
        return values


def initial_of(answer: Any) -> dict[str, Any]:
    if answer is None:
        return {}
    named = answer.coordinator_named
    initial: dict[str, Any] = {
        "coordinator_named": "" if named is None else ("yes" if named else "no"),
        "coordinator_name": answer.coordinator_name,
        "person_years": str(answer.person_years).replace(".", ",") if answer.person_years is not None else "",
        "structures": answer.structures,
        "county_cooperation": answer.county_cooperation,
    }
    for key, value in answer.extra.items():
        initial[f"q{key}"] = ("yes" if value else "no") if isinstance(value, bool) else value
    return initial
