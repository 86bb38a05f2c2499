"""Reads of the value discussion, scoped to what the reader may see: an organisation's discussions, one
discussion with everything its page shows (in a fixed number of queries however many topics and votes it has),
the results per group of participants, and the comments a coordinator may make topics of.

The indicators beside a topic are shown as the situation picture shows them (`situation.picture.build`): the
latest value for the organisation's area with its comparisons (the county, the whole country, similar
municipalities), read for all the discussion's indicators at once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, permissions_for
from hyte.core.actors import Viewer
from hyte.participation.discussion_models import (
    Discussion,
    ParticipantGroup,
    Stance,
    Topic,
    TopicIndicator,
    TopicStatus,
    Vote,
)
from hyte.participation.models import Comment, CommentStatus
from hyte.situation import picture

COMMENTS_OFFERED = 100  # the most supported published comments offered to make topics of


def _discussions() -> QuerySet[Discussion]:
    return Discussion.objects.select_related("organisation", "organisation__area", "report")


def discussions_of(user: Viewer, organisation: Organisation) -> list[Discussion]:
    """The organisation's discussions the reader may see, with their accepted topics counted (`topic_count`)."""
    perms = permissions_for(user)
    found = (
        _discussions()
        .filter(organisation=organisation)
        .annotate(topic_count=Count("topics", filter=Q(topics__status=TopicStatus.ACCEPTED)))
    )
    return [d for d in found if perms.can(Action.VIEW, d)]


def discussion_for(
    user: Viewer, organisation: Organisation, discussion_id: int, action: Action = Action.VIEW
) -> Discussion:
    """One discussion of the organisation, if the reader may do `action`; 404 otherwise (missing and forbidden
    alike)."""
    found = _discussions().filter(organisation=organisation, pk=discussion_id).first()
    if found is None or not permissions_for(user).can(action, found):
        raise Http404
    return found


def public_discussion(slug: str, discussion_id: int) -> Discussion:
    """A discussion on the public site: its organisation active and residents taking part; 404 otherwise."""
    found = _discussions().filter(organisation__slug=slug, organisation__is_active=True, pk=discussion_id).first()
    if found is None or not found.residents:
        raise Http404
    return found


def public_discussions(organisation: Organisation) -> list[Discussion]:
    return list(_discussions().filter(organisation=organisation, residents=True))


def topic_of(discussion: Discussion, topic_id: Any) -> Topic:
    """A topic of this discussion (404 for another discussion's), its discussion attached."""
    try:
        pk = int(topic_id)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc
    found = Topic.objects.filter(discussion=discussion, pk=pk).select_related("goal").first()
    if found is None:
        raise Http404
    found.discussion = discussion
    return found


def comments_to_choose(organisation: Organisation) -> list[Comment]:
    """The organisation's published comments (of any of its rounds), the most supported first."""
    return list(
        Comment.objects.filter(round__organisation=organisation, status=CommentStatus.PUBLISHED)
        .select_related("round")
        .annotate(support_count=Count("supports"))
        .order_by("-support_count", "-pk")[:COMMENTS_OFFERED]
    )


@dataclass
class Evidence:
    """An indicator linked to a topic, with the situation picture's row (latest value and comparisons)."""

    link: TopicIndicator
    row: Any = None  # situation.picture.IndicatorRow, or None without an area

    @property
    def confirms(self) -> bool:
        return self.link.stance == Stance.CONFIRMS


@dataclass
class Result:
    """A topic's votes: per group (in the groups' order), the total, its rank and its bar's share of the top."""

    topic: Topic
    per_group: list[int] = field(default_factory=list)
    total: int = 0
    rank: int = 0
    percent: float = 0.0


def results(topics: list[Topic], groups: list[ParticipantGroup], counts: dict[tuple[int, int], int]) -> list[Result]:
    """The accepted topics ranked by their votes (ties share a rank, then by age), with the votes per group."""
    rows = [
        Result(topic=t, per_group=[counts.get((t.pk, g.pk), 0) for g in groups])
        for t in topics
        if t.status == TopicStatus.ACCEPTED
    ]
    for row in rows:
        row.total = sum(row.per_group)
    rows.sort(key=lambda r: (-r.total, r.topic.created_at, r.topic.pk))
    top = rows[0].total if rows else 0
    for index, row in enumerate(rows):
        row.rank = rows[index - 1].rank if index and rows[index - 1].total == row.total else index + 1
        row.percent = 100 * row.total / top if top else 0.0
    return rows


def discussion_page(discussion: Discussion, *, user: Viewer, voter: str = "") -> dict[str, Any]:
    """Everything a discussion's page shows, in a fixed number of queries: its groups, its topics (all of them for
    the coordinators, the accepted ones for others) each with its comment, goal, indicators and votes, the results
    per group, how many took part in each group, and the reader's own votes."""
    perms = permissions_for(user)
    moderator = perms.can(Action.EDIT, discussion)
    groups = list(ParticipantGroup.objects.filter(discussion=discussion))
    for group in groups:
        group.discussion = discussion
    links = Prefetch("indicator_links", queryset=TopicIndicator.objects.select_related("indicator"))
    found = Topic.objects.filter(discussion=discussion).select_related("comment", "comment__round", "goal", "group")
    if not moderator:
        found = found.filter(status=TopicStatus.ACCEPTED)
    topics = list(found.prefetch_related(links))
    counts: dict[tuple[int, int], int] = {}
    for row in Vote.objects.filter(discussion=discussion).values("topic_id", "group_id").annotate(n=Count("pk")):
        counts[(row["topic_id"], row["group_id"])] = row["n"]
    voters: dict[int, int] = defaultdict(int)
    for row in Vote.objects.filter(discussion=discussion).values("group_id").annotate(n=Count("voter", distinct=True)):
        voters[row["group_id"]] = row["n"]
    mine: set[int] = set()
    my_group: int | None = None
    if voter:
        for topic_id, group_id in Vote.objects.filter(discussion=discussion, voter=voter).values_list(
            "topic_id", "group_id"
        ):
            mine.add(topic_id)
            my_group = group_id
    indicators = {link.indicator_id: link.indicator for t in topics for link in t.indicator_links.all()}
    rows: dict[int, Any] = {}
    area = discussion.organisation.area
    if indicators and area is not None:
        built = picture.build(area=area, indicators=list(indicators.values()))
        rows = {row.indicator.pk: row for row in built.rows}
    ranked = results(topics, groups, counts)
    by_topic = {r.topic.pk: r for r in ranked}
    for topic in topics:
        topic.discussion = discussion
        topic.evidence = [Evidence(link, rows.get(link.indicator_id)) for link in topic.indicator_links.all()]  # type: ignore[attr-defined]
        topic.result = by_topic.get(topic.pk)  # type: ignore[attr-defined]
        topic.voted = topic.pk in mine  # type: ignore[attr-defined]
    return {
        "discussion": discussion,
        "groups": groups,
        "topics": topics,
        "accepted": [t for t in topics if t.status == TopicStatus.ACCEPTED],
        "proposed": [t for t in topics if t.status == TopicStatus.PROPOSED],
        "removed": [t for t in topics if t.status == TopicStatus.REMOVED],
        "results": ranked,
        "voters": [(g, voters.get(g.pk, 0)) for g in groups],
        "voter_total": sum(voters.values()),
        "my_votes": mine,
        "my_group": my_group,
        "moderator": moderator,
        "member": perms.can(Action.CONTRIBUTE, discussion),
        "goals": [t for t in topics if t.goal_id is not None],
    }


def goal_trail(report_id: int) -> dict[int, list[Topic]]:
    """The topics of the report's value discussions that became its goals, each with its total of votes
    (`vote_count`): goal id → topics (one query)."""
    found = (
        Topic.objects.filter(discussion__report_id=report_id, goal__isnull=False)
        .select_related("discussion")
        .annotate(vote_count=Count("votes"))
        .order_by("pk")
    )
    trail: dict[int, list[Topic]] = defaultdict(list)
    for topic in found:
        trail[topic.goal_id or 0].append(topic)
    return trail
