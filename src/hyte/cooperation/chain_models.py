"""Service chains across organisations (issue 15, seed 001): an ordered set of steps, each the responsibility of
one organisation and its unit, from the entry routes (by age group) through referral and counselling to the
groups that continue the support, e.g. physical-activity counselling: referral from the county's health care →
the municipality's physical-activity counselling → NGO groups. A chain is kept by a county or a municipality
with the organisations taking part; once published it is on the public site in Finnish and Swedish."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from hyte.accounts.models import Organisation


def in_language(fi: str, sv: str) -> str:
    """The Swedish text in Swedish where there is one, else the Finnish."""
    return sv if sv and (get_language() or "fi").startswith("sv") else fi


class Phase(models.TextChoices):
    """What a step does in the chain (seed 001: entry routes, who refers, who counsels, who continues)."""

    ENTRY = "entry", _("entry route")
    REFERRAL = "referral", _("referral")
    COUNSELLING = "counselling", _("counselling")
    CONTINUATION = "continuation", _("continued support")
    FOLLOW_UP = "follow_up", _("follow-up")


class ServiceChain(models.Model):
    keeper = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("kept by"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_sv = models.TextField(_("description in Swedish"), blank=True)
    participants = models.ManyToManyField(
        "accounts.Organisation",
        blank=True,
        related_name="+",
        verbose_name=_("organisations taking part"),
        help_text=_("Their members see the chain; their steps are theirs to carry out."),
    )
    indicators = models.ManyToManyField(
        "indicators.Indicator", blank=True, related_name="+", verbose_name=_("shared indicators")
    )
    indicators_text = models.TextField(
        _("other shared indicators"), blank=True, help_text=_("One a line: what the chain follows that Hyte has not.")
    )
    is_published = models.BooleanField(_("published on the public site"), default=False)
    created_at = models.DateTimeField(_("created"))
    updated_at = models.DateTimeField(_("updated"))

    class Meta:
        verbose_name = _("service chain")
        verbose_name_plural = _("service chains")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return in_language(self.name, self.name_sv)

    @property
    def display_description(self) -> str:
        return in_language(self.description, self.description_sv)

    @property
    def other_indicators(self) -> list[str]:
        return [each.strip() for each in self.indicators_text.splitlines() if each.strip()]

    @property
    def audit_organisation(self) -> Organisation:
        return self.keeper


class ChainStep(models.Model):
    chain = models.ForeignKey(ServiceChain, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveIntegerField(default=0)
    phase = models.CharField(_("phase"), max_length=14, choices=Phase.choices, default=Phase.COUNSELLING)
    age_group = models.CharField(
        _("age group"),
        max_length=12,
        blank=True,
        help_text=_("For an entry route of one age group; empty for all."),
    )
    title = models.CharField(_("step"), max_length=200)
    title_sv = models.CharField(_("step in Swedish"), max_length=200, blank=True)
    description = models.TextField(_("what happens"), blank=True)
    description_sv = models.TextField(_("what happens, in Swedish"), blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit = models.CharField(_("responsible unit"), max_length=200, blank=True)
    unit_sv = models.CharField(_("responsible unit in Swedish"), max_length=200, blank=True)
    handoff = models.TextField(_("hand-off criteria"), blank=True, help_text=_("When the person moves on."))
    handoff_sv = models.TextField(_("hand-off criteria in Swedish"), blank=True)
    contact = models.CharField(_("contact"), max_length=300, blank=True)
    activity = models.ForeignKey(
        "actors.Activity",
        verbose_name=_("activity in the register"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    support_path = models.ForeignKey(
        "actors.SupportPath",
        verbose_name=_("support path"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("step of a service chain")
        verbose_name_plural = _("steps of service chains")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def display_title(self) -> str:
        return in_language(self.title, self.title_sv)

    @property
    def display_description(self) -> str:
        return in_language(self.description, self.description_sv)

    @property
    def display_unit(self) -> str:
        return in_language(self.unit, self.unit_sv)

    @property
    def display_handoff(self) -> str:
        return in_language(self.handoff, self.handoff_sv)

    @property
    def age_group_label(self) -> str:
        from hyte.actors.models import AgeGroup

        return str(dict(AgeGroup.choices).get(self.age_group, "")) if self.age_group else ""

    @property
    def audit_organisation(self) -> Organisation:
        return self.chain.keeper
