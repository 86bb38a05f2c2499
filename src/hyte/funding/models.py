"""The HYTE coefficient as data (issue 19): versioned models with their indicators, TEAviisari results, official
results published by the authorities and saved what-if scenarios. The computation is in `compute.py`, the JSON
exchange format in `exchange.py` (schema `data/model.schema.json`, documented in docs/funding.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hyte.regions.models import localized


class ModelKind(models.TextChoices):
    MUNICIPAL = "municipal", _("municipalities (state share, Act 618/2021 §15)")
    COUNTY = "county", _("wellbeing services counties (Act 617/2021 §3)")


class MissingRule(models.TextChoices):
    """What an area without a value for an indicator gets; stated in the model, shown beside every result."""

    MEAN = "mean", _("the mean of the other areas' scaled values")
    ZERO = "zero", _("a scaled value of 0")
    OMIT = "omit", _("the indicator is left out and the other weights of its part are scaled up")


class EuroRule(models.TextChoices):
    PER_RESIDENT = "per_resident", _("base price × residents × score relative to the population-weighted mean")
    SHARE = "share", _("a share of the funding pool in proportion to residents × score")


class CoefficientModel(models.Model):
    """One version of a coefficient model. A new version copies the previous one; a version that has been used
    (results computed and shown, a scenario saved) is frozen and no longer edited."""

    key = models.SlugField(_("model key"), max_length=80, help_text=_("The same for every version of a model."))
    version = models.PositiveIntegerField(_("version"), default=1)
    kind = models.CharField(_("kind"), max_length=20, choices=ModelKind.choices)
    funding_year = models.PositiveSmallIntegerField(_("funding year"))
    name_fi = models.CharField(_("name in Finnish"), max_length=300)
    name_sv = models.CharField(_("name in Swedish"), max_length=300, blank=True)
    description_fi = models.TextField(_("description in Finnish"), blank=True)
    description_sv = models.TextField(_("description in Swedish"), blank=True)
    process_weight = models.FloatField(_("weight of the process part"))
    outcome_weight = models.FloatField(_("weight of the outcome part"))
    missing_rule = models.CharField(_("missing data"), max_length=10, choices=MissingRule.choices)
    euro_rule = models.CharField(_("euros"), max_length=20, choices=EuroRule.choices)
    base_price = models.FloatField(_("base price, € per resident"), null=True, blank=True)
    funding_pool = models.FloatField(_("funding pool, €"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("residents on 31 Dec of"), null=True, blank=True)
    provisional = models.BooleanField(
        _("provisional"), default=False, help_text=_("A part of the model still waits for a person to confirm it.")
    )
    provisional_note = models.TextField(_("what must be confirmed"), blank=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    frozen = models.BooleanField(_("frozen"), default=False)
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("coefficient model")
        verbose_name_plural = _("coefficient models")
        ordering = ["key", "-version"]
        constraints = [models.UniqueConstraint(fields=["key", "version"], name="funding_model_version_unique")]

    def __str__(self) -> str:
        return f"{self.name_fi} v{self.version}"

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def description(self) -> str:
        return localized(self, "description")

    @property
    def is_provisional(self) -> bool:
        """The model or any of its indicators waits for a person's confirmation (reads prefetched indicators)."""
        return self.provisional or any(ind.provisional for ind in self.indicators.all())


class Part(models.TextChoices):
    PROCESS = "process", _("process")
    OUTCOME = "outcome", _("outcome")


class SourceKind(models.TextChoices):
    TEAVIISARI = "teaviisari", _("TEAviisari")
    SOTKANET = "sotkanet", _("Sotkanet")


class Scaling(models.TextChoices):
    MINMAX = "minmax", _("min–max over all areas")
    TARGET = "target", _("against a target value")
    CHANGE = "change", _("change over N years, min–max over all areas")
    RELATIVE = "relative", _("relative to the country")


class Direction(models.TextChoices):
    HIGHER = "higher", _("higher is better")
    LOWER = "lower", _("lower is better")


class ModelIndicator(models.Model):
    model = models.ForeignKey(CoefficientModel, on_delete=models.CASCADE, related_name="indicators")
    code = models.SlugField(_("code"), max_length=60)
    position = models.PositiveSmallIntegerField(default=0)
    part = models.CharField(_("part"), max_length=10, choices=Part.choices)
    title_fi = models.CharField(_("title in Finnish"), max_length=300)
    title_sv = models.CharField(_("title in Swedish"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=12, choices=SourceKind.choices)
    sector = models.CharField(_("TEAviisari sector"), max_length=40, blank=True)
    item = models.CharField(_("TEAviisari item"), max_length=60, blank=True)
    indicator = models.ForeignKey(
        "indicators.Indicator", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sotkanet_id = models.PositiveIntegerField(_("Sotkanet indicator id"), null=True, blank=True)
    data_years = models.JSONField(_("data years"), default=list)
    scaling = models.CharField(_("scaling to 0–100"), max_length=10, choices=Scaling.choices)
    target_value = models.FloatField(_("target value"), null=True, blank=True)
    change_years = models.PositiveSmallIntegerField(_("change over years"), null=True, blank=True)
    weight = models.FloatField(_("weight within its part"))
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    provisional = models.BooleanField(_("provisional"), default=False)
    provisional_note = models.CharField(_("what must be confirmed"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("coefficient indicator")
        verbose_name_plural = _("coefficient indicators")
        ordering = ["model", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["model", "code"], name="funding_indicator_code_unique")]

    def __str__(self) -> str:
        return self.title_fi

    @property
    def title(self) -> str:
        return localized(self, "title")


class TeaviisariValue(models.Model):
    """One TEAviisari result: an area (municipality, county or the country) × sector × survey year × item and
    dimension, 0–100. `synthetic` marks the demo's invented values, labelled so wherever they are shown."""

    area = models.ForeignKey("regions.Area", on_delete=models.CASCADE, related_name="+")
    sector = models.CharField(_("sector"), max_length=40)
    survey_year = models.PositiveSmallIntegerField(_("survey year"))
    item = models.CharField(_("item"), max_length=60, blank=True, help_text=_("Empty for the sector's total."))
    dimension = models.CharField(_("dimension"), max_length=60, blank=True)
    value = models.FloatField(_("score (0–100)"))
    synthetic = models.BooleanField(_("synthetic (demo)"), default=False)

    class Meta:
        verbose_name = _("TEAviisari result")
        verbose_name_plural = _("TEAviisari results")
        ordering = ["area", "sector", "survey_year", "item", "dimension"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "sector", "survey_year", "item", "dimension"], name="funding_teaviisari_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.area_id}/{self.sector}/{self.survey_year}/{self.item}: {self.value}"


class OfficialResult(models.Model):
    """A result published by the authorities for one area, imported to check a model against it."""

    model = models.ForeignKey(CoefficientModel, on_delete=models.CASCADE, related_name="official_results")
    area = models.ForeignKey("regions.Area", on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("score"), null=True, blank=True)
    euros = models.FloatField(_("euros"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("official result")
        verbose_name_plural = _("official results")
        constraints = [models.UniqueConstraint(fields=["model", "area"], name="funding_official_unique")]

    def __str__(self) -> str:
        return f"{self.model_id}/{self.area_id}: {self.score}"


class Scenario(models.Model):
    """A saved what-if: changed indicator values for one area under one model version. Private to its
    organisation unless shared."""

    model = models.ForeignKey(CoefficientModel, on_delete=models.PROTECT, related_name="scenarios")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    area = models.ForeignKey("regions.Area", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=300)
    changes = models.JSONField(_("changed values"), default=dict)
    result = models.JSONField(_("result when saved"), default=dict)
    shared = models.BooleanField(_("shared with everyone signed in"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("what-if scenario")
        verbose_name_plural = _("what-if scenarios")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_organisation(self) -> object:
        return self.organisation
