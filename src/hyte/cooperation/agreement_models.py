"""The strategic cooperation agreement as data (issue 15; Kuntaliitto's template): between a county and its
municipalities (or others), kept by the county. Each version has the parties with their business ids, the
term, the background, shared goals, actions, indicators, structures (groups, forums, the hyte cooperation pool),
rules of cooperation and follow-up, and each party's approval decision (body, date, §). A new version copies the
previous one; an approved version is frozen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from hyte.accounts.models import Organisation

# The sections of the document, in the template's order: (field, label).
SECTIONS = [
    ("background", _("Background")),
    ("goals", _("Shared goals")),
    ("actions", _("Actions")),
    ("indicators", _("Indicators")),
    ("structures", _("Structures of cooperation")),
    ("rules", _("Rules of cooperation")),
    ("follow_up", _("Follow-up")),
]


class Agreement(models.Model):
    keeper = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("kept by"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("title"), max_length=300)
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("cooperation agreement")
        verbose_name_plural = _("cooperation agreements")
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_organisation(self) -> Organisation:
        return self.keeper


class AgreementVersion(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    term_start = models.DateField(_("in force from"))
    term_end = models.DateField(_("in force until"))
    background = models.TextField(_("background"), blank=True)
    goals = models.TextField(_("shared goals"), blank=True, help_text=_("One a line."))
    actions = models.TextField(_("actions"), blank=True, help_text=_("One a line."))
    indicators = models.TextField(_("indicators"), blank=True, help_text=_("One a line."))
    structures = models.TextField(
        _("structures of cooperation"),
        blank=True,
        help_text=_("Groups, forums, the hyte cooperation pool; one a line."),
    )
    rules = models.TextField(_("rules of cooperation"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("version of a cooperation agreement")
        verbose_name_plural = _("versions of cooperation agreements")
        ordering = ["agreement", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="agreementversion_unique_number"),
            models.CheckConstraint(condition=models.Q(term_end__gt=models.F("term_start")), name="agreement_term"),
        ]

    def __str__(self) -> str:
        return f"{self.agreement} v{self.number}"

    @property
    def is_frozen(self) -> bool:
        return self.approved_at is not None

    @property
    def audit_organisation(self) -> Organisation:
        return self.agreement.keeper


class AgreementParty(models.Model):
    """A party to a version, with its business id and its approval decision."""

    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    business_id = models.CharField(_("business id"), max_length=9, blank=True)
    decision_body = models.CharField(_("decided by"), max_length=200, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_reference = models.CharField(_("§"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("party to a cooperation agreement")
        verbose_name_plural = _("parties to cooperation agreements")
        ordering = ["organisation__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "organisation"], name="agreementparty_unique_organisation")
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def has_decided(self) -> bool:
        return bool(self.decision_body and self.decision_date and self.decision_reference)

    @property
    def audit_organisation(self) -> Organisation:
        return self.version.agreement.keeper
