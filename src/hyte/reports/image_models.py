"""Images of a report's image blocks: uploaded once, never changed (a new upload is a new row), so that every
frozen version keeps showing the image it was approved with. Stored in the database with the rest of the report,
re-encoded on upload (metadata such as GPS positions dropped)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from hyte.accounts.models import Organisation


class ReportImage(models.Model):
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    data = models.BinaryField(_("image"))
    content_type = models.CharField(max_length=20)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("uploaded"))

    class Meta:
        verbose_name = _("report image")
        verbose_name_plural = _("report images")

    def __str__(self) -> str:
        return f"{self.width}×{self.height} {self.content_type}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.organisation
