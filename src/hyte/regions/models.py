from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def localized(obj: object, field: str) -> str:
    """`field_fi` / `field_sv` / `field_en` by the active language, falling back to Finnish."""
    language = (get_language() or "fi")[:2]
    value = getattr(obj, f"{field}_{language}", "") or ""
    return value or getattr(obj, f"{field}_fi", "") or ""


class AreaKind(models.TextChoices):
    COUNTRY = "country", _("country")
    COUNTY = "county", _("wellbeing services county")
    REGION = "region", _("region (maakunta)")
    MUNICIPALITY = "municipality", _("municipality")


class LanguageStatus(models.TextChoices):
    FINNISH = "fi", _("Finnish-speaking")
    SWEDISH = "sv", _("Swedish-speaking")
    BILINGUAL_FINNISH = "fi-sv", _("bilingual, Finnish majority")
    BILINGUAL_SWEDISH = "sv-fi", _("bilingual, Swedish majority")


class MunicipalityGroup(models.TextChoices):
    URBAN = "urban", _("urban")
    SEMI_URBAN = "semi-urban", _("semi-urban")
    RURAL = "rural", _("rural")


class Area(models.Model):
    """A place that indicators describe: Finland, a county, a region or a municipality.

    Municipalities that have merged keep their row (with `valid_until`) so their history stays theirs.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=AreaKind.choices)
    code = models.CharField(_("official code"), max_length=10)
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    county = models.ForeignKey(
        "self",
        verbose_name=_("wellbeing services county"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="municipalities",
        limit_choices_to={"kind": AreaKind.COUNTY},
    )
    region = models.ForeignKey(
        "self",
        verbose_name=_("region (maakunta)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="region_municipalities",
        limit_choices_to={"kind": AreaKind.REGION},
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
    )
    language_status = models.CharField(_("language status"), max_length=5, choices=LanguageStatus.choices, blank=True)
    municipality_group = models.CharField(
        _("municipality group"), max_length=12, choices=MunicipalityGroup.choices, blank=True
    )
    sotkanet_id = models.PositiveIntegerField(_("Sotkanet region id"), null=True, blank=True, unique=True)
    outside_reform = models.BooleanField(
        _("outside the wellbeing services reform"),
        default=False,
        help_text=_("Åland and its municipalities organise their services under their own laws."),
    )
    valid_from = models.PositiveSmallIntegerField(_("valid from year"), null=True, blank=True)
    valid_until = models.PositiveSmallIntegerField(
        _("valid until year"),
        null=True,
        blank=True,
        help_text=_("The last year the area existed; empty while it still exists."),
    )
    classification_year = models.PositiveSmallIntegerField(_("classification year"), null=True, blank=True)

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["kind", "name_fi"]
        constraints = [models.UniqueConstraint(fields=["kind", "code"], name="area_unique_kind_code")]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def is_current(self) -> bool:
        return self.valid_until is None

    @property
    def is_bilingual(self) -> bool:
        return self.language_status in {LanguageStatus.BILINGUAL_FINNISH, LanguageStatus.BILINGUAL_SWEDISH}

    @property
    def serves_in_swedish(self) -> bool:
        return self.language_status in {
            LanguageStatus.SWEDISH,
            LanguageStatus.BILINGUAL_FINNISH,
            LanguageStatus.BILINGUAL_SWEDISH,
        }
