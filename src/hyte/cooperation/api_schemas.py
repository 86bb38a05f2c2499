"""The bodies of the cooperation API (`hyte.cooperation.api`): what it reads and what it answers, each typed so the
OpenAPI document describes it."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from hyte.cooperation.models import (
    ActionStatus,
    Arrangement,
    ItemKind,
    MinutesDecision,
    Participation,
    PersonRole,
    SeriesKind,
)

# What the API reads


class SeriesIn(Schema):
    title: str = Field(max_length=300)
    kind: SeriesKind
    arrangement: Arrangement
    members: list[str] = Field([], max_length=400, description="the member organisations' short names (slugs)")
    description: str = Field("", max_length=20000)


class MeetingIn(Schema):
    title: str = Field(max_length=300)
    starts_at: dt.datetime = Field(description="ISO 8601; without a time zone, Finnish time")
    ends_at: dt.datetime = Field(description="ISO 8601; without a time zone, Finnish time")
    place: str = Field("", max_length=300)
    online_url: str = Field("", max_length=500)
    other_actors: str = Field("", max_length=20000)


class MeetingChangeIn(MeetingIn):
    is_public: bool = Field(False, description="publish the final minutes and agreed actions on the public site")


class MeetingPartyIn(Schema):
    organisation: str = Field(max_length=80, description="the invited organisation's short name (slug)")


class MeetingCheckerIn(Schema):
    checker: int | None = Field(description="the user id of the checker, a member of the party; null for none")


class MeetingInviteeIn(Schema):
    name: str = Field(max_length=200)
    job_title: str = Field("", max_length=200)
    role: PersonRole
    participation: Participation


class AgendaItemNewIn(Schema):
    title: str = Field(max_length=300)
    body: str = Field("", max_length=100000)
    kind: ItemKind = ItemKind.TEXT


class AgendaMoveIn(Schema):
    direction: Literal["up", "down"]


class MinutesTextIn(Schema):
    item: int = Field(description="the agenda item's id")
    minutes: str = Field(max_length=100000)


class MinutesIn(Schema):
    items: list[MinutesTextIn] = Field(max_length=200, description="the items named; the others keep theirs")


class AgendaItemIn(Schema):
    title: str = Field(max_length=300)
    body: str = Field("", max_length=100000)
    is_public: bool = True


class AgreedActionIn(Schema):
    text: str = Field(max_length=20000)
    owner: str | None = Field(None, max_length=80, description="the owner organisation's short name (slug)")
    owner_person: str = Field("", max_length=200)
    due_date: dt.date | None = None
    goals: list[int] = Field([], max_length=100, description="ids of the plan goals it serves")
    indicators: list[int] = Field([], max_length=100, description="ids of indicators")
    agenda_item: int | None = Field(None, description="the agenda item it was decided under")


class ActionProgressIn(Schema):
    status: ActionStatus
    progress_note: str = Field("", max_length=20000)


class ConfirmationIn(Schema):
    decision: MinutesDecision
    corrections: str = Field("", max_length=20000, description="needed with `corrections`")


# What the API answers


class OrganisationRef(Schema):
    slug: str
    name: str
    kind: str = Field(description="municipality, county, ngo or national")


class MeetingSummaryOut(Schema):
    id: int
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    minutes_status: str = Field(description="draft, shared or final")


class SeriesOut(Schema):
    id: int
    title: str
    kind: str = Field(description="hyte_yearly (§7 of Act 612/2021), council_term (§14 of Act 611/2021) or other")
    arrangement: str = Field(description="joint, per_municipality, sub_region, theme or continuous")
    convener: OrganisationRef
    members: list[OrganisationRef]
    description: str
    meetings: list[MeetingSummaryOut] = Field(description="the meetings the caller may see, in order of time")


class InviteeOut(Schema):
    id: int
    name: str
    job_title: str
    role: str = Field(description="elected, management or expert")
    participation: str = Field(description="participates, prepares or if_needed")


class MinutesAnswerOut(Schema):
    decision: str = Field(description="confirmed or corrections")
    corrections: str
    checker: str = Field(description="the checker's name")
    at: dt.datetime


class PartyOut(Schema):
    id: int
    organisation: OrganisationRef
    checker: str | None = Field(description="the name of the checker of the minutes, or null")
    checker_id: int | None = Field(description="the checker's user id, or null")
    people: list[InviteeOut]
    answer: MinutesAnswerOut | None = Field(description="the checker's answer in the current round of checking")


class AgendaItemOut(Schema):
    id: int
    position: int
    kind: str = Field(description="text, actions, goals or indicators (the data it shows)")
    title: str
    body: str
    minutes: str
    is_public: bool


class MaterialOut(Schema):
    id: int
    title: str
    url: str = Field(description="a link's address, or empty for a file")
    filename: str
    content_type: str
    size: int = Field(description="bytes")


class GoalRef(Schema):
    id: int
    organisation: str = Field(description="the short name of the organisation whose plan it is in")
    text: str


class AgreedActionOut(Schema):
    id: int
    meeting: int
    text: str
    owner: OrganisationRef
    owner_person: str
    due_date: dt.date | None
    goals: list[GoalRef]
    indicators: list[int]
    status: str = Field(description="not_started, in_progress, done or dropped")
    progress_note: str
    followed_up_at: dt.datetime | None


class MeetingOut(Schema):
    id: int
    series: int
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str
    online_url: str
    other_actors: str
    minutes_status: str = Field(description="draft, shared or final")
    round: int = Field(description="how many times the minutes have been shared for checking")
    finalised_at: dt.datetime | None
    is_public: bool = Field(description="whether the final minutes and agreed actions are published")
    uid: str = Field(description="the meeting's iCalendar UID")
    parties: list[PartyOut]
    agenda: list[AgendaItemOut]
    materials: list[MaterialOut]
    agreed_actions: list[AgreedActionOut]


class ConfirmationOut(Schema):
    decision: str
    corrections: str
    round: int
    at: dt.datetime
    minutes_status: str = Field(description="the minutes' status after this answer: shared, or final")


class CarriedActionOut(Schema):
    action: int = Field(description="the agreed action's id")
    organisation: OrganisationRef
    report: int = Field(description="the id of the annual report it was carried into")
    block: int = Field(description="the id of the text block it became there")
    carried_at: dt.datetime
