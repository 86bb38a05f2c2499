"""The value discussion run by the coordinator: started on a draft plan with its groups of participants, a group
added, its phase changed (collecting topics → voting → closed), and chosen topics turned into draft goals of the
plan through the reports' own service (the topic keeps its goal: the trail from topic to goal)."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor
from hyte.participation.discussion_models import (
    DEFAULT_VOTES,
    Discussion,
    ParticipantGroup,
    Phase,
    Topic,
    TopicStatus,
)
from hyte.participation.services._common import line, text
from hyte.reports import services as reports
from hyte.reports.models import Goal, Report, ReportStatus

MAX_VOTES = 20


def _residents_group_name() -> tuple[str, str]:
    return "Asukkaat", "Invånare"  # the group's name is content (fi, sv), like the others' names


def _draft(report: Report) -> None:
    if report.status in (ReportStatus.APPROVED, ReportStatus.PUBLISHED) or report.is_frozen:
        raise ValidationError(
            _("The plan has been approved: its goals no longer change here. Propose an amendment to the plan instead.")
        )


def _votes(value: int) -> int:
    if not 1 <= value <= MAX_VOTES:
        raise ValidationError(_("Give each participant 1 to %(max)s votes.") % {"max": MAX_VOTES})
    return value


def _group(discussion: Discussion, name: str, name_sv: str, *, position: int, residents: bool) -> ParticipantGroup:
    name = line(name, 200)
    if not name:
        raise ValidationError(_("Give the group a name."))
    if ParticipantGroup.objects.filter(discussion=discussion, name__iexact=name).exists():
        raise ValidationError(_("The discussion has a group of that name already."))
    return ParticipantGroup.objects.create(
        discussion=discussion, name=name, name_sv=line(name_sv, 200), position=position, is_residents=residents
    )


@audit.service(AuditAction.DISCUSSION_CREATE)
def start_discussion(
    *,
    actor: Actor,
    report: Report,
    title: str,
    groups: Sequence[tuple[str, str]],
    title_sv: str = "",
    introduction: str = "",
    introduction_sv: str = "",
    votes_per_participant: int = DEFAULT_VOTES,
    residents: bool = False,
) -> Discussion:
    """A value discussion on `report` (a draft plan of the organisation) with its groups of participants (fi, sv
    names); where `residents` take part, their group is added."""
    require(actor, Action.EDIT, report)
    _draft(report)
    title = line(title, 300)
    if not title:
        raise ValidationError(_("Give the discussion a title."))
    named = [(fi, sv) for fi, sv in groups if line(fi, 200)]
    if not named and not residents:
        raise ValidationError(_("Name at least one group of participants, e.g. the welfare group."))
    discussion = audit.create(
        Discussion,
        audit_fields=["report", "title", "votes_per_participant", "residents"],
        organisation=report.organisation,
        report=report,
        title=title,
        title_sv=line(title_sv, 300),
        introduction=text(introduction, 5000, _("The introduction")),
        introduction_sv=text(introduction_sv, 5000, _("The introduction")),
        votes_per_participant=_votes(votes_per_participant),
        residents=residents,
        created_at=clock.now(),
    )
    made = [_group(discussion, fi, sv, position=i, residents=False) for i, (fi, sv) in enumerate(named, start=1)]
    if residents:
        made.append(_group(discussion, *_residents_group_name(), position=len(made) + 1, residents=True))
    audit.record(discussion, changes={"groups": [[], [g.name for g in made]]})
    return discussion


@audit.service(AuditAction.DISCUSSION_UPDATE)
def add_group(*, actor: Actor, discussion: Discussion, name: str, name_sv: str = "") -> ParticipantGroup:
    require(actor, Action.EDIT, discussion)
    if discussion.phase == Phase.CLOSED:
        raise ValidationError(_("The discussion is closed."))
    position = discussion.groups.count() + 1
    group = _group(discussion, name, name_sv, position=position, residents=False)
    audit.record(discussion, changes={"group": [None, group.name]})
    return group


@audit.service(AuditAction.DISCUSSION_UPDATE)
def change_discussion(
    *,
    actor: Actor,
    discussion: Discussion,
    votes_per_participant: int,
    residents: bool,
    introduction: str = "",
    introduction_sv: str = "",
) -> Discussion:
    """The votes each participant has (not once voting has begun) and whether residents take part (their group is
    added when they first do)."""
    require(actor, Action.EDIT, discussion)
    if discussion.phase == Phase.CLOSED:
        raise ValidationError(_("The discussion is closed."))
    if votes_per_participant != discussion.votes_per_participant and discussion.votes.exists():
        raise ValidationError(_("Votes have been given: the number of votes no longer changes."))
    if residents and not discussion.groups.filter(is_residents=True).exists():
        _group(discussion, *_residents_group_name(), position=discussion.groups.count() + 1, residents=True)
    audit.update(
        discussion,
        votes_per_participant=_votes(votes_per_participant),
        residents=residents,
        introduction=text(introduction, 5000, _("The introduction")),
        introduction_sv=text(introduction_sv, 5000, _("The introduction")),
    )
    return discussion


@audit.service(AuditAction.DISCUSSION_PHASE)
def set_phase(*, actor: Actor, discussion: Discussion, phase: str) -> Discussion:
    """Move the discussion to collecting topics, voting or closed (the coordinator decides; a closed one may be
    opened again)."""
    require(actor, Action.EDIT, discussion)
    if phase not in Phase.values:
        raise ValidationError(_("Choose the phase."))
    if phase == Phase.VOTING and not discussion.topics.filter(status=TopicStatus.ACCEPTED).exists():
        raise ValidationError(_("Accept at least one topic before voting begins."))
    audit.update(discussion, phase=phase)
    return discussion


@audit.service(AuditAction.TOPIC_GOAL)
def topic_to_goal(
    *,
    actor: Actor,
    topic: Topic,
    text: str,
    text_sv: str = "",
    theme: str = "",
    age_group: str = "all",
) -> Goal:
    """Turn an accepted topic into a draft goal of the discussion's plan (the reports' `add_goal`), the text as
    the coordinator edited it; the topic keeps its goal."""
    discussion = topic.discussion
    require(actor, Action.EDIT, discussion)
    report = discussion.report
    if report.organisation_id != discussion.organisation_id:
        raise ValidationError(_("The plan is not the discussion's organisation's."))
    _draft(report)
    if topic.status != TopicStatus.ACCEPTED:
        raise ValidationError(_("Only an accepted topic can become a goal."))
    if topic.goal_id is not None:
        raise ValidationError(_("The topic is a goal of the plan already."))
    if not (text or "").strip():
        raise ValidationError(_("Write the goal."))
    origin, origin_sv = _origin(topic)
    goal = reports.add_goal(
        actor=actor,
        report=report,
        text=text,
        text_sv=text_sv,
        theme=theme,
        age_group=age_group or "all",
        origin=origin,
        origin_sv=origin_sv,
    )
    audit.update(topic, goal=goal)
    return goal


def _origin(topic: Topic) -> tuple[str, str]:
    """The trail the goal keeps in the plan and its published versions: the topic, its kind and its votes now,
    in Finnish and Swedish."""
    votes = topic.votes.count()
    found = []
    for language in ("fi", "sv"):
        with translation.override(language):
            words = topic.text_sv if language == "sv" and topic.text_sv else topic.text
            found.append(
                ngettext(
                    "From the value discussion: %(text)s (%(kind)s, %(votes)s vote)",
                    "From the value discussion: %(text)s (%(kind)s, %(votes)s votes)",
                    votes,
                )
                % {"text": " ".join(words.split()), "kind": topic.get_kind_display(), "votes": votes}
            )
    return found[0], found[1]
