"""The bodies of the surveys API (`hyte.surveys.api`), typed so the OpenAPI document describes them. Only survey
settings and computed cells: no respondent's answers are ever answered."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class CellOut(Schema):
    grouping: str = Field(description="the grouping's title; empty for all respondents")
    grouping_id: int | None
    key: str = Field(description="the group's key (gender: male or female); empty for all respondents")
    label: str
    count: int | None = Field(description="respondents whose answer is counted; null when suppressed")
    base: int | None = Field(description="valid answers in the group; null when suppressed")
    share: float | None = Field(description="count / base, 0–1; null when suppressed")
    ci_low: float | None = Field(description="95 % Wilson score interval, lower bound (0–1)")
    ci_high: float | None = Field(description="95 % Wilson score interval, upper bound (0–1)")
    suppressed: bool = Field(description="fewer respondents than the survey's smallest group, or its complement")


class SurveyIndicatorOut(Schema):
    id: int
    title_fi: str
    title_sv: str
    question: str
    counted: list[str]
    polarity: str
    groupings: list[int]
    published: list[str] = Field(description="the ids at the source of the organisation's indicators it publishes")
    cells: list[CellOut]


class GroupingOut(Schema):
    id: int
    title_fi: str
    title_sv: str
    question: str
    dimension: str


class SurveyOut(Schema):
    id: int
    title_fi: str
    title_sv: str
    year: int
    tool: str
    respondents: int
    min_cell: int
    keep_responses_until: dt.date | None
    responses_deleted_at: dt.datetime | None


class SurveyDetailOut(SurveyOut):
    groupings: list[GroupingOut]
    indicators: list[SurveyIndicatorOut]
