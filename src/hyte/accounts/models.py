from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hyte.accounts.roles import Role
from hyte.regions.models import Area


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("municipality")
    COUNTY = "county", _("wellbeing services county")
    NGO = "ngo", _("NGO")
    NATIONAL = "national", _("national body")


class Organisation(models.Model):
    """The tenant: everything a user writes belongs to one organisation."""

    name = models.CharField(_("name"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    business_id = models.CharField(_("business id"), max_length=20, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        """The name in the reader's language: the Swedish one in the Swedish interface where it is known."""
        if self.name_sv and (get_language() or "fi").startswith("sv"):
            return self.name_sv
        return self.name

    @property
    def audit_organisation(self) -> Organisation:
        return self


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique_user_organisation")
        ]
        ordering = ["organisation__name", "user__username"]

    def __str__(self) -> str:
        return f"{self.user}, {self.organisation} ({self.get_role_display()})"

    @property
    def audit_organisation(self) -> Organisation:
        return self.organisation


class DraftSharing(models.Model):
    """A municipality lets its county read its drafts (reports, plans) for the regional report."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="shares"
    )
    shared_with = models.ForeignKey(
        Organisation, verbose_name=_("shared with"), on_delete=models.CASCADE, related_name="shared_to_me"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("draft sharing")
        verbose_name_plural = _("draft sharings")
        constraints = [models.UniqueConstraint(fields=["organisation", "shared_with"], name="draftsharing_unique_pair")]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.shared_with}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.organisation


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A personal API token. Only its hash is stored; the token is shown once when created."""

    PREFIX = "hyte_"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(_("starts with"), max_length=12, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    read_only = models.BooleanField(
        _("read only"), default=False, help_text=_("The token may read but not change anything.")
    )

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def generate(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)


class SingleSignOn(models.Model):
    """An organisation's identity provider (OpenID Connect: Microsoft Entra ID, Google, Keycloak, Suomi.fi), set by
    the site's administrators. Members sign in through it; it matches them by their verified e-mail address."""

    organisation = models.OneToOneField(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="single_sign_on"
    )
    issuer = models.URLField(
        _("issuer"),
        max_length=300,
        help_text=_("The provider's issuer address; its /.well-known/openid-configuration must answer."),
    )
    client_id = models.CharField(_("client id"), max_length=300)
    client_secret = models.CharField(_("client secret"), max_length=500, blank=True)
    enabled = models.BooleanField(_("in use"), default=True)
    passwords_allowed = models.BooleanField(
        _("local passwords allowed"),
        default=True,
        help_text=_("When off, the organisation's members can sign in only through the identity provider."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("single sign-on")
        verbose_name_plural = _("single sign-on")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.issuer}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.organisation

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if not self.passwords_allowed and not self.enabled:
            raise ValidationError(_("Local passwords can be turned off only while single sign-on is in use."))


class ExternalIdentity(models.Model):
    """A person's account at an identity provider (issuer and subject), linked at their first single sign-on."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_identities")
    issuer = models.CharField(max_length=300)
    subject = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"], name="one_account_per_identity")]

    def __str__(self) -> str:
        return f"{self.subject} @ {self.issuer}"
