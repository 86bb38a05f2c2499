"""Forms of the amendment page. Choices name what they point to: `g12` a goal of the plan, `m7` a measure, `i3` a
goal indicator, `n5` a goal the amendment itself adds (its change's id)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from hyte.reports.forms import GoalIndicatorForm, MeasureForm
from hyte.reports.queries.amendments import Choices


class AmendmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    reason = forms.CharField(
        label=_("Why the plan changes"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )


def _goal_choices(choices: Choices, *, new: bool) -> list[tuple[str, str]]:
    found = [(f"g{goal.pk}", goal.text[:100]) for goal in choices.goals]
    if new:
        found += [(f"n{change.pk}", f"{_('new')}: {change.data.get('text', '')[:100]}") for change in choices.new_goals]
    return found


class ProposeMeasureForm(MeasureForm):
    goal = forms.ChoiceField(label=_("Goal the measure serves"), choices=[])
    reason = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=5000)

    field_order = ["goal", "text", "responsible_parties", "schedule", "budget_line", "budget_amount", "reason"]

    def __init__(self, *args: Any, choices: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["goal"]).choices = _goal_choices(choices, new=True)


class ProposeIndicatorForm(GoalIndicatorForm):
    goal = forms.ChoiceField(label=_("Goal"), choices=[])

    field_order = ["goal", "indicator", "baseline_year", "target_year", "target_value", "direction"]

    def __init__(self, *args: Any, choices: Choices, picks: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, picks=picks, **kwargs)
        del self.fields["baseline_value"]  # from the data, as the baseline of an approved plan must be
        cast(forms.ChoiceField, self.fields["goal"]).choices = _goal_choices(choices, new=False)


class ProposeTextForm(forms.Form):
    item = forms.ChoiceField(label=_("Goal or measure"), choices=[])
    text = forms.CharField(label=_("New text"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    text_sv = forms.CharField(
        label=_("New text in Swedish (goals)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
    reason = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=5000)

    def __init__(self, *args: Any, choices: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["item"]).choices = [
            (_("Goals"), _goal_choices(choices, new=False)),
            (_("Measures"), [(f"m{m.pk}", m.text[:100]) for m in choices.measures]),
        ]


class RetireForm(forms.Form):
    item = forms.ChoiceField(label=_("What is retired"), choices=[])
    reason = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)

    def __init__(self, *args: Any, choices: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["item"]).choices = [
            (_("Goals (with their measures and indicators)"), _goal_choices(choices, new=False)),
            (_("Measures"), [(f"m{m.pk}", m.text[:100]) for m in choices.measures]),
            (
                _("Indicators of goals"),
                [(f"i{gi.pk}", f"{gi.indicator.title[:60]} – {gi.goal.text[:40]}") for gi in choices.goal_indicators],
            ),
        ]
