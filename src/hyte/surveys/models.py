"""Residents' own welfare surveys as data (issue 18): a survey round of an organisation, its structure (questions
and answer scales), the imports of its respondent-level results, the respondents' answers (kept only until the
date the coordinator sets, never shown row by row), the background questions that form population groups, the
indicators defined from questions and their computed cells (count, base, share, Wilson interval, suppressed)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hyte.indicators.models import Polarity
from hyte.regions.models import localized

if TYPE_CHECKING:
    from hyte.accounts.models import Organisation

DEFAULT_MIN_CELL = 5
LOWEST_MIN_CELL = 3


class SurveyTool(models.TextChoices):
    LIMESURVEY = "limesurvey", _("LimeSurvey (response export with its survey structure file)")
    TABLE = "table", _("a table with one row per respondent (Webropol, Microsoft Forms, other)")


class Survey(models.Model):
    """One round of an organisation's own welfare survey (e.g. "Minun arkeni" 2026)."""

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="surveys"
    )
    title_fi = models.CharField(_("title in Finnish"), max_length=300)
    title_sv = models.CharField(_("title in Swedish"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    tool = models.CharField(_("survey tool"), max_length=20, choices=SurveyTool.choices, default=SurveyTool.TABLE)
    min_cell = models.PositiveSmallIntegerField(
        _("smallest group shown"),
        default=DEFAULT_MIN_CELL,
        help_text=_("A group with fewer respondents than this is suppressed (never below 3)."),
    )
    keep_responses_until = models.DateField(
        _("keep the answers until"),
        null=True,
        blank=True,
        help_text=_("After this day the respondents' answers are deleted; the computed indicators stay."),
    )
    questions = models.JSONField(
        _("questions"), default=list, blank=True, help_text=_("The structure: codes, texts and answer scales.")
    )
    respondents = models.PositiveIntegerField(_("respondents"), default=0)
    responses_deleted_at = models.DateTimeField(_("answers deleted"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"))
    updated_at = models.DateTimeField(_("updated"))

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-year", "title_fi", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(min_cell__gte=LOWEST_MIN_CELL), name="survey_min_cell_at_least_3")
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.year}"

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def audit_organisation(self) -> Organisation:
        return self.organisation

    def question(self, code: str) -> dict[str, Any] | None:
        return next((q for q in self.questions if q.get("code") == code), None)


class ImportStatus(models.TextChoices):
    MAPPING = "mapping", _("choosing the columns")
    PREVIEW = "preview", _("preview")
    DONE = "done", _("imported")
    DISCARDED = "discarded", _("discarded")


class SurveyImport(models.Model):
    """One upload of respondent-level results: mapped, previewed, then confirmed (replacing the survey's answers)
    or discarded. The file is kept only until then."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="imports")
    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.MAPPING)
    filename = models.CharField(_("file"), max_length=300, blank=True)
    upload = models.BinaryField(_("uploaded file"), null=True, blank=True)
    mapping = models.JSONField(_("columns"), default=dict, blank=True)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    rows_kept = models.PositiveIntegerField(_("respondents kept"), default=0)
    rejected = models.JSONField(_("rejected rows"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey import")
        verbose_name_plural = _("survey imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.survey}: {self.filename}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.survey.organisation

    @property
    def is_open(self) -> bool:
        return self.status in (ImportStatus.MAPPING, ImportStatus.PREVIEW)


class Response(models.Model):
    """One respondent's answers, by question code. Never shown row by row; deleted after the retention date."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    respondent = models.CharField(max_length=100)
    answers = models.JSONField(default=dict)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "respondent"], name="response_unique_respondent")]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.respondent}"


class Dimension(models.TextChoices):
    GENDER = "gender", _("gender")
    AGE_GROUP = "age_group", _("age group")
    OTHER = "other", _("other grouping (village, district …)")


class Grouping(models.Model):
    """A background question whose answers form population groups: `groups` is a list of
    {"key", "label_fi", "label_sv", "values": [answer codes]}; for gender the keys are "male" and "female"."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="groupings")
    question = models.CharField(_("question"), max_length=100)
    dimension = models.CharField(_("kind"), max_length=10, choices=Dimension.choices)
    title_fi = models.CharField(_("title in Finnish"), max_length=200)
    title_sv = models.CharField(_("title in Swedish"), max_length=200, blank=True)
    groups = models.JSONField(_("groups"), default=list)

    class Meta:
        verbose_name = _("population grouping")
        verbose_name_plural = _("population groupings")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def audit_organisation(self) -> Organisation:
        return self.survey.organisation


class SurveyIndicator(models.Model):
    """An indicator defined from a question: the share of valid answers that are one of `counted`."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="indicators")
    question = models.CharField(_("question"), max_length=100)
    counted = models.JSONField(_("answers counted"), default=list)
    title_fi = models.CharField(_("title in Finnish"), max_length=300)
    title_sv = models.CharField(_("title in Swedish"), max_length=300)
    polarity = models.CharField(_("polarity"), max_length=10, choices=Polarity.choices, default=Polarity.NO_JUDGEMENT)
    groupings = models.ManyToManyField(Grouping, blank=True, related_name="indicators", verbose_name=_("by groups"))

    class Meta:
        verbose_name = _("survey indicator")
        verbose_name_plural = _("survey indicators")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def audit_organisation(self) -> Organisation:
        return self.survey.organisation


class Cell(models.Model):
    """A computed value of a survey indicator for one group (or the total: no grouping). A suppressed cell keeps
    no count, base or share."""

    indicator = models.ForeignKey(SurveyIndicator, on_delete=models.CASCADE, related_name="cells")
    grouping = models.ForeignKey(Grouping, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=20, blank=True)
    label_fi = models.CharField(max_length=200, blank=True)
    label_sv = models.CharField(max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    count = models.PositiveIntegerField(null=True, blank=True)
    base = models.PositiveIntegerField(null=True, blank=True)
    share = models.FloatField(null=True, blank=True)
    ci_low = models.FloatField(null=True, blank=True)
    ci_high = models.FloatField(null=True, blank=True)
    suppressed = models.BooleanField(default=False)

    class Meta:
        # The total (no grouping) first on every database: PostgreSQL sorts NULLs last by default.
        ordering = ["indicator", models.F("grouping_id").asc(nulls_first=True), "position", "id"]

    def __str__(self) -> str:
        return f"{self.indicator_id}/{self.grouping_id}/{self.key}"

    @property
    def label(self) -> str:
        return localized(self, "label")
