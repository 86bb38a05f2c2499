"""The cooperation pages' forms: they parse what was typed; the services decide whether it is acceptable."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hyte.accounts.models import Organisation
from hyte.cooperation.models import (
    ActionStatus,
    AgendaItem,
    Arrangement,
    Meeting,
    MinutesDecision,
    Participation,
    PersonRole,
    Series,
    SeriesKind,
)
from hyte.core.clock import HELSINKI
from hyte.core.widgets import DateInput, TimeInput


class OrganisationChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name} ({obj.get_kind_display()})"


class SeriesForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=SeriesKind.choices)
    arrangement = forms.ChoiceField(label=_("Arrangement"), choices=Arrangement.choices)
    members = OrganisationChoice(
        label=_("Member organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The municipalities, NGOs and others invited to every meeting of the series."),
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, convener: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = (  # type: ignore[attr-defined]
            Organisation.objects.filter(is_active=True).exclude(pk=convener.pk).order_by("kind", "name")
        )


class MeetingForm(forms.Form):
    """The date and times are read as Helsinki time."""

    title = forms.CharField(label=_("Title"), max_length=300)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    starts = forms.TimeField(label=_("Starts at"), widget=TimeInput())
    end_date = forms.DateField(
        label=_("Ends on"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty for a meeting that ends the same day."),
    )
    ends = forms.TimeField(label=_("Ends at"), widget=TimeInput())
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_url = forms.CharField(label=_("Online link"), max_length=500, required=False)
    other_actors = forms.CharField(
        label=_("Other actors"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("NGO representatives, parishes, police, the regional council, education consortia, companies…"),
    )

    @classmethod
    def of(cls, meeting: Meeting, data: Any = None) -> MeetingForm:
        starts, ends = meeting.starts_at.astimezone(HELSINKI), meeting.ends_at.astimezone(HELSINKI)
        form = cls(
            data,
            initial={
                "title": meeting.title,
                "date": starts.date(),
                "starts": starts.time(),
                "end_date": ends.date() if ends.date() != starts.date() else None,
                "ends": ends.time(),
                "place": meeting.place,
                "online_url": meeting.online_url,
                "other_actors": meeting.other_actors,
                "is_public": meeting.is_public,
            },
        )
        form.fields["is_public"] = forms.BooleanField(
            label=_("Publish the final minutes and agreed actions on the public site"),
            required=False,
            help_text=_("Agenda items marked internal stay out; people's names and materials are never published."),
        )
        return form

    def details(self) -> dict[str, Any]:
        data = self.cleaned_data
        starts = dt.datetime.combine(data["date"], data["starts"], tzinfo=HELSINKI)
        ends = dt.datetime.combine(data.get("end_date") or data["date"], data["ends"], tzinfo=HELSINKI)
        return {
            "title": data["title"],
            "starts_at": starts,
            "ends_at": ends,
            "place": data.get("place", ""),
            "online_url": data.get("online_url", ""),
            "other_actors": data.get("other_actors", ""),
        }


class NewMeetingForm(MeetingForm):
    """A new meeting of a series: the members invited (all of them for a joint negotiation, one municipality for
    a negotiation per municipality…), prefilled a year after the series' latest meeting for a yearly one."""

    invited = forms.ModelMultipleChoiceField(
        label=_("Only for these members"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Leave empty to invite all the series' members. For one negotiation per municipality, sub-region or "
            "theme, choose those it is for."
        ),
    )

    def __init__(self, *args: Any, series: Series, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).update(next_meeting(series))
        super().__init__(*args, **kwargs)
        members = [member.pk for member in series.members.all()]  # prefetched with the series
        if members:
            self.fields["invited"].queryset = Organisation.objects.filter(pk__in=members)  # type: ignore[attr-defined]
        else:
            del self.fields["invited"]

    def details(self) -> dict[str, Any]:
        found = super().details()
        if self.cleaned_data.get("invited"):
            found["invited"] = list(self.cleaned_data["invited"])
        return found


def next_meeting(series: Series) -> dict[str, Any]:
    """The next meeting of a yearly series, prefilled from its latest: a year later, its title's year moved on,
    at the same times and place."""
    latest = max(series.meetings.all(), key=lambda meeting: meeting.starts_at, default=None)
    if latest is None or series.kind != SeriesKind.HYTE_YEARLY:
        return {}
    starts, ends = latest.starts_at.astimezone(HELSINKI), latest.ends_at.astimezone(HELSINKI)
    year = starts.year
    date = starts.date().replace(year=year + 1, day=min(starts.day, 28) if starts.month == 2 else starts.day)
    return {
        "title": latest.title.replace(str(year), str(year + 1)),
        "date": date,
        "starts": starts.time(),
        "ends": ends.time(),
        "place": latest.place,
        "online_url": latest.online_url,
        "other_actors": latest.other_actors,
    }


class PartyForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        invited = [party.organisation_id for party in meeting.parties.all()]
        self.fields["organisation"].queryset = (  # type: ignore[attr-defined]
            Organisation.objects.filter(is_active=True).exclude(pk__in=invited).order_by("kind", "name")
        )


class InviteeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    job_title = forms.CharField(label=_("Job title"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=PersonRole.choices)
    participation = forms.ChoiceField(label=_("Participation"), choices=Participation.choices)


class ItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    url = forms.CharField(label=_("Website"), max_length=500, required=False)
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument, text, CSV, PNG or JPEG; at most 20 MB."),
    )


class ActionForm(forms.Form):
    text = forms.CharField(label=_("What was agreed"), widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.ModelChoiceField(label=_("Owner organisation"), queryset=Organisation.objects.none(), required=False)
    owner_person = forms.CharField(label=_("Person responsible"), max_length=200, required=False)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput())
    agenda_item = forms.ModelChoiceField(label=_("Agenda item"), queryset=AgendaItem.objects.none(), required=False)
    goals = forms.TypedMultipleChoiceField(label=_("Plan goals it serves"), coerce=int, required=False)
    indicators = forms.TypedMultipleChoiceField(label=_("Indicators"), coerce=int, required=False)

    def __init__(
        self,
        *args: Any,
        meeting: Meeting,
        goals: Sequence[tuple[int, str]] = (),
        indicators: Sequence[tuple[int, str]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        parties = [party.organisation_id for party in meeting.parties.all()]
        self.fields["owner"].queryset = Organisation.objects.filter(pk__in=parties)  # type: ignore[attr-defined]
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()  # type: ignore[attr-defined]
        self.fields["goals"].choices = list(goals)  # type: ignore[attr-defined]
        self.fields["indicators"].choices = list(indicators)  # type: ignore[attr-defined]


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    progress_note = forms.CharField(label=_("Progress"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ConfirmForm(forms.Form):
    decision = forms.ChoiceField(label=_("Your answer"), choices=MinutesDecision.choices, widget=forms.RadioSelect)
    corrections = forms.CharField(
        label=_("Corrections proposed"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
