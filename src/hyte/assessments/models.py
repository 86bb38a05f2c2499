"""Ex-ante impact assessment (EVA / IVA / LAVA): a decision under preparation, the options compared, the impact
matrix of impact areas × options, the fit with the welfare plan's goals, the hearings and the decision made."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TemplateKind(models.TextChoices):
    SCREENING = "screening", _("screening: is a full assessment needed?")
    FULL = "full", _("ex-ante impact assessment (EVA/IVA)")
    CHILD = "child", _("child impact assessment (LAVA)")


class AssessmentTemplate(models.Model):
    """An organisation's own version of a method: its name, guidance and the questions the preparer answers."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="assessment_templates"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=TemplateKind.choices)
    name = models.CharField(_("name"), max_length=200)
    guidance = models.TextField(_("guidance"), blank=True)
    questions = models.JSONField(_("questions"), default=list, blank=True)
    updated_at = models.DateTimeField(_("updated"))

    class Meta:
        verbose_name = _("assessment template")
        verbose_name_plural = _("assessment templates")
        ordering = ["organisation", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind"], name="assessmenttemplate_unique_kind"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_organisation(self) -> object:
        return self.organisation


class AssessmentStatus(models.TextChoices):
    SCREENING = "screening", _("screening")
    IN_PREPARATION = "in_preparation", _("in preparation")
    READY = "ready", _("ready for the decision")
    DECIDED = "decided", _("decided")
    FOLLOWED_UP = "followed_up", _("followed up")
    CLOSED = "closed", _("no full assessment needed")


EDITABLE_STATUSES = (AssessmentStatus.SCREENING, AssessmentStatus.IN_PREPARATION)


class Assessment(models.Model):
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="assessments")
    kind = models.CharField(_("method"), max_length=10, choices=TemplateKind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=AssessmentStatus.choices, default=AssessmentStatus.SCREENING
    )
    title = models.CharField(_("decision under preparation"), max_length=300)
    case_number = models.CharField(_("case number"), max_length=100, blank=True)
    preparing_body = models.CharField(_("preparing body"), max_length=200, blank=True)
    decision_maker = models.CharField(_("decision-maker"), max_length=200, blank=True)
    deadline = models.DateField(_("assessment deadline"), null=True, blank=True)
    description = models.TextField(_("what is being decided"), blank=True)
    preparer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("preparer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="prepared_assessments",
    )
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="assessments_taken_part", verbose_name=_("participants")
    )
    other_participants = models.TextField(
        _("other participants"), blank=True, help_text=_("People outside the organisation's members, one per line.")
    )
    screening_questions = models.JSONField(_("screening answers"), default=list, blank=True)
    screening_reason = models.TextField(_("screening conclusion"), blank=True)
    answers = models.JSONField(_("answers to the method's questions"), default=list, blank=True)
    cumulative_effects = models.TextField(_("cumulative and cross-cutting effects"), blank=True)
    conclusion = models.TextField(_("conclusion: the best option overall"), blank=True)
    recommended_option = models.ForeignKey(
        "Option",
        verbose_name=_("recommended option"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ready_at = models.DateTimeField(_("summary produced"), null=True, blank=True)
    decision_body = models.CharField(_("decided by"), max_length=200, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_reference = models.CharField(_("decision reference"), max_length=200, blank=True)
    decided_option = models.ForeignKey(
        "Option", verbose_name=_("option chosen"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    follow_up_date = models.DateField(_("follow-up date"), null=True, blank=True)
    follow_up_notes = models.TextField(_("effects observed at follow-up"), blank=True)
    followed_up_at = models.DateTimeField(_("followed up"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"))
    updated_at = models.DateTimeField(_("updated"))

    class Meta:
        verbose_name = _("impact assessment")
        verbose_name_plural = _("impact assessments")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_organisation(self) -> object:
        return self.organisation

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


class Option(models.Model):
    """An option being compared. Every assessment has one "no change" option, the baseline of the comparison."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("option"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    is_no_change = models.BooleanField(_("no change"), default=False)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment"], condition=models.Q(is_no_change=True), name="option_one_no_change"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def audit_organisation(self) -> object:
        return self.assessment.organisation

    @property
    def label(self) -> str:
        """The option's name for people: "no change" in the reader's language, whatever language stored it."""
        return str(_("No change")) if self.is_no_change else self.title


class ImpactArea(models.TextChoices):
    """The impact areas of the Finnish EVA/IVA method: people by population group, then the other areas."""

    CHILDREN = "children", _("children")
    YOUNG_PEOPLE = "young_people", _("young people")
    WORKING_AGE = "working_age", _("working-age people")
    OLDER_PEOPLE = "older_people", _("older people")
    DISABLED = "disabled", _("people with disabilities")
    MINORITIES = "minorities", _("language and cultural minorities")
    GENDER = "gender", _("gender equality")
    LIVING_ENVIRONMENT = "living_environment", _("living environment")
    ECONOMY = "economy", _("economy")
    ORGANISATION = "organisation", _("organisation and staff")


POPULATION_GROUPS = (
    ImpactArea.CHILDREN,
    ImpactArea.YOUNG_PEOPLE,
    ImpactArea.WORKING_AGE,
    ImpactArea.OLDER_PEOPLE,
    ImpactArea.DISABLED,
    ImpactArea.MINORITIES,
    ImpactArea.GENDER,
)


class ImpactDirection(models.TextChoices):
    POSITIVE = "positive", _("positive")
    NEGATIVE = "negative", _("negative")
    NONE = "none", _("no effect")
    UNKNOWN = "unknown", _("unknown")


class ImpactSize(models.TextChoices):
    SMALL = "small", _("small")
    MODERATE = "moderate", _("moderate")
    LARGE = "large", _("large")


class Certainty(models.TextChoices):
    LOW = "low", _("uncertain")
    MEDIUM = "medium", _("fairly certain")
    HIGH = "high", _("certain")


class TimeSpan(models.TextChoices):
    SHORT = "short", _("short term")
    LONG = "long", _("long term")
    BOTH = "both", _("short and long term")


class Impact(models.Model):
    """One cell of the impact matrix: an option's effect on one impact area, and what it rests on."""

    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="impacts")
    area = models.CharField(_("impact area"), max_length=20, choices=ImpactArea.choices)
    direction = models.CharField(_("direction"), max_length=10, choices=ImpactDirection.choices)
    size = models.CharField(_("size"), max_length=10, choices=ImpactSize.choices, blank=True)
    certainty = models.CharField(_("certainty"), max_length=10, choices=Certainty.choices, blank=True)
    time_span = models.CharField(_("time span"), max_length=10, choices=TimeSpan.choices, blank=True)
    description = models.TextField(_("effect and evidence"), blank=True)
    sources = models.TextField(_("sources"), blank=True)
    indicators = models.ManyToManyField(
        "indicators.Indicator", blank=True, related_name="+", verbose_name=_("indicators")
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"))

    class Meta:
        verbose_name = _("impact")
        verbose_name_plural = _("impacts")
        ordering = ["option", "area"]
        constraints = [models.UniqueConstraint(fields=["option", "area"], name="impact_unique_option_area")]

    def __str__(self) -> str:
        return f"{self.option}: {self.get_area_display()}"

    @property
    def audit_organisation(self) -> object:
        return self.option.assessment.organisation


class GoalEffectKind(models.TextChoices):
    SUPPORTS = "supports", _("supports")
    WORKS_AGAINST = "works_against", _("works against")
    NONE = "none", _("no effect")


class GoalEffect(models.Model):
    """How an option bears on a goal of the organisation's welfare plan (seed 003: know your decision's effects
    on the goals you set)."""

    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="goal_effects")
    goal = models.ForeignKey("reports.Goal", on_delete=models.CASCADE, related_name="assessment_effects")
    effect = models.CharField(_("effect on the goal"), max_length=16, choices=GoalEffectKind.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("effect on a plan goal")
        verbose_name_plural = _("effects on plan goals")
        ordering = ["option", "goal"]
        constraints = [models.UniqueConstraint(fields=["option", "goal"], name="goaleffect_unique_option_goal")]

    def __str__(self) -> str:
        return f"{self.option}: {self.goal}"

    @property
    def audit_organisation(self) -> object:
        return self.option.assessment.organisation


class Hearing(models.Model):
    """Who was consulted (a youth council, the elderly council, an NGO, residents) and what they said."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="hearings")
    party = models.CharField(_("who was heard"), max_length=200)
    heard_on = models.DateField(_("date"), null=True, blank=True)
    views = models.TextField(_("what they said"))
    response = models.TextField(_("how it was taken into account"), blank=True)
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")
        ordering = ["heard_on", "id"]

    def __str__(self) -> str:
        return self.party

    @property
    def audit_organisation(self) -> object:
        return self.assessment.organisation
