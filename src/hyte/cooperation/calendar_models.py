"""The council-term calendar (issue 15): the four-year cycle of seed 001 as steps per organisation (a municipality
or a county). Year 1: the broad welfare report and plan, the §14 negotiation and the update of the cooperation
agreement; every year: the annual report, the hyte negotiation (§7), the budget (TA) and the financial statement
(TP); year 4: preparation for the next term. Each step has a due date, a responsible member and is done by hand
(here) or automatically where Hyte knows (see `calendar_queries.py`)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from hyte.accounts.models import Organisation


class StepKind(models.TextChoices):
    BROAD_PLAN = "broad_plan", _("broad welfare report and plan")
    TERM_NEGOTIATION = "term_negotiation", _("council-term negotiation (Act 611/2021 §14)")
    AGREEMENT = "agreement", _("update of the cooperation agreement")
    ANNUAL_REPORT = "annual_report", _("annual welfare report to the council")
    HYTE_NEGOTIATION = "hyte_negotiation", _("yearly hyte negotiation (Act 612/2021 §7)")
    BUDGET = "budget", _("welfare in the budget (TA)")
    FINANCIAL_STATEMENT = "financial_statement", _("welfare in the financial statement (TP)")
    NEXT_TERM = "next_term", _("preparation for the next council term")


# The statutory steps: flagged to the coordinator when overdue.
STATUTORY = frozenset(
    {StepKind.BROAD_PLAN, StepKind.TERM_NEGOTIATION, StepKind.ANNUAL_REPORT, StepKind.HYTE_NEGOTIATION}
)


class CalendarStep(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    term_start = models.PositiveSmallIntegerField(_("council term from"))
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("step"), max_length=20, choices=StepKind.choices)
    due = models.DateField(_("due"))
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    done_on = models.DateField(_("done (marked by hand)"), null=True, blank=True)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)  # iCalendar's UID

    class Meta:
        verbose_name = _("council-term calendar step")
        verbose_name_plural = _("council-term calendar steps")
        ordering = ["year", "due", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "kind"], name="calendarstep_unique_year_kind")
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.get_kind_display()}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.organisation

    @property
    def is_statutory(self) -> bool:
        return self.kind in STATUTORY
