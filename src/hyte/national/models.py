"""The national view (issue 19): the hyte resources survey, sent in rounds (one a year) by a national body to all
municipalities or all counties, or by a county to its municipalities, and answered by each organisation in Hyte.

The fixed questions are those of Kuntaliitto's resources survey (seed 001): is a hyte coordinator named (and
who), how many person-years the coordination has, which structures exist, what cooperation with the county is
agreed. A sender adds its own questions (yes/no, number, choice, text); their answers are kept by question."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hyte.regions.models import localized

if TYPE_CHECKING:
    from hyte.accounts.models import Organisation


class Scope(models.TextChoices):
    ALL_MUNICIPALITIES = "all_municipalities", _("all municipalities")
    COUNTY_MUNICIPALITIES = "county_municipalities", _("the county's municipalities")
    ALL_COUNTIES = "all_counties", _("all wellbeing services counties")


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("being prepared")
    OPEN = "open", _("open for answers")
    CLOSED = "closed", _("closed")


class Structure(models.TextChoices):
    """Structures of hyte work the survey asks about (seed 001)."""

    WELFARE_GROUP = "welfare_group", _("welfare group (cross-sector working group)")
    STEERING_GROUP = "steering_group", _("hyte steering group")
    MANAGEMENT = "management", _("hyte in the management group's agenda")
    COUNCIL_BODY = "council_body", _("an elected body responsible for hyte")
    NETWORK = "network", _("hyte contact persons in every branch")


class QuestionKind(models.TextChoices):
    YES_NO = "yes_no", _("yes or no")
    NUMBER = "number", _("number")
    CHOICE = "choice", _("choice")
    TEXT = "text", _("text")


class AnswerStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")


class SurveyRound(models.Model):
    """One round of the resources survey: its sender, the organisations asked, when it is open."""

    sender = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("sent by"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveIntegerField(_("year"))
    title_fi = models.CharField(_("title in Finnish"), max_length=200)
    title_sv = models.CharField(_("title in Swedish"), max_length=200, blank=True)
    scope = models.CharField(_("asked from"), max_length=30, choices=Scope.choices)
    closes_on = models.DateField(_("closes on"))
    status = models.CharField(_("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.DRAFT)
    answers_public = models.BooleanField(
        _("answers are public"),
        default=False,
        help_text=_("Submitted answers are shown on the public national overview and in its open data."),
    )
    recipients = models.ManyToManyField(
        "accounts.Organisation", blank=True, related_name="+", verbose_name=_("organisations asked")
    )
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("resources survey round")
        verbose_name_plural = _("resources survey rounds")
        ordering = ["-year", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def audit_organisation(self) -> Organisation:
        return self.sender


class Question(models.Model):
    """A question the sender adds to the fixed ones."""

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    text_fi = models.CharField(_("question in Finnish"), max_length=300)
    text_sv = models.CharField(_("question in Swedish"), max_length=300, blank=True)
    choices = models.JSONField(_("choices"), default=list, blank=True, help_text=_("For a choice: the options."))

    class Meta:
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        ordering = ["round", "position"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return localized(self, "text")

    @property
    def audit_organisation(self) -> Organisation:
        return self.round.sender


class Answer(models.Model):
    """One organisation's answer to a round: saved as a draft, submitted, corrected until the round closes."""

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="answers")
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=AnswerStatus.choices, default=AnswerStatus.DRAFT)
    coordinator_named = models.BooleanField(_("a hyte coordinator is named"), null=True, blank=True)
    coordinator_name = models.CharField(_("the coordinator"), max_length=200, blank=True)
    person_years = models.DecimalField(
        _("person-years for hyte coordination"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    structures = models.JSONField(_("structures"), default=list, blank=True)
    county_cooperation = models.TextField(_("cooperation agreed with the county"), blank=True)
    extra = models.JSONField(_("answers to the added questions"), default=dict, blank=True)
    updated_at = models.DateTimeField(_("updated"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("resources survey answer")
        verbose_name_plural = _("resources survey answers")
        ordering = ["round", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["round", "organisation"], name="national_answer_unique")]

    def __str__(self) -> str:
        return f"{self.organisation} / {self.round}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.organisation
