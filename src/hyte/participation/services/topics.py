"""Topics of joy and worry in a value discussion: proposed by participants (the organisation's members' at once
accepted, residents' shown once a coordinator accepts them), made from a resident's comment, accepted, merged or
removed with the reason, linked to the indicators that confirm or contradict them; and the participants' votes."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.permissions import Action, permissions_for, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor, SystemActor, Viewer
from hyte.indicators.models import Indicator
from hyte.indicators.queries import visible_indicators
from hyte.participation.discussion_models import (
    MAX_TOPIC,
    Discussion,
    ParticipantGroup,
    Phase,
    Stance,
    Topic,
    TopicIndicator,
    TopicKind,
    TopicStatus,
    Vote,
)
from hyte.participation.models import Comment, CommentStatus
from hyte.participation.services._common import line, reader_of, text


def _is_member(actor: Viewer, discussion: Discussion) -> bool:
    """One of the organisation's members: votes in a group of their choice; their topics are accepted at once."""
    return permissions_for(actor).can(Action.CONTRIBUTE, discussion)


def _kind(kind: str) -> str:
    if kind not in TopicKind.values:
        raise ValidationError(_("Choose whether the topic is one of joy or of worry."))
    return kind


def _text(value: str, value_sv: str) -> tuple[str, str]:
    fi = text(value, MAX_TOPIC, _("The topic"))
    sv = text(value_sv, MAX_TOPIC, _("The topic in Swedish"))
    if not fi and not sv:
        raise ValidationError(_("Write the topic."))
    return fi or sv, sv


def _group_of(discussion: Discussion, group: ParticipantGroup | None, actor: Viewer) -> ParticipantGroup:
    """The member's chosen group; anyone else's (and a member's who chooses none, e.g. on the public site) is the
    residents' group, where residents take part."""
    member = _is_member(actor, discussion)
    if member and group is not None:
        if group.discussion_id != discussion.pk:
            raise ValidationError(_("Choose a group of this discussion."))
        return group
    residents = next((g for g in discussion.groups.all() if g.is_residents), None)
    if residents is None or not discussion.residents:
        if member:
            raise ValidationError(_("Choose your group."))
        raise ValidationError(_("Residents do not take part in this discussion."))
    return residents


@audit.service(AuditAction.TOPIC_PROPOSE)
def propose_topic(
    *,
    actor: Viewer,
    discussion: Discussion,
    kind: str,
    text: str,
    text_sv: str = "",
    group: ParticipantGroup | None = None,
    reader: str = "",
) -> Topic:
    """A topic of joy or worry, while topics are collected. A member's topic is accepted at once, in the group
    they choose; a resident's (the residents' group) is shown once a coordinator has accepted it."""
    require(actor, Action.COMMENT, discussion)
    if discussion.phase != Phase.COLLECTING:
        raise ValidationError(_("Topics are no longer collected in this discussion."))
    fi, sv = _text(text, text_sv)
    chosen = _group_of(discussion, group, actor)
    return audit.create(
        Topic,
        audit_fields=["kind", "text", "group", "status"],
        discussion=discussion,
        kind=_kind(kind),
        text=fi,
        text_sv=sv,
        group=chosen,
        status=TopicStatus.PROPOSED if chosen.is_residents else TopicStatus.ACCEPTED,
        proposer="" if isinstance(actor, SystemActor) else reader_of(actor, reader),
        created_at=clock.now(),
    )


@audit.service(AuditAction.TOPIC_FROM_COMMENT)
def topic_from_comment(
    *,
    actor: Actor,
    discussion: Discussion,
    comment: Comment,
    kind: str,
    text: str = "",
    text_sv: str = "",
    group: ParticipantGroup | None = None,
) -> Topic:
    """A topic made by a coordinator from a published comment of a round of the same organisation (its text by
    default), accepted; the topic keeps the comment it came from."""
    require(actor, Action.EDIT, discussion)
    if comment.round.organisation_id != discussion.organisation_id or comment.status != CommentStatus.PUBLISHED:
        raise ValidationError(_("Choose a published comment of a comment round of this organisation."))
    if discussion.phase == Phase.CLOSED:
        raise ValidationError(_("The discussion is closed."))
    if group is not None and group.discussion_id != discussion.pk:
        raise ValidationError(_("Choose a group of this discussion."))
    if group is None:
        group = next((g for g in discussion.groups.all() if g.is_residents), None)
    fi, sv = _text(text or comment.text, text_sv)
    return audit.create(
        Topic,
        audit_fields=["kind", "text", "group", "comment", "status"],
        discussion=discussion,
        kind=_kind(kind),
        text=fi,
        text_sv=sv,
        group=group,
        comment=comment,
        status=TopicStatus.ACCEPTED,
        created_at=clock.now(),
    )


@audit.service(AuditAction.TOPIC_MODERATE)
def moderate_topic(
    *, actor: Actor, topic: Topic, accept: bool, reason: str = "", merged_into: Topic | None = None
) -> Topic:
    """Accept a proposed topic, or remove one with the reason shown (or merge it into another of the discussion's
    topics). A topic with votes or a goal is not removed."""
    require(actor, Action.EDIT, topic)
    if accept:
        audit.update(topic, status=TopicStatus.ACCEPTED, removed_reason="", merged_into=None)
        return topic
    if topic.goal_id is not None or topic.votes.exists():
        raise ValidationError(_("The topic has votes or has become a goal: it is not removed."))
    if merged_into is not None and (merged_into.discussion_id != topic.discussion_id or merged_into.pk == topic.pk):
        raise ValidationError(_("Merge the topic into another topic of this discussion."))
    reason = line(reason, 300)
    if merged_into is None and not reason:
        raise ValidationError(_("Give the reason for removing the topic: it is shown in its place."))
    audit.update(topic, status=TopicStatus.REMOVED, removed_reason=reason, merged_into=merged_into)
    return topic


@audit.service(AuditAction.TOPIC_INDICATOR)
def link_indicator(*, actor: Actor, topic: Topic, indicator: Indicator, stance: str) -> TopicIndicator:
    """Show an indicator (a survey's result too: surveys store theirs as indicators) beside the topic, as one
    that confirms or contradicts it; linking it again changes its stance."""
    require(actor, Action.EDIT, topic)
    if stance not in Stance.values:
        raise ValidationError(_("Choose whether the indicator confirms or contradicts the topic."))
    if not visible_indicators(actor).filter(pk=indicator.pk).exists():
        raise ValidationError(_("Unknown indicator."))
    found = TopicIndicator.objects.filter(topic=topic, indicator=indicator).first()
    if found is not None:
        audit.update(found, stance=stance)
        return found
    return audit.create(
        TopicIndicator, audit_fields=["topic", "indicator", "stance"], topic=topic, indicator=indicator, stance=stance
    )


@audit.service(AuditAction.TOPIC_INDICATOR)
def unlink_indicator(*, actor: Actor, link: TopicIndicator) -> None:
    require(actor, Action.EDIT, link.topic)
    audit.delete(link, changes={"indicator": [link.indicator_id, None]})


@audit.service(AuditAction.DISCUSSION_VOTE)
def vote(
    *,
    actor: Viewer,
    discussion: Discussion,
    topics: Sequence[Topic],
    group: ParticipantGroup | None = None,
    reader: str = "",
) -> list[Vote]:
    """A participant's votes, at most one per topic and at most the discussion's number, only while voting: they
    replace the participant's earlier votes (none given withdraws them). Members vote in the group they choose,
    residents as residents."""
    require(actor, Action.COMMENT, discussion)
    if discussion.phase != Phase.VOTING:
        raise ValidationError(_("Voting is not open in this discussion."))
    chosen = _group_of(discussion, group, actor)
    voter = reader_of(actor, reader)
    ids = [t.pk for t in topics]
    if len(set(ids)) != len(ids):
        raise ValidationError(_("Give at most one vote to each topic."))
    if len(ids) > discussion.votes_per_participant:
        raise ValidationError(
            _("You have %(n)s votes; you gave %(given)s.") % {"n": discussion.votes_per_participant, "given": len(ids)}
        )
    if any(t.discussion_id != discussion.pk or t.status != TopicStatus.ACCEPTED for t in topics):
        raise ValidationError(_("Vote only for the discussion's accepted topics."))
    earlier = sorted(Vote.objects.filter(discussion=discussion, voter=voter).values_list("topic_id", flat=True))
    Vote.objects.filter(discussion=discussion, voter=voter).delete()
    now = clock.now()
    made = Vote.objects.bulk_create(
        Vote(discussion=discussion, topic=t, group=chosen, voter=voter, created_at=now) for t in topics
    )
    audit.record(discussion, changes={"group": [None, chosen.name], "topics": [earlier, sorted(ids)]})
    return made
