"""Cooperation between a wellbeing services county, its municipalities and other actors (issue 15): negotiation
series (the yearly hyte negotiation of Act 612/2021 §7, the council-term negotiation of Act 611/2021 §14),
their meetings with the organisations and people invited, the agenda, materials and minutes. The agreed actions
and the checkers' confirmations of the minutes are in `action_models.py`."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from hyte.accounts.models import Organisation


class SeriesKind(models.TextChoices):
    HYTE_YEARLY = "hyte_yearly", _("yearly hyte negotiation (Act 612/2021 §7)")
    COUNCIL_TERM = "council_term", _("council-term negotiation (Act 611/2021 §14)")
    OTHER = "other", _("other negotiation")


class Arrangement(models.TextChoices):
    """How the county arranges the negotiations (seed 001)."""

    JOINT = "joint", _("one joint negotiation for the whole area")
    PER_MUNICIPALITY = "per_municipality", _("one per municipality")
    SUB_REGION = "sub_region", _("per sub-region")
    THEME = "theme", _("per theme")
    CONTINUOUS = "continuous", _("continuous negotiation")


class Series(models.Model):
    """A negotiation that repeats every year (or council term), convened by a county."""

    convener = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("convened by"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SeriesKind.choices)
    arrangement = models.CharField(_("arrangement"), max_length=20, choices=Arrangement.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    members = models.ManyToManyField(
        "accounts.Organisation",
        blank=True,
        related_name="+",
        verbose_name=_("member organisations"),
        help_text=_("Invited to every meeting of the series: the municipalities, NGOs and others."),
    )
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("negotiation series")
        verbose_name_plural = _("negotiation series")
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_organisation(self) -> Organisation:
        return self.convener


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SHARED = "shared", _("shared for checking")
    FINAL = "final", _("final")


class Meeting(models.Model):
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("title"), max_length=300)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    other_actors = models.TextField(
        _("other actors"),
        blank=True,
        help_text=_("NGO representatives, parishes, police, the regional council, education consortia, companies…"),
    )
    minutes_status = models.CharField(
        _("minutes"), max_length=10, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    round = models.PositiveIntegerField(
        default=0, help_text=_("Raised each time the minutes are shared: confirmations count in their own round.")
    )
    finalised_at = models.DateTimeField(_("minutes final"), null=True, blank=True)
    is_public = models.BooleanField(
        _("publish the final minutes and agreed actions"),
        default=False,
        help_text=_("On the public site once every party has confirmed the minutes; items marked internal stay out."),
    )
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)  # iCalendar's UID
    revision = models.PositiveIntegerField(default=0)  # iCalendar's SEQUENCE: raised when the time or place moves
    created_at = models.DateTimeField(_("created"))
    updated_at = models.DateTimeField(_("updated"))

    class Meta:
        verbose_name = _("negotiation meeting")
        verbose_name_plural = _("negotiation meetings")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_organisation(self) -> Organisation:
        return self.series.convener


class Party(models.Model):
    """An organisation invited to a meeting, and the one person of it who checks the minutes."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    checker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checker of the minutes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invited organisation")
        verbose_name_plural = _("invited organisations")
        ordering = ["organisation__name", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "organisation"], name="party_unique_organisation")]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.organisation}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.meeting.series.convener


class PersonRole(models.TextChoices):
    ELECTED = "elected", _("elected leadership")
    MANAGEMENT = "management", _("top management")
    EXPERT = "expert", _("expert")


class Participation(models.TextChoices):
    PARTICIPATES = "participates", _("participates")
    PREPARES = "prepares", _("prepares and participates")
    IF_NEEDED = "if_needed", _("attends if needed")


class Invitee(models.Model):
    """A person invited on behalf of an invited organisation."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="invitees")
    name = models.CharField(_("name"), max_length=200)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=PersonRole.choices)
    participation = models.CharField(_("participation"), max_length=20, choices=Participation.choices)

    class Meta:
        verbose_name = _("invited person")
        verbose_name_plural = _("invited people")
        ordering = ["party", "role", "name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_organisation(self) -> Organisation:
        return self.party.meeting.series.convener


class ItemKind(models.TextChoices):
    """What an agenda item shows besides its text: data read afresh whenever the agenda is shown."""

    TEXT = "text", _("text only")
    ACTIONS = "actions", _("agreed actions followed up")
    GOALS = "goals", _("the parties' plan goals side by side")
    INDICATORS = "indicators", _("key indicators of the area")
    INTERFACES = "interfaces", _("interfaces due for review")


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=12, choices=ItemKind.choices, default=ItemKind.TEXT)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    indicator_set = models.ForeignKey(
        "indicators.IndicatorSet",
        verbose_name=_("indicator set"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    minutes = models.TextField(_("minutes"), blank=True)
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Shown on the public site when the meeting's minutes are published.")
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_organisation(self) -> Organisation:
        return self.meeting.series.convener


class Material(models.Model):
    """A link or an uploaded file (checked on upload: `files.py`), stored in the database as report images are."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"), max_length=500, blank=True)
    data = models.BinaryField(_("file"), null=True, blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    added_at = models.DateTimeField(_("added"))

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["added_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(url="") | models.Q(data__isnull=False), name="material_link_or_file"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_organisation(self) -> Organisation:
        return self.meeting.series.convener


from hyte.cooperation.action_models import (  # noqa: E402
    ActionStatus,
    AgreedAction,
    CarriedAction,
    Confirmation,
    MinutesDecision,
)
from hyte.cooperation.agreement_models import Agreement, AgreementParty, AgreementVersion  # noqa: E402
from hyte.cooperation.calendar_models import CalendarStep, StepKind  # noqa: E402
from hyte.cooperation.chain_models import ChainStep, Phase, ServiceChain  # noqa: E402
from hyte.cooperation.interface_models import CounterpartPair, Interface, InterfaceOwner  # noqa: E402
from hyte.cooperation.structure_models import Structure, StructureKind, StructureMember  # noqa: E402

__all__ = [
    "ActionStatus",
    "AgendaItem",
    "AgreedAction",
    "Agreement",
    "AgreementParty",
    "AgreementVersion",
    "Arrangement",
    "CalendarStep",
    "CarriedAction",
    "ChainStep",
    "Confirmation",
    "CounterpartPair",
    "Interface",
    "InterfaceOwner",
    "Invitee",
    "ItemKind",
    "Material",
    "Meeting",
    "MinutesDecision",
    "MinutesStatus",
    "Participation",
    "Party",
    "PersonRole",
    "Phase",
    "Series",
    "SeriesKind",
    "ServiceChain",
    "StepKind",
    "Structure",
    "StructureKind",
    "StructureMember",
]
