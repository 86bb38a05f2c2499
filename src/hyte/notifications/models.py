"""Notifications: what happened that a person should know of, in the product and by e-mail, in the person's
language; and each person's choices of what to get and how."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    ASSIGNED = "assigned", _("work assigned to me")
    COMMENTED = "commented", _("comments on reports I work on")
    IN_REVIEW = "in_review", _("reports sent to review")
    APPROVED = "approved", _("reports approved")
    PUBLISHED = "published", _("reports published")
    ALERT = "alert", _("alerts from the indicators")
    DEADLINE = "deadline", _("deadlines nearing")
    EXPORT_READY = "export_ready", _("files I asked for, ready or failed")
    REGISTER_STALE = "register_stale", _("register entries I keep that need checking")


class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.CharField(_("text"), max_length=500)
    url = models.CharField(max_length=500, blank=True)
    key = models.CharField(max_length=200, blank=True, help_text="Sent once per key (deadline reminders).")
    created_at = models.DateTimeField(_("created"))
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.text

    @property
    def audit_organisation(self) -> object:
        return self.organisation


class Language(models.TextChoices):
    FI = "fi", "suomi"
    SV = "sv", "svenska"
    EN = "en", "English"


class Preference(models.Model):
    """A person's choices; without a row: every kind, by e-mail at once, in Finnish."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.FI)
    email = models.BooleanField(_("also by e-mail"), default=True)
    daily_digest = models.BooleanField(
        _("one e-mail a day"), default=False, help_text=_("A daily summary instead of a mail for each.")
    )
    muted = models.JSONField(_("kinds turned off"), default=list, blank=True)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def audit_organisation(self) -> None:
        return None
