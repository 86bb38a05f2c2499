"""The welfare report and plan (hyvinvointikertomus ja -suunnitelma): sections of blocks, goals with indicators,
measures with responsible parties, annual progress, review comments and frozen versions."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hyte.indicators.models import AgeGroup

if TYPE_CHECKING:
    from hyte.accounts.models import Organisation
    from hyte.reports.content import FrozenReport


def _amendment(verbose_name: Any) -> models.ForeignKey[Any]:
    """The plan amendment that added or retired a goal, a goal indicator or a measure (None: the original plan)."""
    return models.ForeignKey(
        "reports.Amendment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=verbose_name,
    )


class ReportKind(models.TextChoices):
    BROAD = "broad", _("broad welfare report and plan (council term)")
    ANNUAL = "annual", _("annual report")
    REGIONAL = "regional", _("regional welfare report and plan")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_REVIEW = "in_review", _("in review")
    APPROVED = "approved", _("approved")
    PUBLISHED = "published", _("published")


class Report(models.Model):
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    title = models.CharField(_("title"), max_length=300)
    title_sv = models.CharField(_("title in Swedish"), max_length=300, blank=True)
    term_start = models.PositiveSmallIntegerField(_("council term from"))
    term_end = models.PositiveSmallIntegerField(_("council term until"))
    year = models.PositiveSmallIntegerField(
        _("year reported"), null=True, blank=True, help_text=_("For an annual report: the year it reports on.")
    )
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    plan_report = models.ForeignKey(
        "self",
        verbose_name=_("plan followed up"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="annual_reports",
    )
    copied_from = models.ForeignKey(
        "self", verbose_name=_("copied from"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_body = models.CharField(_("approved by"), max_length=200, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_reference = models.CharField(_("minute reference"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"))
    updated_at = models.DateTimeField(_("updated"))

    class Meta:
        verbose_name = _("welfare report")
        verbose_name_plural = _("welfare reports")
        ordering = ["-term_start", "-year", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_organisation(self) -> Organisation:
        return self.organisation

    @property
    def is_frozen(self) -> bool:
        return self.status in (ReportStatus.APPROVED, ReportStatus.PUBLISHED)


class OutlineKey(models.TextChoices):
    """THL's outline of the welfare report, and of the annual report."""

    SUMMARY = "summary", _("Summary")
    BACKGROUND = "background", _("Background, purpose and goals")
    POPULATION_GROUPS = "population_groups", _("Welfare, health and services by population group")
    STRENGTHS = "strengths", _("Strengths and areas to develop")
    PLAN = "plan", _("The plan")
    APPENDICES = "appendices", _("Appendices")
    # The annual report's own outline.
    CHANGES = "changes", _("Changes in welfare and health during the year")
    FOLLOW_UP = "follow_up", _("How the plan was carried out")
    RESOURCES = "resources", _("Resources used")
    NEXT_STEPS = "next_steps", _("Conclusions and changes to the plan")
    OTHER = "other", _("Other")


class Section(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField(default=0)
    key = models.CharField(max_length=20, choices=OutlineKey.choices, default=OutlineKey.OTHER)
    title = models.CharField(_("title"), max_length=300)
    title_sv = models.CharField(_("title in Swedish"), max_length=300, blank=True)
    assignees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="assigned_sections", verbose_name=_("assigned to")
    )

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_organisation(self) -> Organisation:
        return self.report.organisation


class BlockKind(models.TextChoices):
    TEXT = "text", _("text")
    INDICATOR_TABLE = "indicator_table", _("indicator table")
    CHART = "chart", _("chart")
    STRENGTHS = "strengths", _("strengths")
    CONCERNS = "concerns", _("concerns")
    SUMMARY = "summary", _("written summary")
    IMAGE = "image", _("image")


class Block(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="blocks")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=BlockKind.choices, default=BlockKind.TEXT)
    text = models.TextField(_("text"), blank=True, help_text=_("Markdown, stored as written."))
    text_sv = models.TextField(_("text in Swedish"), blank=True, help_text=_("Markdown, stored as written."))
    items = models.JSONField(_("list items"), default=list, blank=True)
    indicators = models.ManyToManyField("indicators.Indicator", blank=True, related_name="+")
    image = models.ForeignKey("reports.ReportImage", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    alt_text = models.CharField(_("text alternative"), max_length=500, blank=True)
    alt_text_sv = models.CharField(_("text alternative in Swedish"), max_length=500, blank=True)
    revision = models.PositiveIntegerField(default=1, help_text=_("Raised on every save: stale edits are refused."))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"))

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.section}: {self.get_kind_display()}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.section.report.organisation


class Direction(models.TextChoices):
    INCREASE = "increase", _("increase")
    DECREASE = "decrease", _("decrease")
    KEEP = "keep", _("keep at least at the level")


class Goal(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="goals")
    position = models.PositiveIntegerField(default=0)
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    age_group = models.CharField(_("age group"), max_length=20, choices=AgeGroup.choices, default=AgeGroup.ALL)
    text = models.TextField(_("goal"))
    text_sv = models.TextField(_("goal in Swedish"), blank=True)
    assignees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="assigned_goals", verbose_name=_("assigned to")
    )
    carried_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    origin = models.CharField(
        _("where the goal came from"),
        max_length=500,
        blank=True,
        help_text=_("E.g. the value discussion's topic it was made from; shown with the goal in the report."),
    )
    origin_sv = models.CharField(_("where the goal came from, in Swedish"), max_length=500, blank=True)
    added_by = _amendment(_("added by"))
    retired_by = _amendment(_("retired by"))
    supported_by = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="supports",
        verbose_name=_("supported by"),
        help_text=_("For a regional goal: the municipalities' goals that support it."),
    )

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            # Values outside the choices cannot be stored (they were once shown raw, e.g. "Elderly").
            models.CheckConstraint(condition=models.Q(age_group__in=AgeGroup.values), name="goal_age_group_valid"),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def audit_organisation(self) -> Organisation:
        return self.report.organisation


class GoalIndicator(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="goal_indicators")
    indicator = models.ForeignKey(
        "indicators.Indicator", verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"))
    baseline_value = models.FloatField(_("baseline value"), null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("target year"))
    target_value = models.FloatField(_("target value"), null=True, blank=True)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    added_by = _amendment(_("added by"))
    retired_by = _amendment(_("retired by"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["goal", "indicator"], name="goalindicator_unique")]

    def __str__(self) -> str:
        return f"{self.goal}: {self.indicator}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.goal.report.organisation


class MeasureStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    ON_TRACK = "on_track", _("on track")
    AT_RISK = "at_risk", _("at risk")
    OFF_TRACK = "off_track", _("off track")
    DONE = "done", _("done")


class Measure(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="measures")
    position = models.PositiveIntegerField(default=0)
    text = models.TextField(_("measure"))
    responsible_parties = models.JSONField(
        _("responsible parties"),
        default=list,
        blank=True,
        help_text=_("Sectors, units, partner organisations or NGOs: one goal, many actors."),
    )
    schedule = models.CharField(_("schedule"), max_length=200, blank=True)
    budget_line = models.CharField(_("budget line"), max_length=200, blank=True)
    budget_amount = models.DecimalField(_("budget (€)"), max_digits=12, decimal_places=2, null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=MeasureStatus.choices, default=MeasureStatus.NOT_STARTED
    )
    assignees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="assigned_measures", verbose_name=_("assigned to")
    )
    carried_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    added_by = _amendment(_("added by"))
    retired_by = _amendment(_("retired by"))

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def audit_organisation(self) -> Organisation:
        return self.goal.report.organisation


class Progress(models.Model):
    """A year's follow-up of a goal or a measure in an annual report."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="progress_entries")
    goal = models.ForeignKey(Goal, null=True, blank=True, on_delete=models.CASCADE, related_name="progress")
    measure = models.ForeignKey(Measure, null=True, blank=True, on_delete=models.CASCADE, related_name="progress")
    status = models.CharField(
        _("status"), max_length=12, choices=MeasureStatus.choices, default=MeasureStatus.NOT_STARTED
    )
    text = models.TextField(_("progress"), blank=True)
    updated_at = models.DateTimeField(_("updated"))

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(goal__isnull=False) | models.Q(measure__isnull=False), name="progress_has_subject"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.goal or self.measure}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.report.organisation


class Comment(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="comments")
    section = models.ForeignKey(Section, null=True, blank=True, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created"))
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def audit_organisation(self) -> Organisation:
        return self.report.organisation


class ReportVersion(models.Model):
    """An immutable snapshot taken at approval: text, goals, measures and the indicator values of that moment."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=ReportStatus.choices)
    frozen_at = models.DateTimeField()
    content = models.JSONField()

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="reportversion_unique_number")]

    def __str__(self) -> str:
        return f"{self.report} v{self.number}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.report.organisation

    @cached_property
    def frozen(self) -> FrozenReport:
        """The content read through the one reader, which upgrades snapshots of earlier schemas."""
        from hyte.reports.content import read

        return read(self.content)


from hyte.reports.amendment_models import Amendment, AmendmentChange, AmendmentStatus, ChangeKind  # noqa: E402
from hyte.reports.budget_models import BudgetLine, BudgetPart  # noqa: E402
from hyte.reports.export_models import ExportStatus, ReportExport  # noqa: E402
from hyte.reports.image_models import ReportImage  # noqa: E402

__all__ = [
    "Amendment",
    "AmendmentChange",
    "AmendmentStatus",
    "Block",
    "BlockKind",
    "BudgetLine",
    "BudgetPart",
    "ChangeKind",
    "Comment",
    "Direction",
    "ExportStatus",
    "Goal",
    "GoalIndicator",
    "Measure",
    "MeasureStatus",
    "OutlineKey",
    "Progress",
    "Report",
    "ReportExport",
    "ReportImage",
    "ReportKind",
    "ReportStatus",
    "ReportVersion",
    "Section",
]
