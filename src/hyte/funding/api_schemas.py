"""The bodies of the coefficient API (`hyte.funding.api`), each typed so the OpenAPI document describes it."""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema


class CoefficientIndicatorOut(Schema):
    code: str
    part: str
    title_fi: str
    title_sv: str
    source: str
    sector: str
    item: str
    sotkanet_id: int | None
    data_years: list[int]
    scaling: str
    target_value: float | None
    change_years: int | None
    weight: float
    direction: str
    provisional: bool
    provisional_note: str


class ModelOut(Schema):
    id: int
    key: str
    version: int
    kind: str
    funding_year: int
    name_fi: str
    name_sv: str
    process_weight: float
    outcome_weight: float
    missing_rule: str
    euro_rule: str
    base_price: float | None
    funding_pool: float | None
    population_year: int | None
    provisional: bool = Field(description="the model or one of its indicators waits for a person's confirmation")
    frozen: bool
    sources: list[dict[str, str]]
    indicators: list[CoefficientIndicatorOut]


class ModelIn(Schema):
    document: dict[str, Any] = Field(description="a model in the exchange format (docs/funding.md)")


class AreaRef(Schema):
    kind: str
    code: str
    name: str


class AreaResultOut(Schema):
    area: AreaRef
    score: float
    rank: int
    euros: float | None
    share: float | None
    residents: float | None
    process: float
    outcome: float
    missing: list[str] = Field(description="codes of the indicators the area has no value for (the rule applied)")
    official_score: float | None
    official_euros: float | None


class ResultsOut(Schema):
    model: int
    provisional: bool
    synthetic: bool = Field(description="computed from the demo's invented TEAviisari values")
    count: int
    total_euros: float | None
    results: list[AreaResultOut]


class WhatIfIn(Schema):
    area: str = Field(description="the area's official code (a municipality's three digits, a county's two)")
    values: dict[str, float] = Field(description="indicator code → the new raw value")


class WhatIfOut(Schema):
    model: int
    provisional: bool
    count: int
    changes: dict[str, float]
    before: AreaResultOut
    after: AreaResultOut


class ScenarioIn(Schema):
    model: int
    area: str
    title: str = Field(max_length=300)
    values: dict[str, float]
    shared: bool = False


class ScenarioSideOut(Schema):
    score: float
    rank: int
    euros: float | None


class ScenarioResultOut(Schema):
    before: ScenarioSideOut
    after: ScenarioSideOut
    count: int
    provisional: bool


class ScenarioOut(Schema):
    id: int
    model: int
    organisation: str
    area: AreaRef
    title: str
    changes: dict[str, float]
    result: ScenarioResultOut = Field(description="the what-if when saved: before and after, the areas counted")
    shared: bool
    created_at: str


class TeaviisariOut(Schema):
    sector: str
    survey_year: int
    item: str
    dimension: str
    value: float
    synthetic: bool
