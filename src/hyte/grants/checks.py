"""What an application still lacks before it can be sent: read from its saved state, so that a draft is kept
whatever it lacks and the applicant sees every problem at once."""

from __future__ import annotations

from django.utils.translation import gettext as _

from hyte.core.formats import number
from hyte.grants.models import Application, FieldType


def budget_problem(application: Application) -> str:
    """The budget adds up when the costs equal the grant applied for, other funding and self-financing together."""
    covered = application.amount_applied + application.other_funding + application.self_financing
    if covered == application.costs:
        return ""
    return _(
        "The budget does not add up: the costs are %(costs)s € but the grant applied for, other funding and "
        "self-financing together are %(covered)s €."
    ) % {"costs": number(application.costs, 2), "covered": number(covered, 2)}


def answer_problem(question_text: str, field_type: str, answer: object, choices: list[str]) -> str:
    if answer in (None, ""):
        return ""
    if field_type == FieldType.NUMBER:
        try:
            float(str(answer).replace(",", ".").replace(" ", ""))
        except ValueError:
            return _("The answer to “%(question)s” must be a number.") % {"question": question_text}
    if field_type == FieldType.YES_NO and answer not in ("yes", "no"):
        return _("Answer “%(question)s” with yes or no.") % {"question": question_text}
    if field_type == FieldType.CHOICE and answer not in choices:
        return _("Choose one of the choices for “%(question)s”.") % {"question": question_text}
    return ""


def problems(application: Application) -> list[str]:
    """Everything that stops the application from being sent, in the order of the form."""
    found = []
    if not application.summary.strip():
        found.append(_("Say what the grant is for."))
    if not application.activities.exists():
        found.append(_("Choose at least one of your activities in the register that the grant is for."))
    if application.amount_applied <= 0:
        found.append(_("Give the amount applied for."))
    if application.amount_applied > application.call.budget:
        found.append(_("The amount applied for is more than the call's whole budget."))
    problem = budget_problem(application)
    if problem:
        found.append(problem)
    for question in application.call.questions.all():
        answer = application.answers.get(str(question.pk), "")
        if question.required and answer in (None, ""):
            found.append(_("Answer the question “%(question)s”.") % {"question": question.text})
            continue
        problem = answer_problem(question.text, question.field_type, answer, question.choice_list)
        if problem:
            found.append(problem)
    required = application.call.attachment_list
    if required and not application.attachments.exists():
        found.append(_("Attach the required attachments: %(list)s.") % {"list": ", ".join(required)})
    return found
