"""Hyte in the budget and the financial statement (seed 003): each measure's budget lines, per year, by
administrative branch and cost centre, operating or investment, with the euros budgeted and, after the year, used."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from hyte.accounts.models import Organisation


class BudgetPart(models.TextChoices):
    OPERATING = "operating", _("operating")
    INVESTMENT = "investment", _("investment")


class BudgetLine(models.Model):
    measure = models.ForeignKey("reports.Measure", on_delete=models.CASCADE, related_name="budget_lines")
    year = models.PositiveSmallIntegerField(_("year"))
    branch = models.CharField(_("administrative branch"), max_length=200)
    cost_centre = models.CharField(_("cost centre"), max_length=100, blank=True)
    part = models.CharField(_("part of the budget"), max_length=10, choices=BudgetPart.choices)
    amount = models.DecimalField(_("budgeted (€)"), max_digits=12, decimal_places=2)
    used = models.DecimalField(_("used (€)"), max_digits=12, decimal_places=2, null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"))

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["year", "branch", "cost_centre", "part", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "year", "branch", "cost_centre", "part"], name="budgetline_unique_key"
            ),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="budgetline_amount_not_negative"),
            models.CheckConstraint(
                condition=models.Q(used__isnull=True) | models.Q(used__gte=0), name="budgetline_used_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.branch} {self.cost_centre}: {self.amount} €"

    @property
    def audit_organisation(self) -> Organisation:
        return self.measure.goal.report.organisation
