"""The value discussion (arvokeskustelu, seed 002, issue 18): where are we → what matters → goals. The welfare
group (and, where the coordinator opens it, residents on the public site) collects topics of joy and worry, links
each to the indicators that confirm or contradict it, votes on what matters most per group of participants, and
the coordinator turns the chosen topics into draft goals of the plan, the trail from topic to goal kept."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from hyte.accounts.models import Organisation

MAX_TOPIC = 1000  # characters of a topic's text
DEFAULT_VOTES = 3


class Phase(models.TextChoices):
    COLLECTING = "collecting", _("collecting topics")
    VOTING = "voting", _("voting")
    CLOSED = "closed", _("closed")


class Discussion(models.Model):
    """A value discussion kept by an organisation, tied to a draft welfare report or plan of it."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey(
        "reports.Report", verbose_name=_("plan"), on_delete=models.CASCADE, related_name="value_discussions"
    )
    title = models.CharField(_("title"), max_length=300)
    title_sv = models.CharField(_("title in Swedish"), max_length=300, blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    introduction_sv = models.TextField(_("introduction in Swedish"), blank=True)
    phase = models.CharField(_("phase"), max_length=12, choices=Phase.choices, default=Phase.COLLECTING)
    votes_per_participant = models.PositiveSmallIntegerField(_("votes per participant"), default=DEFAULT_VOTES)
    residents = models.BooleanField(
        _("residents take part"),
        default=False,
        help_text=_("Residents propose topics and vote on the public site, as the group of residents."),
    )
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("value discussion")
        verbose_name_plural = _("value discussions")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(votes_per_participant__gte=1, votes_per_participant__lte=20),
                name="discussion_votes_1_20",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_organisation(self) -> Organisation:
        return self.organisation


class ParticipantGroup(models.Model):
    """A group whose participants vote (the welfare group, the youth council, residents …)."""

    discussion = models.ForeignKey(Discussion, on_delete=models.CASCADE, related_name="groups")
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("name"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    is_residents = models.BooleanField(_("residents on the public site"), default=False)

    class Meta:
        verbose_name = _("group of participants")
        verbose_name_plural = _("groups of participants")
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["discussion", "name"], name="participant_group_name_once")]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_organisation(self) -> Organisation:
        return self.discussion.organisation


class TopicKind(models.TextChoices):
    JOY = "joy", _("joy")
    WORRY = "worry", _("worry")


class TopicStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    ACCEPTED = "accepted", _("accepted")
    REMOVED = "removed", _("merged or removed")


class Topic(models.Model):
    """A topic of joy or worry (ilon ja huolen aihe)."""

    discussion = models.ForeignKey(Discussion, on_delete=models.CASCADE, related_name="topics")
    kind = models.CharField(_("kind"), max_length=10, choices=TopicKind.choices)
    text = models.TextField(_("topic"))
    text_sv = models.TextField(_("topic in Swedish"), blank=True)
    group = models.ForeignKey(
        ParticipantGroup,
        verbose_name=_("raised by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comment = models.ForeignKey(
        "participation.Comment",
        verbose_name=_("from the comment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="topics",
    )
    status = models.CharField(_("status"), max_length=10, choices=TopicStatus.choices)
    removed_reason = models.CharField(_("reason"), max_length=300, blank=True)
    merged_into = models.ForeignKey(
        "self", verbose_name=_("merged into"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    goal = models.ForeignKey(
        "reports.Goal", verbose_name=_("goal"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposer = models.CharField(max_length=64, blank=True)  # a keyed hash of who proposed it (never in the clear)
    created_at = models.DateTimeField(_("proposed"))

    class Meta:
        verbose_name = _("topic of joy or worry")
        verbose_name_plural = _("topics of joy and worry")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def audit_organisation(self) -> Organisation:
        return self.discussion.organisation


class Stance(models.TextChoices):
    CONFIRMS = "confirms", _("confirms")
    CONTRADICTS = "contradicts", _("contradicts")


class TopicIndicator(models.Model):
    """An indicator (a survey's result included) that confirms or contradicts a topic."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="indicator_links")
    indicator = models.ForeignKey(
        "indicators.Indicator", verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    stance = models.CharField(_("the indicator"), max_length=12, choices=Stance.choices)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["topic", "indicator"], name="topic_indicator_once")]

    def __str__(self) -> str:
        return f"{self.topic_id}: {self.indicator_id}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.topic.discussion.organisation


class Vote(models.Model):
    """One participant's vote for one topic, in their group; a participant's votes are replaced together."""

    discussion = models.ForeignKey(Discussion, on_delete=models.CASCADE, related_name="votes")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="votes")
    group = models.ForeignKey(ParticipantGroup, on_delete=models.CASCADE, related_name="votes")
    voter = models.CharField(max_length=64)  # a keyed hash of the signed-in user or of the session
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["topic", "voter"], name="vote_once_per_topic")]
        indexes = [models.Index(fields=["discussion", "voter"])]

    def __str__(self) -> str:
        return f"vote for {self.topic_id}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.discussion.organisation
