"""Forms of the value discussion: starting one, its settings and groups, a topic, a topic from a comment,
moderating a topic, linking an indicator, voting, and a topic turned into a draft goal."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hyte.indicators.models import AgeGroup
from hyte.participation.discussion_models import DEFAULT_VOTES, MAX_TOPIC, Phase, Stance, TopicKind
from hyte.participation.services.discussions import MAX_VOTES
from hyte.reports.models import Report, ReportKind, ReportStatus


class DiscussionForm(forms.Form):
    report = forms.ModelChoiceField(label=_("Draft plan"), queryset=Report.objects.none())
    title = forms.CharField(label=_("Title"), max_length=300)
    title_sv = forms.CharField(label=_("Title in Swedish"), max_length=300, required=False)
    introduction = forms.CharField(label=_("Introduction"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    introduction_sv = forms.CharField(
        label=_("Introduction in Swedish"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    groups = forms.CharField(
        label=_("Groups of participants"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One a line, the Finnish name and the Swedish after a bar: Hyvinvointiryhmä | Välfärdsgruppen"),
    )
    votes_per_participant = forms.IntegerField(
        label=_("Votes per participant"), min_value=1, max_value=MAX_VOTES, initial=DEFAULT_VOTES
    )
    residents = forms.BooleanField(
        label=_("Residents take part on the public site (propose topics and vote as residents)"), required=False
    )

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["report"].queryset = Report.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation,
            kind__in=[ReportKind.BROAD, ReportKind.REGIONAL],
            status__in=[ReportStatus.DRAFT, ReportStatus.IN_REVIEW],
        )

    def clean_groups(self) -> list[tuple[str, str]]:
        named = []
        for row in (self.cleaned_data.get("groups") or "").splitlines():
            fi, _bar, sv = row.partition("|")
            if fi.strip():
                named.append((fi.strip(), sv.strip()))
        return named


class SettingsForm(forms.Form):
    votes_per_participant = forms.IntegerField(label=_("Votes per participant"), min_value=1, max_value=MAX_VOTES)
    residents = forms.BooleanField(label=_("Residents take part on the public site"), required=False)
    introduction = forms.CharField(label=_("Introduction"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    introduction_sv = forms.CharField(
        label=_("Introduction in Swedish"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Name of the group"), max_length=200)
    name_sv = forms.CharField(label=_("In Swedish"), max_length=200, required=False)


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices)


class TopicForm(forms.Form):
    kind = forms.ChoiceField(label=_("A topic of"), choices=TopicKind.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Topic"),
        max_length=MAX_TOPIC,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAX_TOPIC}),
        help_text=_("At most %(max)s characters. Do not write anyone's personal data.") % {"max": MAX_TOPIC},
    )
    text_sv = forms.CharField(
        label=_("Topic in Swedish"),
        max_length=MAX_TOPIC,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": MAX_TOPIC}),
    )
    group = forms.IntegerField(label=_("Your group"), required=False)


class FromCommentForm(forms.Form):
    comment = forms.IntegerField(label=_("Comment"))
    kind = forms.ChoiceField(label=_("A topic of"), choices=TopicKind.choices)
    text = forms.CharField(
        label=_("Topic (the comment's text when left empty)"),
        max_length=MAX_TOPIC,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    group = forms.IntegerField(label=_("Raised by"), required=False)


class ModerateTopicForm(forms.Form):
    action = forms.ChoiceField(choices=[("accept", _("Accept")), ("remove", _("Remove"))])
    reason = forms.CharField(label=_("Reason shown"), max_length=300, required=False)
    merged_into = forms.IntegerField(label=_("Merged into"), required=False)


class LinkForm(forms.Form):
    indicator = forms.IntegerField(label=_("Indicator"))
    stance = forms.ChoiceField(label=_("The indicator"), choices=Stance.choices, required=False)
    remove = forms.BooleanField(required=False)


class GoalForm(forms.Form):
    text = forms.CharField(label=_("Goal"), widget=forms.Textarea(attrs={"rows": 3}))
    text_sv = forms.CharField(label=_("Goal in Swedish"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    theme = forms.CharField(label=_("Theme"), max_length=200, required=False)
    age_group = forms.ChoiceField(label=_("Age group"), choices=AgeGroup.choices, initial=AgeGroup.ALL)
