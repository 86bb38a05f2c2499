"""The register of actors (municipal and county units, NGOs, parishes, companies …) and their activities.

An actor works in one municipality (`area`); that municipality's coordinators keep its entry, or, where the
actor is an organisation in Hyte (an NGO with its own users), its own members do. Activities carry the themes
and groups that the finder searches and the gap view counts; the public finder shows only activities that are
published and not hidden by a coordinator. Support paths string activities and services together, in order,
for a life situation.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hyte.accounts.models import Organisation
from hyte.regions.models import Area
from hyte.reports.models import Measure


def _in_language(fi: str, sv: str, en: str = "") -> str:
    language = (get_language() or "fi")[:2]
    if language == "sv" and sv:
        return sv
    if language == "en" and en:
        return en
    return fi


class ActorKind(models.TextChoices):
    MUNICIPAL = "municipal", _("municipal unit")
    COUNTY = "county", _("wellbeing services county unit")
    NGO = "ngo", _("NGO or registered association")
    PARISH = "parish", _("parish")
    COMPANY = "company", _("company")
    EDUCATION = "education", _("education provider")
    INFORMAL = "informal", _("informal group")


class AgeGroup(models.TextChoices):
    CHILDREN = "children", _("children and families")
    YOUNG = "young", _("young people")
    WORKING_AGE = "working_age", _("working-age people")
    OLDER = "older", _("older people")


# The languages an activity can be offered in (ISO 639-1), in the order the forms list them.
class Language(models.TextChoices):
    FINNISH = "fi", _("Finnish")
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")
    SAMI = "se", _("Northern Sámi")
    RUSSIAN = "ru", _("Russian")
    UKRAINIAN = "uk", _("Ukrainian")
    ARABIC = "ar", _("Arabic")
    ESTONIAN = "et", _("Estonian")
    SOMALI = "so", _("Somali")
    SIGN = "fse", _("Finnish Sign Language")


def municipality_of(area_id: int) -> Organisation | None:
    """The municipality's organisation in Hyte, whose log records the register's changes in its area."""
    return Organisation.objects.filter(area_id=area_id, kind="municipality", is_active=True).first()


class Actor(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=ActorKind.choices)
    name = models.CharField(_("name"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    business_id = models.CharField(_("business id"), max_length=9, blank=True)
    register_number = models.CharField(_("association register number"), max_length=20, blank=True)
    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation in Hyte"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actor_entry",
        help_text=_("An NGO with its own users keeps its entry and activities itself."),
    )
    area = models.ForeignKey(Area, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="actors")
    contact = models.TextField(_("contact"), blank=True)
    website = models.URLField(_("website"), blank=True)
    last_checked_at = models.DateTimeField(_("last checked"), null=True, blank=True)
    last_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Where an imported entry came from (an HSDS dataset, a Linked Events API, a spreadsheet's id column), so that
    # importing the same source again updates the entry instead of adding a second one. Empty for hand-made entries.
    source = models.CharField(_("source"), max_length=200, blank=True)
    external_id = models.CharField(_("id in the source"), max_length=200, blank=True)
    # Where each value came from when entries were merged (merge_services.py): {"fields": {field: origin},
    # "merged": [the merged entries]}; each origin names the merged entry, its source and id there, when and by whom.
    provenance = models.JSONField(_("where the values came from"), default=dict, blank=True)

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["name"]
        indexes = [models.Index(fields=["area", "name"]), models.Index(fields=["business_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"], condition=~models.Q(external_id=""), name="actor_source_id_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return _in_language(self.name, self.name_sv)

    @property
    def audit_organisation(self) -> Organisation | None:
        return self.organisation or municipality_of(self.area_id)


class _Term(models.Model):
    """A term of the welfare concept kept as data (themes, target groups), named in Finnish, Swedish and English."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name_fi

    @property
    def display_name(self) -> str:
        return _in_language(self.name_fi, self.name_sv, self.name_en)


class WelfareConcept(models.Model):
    """A welfare concept (hyvinvointikäsite): the set of themes an area classifies its activities by. The default
    is THL's hyte themes; a region may use its own (Pohjois-Pohjanmaa's ships with Hyte), whose themes map to
    THL's so that national views still speak THL's terms. See concepts.py."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_default = models.BooleanField(_("the default concept"), default=False)

    class Meta:
        verbose_name = _("welfare concept")
        verbose_name_plural = _("welfare concepts")
        ordering = ["-is_default", "name_fi"]
        constraints = [
            models.UniqueConstraint(fields=["is_default"], condition=models.Q(is_default=True), name="one_default")
        ]

    def __str__(self) -> str:
        return self.name_fi

    @property
    def display_name(self) -> str:
        return _in_language(self.name_fi, self.name_sv, self.name_en)


class Theme(_Term):
    """A theme of a welfare concept: data, loaded by a migration or `hyte load_welfare_concept`. A theme of a
    concept other than the default maps to the default concept's themes closest to it (`maps_to`)."""

    code = models.SlugField(_("code"), max_length=60)  # unique within its concept
    concept = models.ForeignKey(
        WelfareConcept, verbose_name=_("welfare concept"), on_delete=models.PROTECT, related_name="themes"
    )
    maps_to = models.ManyToManyField(
        "self",
        verbose_name=_("closest themes of the default concept"),
        symmetrical=False,
        blank=True,
        related_name="mapped_from",
    )

    class Meta(_Term.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["concept_id", "position", "code"]
        constraints = [models.UniqueConstraint(fields=["concept", "code"], name="theme_code_unique_in_concept")]


class AreaConcept(models.Model):
    """The welfare concept an area (a county or a municipality) uses; a municipality without its own row uses its
    county's, and an area with neither uses the default. Chosen by the area's coordinators (concept_services)."""

    area = models.OneToOneField(
        Area, verbose_name=_("area"), on_delete=models.CASCADE, primary_key=True, related_name="welfare_concept"
    )
    concept = models.ForeignKey(
        WelfareConcept, verbose_name=_("welfare concept"), on_delete=models.PROTECT, related_name="areas"
    )
    chosen_at = models.DateTimeField(_("chosen"))
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("welfare concept of an area")
        verbose_name_plural = _("welfare concepts of areas")

    def __str__(self) -> str:
        return f"{self.area_id}: {self.concept_id}"

    @property
    def audit_organisation(self) -> Organisation | None:
        return Organisation.objects.filter(
            area_id=self.area_id, kind__in=["municipality", "county"], is_active=True
        ).first()


class TargetGroup(_Term):
    """A group an activity is meant for beyond age (informal carers, the unemployed …): data, like themes."""

    class Meta(_Term.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class Activity(models.Model):
    title = models.CharField(_("title"), max_length=200)
    title_sv = models.CharField(_("title in Swedish"), max_length=200, blank=True)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_sv = models.TextField(_("description in Swedish"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    providers = models.ManyToManyField(Actor, verbose_name=_("providers"), related_name="activities")
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="activities")
    age_groups = models.JSONField(_("age groups"), default=list, blank=True)
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="activities"
    )
    # Where
    area = models.ForeignKey(Area, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+")
    place = models.CharField(_("village or district"), max_length=120, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    online = models.BooleanField(_("online"), default=False)
    # When
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    recurring = models.BooleanField(_("recurring"), default=False)
    schedule = models.CharField(_("schedule"), max_length=200, blank=True, help_text=_("e.g. Tuesdays 10–12"))
    # Joining
    is_free = models.BooleanField(_("free of charge"), default=True)
    fee = models.CharField(_("fee"), max_length=200, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    accessibility = models.TextField(_("accessibility"), blank=True)
    join_url = models.URLField(_("link for joining"), blank=True)
    join_phone = models.CharField(_("phone for joining"), max_length=40, blank=True)
    # Status
    is_published = models.BooleanField(_("published"), default=False)
    is_hidden = models.BooleanField(_("hidden by the coordinator"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    measures = models.ManyToManyField(
        Measure, verbose_name=_("measures of the plan"), blank=True, related_name="activities"
    )
    search_document = models.TextField(editable=False, blank=True)  # what text search reads: see search.py
    last_checked_at = models.DateTimeField(_("last checked"), null=True, blank=True)
    last_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Where an imported entry came from (an HSDS dataset, a Linked Events API, a spreadsheet's id column), so that
    # importing the same source again updates the entry instead of adding a second one. Empty for hand-made entries.
    source = models.CharField(_("source"), max_length=200, blank=True)
    external_id = models.CharField(_("id in the source"), max_length=200, blank=True)
    # When its keepers were last reminded that it is not checked (`hyte remind_stale_register`).
    reminded_at = models.DateTimeField(_("keepers reminded"), null=True, blank=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["area", "is_published", "is_hidden"])]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"], condition=~models.Q(external_id=""), name="activity_source_id_unique"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def display_title(self) -> str:
        return _in_language(self.title, self.title_sv, self.title_en)

    @property
    def display_description(self) -> str:
        return _in_language(self.description, self.description_sv, self.description_en)

    @property
    def is_public(self) -> bool:
        return self.is_published and not self.is_hidden

    @property
    def audit_organisation(self) -> Organisation | None:
        return municipality_of(self.area_id)

    def age_group_labels(self) -> list[str]:
        labels = dict(AgeGroup.choices)
        return [str(labels[g]) for g in self.age_groups if g in labels]

    def language_labels(self) -> list[str]:
        labels = dict(Language.choices)
        return [str(labels[code]) for code in self.languages if code in labels]


class ActivityImage(models.Model):
    """An activity's one picture: re-encoded on upload (`actors/images.py`: metadata such as a photo's GPS position
    dropped, at most 1600 pixels a side), stored in the database like a report's images, with its text alternative
    in Finnish and Swedish, which is required (a screen reader reads it instead of the picture)."""

    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, primary_key=True, related_name="image")
    data = models.BinaryField(_("image"))
    content_type = models.CharField(max_length=20)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    alt_text = models.CharField(_("text alternative"), max_length=300)
    alt_text_sv = models.CharField(_("text alternative in Swedish"), max_length=300)
    uploaded_at = models.DateTimeField(_("uploaded"))

    class Meta:
        verbose_name = _("activity image")
        verbose_name_plural = _("activity images")

    def __str__(self) -> str:
        return f"{self.width}×{self.height} {self.content_type}"

    @property
    def audit_organisation(self) -> Organisation | None:
        return municipality_of(self.activity.area_id)

    @property
    def display_alt(self) -> str:
        return _in_language(self.alt_text, self.alt_text_sv)

    @property
    def alt_language(self) -> str:
        """The language of `display_alt` (an English page shows the Finnish text)."""
        return "sv" if (get_language() or "fi")[:2] == "sv" else "fi"

    @property
    def file_name(self) -> str:
        """The name the image is served under: its content's hash, so that a new picture is a new address."""
        return f"{self.sha256[:16]}.{EXTENSIONS[self.content_type]}"


EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}


# The register's upkeep and support paths are in modules of their own (each short enough to read in one
# sitting), imported here so that Django registers them and this module names every model of the app.
from hyte.actors.path_models import SupportPath, SupportPathStep  # noqa: E402
from hyte.actors.upkeep_models import (  # noqa: E402
    ActorAlias,
    ImportFormat,
    ImportStatus,
    NotDuplicate,
    RegisterImport,
)

__all__ = [
    "ActorAlias",
    "ImportFormat",
    "ImportStatus",
    "NotDuplicate",
    "RegisterImport",
    "SupportPath",
    "SupportPathStep",
]
