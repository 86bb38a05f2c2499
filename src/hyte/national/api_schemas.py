"""The bodies of the national API (`hyte.national.api`), typed so the OpenAPI document describes them."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from hyte.national.models import AnswerStatus, QuestionKind, RoundStatus, Scope, Structure


class SurveyAnswerIn(Schema):
    coordinator_named: bool | None = Field(None, description="is a hyte coordinator named")
    coordinator_name: str = Field("", max_length=200)
    person_years: float | None = Field(None, ge=0, le=1000, description="person-years for hyte coordination")
    structures: list[Structure] = Field([], max_length=10)
    county_cooperation: str = Field("", max_length=4000)
    extra: dict[str, bool | float | str | None] = Field(
        {}, description="answers to the added questions, by question id"
    )
    submit: bool = Field(False, description="submit (true) or save as a draft (false)")


class SurveyOrganisationRef(Schema):
    slug: str
    name: str
    kind: str


class SurveyQuestionOut(Schema):
    id: int
    kind: QuestionKind
    text_fi: str
    text_sv: str
    choices: list[str]


class SurveyRoundOut(Schema):
    id: int
    year: int
    title_fi: str
    title_sv: str
    sender: SurveyOrganisationRef
    scope: Scope
    status: RoundStatus
    closes_on: dt.date
    answers_public: bool
    asked: int = Field(description="organisations asked")
    submitted: int = Field(description="answers submitted")
    questions: list[SurveyQuestionOut]


class SurveyAnswerOut(Schema):
    organisation: SurveyOrganisationRef
    area_code: str | None
    status: AnswerStatus
    coordinator_named: bool | None
    coordinator_name: str
    person_years: float | None
    structures: list[str]
    county_cooperation: str
    extra: dict[str, bool | float | str] = Field(description="answers to the added questions, by question id")
    submitted_at: dt.datetime | None


class SurveyResultsOut(Schema):
    round: SurveyRoundOut
    response_rate: float | None = Field(description="submitted answers of the organisations asked, %")
    answers: list[SurveyAnswerOut] = Field(description="the submitted answers the caller may see")


class NationalOverviewPlanOut(Schema):
    term: str
    status: str
    decision_date: dt.date | None
    published_on: dt.date | None


class NationalTeaviisariOut(Schema):
    sector: str = Field(
        description="kuntajohto, perusopetus, liikunta, kulttuuri, lukio, ammatillinen, hyvinvointialue"
    )
    survey_year: int
    value: float = Field(description="0–100, 100 the best")
    band: str = Field(description="THL's traffic light: good (75–100), middle (25–75), weak (0–25)")
    synthetic: bool = Field(description="the demo's invented values")


class NationalOverviewRowOut(Schema):
    kind: str
    code: str
    name_fi: str
    name_sv: str
    county_code: str
    municipality_group: str
    population: float | None
    population_year: int | None
    organisation: str | None = Field(description="the organisation's short name in Hyte; null when not in Hyte")
    plan: NationalOverviewPlanOut | None
    annual_report_year: int | None
    survey_year: int | None
    coordinator_named: bool | None
    coordinator: str | None
    person_years: float | None
    structures: list[str] | None
    coefficient: float | None = Field(None, description="the HYTE coefficient's result (null until computed)")
    teaviisari: list[NationalTeaviisariOut] = Field(description="the latest total of each TEAviisari sector")
    indicators: dict[str, dict[str, float]] = Field(description="Sotkanet id → {value, year}")


class NationalOverviewOut(Schema):
    licence: str
    public: bool = Field(description="true: only what is public; false: the national bodies' version")
    areas: list[NationalOverviewRowOut]
