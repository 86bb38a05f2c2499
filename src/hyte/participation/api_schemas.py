"""The bodies of the participation API (`hyte.participation.api`), typed so the OpenAPI document describes them."""

from __future__ import annotations

import datetime as dt

from ninja import Schema


class PollRowOut(Schema):
    value: int
    label: str
    count: int
    percent: float


class PollOut(Schema):
    kind: str
    question: str
    total: int
    mean: float | None = None
    rows: list[PollRowOut]


class ChangeOut(Schema):
    id: int
    description: str
    description_sv: str
    comments: list[int]


class SectionOut(Schema):
    id: int
    title: str
    title_sv: str
    text: str
    text_sv: str
    comment_count: int
    poll: PollOut | None = None
    changes: list[ChangeOut]
    changed_after_feedback: bool | None = None


class RoundOut(Schema):
    id: int
    organisation: str
    report: int | None = None
    assessment: int | None = None
    draft_title: str
    title: str
    title_sv: str
    opens_on: dt.date
    closes_on: dt.date
    state: str
    anonymous_allowed: bool
    premoderated: bool
    url_fi: str
    url_sv: str


class RoundDetailOut(RoundOut):
    introduction: str
    introduction_sv: str
    summary: str
    summary_sv: str
    comment_count: int
    approved_version: int | None = None
    settled: bool
    sections: list[SectionOut]


class CommentOut(Schema):
    id: int
    section: int
    parent: int | None = None
    nickname: str
    quote: str
    text: str
    source: str
    status: str
    removed_reason: str
    created_at: dt.datetime
    supports: int
    answer: str
    answer_sv: str
    change: int | None = None


class StatementOut(Schema):
    id: int
    author: str
    author_sv: str
    organisation: str | None = None
    text: str
    text_sv: str
    has_file: bool
    requested_at: dt.datetime
    given_at: dt.datetime | None = None
