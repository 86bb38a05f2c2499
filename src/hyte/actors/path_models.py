"""Support paths (tuen polku): ordered activities and services for a life situation. Part of the app's models
(`models.py` imports them).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hyte.accounts.models import Organisation
from hyte.actors.models import Activity, AgeGroup, TargetGroup, _in_language, municipality_of
from hyte.regions.models import Area


class SupportPath(models.Model):
    """A support path (tuen polku): an ordered set of activities and services for a life situation ("managing at
    home as an older person", "a family with a new baby"), with plain-language guidance. Like an activity it is
    the municipality's whose area it is in: its coordinators keep it, and the public site shows it once it is
    published."""

    area = models.ForeignKey(
        Area, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="support_paths"
    )
    title = models.CharField(_("title"), max_length=200)
    title_sv = models.CharField(_("title in Swedish"), max_length=200, blank=True)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    introduction_sv = models.TextField(_("introduction in Swedish"), blank=True)
    introduction_en = models.TextField(_("introduction in English"), blank=True)
    age_groups = models.JSONField(_("age groups"), default=list, blank=True)
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="support_paths"
    )
    is_published = models.BooleanField(_("published"), default=False)
    last_checked_at = models.DateTimeField(_("last checked"), null=True, blank=True)
    last_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("support path")
        verbose_name_plural = _("support paths")
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["area", "is_published"])]

    def __str__(self) -> str:
        return self.title

    @property
    def display_title(self) -> str:
        return _in_language(self.title, self.title_sv, self.title_en)

    @property
    def display_introduction(self) -> str:
        return _in_language(self.introduction, self.introduction_sv, self.introduction_en)

    @property
    def audit_organisation(self) -> Organisation | None:
        return municipality_of(self.area_id)

    def age_group_labels(self) -> list[str]:
        labels = dict(AgeGroup.choices)
        return [str(labels[g]) for g in self.age_groups if g in labels]


class SupportPathStep(models.Model):
    """One step of a support path: an activity of the register, or a service described in words with its
    contact (the county's family centre, the home care's advice line). On public pages an activity that is not
    public (a draft, or hidden by the coordinator) shows only the step's own words."""

    path = models.ForeignKey(SupportPath, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveIntegerField(default=0)
    heading = models.CharField(_("heading"), max_length=200)
    heading_sv = models.CharField(_("heading in Swedish"), max_length=200, blank=True)
    heading_en = models.CharField(_("heading in English"), max_length=200, blank=True)
    guidance = models.TextField(_("guidance"), blank=True)
    guidance_sv = models.TextField(_("guidance in Swedish"), blank=True)
    guidance_en = models.TextField(_("guidance in English"), blank=True)
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="support_path_steps",
    )
    service_name = models.CharField(_("service"), max_length=200, blank=True)
    service_name_sv = models.CharField(_("service in Swedish"), max_length=200, blank=True)
    service_name_en = models.CharField(_("service in English"), max_length=200, blank=True)
    service_phone = models.CharField(_("service's phone"), max_length=40, blank=True)
    service_url = models.URLField(_("service's link"), blank=True)

    class Meta:
        verbose_name = _("support path step")
        verbose_name_plural = _("support path steps")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.heading

    @property
    def display_heading(self) -> str:
        return _in_language(self.heading, self.heading_sv, self.heading_en)

    @property
    def display_guidance(self) -> str:
        return _in_language(self.guidance, self.guidance_sv, self.guidance_en)

    @property
    def display_service_name(self) -> str:
        return _in_language(self.service_name, self.service_name_sv, self.service_name_en)

    @property
    def public_activity(self) -> Activity | None:
        """The linked activity where the public may see it; otherwise the step shows only its own words."""
        activity = self.activity
        return activity if activity is not None and activity.is_public else None

    @property
    def audit_organisation(self) -> Organisation | None:
        return municipality_of(self.path.area_id)
