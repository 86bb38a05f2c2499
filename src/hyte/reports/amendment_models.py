"""Amendments: changes to an approved plan during the council term.

A plan is approved at the start of a council term and lives four years. An amendment proposes changes — add,
change or retire goals, measures and goal indicators — and goes draft → in review → approved with the council's
decision, on its own or with the annual report that proposes it. Approval makes the changes in the plan (an item
is retired, never deleted: the annual reports that followed it up keep it) and freezes a new version of the plan;
the earlier versions stay.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from hyte.accounts.models import Organisation


class AmendmentStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_REVIEW = "in_review", _("in review")
    APPROVED = "approved", _("approved")


class Amendment(models.Model):
    plan = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="amendments")
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("Why the plan changes: what the data or the year showed.")
    )
    annual_report = models.ForeignKey(
        "reports.Report",
        verbose_name=_("proposed with the annual report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_amendments",
        help_text=_("Approved with the annual report, by the same decision."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AmendmentStatus.choices, default=AmendmentStatus.DRAFT
    )
    decision_body = models.CharField(_("approved by"), max_length=200, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_reference = models.CharField(_("minute reference"), max_length=200, blank=True)
    version = models.ForeignKey(
        "reports.ReportVersion",
        verbose_name=_("plan version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The version of the plan that the approval froze."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"))

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="amendment_unique_number")]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")

    def __str__(self) -> str:
        return f"{self.plan} – {self.number}: {self.title}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.plan.organisation

    @property
    def is_open(self) -> bool:
        return self.status != AmendmentStatus.APPROVED


class ChangeKind(models.TextChoices):
    ADD_GOAL = "add_goal", _("new goal")
    CHANGE_GOAL = "change_goal", _("goal changed")
    RETIRE_GOAL = "retire_goal", _("goal retired")
    ADD_MEASURE = "add_measure", _("new measure")
    CHANGE_MEASURE = "change_measure", _("measure changed")
    RETIRE_MEASURE = "retire_measure", _("measure retired")
    ADD_INDICATOR = "add_indicator", _("new indicator for a goal")
    RETIRE_INDICATOR = "retire_indicator", _("indicator of a goal retired")


class AmendmentChange(models.Model):
    """One proposed change. `goal`, `measure` or `goal_indicator` is what it changes or retires (for additions:
    the goal the new item belongs to, or `new_goal`, a goal added by the same amendment); `data` holds the new
    item's or the new text's fields; after approval `goal`/`measure`/`goal_indicator` point to what was made."""

    amendment = models.ForeignKey(Amendment, on_delete=models.CASCADE, related_name="changes")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("change"), max_length=20, choices=ChangeKind.choices)
    goal = models.ForeignKey("reports.Goal", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    new_goal = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    measure = models.ForeignKey("reports.Measure", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    goal_indicator = models.ForeignKey(
        "reports.GoalIndicator", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.amendment}: {self.get_kind_display()}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.amendment.plan.organisation
