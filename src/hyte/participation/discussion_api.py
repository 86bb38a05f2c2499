"""The value discussion's API: a discussion with its groups, topics (with their indicators and goals) and the
results per group, read by the organisation's members and, where residents take part, by anyone; a topic proposed
and a participant's votes given (replacing their earlier ones) by the signed in, through the same services as the
pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status

from hyte.accounts.permissions import Action, permissions_for
from hyte.core.api import Problem
from hyte.core.http import AuthenticatedRequest
from hyte.participation import discussion_queries as queries
from hyte.participation import services
from hyte.participation.discussion_models import MAX_TOPIC, Discussion, ParticipantGroup, Topic

router = Router(tags=["participation"])


class GroupOut(Schema):
    id: int
    name: str
    name_sv: str
    residents: bool = Field(description="the group of residents voting on the public site")
    voters: int


class EvidenceOut(Schema):
    indicator: int
    title: str
    stance: str = Field(description="confirms or contradicts")
    year: int | None = None
    value: float | None = None


class TopicOut(Schema):
    id: int
    kind: str = Field(description="joy or worry")
    text: str
    text_sv: str
    status: str = Field(description="proposed, accepted or removed (merged or removed, with its reason)")
    removed_reason: str
    group: int | None = None
    comment: int | None = Field(None, description="the residents' comment it was made from")
    goal: int | None = Field(None, description="the plan's goal it became")
    indicators: list[EvidenceOut]
    votes: list[int] = Field(description="the votes of each group, in the order of `groups`")
    total: int
    rank: int | None = None


class DiscussionOut(Schema):
    id: int
    organisation: str
    report: int
    title: str
    title_sv: str
    introduction: str
    introduction_sv: str
    phase: str = Field(description="collecting, voting or closed")
    votes_per_participant: int
    residents: bool
    created_at: dt.datetime
    groups: list[GroupOut]
    topics: list[TopicOut] = Field(description="ranked by their votes; others see only the accepted ones")


class TopicIn(Schema):
    kind: str = Field(description="joy or worry")
    text: str = Field(max_length=MAX_TOPIC)
    text_sv: str = Field("", max_length=MAX_TOPIC)
    group: int | None = Field(None, description="a member's group; residents propose as residents")


class VotesIn(Schema):
    topics: list[int] = Field(description="the accepted topics voted for, at most the discussion's number")
    group: int | None = Field(None, description="a member's group; residents vote as residents")


class VotesOut(Schema):
    group: int
    topics: list[int]


def _discussion(request: HttpRequest, discussion_id: int, action: Action = Action.VIEW) -> Discussion:
    found = Discussion.objects.select_related("organisation", "organisation__area", "report").filter(pk=discussion_id)
    discussion = found.first()
    if discussion is None or not permissions_for(request.user).can(action, discussion):
        raise Http404
    return discussion


def _group(discussion: Discussion, group_id: int | None) -> ParticipantGroup | None:
    if group_id is None:
        return None
    found = ParticipantGroup.objects.filter(discussion=discussion, pk=group_id).first()
    if found is None:
        raise Http404
    return found


def _topic(topic: Topic) -> dict[str, Any]:
    result = getattr(topic, "result", None)
    return {
        "id": topic.pk,
        "kind": topic.kind,
        "text": topic.text,
        "text_sv": topic.text_sv,
        "status": topic.status,
        "removed_reason": topic.removed_reason,
        "group": topic.group_id,
        "comment": topic.comment_id,
        "goal": topic.goal_id,
        "indicators": [
            {
                "indicator": e.link.indicator_id,
                "title": e.link.indicator.title,
                "stance": e.link.stance,
                "year": e.row.latest.year if e.row is not None and e.row.latest else None,
                "value": e.row.latest.value if e.row is not None and e.row.latest else None,
            }
            for e in topic.evidence  # type: ignore[attr-defined]
        ],
        "votes": result.per_group if result else [],
        "total": result.total if result else 0,
        "rank": result.rank if result else None,
    }


@router.get("/discussions/{discussion_id}", response=DiscussionOut, auth=None, summary="A value discussion")
def get_discussion(request: HttpRequest, discussion_id: int) -> dict[str, Any]:
    discussion = _discussion(request, discussion_id)
    page = queries.discussion_page(discussion, user=request.user)
    ranked = [r.topic for r in page["results"]]
    others = [t for t in page["topics"] if t not in ranked]
    return {
        "id": discussion.pk,
        "organisation": discussion.organisation.slug,
        "report": discussion.report_id,
        "title": discussion.title,
        "title_sv": discussion.title_sv,
        "introduction": discussion.introduction,
        "introduction_sv": discussion.introduction_sv,
        "phase": discussion.phase,
        "votes_per_participant": discussion.votes_per_participant,
        "residents": discussion.residents,
        "created_at": discussion.created_at,
        "groups": [
            {"id": g.pk, "name": g.name, "name_sv": g.name_sv, "residents": g.is_residents, "voters": n}
            for g, n in page["voters"]
        ],
        "topics": [_topic(t) for t in ranked + others],
    }


@router.post(
    "/discussions/{discussion_id}/topics",
    response={201: TopicOut, 400: Problem},
    summary="Propose a topic of joy or worry",
)
def post_topic(request: AuthenticatedRequest, discussion_id: int, data: TopicIn) -> Any:
    discussion = _discussion(request, discussion_id, Action.COMMENT)
    topic = services.propose_topic(
        actor=request.user,
        discussion=discussion,
        kind=data.kind,
        text=data.text,
        text_sv=data.text_sv,
        group=_group(discussion, data.group),
    )
    topic.evidence = []  # type: ignore[attr-defined]
    return Status(201, _topic(topic))


@router.put(
    "/discussions/{discussion_id}/votes",
    response={200: VotesOut, 400: Problem},
    summary="Vote in a value discussion (replacing one's earlier votes)",
)
def put_votes(request: AuthenticatedRequest, discussion_id: int, data: VotesIn) -> Any:
    discussion = _discussion(request, discussion_id, Action.COMMENT)
    topics = list(Topic.objects.filter(discussion=discussion, pk__in=data.topics))
    if len(topics) != len(set(data.topics)):
        raise Http404
    if len(data.topics) != len(set(data.topics)):
        topics = [next(t for t in topics if t.pk == pk) for pk in data.topics]  # the service refuses the repeat
    made = services.vote(
        actor=request.user,
        discussion=discussion,
        topics=topics,
        group=_group(discussion, data.group),
    )
    group = made[0].group_id if made else (data.group or 0)
    return {"group": group, "topics": sorted(v.topic_id for v in made)}
