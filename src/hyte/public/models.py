"""The public site's generation: a number that only grows, raised whenever what the public site shows may have
changed (a version published or removed, an organisation changed or leaving, an area's language status). Cached
pages are kept under it, so a new generation makes every page fresh."""

from __future__ import annotations

from django.db import models


class Generation(models.Model):
    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "public site generation"

    def __str__(self) -> str:
        return str(self.value)
