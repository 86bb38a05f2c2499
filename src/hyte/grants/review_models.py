"""Reviewing applications (issue 17): the reviewers of a call, each one's declaration of disqualification per
application (esteellisyys, with the ground) and scores per criterion within the call's scale."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from hyte.accounts.models import Organisation


class Reviewer(models.Model):
    call = models.ForeignKey("grants.Call", on_delete=models.CASCADE, related_name="reviewers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), on_delete=models.CASCADE, related_name="+"
    )
    added_at = models.DateTimeField(_("added"))

    class Meta:
        verbose_name = _("reviewer")
        verbose_name_plural = _("reviewers")
        ordering = ["call", "id"]
        constraints = [models.UniqueConstraint(fields=["call", "user"], name="reviewer_unique_user")]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def audit_organisation(self) -> Organisation:
        return self.call.funder


class Declaration(models.Model):
    """Before scoring an application, a reviewer declares whether they are disqualified from it, and on what
    ground; a disqualified reviewer sees no more of the application than this declaration."""

    application = models.ForeignKey("grants.Application", on_delete=models.CASCADE, related_name="declarations")
    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="declarations")
    disqualified = models.BooleanField(_("disqualified"))
    ground = models.TextField(_("ground"), blank=True)
    declared_at = models.DateTimeField(_("declared"))

    class Meta:
        verbose_name = _("declaration of disqualification")
        verbose_name_plural = _("declarations of disqualification")
        ordering = ["application", "reviewer"]
        constraints = [models.UniqueConstraint(fields=["application", "reviewer"], name="declaration_unique_reviewer")]

    def __str__(self) -> str:
        return f"{self.reviewer}: {self.application}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.reviewer.call.funder


class Score(models.Model):
    application = models.ForeignKey("grants.Application", on_delete=models.CASCADE, related_name="scores")
    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey("grants.Criterion", on_delete=models.CASCADE, related_name="scores")
    points = models.PositiveIntegerField(_("points"))
    scored_at = models.DateTimeField(_("scored"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["application", "reviewer", "criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer", "criterion"], name="score_unique_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.points}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.reviewer.call.funder
