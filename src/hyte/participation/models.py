"""Residents' voice on a draft (issue 18): comment rounds on a welfare report or plan, an annual report or an impact
assessment, with the sections open for comments (their draft text kept as it was when the round opened),
residents' comments, replies, supports and flags, a short poll per section, statements of councils and NGOs, the
changes the comments caused, and the summary written before the round is closed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hyte.core import clock

if TYPE_CHECKING:
    from hyte.accounts.models import Organisation


class RoundState(models.TextChoices):
    UPCOMING = "upcoming", _("not yet open")
    OPEN = "open", _("open for comments")
    ENDED = "ended", _("period ended, summary to write")
    CLOSED = "closed", _("closed")


class Round(models.Model):
    """A draft opened for comments for a period."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey(
        "reports.Report",
        verbose_name=_("draft"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comment_rounds",
    )
    assessment = models.ForeignKey(
        "assessments.Assessment",
        verbose_name=_("impact assessment"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comment_rounds",
    )
    title = models.CharField(_("title"), max_length=300)
    title_sv = models.CharField(_("title in Swedish"), max_length=300, blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    introduction_sv = models.TextField(_("introduction in Swedish"), blank=True)
    opens_on = models.DateField(_("open from"))
    closes_on = models.DateField(_("open until"))
    anonymous_allowed = models.BooleanField(
        _("anonymous comments allowed"),
        default=True,
        help_text=_("Residents may comment without signing in, under a nickname."),
    )
    premoderated = models.BooleanField(
        _("pre-moderated"), default=False, help_text=_("Comments are shown once a coordinator has published them.")
    )
    summary = models.TextField(_("summary"), blank=True)
    summary_sv = models.TextField(_("summary in Swedish"), blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("comment round")
        verbose_name_plural = _("comment rounds")
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(closes_on__gte=models.F("opens_on")), name="round_closes_after"),
            # The draft is a report or an impact assessment, never both or neither.
            models.CheckConstraint(
                condition=models.Q(report__isnull=False, assessment__isnull=True)
                | models.Q(report__isnull=True, assessment__isnull=False),
                name="round_one_draft",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_organisation(self) -> Organisation:
        return self.organisation

    @property
    def draft_title(self) -> str:
        """The title of the draft opened for comments: the report's, or the decision the assessment is for."""
        return self.report.title if self.report is not None else self.assessment.title if self.assessment else ""

    @property
    def draft_title_sv(self) -> str:
        return (self.report.title_sv if self.report is not None else "") or self.draft_title

    @property
    def state(self) -> RoundState:
        if self.closed_at is not None:
            return RoundState.CLOSED
        today = clock.today()
        if today < self.opens_on:
            return RoundState.UPCOMING
        if today <= self.closes_on:
            return RoundState.OPEN
        return RoundState.ENDED

    @property
    def is_public(self) -> bool:
        return self.state != RoundState.UPCOMING

    @property
    def is_open(self) -> bool:
        return self.state == RoundState.OPEN


class PollKind(models.TextChoices):
    NONE = "", _("no poll")
    CHOICE = "choice", _("choose one")
    SCALE = "scale", _("scale 1–5")


class RoundSection(models.Model):
    """A section of the draft open for comments: its text as it was when the round opened."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="sections")
    section = models.ForeignKey("reports.Section", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    position = models.PositiveIntegerField(default=0)
    key = models.CharField(max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=300)
    title_sv = models.CharField(_("title in Swedish"), max_length=300, blank=True)
    text = models.TextField(_("draft text"), blank=True)
    text_sv = models.TextField(_("draft text in Swedish"), blank=True)
    poll_kind = models.CharField(_("poll"), max_length=10, choices=PollKind.choices, blank=True, default="")
    poll_question = models.CharField(_("poll question"), max_length=300, blank=True)
    poll_question_sv = models.CharField(_("poll question in Swedish"), max_length=300, blank=True)
    poll_choices = models.JSONField(_("poll choices"), default=list, blank=True)  # [[fi, sv], ...]

    class Meta:
        verbose_name = _("section open for comments")
        verbose_name_plural = _("sections open for comments")
        ordering = ["round", "position", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_organisation(self) -> Organisation:
        return self.round.organisation


class Source(models.TextChoices):
    WEB = "web", _("on the web")
    PAPER = "paper", _("on paper")
    EVENT = "event", _("at an event")
    EMAIL = "email", _("by e-mail")


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("waiting for moderation")
    PUBLISHED = "published", _("published")
    HIDDEN = "hidden", _("removed")


class HideReason(models.TextChoices):
    PERSONAL_DATA = "personal_data", _("personal data")
    ABUSE = "abuse", _("offensive or abusive")
    SPAM = "spam", _("advertising or spam")
    OFF_TOPIC = "off_topic", _("not about the draft")
    AUTHOR_REQUEST = "author_request", _("at the writer's request")


class Change(models.Model):
    """A change made to the text after feedback, to which comments are linked."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="changes")
    section = models.ForeignKey(RoundSection, on_delete=models.CASCADE, related_name="changes")
    description = models.TextField(_("what changed"))
    description_sv = models.TextField(_("what changed, in Swedish"), blank=True)
    created_at = models.DateTimeField(_("recorded"))

    class Meta:
        verbose_name = _("change after feedback")
        verbose_name_plural = _("changes after feedback")
        ordering = ["section__position", "id"]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def audit_organisation(self) -> Organisation:
        return self.round.organisation


class Comment(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="comments")
    section = models.ForeignKey(RoundSection, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    nickname = models.CharField(_("nickname"), max_length=60, blank=True)
    quote = models.TextField(_("quoted passage"), blank=True)
    text = models.TextField(_("comment"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.WEB)
    status = models.CharField(_("status"), max_length=10, choices=CommentStatus.choices)
    hidden_reason = models.CharField(_("reason"), max_length=20, choices=HideReason.choices, blank=True)
    redacted = models.BooleanField(_("personal data removed"), default=False)
    answer = models.TextField(_("official answer"), blank=True)
    answer_sv = models.TextField(_("official answer in Swedish"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    change = models.ForeignKey(
        Change, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments", verbose_name=_("change")
    )
    client_hash = models.CharField(max_length=64, blank=True)  # a keyed hash of the address, for rate limits
    created_at = models.DateTimeField(_("written"))

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["round", "status"])]

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.round.organisation


class Support(models.Model):
    """A reader's support of a comment: one per reader (a signed-in user, or a keyed hash of the session)."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="supports")
    reader = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "reader"], name="support_once")]

    def __str__(self) -> str:
        return f"support of #{self.comment_id}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.comment.round.organisation


class Flag(models.Model):
    """A reader's report that a comment breaks the rules; the moderators see the count."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="flags")
    reader = models.CharField(max_length=64)
    reason = models.CharField(_("reason"), max_length=20, choices=HideReason.choices)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "reader"], name="flag_once")]

    def __str__(self) -> str:
        return f"flag of #{self.comment_id}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.comment.round.organisation


class PollAnswer(models.Model):
    section = models.ForeignKey(RoundSection, on_delete=models.CASCADE, related_name="answers")
    reader = models.CharField(max_length=64)
    value = models.PositiveSmallIntegerField()  # a choice's index from 0, or the scale's 1–5

    class Meta:
        constraints = [models.UniqueConstraint(fields=["section", "reader"], name="poll_answer_once")]

    def __str__(self) -> str:
        return f"answer to {self.section_id}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.section.round.organisation


class Statement(models.Model):
    """A statement asked of a council or an NGO on the draft, and given."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="statements")
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author_name = models.CharField(_("council or organisation"), max_length=300)
    author_name_sv = models.CharField(_("council or organisation in Swedish"), max_length=300, blank=True)
    requested_at = models.DateTimeField(_("requested"))
    due_on = models.DateField(_("due"), null=True, blank=True)
    text = models.TextField(_("statement"), blank=True)
    text_sv = models.TextField(_("statement in Swedish"), blank=True)
    data = models.BinaryField(_("file"), null=True, blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    given_at = models.DateTimeField(_("given"), null=True, blank=True)

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["requested_at", "id"]

    def __str__(self) -> str:
        return self.author_name

    @property
    def audit_organisation(self) -> Organisation:
        return self.round.organisation


# The value discussion's models live in their own module; imported here so Django finds them.
from hyte.participation.discussion_models import (  # noqa: E402
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

__all__ = [
    "Change",
    "Comment",
    "CommentStatus",
    "Discussion",
    "Flag",
    "HideReason",
    "ParticipantGroup",
    "Phase",
    "PollAnswer",
    "PollKind",
    "Round",
    "RoundSection",
    "RoundState",
    "Source",
    "Stance",
    "Statement",
    "Support",
    "Topic",
    "TopicIndicator",
    "TopicKind",
    "TopicStatus",
    "Vote",
]
