"""Preparing a round of the resources survey, its added questions, opening it (the organisations asked are fixed
then and told) and closing it."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor
from hyte.national.models import Question, QuestionKind, RoundStatus, Scope, SurveyRound
from hyte.national.services._common import line, organisations_asked
from hyte.notifications.models import Kind
from hyte.notifications.recipients import coordinators
from hyte.notifications.services import notify


def _draft(survey: SurveyRound) -> None:
    if survey.status != RoundStatus.DRAFT:
        raise ValidationError(_("The round has been opened: its questions no longer change."))


@audit.service(AuditAction.SURVEY_ROUND_CREATE)
def create_round(
    *,
    actor: Actor,
    sender: Organisation,
    year: int,
    title_fi: str,
    title_sv: str = "",
    scope: str,
    closes_on: dt.date,
    answers_public: bool = False,
) -> SurveyRound:
    """A new round, being prepared: the fixed questions are in every round; add questions before opening it."""
    if scope not in Scope.values:
        raise ValidationError(_("Choose whom the survey asks."))
    require(actor, Action.EDIT, SurveyRound(sender=sender, scope=scope))
    title_fi, title_sv = line(title_fi, 200), line(title_sv, 200)
    if not title_fi:
        raise ValidationError(_("Give the round a title in Finnish."))
    if not 2000 <= year <= 2100:
        raise ValidationError(_("Give the year as four digits."))
    if closes_on < clock.today():
        raise ValidationError(_("The closing date has passed: choose a later one."))
    return audit.create(
        SurveyRound,
        audit_fields=["year", "title_fi", "title_sv", "scope", "closes_on", "answers_public"],
        sender=sender,
        year=year,
        title_fi=title_fi,
        title_sv=title_sv,
        scope=scope,
        closes_on=closes_on,
        answers_public=answers_public,
        created_at=clock.now(),
    )


@audit.service(AuditAction.SURVEY_QUESTION_ADD)
def add_question(
    *, actor: Actor, survey: SurveyRound, kind: str, text_fi: str, text_sv: str = "", choices: list[str] | None = None
) -> Question:
    """An added question: yes/no, a number, one of the choices, or free text."""
    require(actor, Action.EDIT, survey)
    _draft(survey)
    if kind not in QuestionKind.values:
        raise ValidationError(_("Choose the kind of question."))
    text_fi, text_sv = line(text_fi, 300), line(text_sv, 300)
    if not text_fi:
        raise ValidationError(_("Write the question in Finnish."))
    options = [line(choice, 100) for choice in (choices or []) if line(choice, 100)]
    if kind == QuestionKind.CHOICE and len(options) < 2:
        raise ValidationError(_("A choice needs at least two options."))
    if len(set(options)) != len(options):
        raise ValidationError(_("The options must differ from each other."))
    position = int(survey.questions.aggregate(last=Max("position"))["last"] or 0) + 1
    return audit.create(
        Question,
        audit_fields=["kind", "text_fi", "text_sv", "choices"],
        round=survey,
        position=position,
        kind=kind,
        text_fi=text_fi,
        text_sv=text_sv,
        choices=options if kind == QuestionKind.CHOICE else [],
    )


@audit.service(AuditAction.SURVEY_QUESTION_REMOVE)
def remove_question(*, actor: Actor, question: Question) -> None:
    require(actor, Action.EDIT, question)
    _draft(question.round)
    audit.delete(question)


@audit.service(AuditAction.SURVEY_ROUND_OPEN)
def open_round(*, actor: Actor, survey: SurveyRound) -> int:
    """Open the round: the organisations its scope names are asked, and their coordinators told. Returns how many
    organisations were asked."""
    require(actor, Action.EDIT, survey)
    _draft(survey)
    if survey.closes_on < clock.today():
        raise ValidationError(_("The closing date has passed: choose a later one."))
    asked = list(organisations_asked(survey).exclude(pk=survey.sender_id))
    if not asked:
        raise ValidationError(_("No organisation in Hyte is in the round's scope: there is no one to ask."))
    survey.recipients.set(asked)
    audit.update(
        survey,
        status=RoundStatus.OPEN,
        opened_at=clock.now(),
        also_changed={"recipients": [[], sorted(o.pk for o in asked)]},
    )
    for organisation in asked:
        notify(
            actor=actor,
            users=coordinators(organisation),
            kind=Kind.DEADLINE,
            message=gettext_noop("The resources survey %(title)s is open: answer by %(due)s"),
            params={"title": survey.title_fi, "due": survey.closes_on.strftime("%d.%m.%Y")},
            url=reverse("national-answer", args=[organisation.slug, survey.pk]),
            organisation=organisation,
            key=f"survey-open:{survey.pk}:{organisation.pk}",
        )
    return len(asked)


@audit.service(AuditAction.SURVEY_ROUND_CLOSE)
def close_round(*, actor: Actor, survey: SurveyRound) -> SurveyRound:
    """Close the round: answers no longer change; drafts not submitted stay unsubmitted."""
    require(actor, Action.EDIT, survey)
    if survey.status != RoundStatus.OPEN:
        raise ValidationError(_("Only an open round can be closed."))
    audit.update(survey, status=RoundStatus.CLOSED)
    return survey
