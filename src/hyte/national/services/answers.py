"""An organisation's answer to a round: saved as a draft, submitted, corrected until the round closes. Numbers are
checked; nothing is half-written."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor, SystemActor
from hyte.national.models import Answer, AnswerStatus, Question, QuestionKind, RoundStatus, Structure, SurveyRound
from hyte.national.services._common import line, text

MAX_PERSON_YEARS = Decimal(1000)


def _number(value: Any, what: str) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", ".").replace("\u00a0", "").replace(" ", ""))
    except InvalidOperation:
        raise ValidationError(_("%(what)s: give a number, e.g. 1,5.") % {"what": what}) from None
    if not number.is_finite() or number < 0 or number > MAX_PERSON_YEARS:
        raise ValidationError(_("%(what)s: give a number from 0 to 1000.") % {"what": what})
    return number.quantize(Decimal("0.01"))


def _extra(questions: list[Question], values: dict[str, Any]) -> dict[str, Any]:
    """Answers to the added questions, by question id, each checked by its kind; unanswered ones left out."""
    known = {str(q.pk): q for q in questions}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ValidationError(_("No such question in this round: %(ids)s.") % {"ids": ", ".join(unknown)})
    cleaned: dict[str, Any] = {}
    for key, question in known.items():
        value = values.get(key)
        if value is None or value == "":
            continue
        if question.kind == QuestionKind.YES_NO:
            if not isinstance(value, bool) and str(value).lower() not in ("yes", "no", "true", "false"):
                raise ValidationError(_("%(question)s: answer yes or no.") % {"question": question.text})
            cleaned[key] = value if isinstance(value, bool) else str(value).lower() in ("yes", "true")
        elif question.kind == QuestionKind.NUMBER:
            number = _number(value, question.text)
            cleaned[key] = float(number) if number is not None else None
        elif question.kind == QuestionKind.CHOICE:
            if value not in question.choices:
                raise ValidationError(_("%(question)s: choose one of the options.") % {"question": question.text})
            cleaned[key] = value
        else:
            cleaned[key] = text(str(value))[:2000]
    return {key: value for key, value in cleaned.items() if value is not None}


@audit.service(AuditAction.SURVEY_ANSWER_SAVE, AuditAction.SURVEY_ANSWER_SUBMIT)
def save_answer(
    *,
    actor: Actor,
    survey: SurveyRound,
    organisation: Organisation,
    coordinator_named: bool | None,
    coordinator_name: str = "",
    person_years: Any = None,
    structures: list[str] | None = None,
    county_cooperation: str = "",
    extra: dict[str, Any] | None = None,
    submit: bool = False,
) -> Answer:
    """Save the organisation's answer (a draft), or submit it. A submitted answer can be corrected (and stays
    submitted) until the round closes."""
    answer = Answer.objects.filter(round=survey, organisation=organisation).first()
    require(actor, Action.EDIT, answer or Answer(round=survey, organisation=organisation))
    if survey.status != RoundStatus.OPEN:
        raise ValidationError(_("The round is not open: answers can no longer be given or changed."))
    if not survey.recipients.filter(pk=organisation.pk).exists():
        raise ValidationError(_("The organisation is not among those this round asks."))
    chosen = list(dict.fromkeys(structures or []))
    if any(code not in Structure.values for code in chosen):
        raise ValidationError(_("Choose the structures from the list."))
    name = line(coordinator_name, 200)
    if coordinator_named is False and name:
        raise ValidationError(_("You said no coordinator is named: leave the name empty, or answer yes."))
    values: dict[str, Any] = {
        "coordinator_named": coordinator_named,
        "coordinator_name": name if coordinator_named else "",
        "person_years": _number(person_years, _("Person-years")),
        "structures": [code for code in Structure.values if code in chosen],
        "county_cooperation": text(county_cooperation)[:4000],
        "extra": _extra(list(survey.questions.all()), {str(k): v for k, v in (extra or {}).items()}),
    }
    if submit and coordinator_named is None:
        raise ValidationError(_("Answer whether a hyte coordinator is named before submitting."))
    if submit and values["person_years"] is None:
        raise ValidationError(_("Give the person-years before submitting (0 if none)."))
    now = clock.now()
    submitted = submit or (answer is not None and answer.status == AnswerStatus.SUBMITTED)
    status = AnswerStatus.SUBMITTED if submitted else AnswerStatus.DRAFT
    action = AuditAction.SURVEY_ANSWER_SUBMIT if submit else AuditAction.SURVEY_ANSWER_SAVE
    stamp: dict[str, Any] = {"submitted_at": now} if submit else {}
    user = None if isinstance(actor, SystemActor) else actor
    if answer is None:
        return audit.create(
            Answer,
            action=action,
            audit_fields=[*values, "status"],
            round=survey,
            organisation=organisation,
            status=status,
            updated_at=now,
            updated_by=user,
            **values,
            **stamp,
        )
    audit.update(answer, action=action, status=status, updated_at=now, updated_by=user, **values, **stamp)
    return answer
