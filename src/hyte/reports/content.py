"""The frozen content of a report version: a typed, versioned schema and the one reader of stored snapshots.

Approval freezes the report as it stands (text, goals, measures and the indicator values of that moment) into
`ReportVersion.content`. Everything that shows a version (the public site, its PDF and open data, the API,
version comparison) reads it through `read()`, which upgrades snapshots written by earlier schemas, so a
snapshot stored years ago is read the same way as one stored today.

Schema history:
- 1 (no `schema_version` key): the council term as a list `term: [start, end]`.
- 2: `term_start` and `term_end`; the version number is stored in `schema_version`.
- 3: texts as typed. Earlier snapshots hold the HTML entities (`&amp;`, `&lt;`) that the input sanitiser of the
  time wrote into blocks, goals, measures and progress texts; the upgrade turns them back.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 3


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class Progress(_Frozen):
    """A year's status and progress text of a goal or a measure (with the year, where it comes from a
    published annual report)."""

    status: str = ""
    text: str = ""
    year: int | None = None


class ChartIndicator(_Frozen):
    """An indicator shown in a block, with its series for the organisation's area."""

    source_id: str = ""
    title: str = ""
    title_sv: str = ""
    title_en: str = ""  # indicators have English titles; a report's own texts are fi and sv only
    decimals: int = 1
    source: str = ""
    series: list[tuple[int, float | None]] = Field(default_factory=list)


class Block(_Frozen):
    kind: str
    text: str = ""
    text_sv: str = ""
    items: list[str] = Field(default_factory=list)
    indicators: dict[str, ChartIndicator] = Field(default_factory=dict)
    image: int | None = None  # a ReportImage, never changed once uploaded
    alt: str = ""
    alt_sv: str = ""


class Section(_Frozen):
    key: str = ""
    title: str = ""
    title_sv: str = ""
    blocks: list[Block] = Field(default_factory=list)


class GoalIndicator(_Frozen):
    indicator: str
    indicator_sv: str = ""
    indicator_en: str = ""
    source_id: str = ""
    source: str = ""
    baseline_year: int
    baseline_value: float | None = None
    target_year: int
    target_value: float | None = None
    direction: str
    latest_year: int | None = None
    latest_value: float | None = None
    change_since_baseline: float | None = None
    target_reached: bool | None = None


class Measure(_Frozen):
    id: int | None = None
    carried_from: int | None = None
    progress: Progress | None = None
    text: str
    responsible_parties: list[str] = Field(default_factory=list)
    schedule: str = ""
    budget_line: str = ""
    budget_amount: str | None = None
    status: str = ""


class Goal(_Frozen):
    id: int | None = None
    carried_from: int | None = None
    progress: Progress | None = None
    text: str
    text_sv: str = ""
    theme: str = ""
    age_group: str = ""
    origin: str = ""  # where the goal came from (e.g. a value discussion's topic); "" in snapshots before it
    origin_sv: str = ""
    indicators: list[GoalIndicator] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)


class Decision(_Frozen):
    body: str = ""
    date: dt.date | None = None
    reference: str = ""


class FollowUp(_Frozen):
    """An annual report's follow-up of its plan: each plan goal and measure with the year's progress."""

    plan: int | None = None
    goals: list[Goal] = Field(default_factory=list)


class FrozenReport(_Frozen):
    schema_version: int = SCHEMA_VERSION
    title: str
    title_sv: str = ""
    kind: str
    term_start: int | None = None
    term_end: int | None = None
    year: int | None = None
    decision: Decision = Field(default_factory=Decision)
    sections: list[Section] = Field(default_factory=list)
    goals: list[Goal] = Field(default_factory=list)
    follow_up: FollowUp | None = None

    def image_ids(self) -> set[int]:
        """The images the version shows (its image blocks')."""
        return {block.image for section in self.sections for block in section.blocks if block.image is not None}

    def all_goals(self) -> list[Goal]:
        """The plan's own goals and, in an annual report, the goals it follows up."""
        return [*self.goals, *(self.follow_up.goals if self.follow_up else [])]


def _upgrade_1(data: dict[str, Any]) -> dict[str, Any]:
    term = data.pop("term", None) or [None, None]
    return {**data, "term_start": term[0], "term_end": term[1], "schema_version": 2}


def _unescaped(value: Any, keys: tuple[str, ...]) -> Any:
    """`value` with the entities in `keys` (of every dict in it, at any depth) turned back into characters."""
    if isinstance(value, list):
        return [_unescaped(item, keys) for item in value]
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    for key, item in value.items():
        if key in keys and isinstance(item, str):
            out[key] = html.unescape(item)
        elif key == "items" and isinstance(item, list):
            out[key] = [html.unescape(x) if isinstance(x, str) else x for x in item]
        else:
            out[key] = _unescaped(item, keys)
    return out


def _upgrade_2(data: dict[str, Any]) -> dict[str, Any]:
    texts = {key: _unescaped(data.get(key), ("text", "text_sv")) for key in ("sections", "goals", "follow_up")}
    return {**data, **{k: v for k, v in texts.items() if v is not None}, "schema_version": 3}


_UPGRADES = {1: _upgrade_1, 2: _upgrade_2}


def read(raw: dict[str, Any]) -> FrozenReport:
    """A stored snapshot as the current schema, upgraded step by step from the schema it was written in."""
    data = dict(raw)
    version = int(data.get("schema_version", 1))
    if version > SCHEMA_VERSION:
        raise ValueError(f"a snapshot of schema {version} is newer than this server's {SCHEMA_VERSION}")
    while version < SCHEMA_VERSION:
        data = _UPGRADES[version](data)
        version = int(data["schema_version"])
    return FrozenReport.model_validate(data)


def dump(content: FrozenReport) -> dict[str, Any]:
    """The snapshot as stored: plain JSON."""
    return content.model_dump(mode="json")
