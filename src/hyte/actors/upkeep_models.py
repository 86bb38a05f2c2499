"""The register's upkeep: the source ids of entries merged into others, pairs said not to be duplicates, and
imports into the register. Part of the app's models (`models.py` imports them).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hyte.accounts.models import Organisation
from hyte.actors.models import Actor


class ActorAlias(models.Model):
    """The (source, id) of an entry merged into another: importing that source again finds the entry that stayed
    (`queries.find_by_source`) instead of adding the duplicate back."""

    source = models.CharField(_("source"), max_length=200)
    external_id = models.CharField(_("id in the source"), max_length=200)
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    merged_at = models.DateTimeField(_("merged"))

    class Meta:
        verbose_name = _("merged entry's id")
        verbose_name_plural = _("merged entries' ids")
        constraints = [models.UniqueConstraint(fields=["source", "external_id"], name="actor_alias_unique")]

    def __str__(self) -> str:
        return f"{self.source}:{self.external_id}"

    @property
    def audit_organisation(self) -> Organisation | None:
        return self.actor.audit_organisation


class NotDuplicate(models.Model):
    """Two entries a keeper said are different actors: the pair is no longer suggested as duplicates. `first` is
    the one with the smaller id."""

    first = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="+")
    decided_at = models.DateTimeField(_("decided"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("not a duplicate")
        verbose_name_plural = _("not duplicates")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="actor_not_duplicate_unique"),
            models.CheckConstraint(condition=models.Q(first__lt=models.F("second")), name="actor_not_duplicate_order"),
        ]

    def __str__(self) -> str:
        return f"{self.first_id} ≠ {self.second_id}"

    @property
    def audit_organisation(self) -> Organisation | None:
        return self.first.audit_organisation


class ImportFormat(models.TextChoices):
    SHEET = "sheet", _("spreadsheet (CSV or XLSX)")
    HSDS = "hsds", _("Open Referral HSDS (JSON)")
    LINKED_EVENTS = "linked-events", _("Linked Events")


class ImportStatus(models.TextChoices):
    MAPPING = "mapping", _("waiting for its columns")
    PREVIEW = "preview", _("waiting for confirmation")
    DONE = "done", _("imported")
    DISCARDED = "discarded", _("discarded")


class RegisterImport(models.Model):
    """One import into the register: the file (or the answers fetched from an API) kept until it is confirmed or
    discarded, what it was read with, and its outcome with every rejected row and its reason."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="register_imports"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"))
    file_format = models.CharField(_("format"), max_length=20, choices=ImportFormat.choices)
    source = models.CharField(_("source"), max_length=200)
    filename = models.CharField(_("file"), max_length=300, blank=True)
    upload = models.BinaryField(null=True, blank=True)  # emptied once the import is done or discarded
    parameters = models.JSONField(default=dict, blank=True)  # the column mapping and the options
    status = models.CharField(_("status"), max_length=20, choices=ImportStatus.choices)
    rows_read = models.PositiveIntegerField(default=0)
    rows_created = models.PositiveIntegerField(default=0)
    rows_updated = models.PositiveIntegerField(default=0)
    rows_unchanged = models.PositiveIntegerField(default=0)
    rows_rejected = models.PositiveIntegerField(default=0)
    actors_created = models.PositiveIntegerField(default=0)
    rejected = models.JSONField(default=list, blank=True)  # [{"row": 5, "reason": "…"}, …]
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("register import")
        verbose_name_plural = _("register imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.filename or self.source

    @property
    def audit_organisation(self) -> Organisation:
        return self.organisation

    @property
    def is_open(self) -> bool:
        return self.status in (ImportStatus.MAPPING, ImportStatus.PREVIEW)
