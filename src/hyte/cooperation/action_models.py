"""What a negotiation leaves behind: agreed actions followed up from year to year, the checkers' confirmations of
the minutes, and the record of an action carried into a party's annual report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from hyte.accounts.models import Organisation


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")


OPEN_STATUSES = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)


class AgreedAction(models.Model):
    """A decision of the minutes that someone must carry out: owner organisation and person, due date, the plan
    goals it serves and the indicators that show it, and its status as followed up."""

    meeting = models.ForeignKey("cooperation.Meeting", on_delete=models.CASCADE, related_name="agreed_actions")
    agenda_item = models.ForeignKey(
        "cooperation.AgendaItem",
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agreed_actions",
    )
    position = models.PositiveIntegerField(default=0)
    text = models.TextField(_("agreed action"))
    owner = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("owner organisation"), on_delete=models.PROTECT, related_name="+"
    )
    owner_person = models.CharField(_("person responsible"), max_length=200)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    goals = models.ManyToManyField("reports.Goal", blank=True, related_name="+", verbose_name=_("plan goals it serves"))
    indicators = models.ManyToManyField(
        "indicators.Indicator", blank=True, related_name="+", verbose_name=_("indicators")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    progress_note = models.TextField(_("progress note"), blank=True)
    followed_up_at = models.DateTimeField(_("followed up"), null=True, blank=True)

    class Meta:
        verbose_name = _("agreed action")
        verbose_name_plural = _("agreed actions")
        ordering = ["meeting__starts_at", "position", "id"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def audit_organisation(self) -> Organisation:
        return self.meeting.series.convener

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class MinutesDecision(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    CORRECTIONS = "corrections", _("corrections proposed")


class Confirmation(models.Model):
    """A checker's answer to the minutes shared in one round: confirmed, or corrections proposed."""

    party = models.ForeignKey("cooperation.Party", on_delete=models.CASCADE, related_name="confirmations")
    round = models.PositiveIntegerField()
    checker = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    checker_name = models.CharField(max_length=200)  # kept when the account goes
    decision = models.CharField(_("decision"), max_length=12, choices=MinutesDecision.choices)
    text = models.TextField(_("corrections"), blank=True)
    at = models.DateTimeField(_("when"))

    class Meta:
        verbose_name = _("confirmation of the minutes")
        verbose_name_plural = _("confirmations of the minutes")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.party}: {self.get_decision_display()}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.party.meeting.series.convener


class CarriedAction(models.Model):
    """An agreed action carried into a party's annual report (once per report): the block it became."""

    agreed_action = models.ForeignKey(AgreedAction, on_delete=models.CASCADE, related_name="carried")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="+")
    block = models.ForeignKey("reports.Block", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    carried_at = models.DateTimeField(_("carried"))
    carried_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("agreed action in an annual report")
        verbose_name_plural = _("agreed actions in annual reports")
        constraints = [
            models.UniqueConstraint(fields=["agreed_action", "report"], name="carriedaction_once_per_report")
        ]

    def __str__(self) -> str:
        return f"{self.agreed_action} → {self.report}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.organisation
