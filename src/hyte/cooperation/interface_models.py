"""The interfaces (yhdyspinnat) between a wellbeing services county and its municipalities, and the named
counterpart pairs (vastinparit) who answer for each interface together (seed 001, issue 15).

A county keeps its own register: the default list of seed 001 is added on demand and then edited (added to,
renamed, retired). Each interface has its owners on both sides (the county's unit or person, and per
municipality the municipality's), counterpart pairs per municipality with their validity period, the plan goals
and indicators it shares, and when it is next reviewed."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from hyte.accounts.models import Organisation


class Interface(models.Model):
    """One interface of a county's register."""

    county = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("county"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=300)
    name_sv = models.CharField(_("name in Swedish"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    default_key = models.CharField(max_length=40, blank=True)  # the seed's entry it came from, if any
    position = models.PositiveIntegerField(default=0)
    county_owner = models.CharField(
        _("owner in the county"), max_length=300, blank=True, help_text=_("The county's unit or person responsible.")
    )
    goals = models.ManyToManyField("reports.Goal", blank=True, related_name="+", verbose_name=_("shared plan goals"))
    indicators = models.ManyToManyField(
        "indicators.Indicator", blank=True, related_name="+", verbose_name=_("shared indicators")
    )
    next_review = models.DateField(_("next review due"), null=True, blank=True)
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    is_retired = models.BooleanField(_("retired"), default=False)
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("interface")
        verbose_name_plural = _("interfaces")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["county", "name"], name="interface_unique_name"),
            models.UniqueConstraint(
                fields=["county", "default_key"], condition=~models.Q(default_key=""), name="interface_unique_default"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        if self.name_sv and (get_language() or "fi").startswith("sv"):
            return self.name_sv
        return self.name

    @property
    def audit_organisation(self) -> Organisation:
        return self.county


class InterfaceOwner(models.Model):
    """The municipality's unit or person responsible for the interface."""

    interface = models.ForeignKey(Interface, on_delete=models.CASCADE, related_name="owners")
    municipality = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="+"
    )
    owner = models.CharField(_("owner in the municipality"), max_length=300)

    class Meta:
        verbose_name = _("owner of an interface in a municipality")
        verbose_name_plural = _("owners of interfaces in municipalities")
        ordering = ["municipality__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["interface", "municipality"], name="interfaceowner_unique_municipality")
        ]

    def __str__(self) -> str:
        return f"{self.interface}: {self.owner}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.interface.county


class CounterpartPair(models.Model):
    """A county person and a municipality person who answer for one interface together, for a period."""

    interface = models.ForeignKey(Interface, on_delete=models.CASCADE, related_name="pairs")
    municipality = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="+"
    )
    county_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("county's counterpart"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    municipality_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("municipality's counterpart"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    starts_on = models.DateField(_("valid from"))
    ends_on = models.DateField(_("valid until"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("counterpart pair")
        verbose_name_plural = _("counterpart pairs")
        ordering = ["municipality__name", "-starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="counterpartpair_ends_after",
            )
        ]

    def __str__(self) -> str:
        return f"{self.interface}: {self.municipality}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.interface.county

    def valid_on(self, day: dt.date) -> bool:
        """Both people named and `day` within the period."""
        return (
            self.county_person_id is not None
            and self.municipality_person_id is not None
            and self.starts_on <= day
            and (self.ends_on is None or day <= self.ends_on)
        )


# The default list of seed 001 ("Esimerkkejä yhdyspinnoista kuntien ja hyvinvointialueiden välillä"), in Finnish
# and Swedish: added to a county's register on demand, then the county's own to edit.
DEFAULT_INTERFACES: tuple[tuple[str, str, str], ...] = (
    (
        "children",
        "Lapsiperheiden palvelut sivistys- ja hyvinvointityön kokonaisuudessa, opiskeluhuolto",
        "Tjänster för barnfamiljer som en del av bildnings- och välfärdsarbetet, elevhälsa",
    ),
    ("hyte", "Hyvinvointialueen ja kuntien hyte-yhteistyö", "Välfärdsområdets och kommunernas samarbete kring FVH"),
    ("substance", "Ehkäisevä päihdetyö", "Förebyggande missbruksarbete"),
    (
        "lifestyle",
        "Elintapaneuvonta, toimintakyvyn edistäminen",
        "Levnadsvanerådgivning, främjande av funktionsförmåga",
    ),
    ("culture", "Kulttuurihyvinvointipalvelut", "Kulturvälfärdstjänster"),
    (
        "safety",
        "Arjen turvallisuuden edistäminen, lähisuhdeväkivallan ehkäisy",
        "Främjande av vardagssäkerhet, förebyggande av våld i nära relationer",
    ),
    ("employment", "Työllisyyden edistäminen", "Främjande av sysselsättningen"),
    ("integration", "Kotouttaminen", "Integration av invandrare"),
    (
        "land_use",
        "Sote-palveluverkon yhteys kaavoitukseen, maankäyttöön ja asumiseen",
        "Social- och hälsovårdens servicenät i förhållande till planläggning, markanvändning och boende",
    ),
    (
        "accessibility",
        "Saavutettavuuskysymykset sote-palveluihin, joukkoliikenne ja kuljetukset",
        "Tillgänglighet till social- och hälsovårdstjänster, kollektivtrafik och transporter",
    ),
    ("environmental_health", "Yhteistyö ympäristöterveydenhuoltoon", "Samarbete med miljöhälsovården"),
    (
        "participation",
        "Osallisuuden edistäminen, järjestöjen toimintaedellytysten turvaaminen",
        "Främjande av delaktighet, tryggande av organisationernas verksamhetsförutsättningar",
    ),
    (
        "cooperation_area",
        "Yhteistyö laajemmalla alueella (YTA)",
        "Samarbete inom ett större område (samarbetsområde)",
    ),
)
