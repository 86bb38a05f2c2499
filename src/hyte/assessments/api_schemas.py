"""The bodies of the impact assessment API (`hyte.assessments.api`): what it reads, and what it answers, each
typed so its OpenAPI document describes it (issue 14).

The views build plain dicts for their answers (the register rows are shared with the CSV download); the answer
schemas validate and document them without changing a value."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

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
from hyte.core.api import Year

# What the API reads


class RegisterFilters(Schema):
    q: str = ""
    body: str = ""
    status: AssessmentStatus | None = None
    group: ImpactArea | None = None
    goal: int | None = None
    year: Year | None = None


class AssessmentIn(Schema):
    title: str
    kind: TemplateKind = TemplateKind.SCREENING
    case_number: str = ""
    preparing_body: str = ""
    decision_maker: str = ""
    deadline: dt.date | None = None
    description: str = ""
    copy_from: int | None = None  # an earlier assessment of the organisation to start from


class AssessmentPatch(Schema):
    title: str | None = None
    case_number: str | None = None
    preparing_body: str | None = None
    decision_maker: str | None = None
    deadline: dt.date | None = None
    description: str | None = None
    other_participants: str | None = None
    cumulative_effects: str | None = None
    conclusion: str | None = None
    recommended_option: int | None = None


class ScreeningIn(Schema):
    full_assessment_needed: bool
    reason: str = ""
    method: TemplateKind = TemplateKind.FULL


class AnswersIn(Schema):
    answers: list[str]  # one per question of the method, in order
    not_applicable: list[bool] = []  # where true, the answer says why the question does not apply
    screening: bool = False  # the screening questions instead of the method's


class OptionIn(Schema):
    title: str
    description: str = ""


class ImpactIn(Schema):
    direction: ImpactDirection
    size: ImpactSize | None = None
    certainty: Certainty | None = None
    time_span: TimeSpan | None = None
    description: str = ""
    sources: str = ""
    indicators: list[str] = []


class GoalEffectIn(Schema):
    effect: GoalEffectKind
    note: str = ""


class HearingIn(Schema):
    party: str
    views: str
    heard_on: dt.date | None = None
    response: str = ""


class DecisionIn(Schema):
    decision_body: str
    decision_date: dt.date
    decision_reference: str
    decided_option: int | None = None
    follow_up_date: dt.date | None = None


class FollowUpIn(Schema):
    notes: str


# What the API answers

_STATUS = "screening, in_preparation, ready, decided, followed_up or closed"
_DATE = "a date (YYYY-MM-DD), or null"


class AssessmentRowOut(Schema):
    """An assessment in the register: the same columns as the register's CSV download."""

    id: int
    title: str
    case_number: str = Field(description="the case's number in the organisation's case management")
    kind: str = Field(description="the method: screening, full (EVA/IVA) or child (LAVA)")
    status: str = Field(description=_STATUS)
    preparing_body: str
    decision_maker: str
    deadline: str | None = Field(description=_DATE)
    created: str = Field(description="the day it was started (YYYY-MM-DD, Finnish time)")
    decision_date: str | None = Field(description=_DATE)
    decision_reference: str = Field(description="the decision's reference (a section of the minutes)")
    follow_up_date: str | None = Field(description="when the decision's effects are to be followed up; " + _DATE)


class AnswerOut(Schema):
    question: str
    answer: str = Field(description="the answer, or why the question does not apply")
    not_applicable: bool | None = Field(None, description="the question does not apply; present once answered")


class ScreeningOut(Schema):
    questions: list[AnswerOut] = Field(description="the screening questions with their answers")
    reason: str = Field(description="why a full assessment is or is not needed")


class OptionOut(Schema):
    id: int
    title: str
    description: str
    no_change: bool = Field(description="the option of leaving things as they are (zero option)")


class GoalEffectOut(Schema):
    option: int
    goal: int = Field(description="a goal of the organisation's welfare plan")
    effect: str = Field(description="supports, works_against or none")
    note: str


class GoalEffectDetailOut(Schema):
    option: int
    goal: int = Field(description="a goal of the organisation's welfare plan")
    goal_text: str = Field(description="the goal's text")
    effect: str = Field(description="supports, works_against or none")
    note: str


class HearingOut(Schema):
    party: str = Field(description="who was heard")
    heard_on: str | None = Field(description=_DATE)
    views: str
    response: str = Field(description="how the preparers answered the views")


class HearingSaved(Schema):
    id: int
    party: str
    views: str


class AssessmentOut(AssessmentRowOut):
    """An assessment with everything the preparer has written: answers, options, their effects on the plan's
    goals, hearings, the conclusion, the decision and its follow-up."""

    description: str
    preparer: str | None = Field(description="the preparer's username")
    participants: list[str] = Field(description="the usernames of the participants")
    other_participants: list[str] = Field(description="participants without an account, one a line as written")
    screening: ScreeningOut
    answers: list[AnswerOut] = Field(description="the method's questions with their answers, in order")
    options: list[OptionOut]
    cumulative_effects: str
    goal_effects: list[GoalEffectDetailOut]
    hearings: list[HearingOut]
    conclusion: str
    recommended_option: int | None = Field(description="the option the preparers recommend")
    decided_option: int | None = Field(description="the option decided on")
    follow_up_notes: str


class CountsOut(Schema):
    year: int
    started: int
    screened_out: int = Field(description="screenings that found no full assessment needed")
    full: int = Field(description="full assessments (EVA/IVA)")
    child: int = Field(description="child impact assessments (LAVA)")
    decided: int
    followed_up: int


class ImpactIndicatorOut(Schema):
    id: int = Field(description="Hyte's id of the indicator, as in /indicators")
    source: str = Field(description="sotkanet, survey or own")
    code: str = Field(description="the indicator's id at its source")
    title: str = Field(description="the indicator's Finnish title")


class ImpactOut(Schema):
    """One cell of the impact matrix: an option's impact on an impact area."""

    option: int
    area: str = Field(description="the impact area's code, as in the matrix's `areas`")
    direction: str = Field(description="positive, negative, none or unknown")
    size: str | None = Field(description="small, moderate or large; null when not judged")
    certainty: str | None = Field(description="low, medium or high; null when not judged")
    time_span: str | None = Field(description="short, long or both; null when not judged")
    description: str
    sources: str = Field(description="what the judgement rests on")
    indicators: list[ImpactIndicatorOut] = Field(description="the indicators to follow the impact by")


class MatrixOptionOut(Schema):
    id: int
    title: str
    no_change: bool = Field(description="the option of leaving things as they are (zero option)")


class ImpactAreaOut(Schema):
    code: str
    label: str = Field(description="the area's name in the caller's language")


class MatrixOut(Schema):
    options: list[MatrixOptionOut]
    areas: list[ImpactAreaOut] = Field(description="every impact area of the method, in order")
    cells: list[ImpactOut] = Field(description="the cells assessed so far")
    cumulative_effects: str
