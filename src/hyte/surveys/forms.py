"""The forms of the survey pages: a survey and its settings, its structure file, an upload of results and its
columns, a grouping and an indicator."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from hyte.core.widgets import DateInput
from hyte.indicators.models import Polarity
from hyte.surveys.models import LOWEST_MIN_CELL, Dimension, Grouping, Survey, SurveyTool


class SettingsForm(forms.Form):
    title_fi = forms.CharField(label=_("Title in Finnish"), max_length=300)
    title_sv = forms.CharField(label=_("Title in Swedish"), max_length=300)
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    min_cell = forms.IntegerField(
        label=_("Smallest group shown"),
        min_value=LOWEST_MIN_CELL,
        initial=5,
        help_text=_("A group with fewer respondents is suppressed, with the next-smallest group of its grouping."),
    )
    keep_until = forms.DateField(
        label=_("Keep the respondents' answers until"),
        widget=DateInput(),
        help_text=_("After this day the answers are deleted; the computed indicators stay."),
    )


class SurveyForm(SettingsForm):
    tool = forms.ChoiceField(label=_("The results come from"), choices=SurveyTool.choices)

    field_order = ["title_fi", "title_sv", "year", "tool", "min_cell", "keep_until"]


def settings_initial(survey: Survey) -> dict[str, Any]:
    return {
        "title_fi": survey.title_fi,
        "title_sv": survey.title_sv,
        "year": survey.year,
        "min_cell": survey.min_cell,
        "keep_until": survey.keep_responses_until,
    }


class FileForm(forms.Form):
    file = forms.FileField(label=_("File"))


class StructureForm(FileForm):
    file = forms.FileField(label=_("LimeSurvey's survey structure (.lss or .txt)"))


class ResultsForm(FileForm):
    file = forms.FileField(
        label=_("Results, one row per respondent (CSV or XLSX)"),
        help_text=_("From LimeSurvey: export the responses as CSV with question codes as headings and answer codes."),
    )


def _questions(survey: Survey, *, scaled: bool = False) -> list[tuple[str, str]]:
    return [
        (str(q["code"]), f"{q['code']}: {str(q.get('text', ''))[:80]}")
        for q in survey.questions
        if q.get("answers") or not scaled
    ]


class GroupingForm(forms.Form):
    question = forms.ChoiceField(label=_("Background question"))
    dimension = forms.ChoiceField(label=_("Kind"), choices=Dimension.choices)
    title_fi = forms.CharField(label=_("Title in Finnish"), max_length=200)
    title_sv = forms.CharField(label=_("Title in Swedish"), max_length=200)
    groups = forms.CharField(
        label=_("Groups"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One group a line: answer codes = key | label in Finnish | label in Swedish, e.g. "
            '"1,2 = 18-39 | 18–39-vuotiaat | 18–39 år". Empty: each answer is a group of its own. For gender the '
            "keys are male and female."
        ),
    )

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["question"]).choices = _questions(survey, scaled=True)

    def clean_groups(self) -> list[dict[str, Any]]:
        groups = []
        for number, raw in enumerate(self.cleaned_data["groups"].splitlines(), start=1):
            if not raw.strip():
                continue
            values, _sep, rest = raw.partition("=")
            parts = [part.strip() for part in rest.split("|")]
            if not _sep or not parts[0]:
                raise forms.ValidationError(
                    _("Line %(line)s: write the answer codes, =, and the group's key.") % {"line": number}
                )
            groups.append(
                {
                    "values": [value.strip() for value in values.split(",") if value.strip()],
                    "key": parts[0],
                    "label_fi": parts[1] if len(parts) > 1 else "",
                    "label_sv": parts[2] if len(parts) > 2 else "",
                }
            )
        return groups


class IndicatorForm(forms.Form):
    question = forms.ChoiceField(label=_("Question"))
    counted = forms.CharField(
        label=_("Answers counted"),
        max_length=500,
        help_text=_(
            "Their codes, separated by commas (e.g. A4, A5 for 'often' and 'always'); the base is every valid answer."
        ),
    )
    title_fi = forms.CharField(label=_("Title in Finnish"), max_length=300)
    title_sv = forms.CharField(label=_("Title in Swedish"), max_length=300)
    polarity = forms.ChoiceField(label=_("Polarity"), choices=Polarity.choices, initial=Polarity.NO_JUDGEMENT)
    groupings = forms.ModelMultipleChoiceField(
        label=_("By groups"), queryset=Grouping.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["question"]).choices = _questions(survey)
        self.fields["groupings"].queryset = Grouping.objects.filter(survey=survey)  # type: ignore[attr-defined]

    def clean_counted(self) -> list[str]:
        return [value.strip() for value in self.cleaned_data["counted"].split(",") if value.strip()]


class ColumnsForm(forms.Form):
    """A table's columns: which holds the respondent id, and for each question column its code and scale."""

    id_column = forms.ChoiceField(label=_("Respondent id"), required=False)

    def __init__(self, *args: Any, header: list[str], mapping: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.header = header
        cast(forms.ChoiceField, self.fields["id_column"]).choices = [("", _("none: number the rows"))] + [
            (str(index), f"{index + 1}: {name}") for index, name in enumerate(header)
        ]
        self.fields["id_column"].initial = "" if mapping.get("id") is None else str(mapping["id"])
        chosen = mapping.get("columns", {})
        for index, name in enumerate(header):
            spec = chosen.get(str(index), {})
            self.fields[f"code_{index}"] = forms.CharField(
                label=_("Column %(n)s (%(name)s): question code") % {"n": index + 1, "name": name[:60]},
                max_length=40,
                required=False,
                initial=spec.get("code", ""),
                help_text=_("Empty: the column is not imported."),
            )
            self.fields[f"scale_{index}"] = forms.CharField(
                label=_("Column %(n)s: the answers on its scale") % {"n": index + 1},
                max_length=500,
                required=False,
                initial=", ".join(spec.get("scale") or []),
                help_text=_("Separated by commas; empty: any answer is taken."),
            )

    def columns(self) -> tuple[int | None, dict[int, dict[str, Any]]]:
        data = self.cleaned_data
        id_column = int(data["id_column"]) if data.get("id_column") not in (None, "") else None
        columns: dict[int, dict[str, Any]] = {}
        for index, name in enumerate(self.header):
            code = (data.get(f"code_{index}") or "").strip()
            if code and index != id_column:
                scale = [value.strip() for value in (data.get(f"scale_{index}") or "").split(",") if value.strip()]
                columns[index] = {"code": code, "text": name, "scale": scale}
        return id_column, columns
