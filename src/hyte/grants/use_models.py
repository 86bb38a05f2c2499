"""Use reports of grants (issue 17): for every grant above zero the NGO reports by its due date what was done,
participants by age group, the money used (with the ledger extract as a file) and the results against the call's
goals; the funder's preparer checks it with a checklist, and some reports are picked for a closer check (at
random, or for a risk seen in the report itself)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from hyte.accounts.models import Organisation


class UseReportStatus(models.TextChoices):
    DUE = "due", _("to be sent")
    SENT = "sent", _("sent, to be checked")
    RETURNED = "returned", _("returned for corrections")
    ACCEPTED = "accepted", _("checked and accepted")
    CANCELLED = "cancelled", _("not needed: the grant was cancelled")


class CheckItem(models.TextChoices):
    """What the preparer confirms before accepting a use report."""

    ACTIVITIES = "activities", _("the activities were carried out as applied for")
    MONEY = "money", _("the money used agrees with the grant and the budget")
    LEDGER = "ledger", _("the ledger extract is attached and agrees with the money used")
    PARTICIPANTS = "participants", _("participants are reported")
    RESULTS = "results", _("the results are reported against the goals of the call")


class UseReport(models.Model):
    application = models.OneToOneField(
        "grants.Application", on_delete=models.CASCADE, related_name="use_report", verbose_name=_("grant")
    )
    due_on = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=12, choices=UseReportStatus.choices, default=UseReportStatus.DUE)
    done = models.TextField(_("what was done"), blank=True)
    # {age group (actors.AgeGroup): participants}
    participants = models.JSONField(_("participants by age group"), default=dict, blank=True)
    money_used = models.DecimalField(_("money used (€)"), max_digits=12, decimal_places=2, default=Decimal(0))
    results = models.TextField(_("results against the goals of the call"), blank=True)
    ledger = models.BinaryField(_("ledger extract"), null=True, blank=True)
    ledger_filename = models.CharField(_("file name"), max_length=200, blank=True)
    ledger_content_type = models.CharField(max_length=100, blank=True)
    ledger_size = models.PositiveIntegerField(default=0)
    ledger_sha256 = models.CharField(max_length=64, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # The preparer's check.
    checklist = models.JSONField(_("checklist"), default=list, blank=True)  # the CheckItem values ticked
    check_note = models.TextField(_("note of the check"), blank=True)
    closer_check = models.BooleanField(_("picked for a closer check"), default=False)
    closer_check_reason = models.CharField(_("why picked"), max_length=300, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"))

    class Meta:
        verbose_name = _("use report")
        verbose_name_plural = _("use reports")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.application}: {self.due_on}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.application.applicant

    @property
    def participants_total(self) -> int:
        return sum(int(n) for n in self.participants.values())

    @property
    def is_open(self) -> bool:
        """The NGO may still write it: not sent yet, or returned for corrections."""
        return self.status in (UseReportStatus.DUE, UseReportStatus.RETURNED)
