from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RuleCondition(models.TextChoices):
    ABOVE = "above", _("value above the threshold")
    BELOW = "below", _("value below the threshold")
    WORSE_THAN_COUNTY = "worse_than_county", _("worse than the county (or the whole country)")
    WORSENING = "worsening", _("worsening for N years in a row")


class Rule(models.Model):
    """Indicator → threshold → measure (seed 002): raises an alert when the organisation's area meets it."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="rules")
    indicator = models.ForeignKey(
        "indicators.Indicator", verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="rules"
    )
    condition = models.CharField(_("condition"), max_length=20, choices=RuleCondition.choices)
    threshold = models.FloatField(_("threshold"), null=True, blank=True)
    years = models.PositiveSmallIntegerField(_("years in a row"), default=3)
    measure = models.TextField(_("proposed measure"))
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("rule")
        verbose_name_plural = _("rules")
        ordering = ["indicator__title_fi", "id"]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.get_condition_display()}"

    @property
    def audit_organisation(self) -> object:
        return self.organisation


class AlertStatus(models.TextChoices):
    OPEN = "open", _("open")
    DISMISSED = "dismissed", _("dismissed")
    CONVERTED = "converted", _("turned into a measure")


class Alert(models.Model):
    """A rule met by a value: traceable to the values that triggered it."""

    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="alerts")
    area = models.ForeignKey("regions.Area", on_delete=models.CASCADE, related_name="+")
    year = models.SmallIntegerField(_("year"))
    value = models.FloatField(_("value"), null=True)
    evidence = models.JSONField(_("the values that triggered it"), default=dict)
    status = models.CharField(_("status"), max_length=10, choices=AlertStatus.choices, default=AlertStatus.OPEN)
    created_at = models.DateTimeField(_("raised"))

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-year", "-id"]
        constraints = [models.UniqueConstraint(fields=["rule", "area", "year"], name="alert_unique_rule_area_year")]

    def __str__(self) -> str:
        return f"{self.rule} ({self.year})"

    @property
    def audit_organisation(self) -> object:
        return self.rule.organisation
