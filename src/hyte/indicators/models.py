from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hyte.regions.models import Area, localized

SOTKANET_ATTRIBUTION = "THL, Sotkanet.fi (CC BY 4.0)"  # pages say "Source:" in their language


class IndicatorSource(models.TextChoices):
    SOTKANET = "sotkanet", _("Sotkanet")
    SURVEY = "survey", _("survey")
    OWN = "own", _("organisation's own")


class ValueType(models.TextChoices):
    PERCENT = "percent", _("percent")
    PER_1000 = "per_1000", _("per 1,000")
    PER_10000 = "per_10000", _("per 10,000")
    PER_100000 = "per_100000", _("per 100,000")
    COUNT = "count", _("count")
    INDEX = "index", _("index")
    EUROS = "euros", _("euros")
    RATIO = "ratio", _("ratio")
    OTHER = "other", _("other")


class Polarity(models.TextChoices):
    HIGH_IS_GOOD = "high_good", _("high is good")
    LOW_IS_GOOD = "low_good", _("low is good")
    NO_JUDGEMENT = "none", _("no judgement")


class AgeGroup(models.TextChoices):
    ALL = "all", _("all ages")
    CHILDREN = "children", _("children and young people")
    WORKING_AGE = "working_age", _("working age")
    OLDER = "older", _("older people")


class IndicatorKind(models.TextChoices):
    OUTCOME = "outcome", _("outcome indicator")
    PROCESS = "process", _("process indicator")


class Gender(models.TextChoices):
    TOTAL = "total", _("total")
    MALE = "male", _("men")
    FEMALE = "female", _("women")


class MissingReason(models.TextChoices):
    SUPPRESSED = "suppressed", _("suppressed to protect privacy or too few cases")
    NOT_AVAILABLE = "not_available", _("not available")


class Indicator(models.Model):
    source = models.CharField(_("source"), max_length=20, choices=IndicatorSource.choices)
    source_id = models.CharField(_("id at the source"), max_length=64)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="own_indicators",
        help_text=_("Set for an organisation's own indicators; empty for shared ones."),
    )
    title_fi = models.CharField(_("title in Finnish"), max_length=500)
    title_sv = models.CharField(_("title in Swedish"), max_length=500, blank=True)
    title_en = models.CharField(_("title in English"), max_length=500, blank=True)
    description_fi = models.TextField(_("description in Finnish"), blank=True)
    description_sv = models.TextField(_("description in Swedish"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    interpretation_fi = models.TextField(_("interpretation in Finnish"), blank=True)
    interpretation_sv = models.TextField(_("interpretation in Swedish"), blank=True)
    interpretation_en = models.TextField(_("interpretation in English"), blank=True)
    limits_fi = models.TextField(_("limits in Finnish"), blank=True)
    limits_sv = models.TextField(_("limits in Swedish"), blank=True)
    limits_en = models.TextField(_("limits in English"), blank=True)
    value_type = models.CharField(_("value type"), max_length=20, choices=ValueType.choices, default=ValueType.OTHER)
    decimals = models.PositiveSmallIntegerField(_("decimals"), default=1)
    polarity = models.CharField(_("polarity"), max_length=10, choices=Polarity.choices, default=Polarity.NO_JUDGEMENT)
    polarity_set_by_user = models.BooleanField(_("polarity set by a person"), default=False)
    reviewed_by = models.CharField(
        _("reviewed by"),
        max_length=200,
        blank=True,
        help_text=_("Who confirmed the polarity and age group; empty while they are guesses from the title."),
    )
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    subjects = models.JSONField(_("subjects"), default=list, blank=True)
    age_group = models.CharField(_("age group"), max_length=20, choices=AgeGroup.choices, default=AgeGroup.ALL)
    kind = models.CharField(
        _("process or outcome"), max_length=10, choices=IndicatorKind.choices, default=IndicatorKind.OUTCOME
    )
    genders = models.JSONField(_("genders at the source"), default=list, blank=True)
    range_start = models.PositiveSmallIntegerField(_("data from year"), null=True, blank=True)
    range_end = models.PositiveSmallIntegerField(_("data until year"), null=True, blank=True)
    data_updated = models.DateField(_("data updated at the source"), null=True, blank=True)
    producer = models.CharField(_("producer"), max_length=300, blank=True)
    source_text = models.CharField(_("source"), max_length=500, blank=True)
    licence = models.CharField(_("licence"), max_length=200, blank=True)
    sample_size = models.PositiveIntegerField(
        _("sample size"),
        null=True,
        blank=True,
        help_text=_("For an indicator computed from a survey: the respondents who answered the question validly."),
    )
    group_labels = models.JSONField(
        _("groups"),
        default=dict,
        blank=True,
        help_text=_(
            "For an indicator computed from a survey by a grouping of its own (village, district …): each group's "
            'label by its key ({"key": {"fi": …, "sv": …}}); its observations carry the key as their population group.'
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["title_fi"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"],
                condition=Q(organisation__isnull=True),
                name="indicator_unique_shared_source_id",
            ),
            models.UniqueConstraint(
                fields=["organisation", "source", "source_id"],
                condition=Q(organisation__isnull=False),
                name="indicator_unique_own_source_id",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_organisation(self) -> object:
        return self.organisation

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def polarity_confirmed(self) -> bool:
        """A person has confirmed the polarity (in the reviewed list or by setting it); a guess is not enough."""
        return self.polarity_set_by_user or bool(self.reviewed_by)

    @property
    def judged_polarity(self) -> str:
        """The polarity to judge better and worse by: the confirmed one, else none (higher and lower only)."""
        return self.polarity if self.polarity_confirmed else Polarity.NO_JUDGEMENT

    @property
    def description(self) -> str:
        return localized(self, "description")

    @property
    def interpretation(self) -> str:
        return localized(self, "interpretation")

    @property
    def limits(self) -> str:
        return localized(self, "limits")

    @property
    def attribution(self) -> str:
        if self.source == IndicatorSource.SOTKANET:
            return SOTKANET_ATTRIBUTION
        return ", ".join(part for part in [self.source_text or self.producer, self.licence] if part)


class IndicatorSet(models.Model):
    """A named, ordered list of indicators: a core set for the report, the HYTE coefficient set, an own choice."""

    name = models.CharField(_("name"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicator_sets",
        help_text=_("Empty for national sets that everyone can use."),
    )
    indicators = models.ManyToManyField["Indicator", "IndicatorSetItem"](
        Indicator, through="IndicatorSetItem", related_name="sets"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("indicator set")
        verbose_name_plural = _("indicator sets")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_organisation(self) -> object:
        return self.organisation


class IndicatorSetItem(models.Model):
    indicator_set = models.ForeignKey(IndicatorSet, on_delete=models.CASCADE, related_name="items")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["indicator_set", "indicator"], name="indicatorsetitem_unique")]

    def __str__(self) -> str:
        return f"{self.indicator_set}: {self.indicator_id}"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class ImportBatch(models.Model):
    """One import, from the web, the command line or the Sotkanet API: what was read, kept and rejected."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="import_batches",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(_("source"), max_length=40)
    filename = models.CharField(_("file"), max_length=300, blank=True)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    created_at = models.DateTimeField(_("created"))
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    rows_created = models.PositiveIntegerField(_("rows stored"), default=0)
    rows_updated = models.PositiveIntegerField(_("rows updated"), default=0)
    rows_unchanged = models.PositiveIntegerField(_("rows unchanged"), default=0)
    rows_rejected = models.PositiveIntegerField(_("rows rejected"), default=0)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("error"), blank=True)
    upload = models.BinaryField(
        _("uploaded file"), null=True, blank=True, help_text=_("Kept until a queued import has run.")
    )

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.source} {self.filename} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def audit_organisation(self) -> object:
        return self.organisation

    @property
    def is_finished(self) -> bool:
        return self.status in {ImportStatus.DONE, ImportStatus.FAILED}

    @property
    def awaits_mapping(self) -> bool:
        return (
            self.status == ImportStatus.QUEUED
            and self.parameters.get("format") in ("table", "xlsx")
            and not self.parameters.get("mapping")
        )

    @property
    def in_progress(self) -> bool:
        return not self.is_finished and not self.awaits_mapping


class RejectedRow(models.Model):
    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="rejected_rows")
    line = models.PositiveIntegerField(_("line"))
    reason = models.CharField(_("reason"), max_length=300)
    content = models.CharField(_("content"), max_length=500, blank=True)

    class Meta:
        ordering = ["line", "id"]

    def __str__(self) -> str:
        return f"{self.line}: {self.reason}"


class Observation(models.Model):
    """One value: indicator × area × period × population group. Unique on that key."""

    # This is the bulk fact table (tens of millions of rows), so it carries one index besides the primary key: the
    # unique key, which leads with the indicator and then the area, as every read does (an indicator's values by
    # area and year). No database foreign-key triggers either: they cost more than the insert itself in bulk
    # loads; the import resolves every id from the database before writing, and deletes go through the ORM, which
    # applies CASCADE and PROTECT.
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="observations", db_index=False, db_constraint=False
    )
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="observations", db_index=False, db_constraint=False
    )
    year = models.SmallIntegerField(_("year"))
    period = models.CharField(
        _("period"),
        max_length=16,
        blank=True,
        default="",
        help_text=_("Empty for the calendar year; otherwise e.g. 2019-2020 or 2023Q1."),
    )
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices, default=Gender.TOTAL)
    age_group = models.CharField(_("age group"), max_length=20, blank=True, default="")
    value = models.FloatField(_("value"), null=True, blank=True)
    absolute_value = models.FloatField(_("count"), null=True, blank=True)
    ci_low = models.FloatField(_("confidence interval, lower"), null=True, blank=True)
    ci_high = models.FloatField(_("confidence interval, upper"), null=True, blank=True)
    missing_reason = models.CharField(
        _("why missing"), max_length=20, choices=MissingReason.choices, blank=True, default=""
    )
    batch = models.ForeignKey(
        ImportBatch,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )

    # The observation key is the primary key: one index, no surrogate id to generate for every imported row.
    # Years last: every read asks for one population group's series (total, all ages), so the group columns come
    # before the year and a series is one tight range of the index.
    pk = models.CompositePrimaryKey("indicator", "area", "gender", "age_group", "period", "year")

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")

    def __str__(self) -> str:
        return f"{self.indicator_id}/{self.area_id}/{self.year}{self.period}/{self.gender}/{self.age_group}"


class ObservationChange(models.Model):
    """What a re-import changed: old and new value of an existing observation (the first 10,000 per batch)."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="changes")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")
    year = models.SmallIntegerField()
    period = models.CharField(max_length=16, blank=True, default="")
    gender = models.CharField(max_length=6, choices=Gender.choices)
    age_group = models.CharField(max_length=20, blank=True, default="")
    old_value = models.FloatField(null=True)
    new_value = models.FloatField(null=True)
    old_absolute_value = models.FloatField(null=True)
    new_absolute_value = models.FloatField(null=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.indicator_id}/{self.area_id}/{self.year}: {self.old_value} → {self.new_value}"
