"""NGO grants tied to the welfare plan (issue 17): a municipality's or county's call with weighted criteria, a
scoring scale and the plan goals it serves, the form's questions, and the NGOs' applications with their budget,
activities from the register and attachments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from hyte.accounts.models import Organisation


def in_language(finnish: str, swedish: str) -> str:
    """The Swedish text in the Swedish interface where there is one, the Finnish otherwise."""
    if swedish and (get_language() or "fi").startswith("sv"):
        return swedish
    return finnish


class CallKind(models.TextChoices):
    GENERAL = "general", _("general or operating grant")
    PROJECT = "project", _("project grant")
    PARTNERSHIP = "partnership", _("partnership grant")
    SMALL = "small", _("small grant")


class ProposalRule(models.TextChoices):
    """How the proposal that fits the budget is made from the ranking."""

    FULL_DOWN_THE_RANKING = "full", _("full amounts in rank order until the budget runs out")
    PROPORTIONAL = "proportional", _("every application scored above zero gets the same share of its applied amount")


class Call(models.Model):
    funder = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("funder"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CallKind.choices)
    title = models.CharField(_("title"), max_length=300)
    title_sv = models.CharField(_("title in Swedish"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_sv = models.TextField(_("description in Swedish"), blank=True)
    budget = models.DecimalField(_("budget (€)"), max_digits=12, decimal_places=2)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    eligibility = models.TextField(_("who may apply"), blank=True)
    eligibility_sv = models.TextField(_("who may apply, in Swedish"), blank=True)
    division_of_work = models.TextField(
        _("division of work"),
        blank=True,
        help_text=_("Which activities the county funds and which the municipalities fund."),
    )
    division_of_work_sv = models.TextField(_("division of work, in Swedish"), blank=True)
    required_attachments = models.TextField(_("required attachments"), blank=True, help_text=_("One per line."))
    required_attachments_sv = models.TextField(_("required attachments, in Swedish"), blank=True)
    weights_total = models.PositiveIntegerField(
        _("the criteria's weights sum to"), default=100, help_text=_("Usually 100 (per cent).")
    )
    # The scoring scale: [{"points": 0, "text": "…", "text_sv": "…"}, …], lowest first.
    scale = models.JSONField(_("scoring scale"), default=list)
    proposal_rule = models.CharField(
        _("proposal rule"), max_length=20, choices=ProposalRule.choices, default=ProposalRule.FULL_DOWN_THE_RANKING
    )
    goals = models.ManyToManyField(
        "reports.Goal", blank=True, related_name="grant_calls", verbose_name=_("plan goals the call serves")
    )
    is_published = models.BooleanField(_("published"), default=False)
    # The decision on the call's applications: the body, its date and the section (§) of its minutes.
    decision_body = models.CharField(_("decided by"), max_length=200, blank=True)
    decision_date = models.DateField(_("date of the decision"), null=True, blank=True)
    decision_section = models.CharField(_("section (§)"), max_length=50, blank=True)
    decision_published = models.BooleanField(_("decision published"), default=False)
    use_reports_due = models.DateField(
        _("use reports due"),
        null=True,
        blank=True,
        help_text=_("When the use reports of this call's grants are due; a year after the decision if not set."),
    )
    created_at = models.DateTimeField(_("created"))
    updated_at = models.DateTimeField(_("updated"))

    class Meta:
        verbose_name = _("grant call")
        verbose_name_plural = _("grant calls")
        ordering = ["-opens_at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(closes_at__gt=models.F("opens_at")), name="call_closes_after"),
            models.CheckConstraint(condition=models.Q(budget__gte=0), name="call_budget_not_negative"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_organisation(self) -> Organisation:
        return self.funder

    @property
    def display_title(self) -> str:
        return in_language(self.title, self.title_sv)

    @property
    def display_description(self) -> str:
        return in_language(self.description, self.description_sv)

    @property
    def display_eligibility(self) -> str:
        return in_language(self.eligibility, self.eligibility_sv)

    @property
    def display_division_of_work(self) -> str:
        return in_language(self.division_of_work, self.division_of_work_sv)

    @property
    def attachment_list(self) -> list[str]:
        text = in_language(self.required_attachments, self.required_attachments_sv)
        return [line.strip() for line in text.splitlines() if line.strip()]

    @property
    def scale_levels(self) -> list[dict[str, object]]:
        return [{**level, "label": in_language(level["text"], level.get("text_sv", ""))} for level in self.scale]

    @property
    def scale_points(self) -> list[int]:
        return [int(level["points"]) for level in self.scale]

    @property
    def max_points(self) -> int:
        return max(self.scale_points, default=0)

    def weight_problem(self) -> str:
        """Why the criteria's weights do not do for the call, or the empty string."""
        weights = [criterion.weight for criterion in self.criteria.all()]
        if not weights:
            return str(_("The call has no criteria yet."))
        if sum(weights) != self.weights_total:
            return str(_("The criteria's weights sum to %(sum)s but the call says they sum to %(total)s.")) % {
                "sum": sum(weights),
                "total": self.weights_total,
            }
        return ""

    def is_open(self, at: dt.datetime) -> bool:
        return self.is_published and self.opens_at <= at < self.closes_at


class Criterion(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("criterion"), max_length=300)
    title_sv = models.CharField(_("criterion in Swedish"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_sv = models.TextField(_("description in Swedish"), blank=True)
    weight = models.PositiveIntegerField(_("weight"))
    goal = models.ForeignKey(
        "reports.Goal",
        verbose_name=_("plan goal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="grant_criteria",
    )

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_organisation(self) -> Organisation:
        return self.call.funder

    @property
    def display_title(self) -> str:
        return in_language(self.title, self.title_sv)

    @property
    def display_description(self) -> str:
        return in_language(self.description, self.description_sv)


class FieldType(models.TextChoices):
    TEXT = "text", _("short text")
    LONG_TEXT = "long_text", _("long text")
    NUMBER = "number", _("number")
    YES_NO = "yes_no", _("yes or no")
    CHOICE = "choice", _("one of the choices")


class Question(models.Model):
    """A question of the call's form besides the standard form (profile, activities, budget, other funding)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(default=0)
    text = models.CharField(_("question"), max_length=500)
    text_sv = models.CharField(_("question in Swedish"), max_length=500, blank=True)
    field_type = models.CharField(_("type of answer"), max_length=20, choices=FieldType.choices)
    choices = models.TextField(_("choices"), blank=True, help_text=_("One per line, for a question with choices."))
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def audit_organisation(self) -> Organisation:
        return self.call.funder

    @property
    def display_text(self) -> str:
        return in_language(self.text, self.text_sv)

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    DECIDED = "decided", _("decided")


class Application(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="applications")
    applicant = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("applicant"), on_delete=models.CASCADE, related_name="+"
    )
    register_entry = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("entry in the register"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="grant_applications",
    )
    change_of = models.ForeignKey(
        "self",
        verbose_name=_("changes the application"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="changes",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    # The profile, prefilled from the register and kept as it was sent.
    applicant_name = models.CharField(_("applicant"), max_length=200)
    business_id = models.CharField(_("business id"), max_length=9, blank=True)
    contact = models.TextField(_("contact"), blank=True)
    activities = models.ManyToManyField(
        "actors.Activity", blank=True, related_name="grant_applications", verbose_name=_("activities applied for")
    )
    summary = models.TextField(_("what the grant is for"), blank=True)
    costs = models.DecimalField(_("costs (€)"), max_digits=12, decimal_places=2, default=Decimal(0))
    amount_applied = models.DecimalField(_("amount applied (€)"), max_digits=12, decimal_places=2, default=Decimal(0))
    other_funding = models.DecimalField(_("other funding (€)"), max_digits=12, decimal_places=2, default=Decimal(0))
    self_financing = models.DecimalField(_("self-financing (€)"), max_digits=12, decimal_places=2, default=Decimal(0))
    other_funding_declaration = models.TextField(
        _("other funding for the same activity"),
        blank=True,
        help_text=_("Who else funds or has been asked to fund the same activity, and how much."),
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)  # {question id: answer}
    created_at = models.DateTimeField(_("created"))
    updated_at = models.DateTimeField(_("updated"))
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # The preparer's proposal where it deviates from the computed one, with the written reason.
    proposed_amount = models.DecimalField(
        _("proposed amount (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    deviation_reason = models.TextField(_("reason for deviating from the computed proposal"), blank=True)
    # The decision on this application. `granted_amount` is the grant now (a decided change sets it);
    # `granted_in_decision` is what the call's decision granted, as published.
    granted_amount = models.DecimalField(_("granted (€)"), max_digits=12, decimal_places=2, null=True, blank=True)
    granted_in_decision = models.DecimalField(
        _("granted in the call's decision (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    # A change's own decision: the body, the date and the section (§) of its minutes.
    change_body = models.CharField(_("change decided by"), max_length=200, blank=True)
    change_date = models.DateField(_("date of the change's decision"), null=True, blank=True)
    change_section = models.CharField(_("section (§) of the change's decision"), max_length=50, blank=True)
    decision_reasoning = models.TextField(_("reasoning of the decision"), blank=True)
    decision_reasoning_sv = models.TextField(_("reasoning of the decision, in Swedish"), blank=True)

    class Meta:
        verbose_name = _("grant application")
        verbose_name_plural = _("grant applications")
        ordering = ["call", "applicant_name", "id"]

    def __str__(self) -> str:
        return f"{self.applicant_name}: {self.call}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.applicant

    @property
    def decided_amount(self) -> Decimal | None:
        """What the call's decision granted (before any change)."""
        return self.granted_in_decision if self.granted_in_decision is not None else self.granted_amount


class Attachment(models.Model):
    """A file of an application, checked on upload as meeting materials are (`cooperation.files`)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=300)
    data = models.BinaryField(_("file"))
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    added_at = models.DateTimeField(_("added"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["added_at", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_organisation(self) -> Organisation:
        return self.application.applicant


from hyte.grants.review_models import Declaration, Reviewer, Score  # noqa: E402
from hyte.grants.use_models import CheckItem, UseReport, UseReportStatus  # noqa: E402

__all__ = [
    "Application",
    "ApplicationStatus",
    "Attachment",
    "Call",
    "CallKind",
    "CheckItem",
    "Criterion",
    "Declaration",
    "FieldType",
    "ProposalRule",
    "Question",
    "Reviewer",
    "Score",
    "UseReport",
    "UseReportStatus",
]
