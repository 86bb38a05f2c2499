"""Cooperation structures (issue 15): the groups, networks and forums through which a county and its
municipalities work together (e.g. the welfare coordinators' network, partnership groups), each kept by one
organisation's coordinators, with members from several organisations, each person on behalf of one of them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from hyte.accounts.models import Organisation


class StructureKind(models.TextChoices):
    GROUP = "group", _("cooperation group")
    NETWORK = "network", _("network")
    FORUM = "forum", _("forum")


class Structure(models.Model):
    keeper = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("kept by"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=StructureKind.choices, default=StructureKind.GROUP)
    name = models.CharField(_("name"), max_length=300)
    name_sv = models.CharField(_("name in Swedish"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("cooperation structure")
        verbose_name_plural = _("cooperation structures")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        if self.name_sv and (get_language() or "fi").startswith("sv"):
            return self.name_sv
        return self.name

    @property
    def audit_organisation(self) -> Organisation:
        return self.keeper


class StructureMember(models.Model):
    """A person in a structure on behalf of an organisation."""

    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("member of a cooperation structure")
        verbose_name_plural = _("members of cooperation structures")
        ordering = ["organisation__name", "name", "id"]

    def __str__(self) -> str:
        return f"{self.structure}: {self.name}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.structure.keeper
