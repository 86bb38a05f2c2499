"""Reads of the resources survey, scoped to what the reader may see, in a fixed number of queries."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from hyte.accounts.models import Organisation, OrganisationKind
from hyte.accounts.permissions import SITE, Action, Permissions, permissions_for
from hyte.core.actors import Viewer
from hyte.national.models import Answer, AnswerStatus, Question, QuestionKind, SurveyRound


def _rounds() -> QuerySet[SurveyRound]:
    return SurveyRound.objects.select_related("sender", "sender__area").annotate(
        asked=Count("recipients", distinct=True),
        submitted=Count("answers", filter=Q(answers__status=AnswerStatus.SUBMITTED), distinct=True),
    )


def rounds_of(viewer: Viewer, organisation: Organisation) -> list[SurveyRound]:
    """The rounds an organisation sends or is asked in (not those still being prepared); on a national body's
    pages, for its members, every round. The caller has checked that the reader may view the organisation."""
    perms = permissions_for(viewer)
    everything = organisation.kind == OrganisationKind.NATIONAL and perms.can(Action.VIEW_NATIONALLY, SITE)
    found = (
        _rounds()
        if everything
        else _rounds().filter(Q(sender=organisation) | Q(recipients=organisation, status__in=["open", "closed"]))
    )
    # Each of them the reader may see (the resolver's rule for a round): it is the sender's, whose pages the
    # reader is on, or it asks that organisation and is open or closed, or the reader is in a national body.
    return list(found.distinct())


def round_for(viewer: Viewer, organisation: Organisation, round_id: int, action: Action = Action.VIEW) -> SurveyRound:
    """A round seen from an organisation's pages; 404 when missing or not the reader's to `action`."""
    survey = _rounds().filter(pk=round_id).first()
    if survey is None or not permissions_for(viewer).can(action, survey):
        raise Http404
    return survey


def answer_of(survey: SurveyRound, organisation: Organisation) -> Answer | None:
    return Answer.objects.filter(round=survey, organisation=organisation).first()


def questions_of(survey: SurveyRound) -> list[Question]:
    return list(survey.questions.all())


def questions_by_round(round_ids: list[int]) -> dict[int, list[Question]]:
    """The added questions of several rounds in one query."""
    found: dict[int, list[Question]] = {}
    for question in Question.objects.filter(round_id__in=round_ids):
        found.setdefault(question.round_id, []).append(question)
    return found


@dataclass
class Results:
    """A round's results as the reader may see them: the answers, the response rate, the tallies for the charts."""

    asked: int
    submitted: int
    answers: list[Answer]
    named: Counter[str] = field(default_factory=Counter)
    person_years: Counter[str] = field(default_factory=Counter)
    structures: Counter[str] = field(default_factory=Counter)
    extra: list[tuple[Question, Counter[str]]] = field(default_factory=list)
    total_person_years: Decimal = Decimal(0)

    @property
    def response_rate(self) -> float | None:
        return 100 * self.submitted / self.asked if self.asked else None


def person_year_band(value: Decimal | None) -> str:
    """The bands of Kuntaliitto's 2022 survey (seed 001): under one, 1–2, over two person-years."""
    if value is None:
        return "unknown"
    if value < 1:
        return "under_1"
    return "1_2" if value <= 2 else "over_2"


def results(viewer: Viewer, survey: Any) -> Results:
    """Submitted answers the reader may see, with the organisations' areas; the counts for the charts are of those
    answers. The response rate is of every organisation asked."""
    perms: Permissions = permissions_for(viewer)
    answers = [
        answer
        for answer in Answer.objects.filter(round=survey, status=AnswerStatus.SUBMITTED)
        .select_related("organisation", "organisation__area", "round", "round__sender")
        .order_by("organisation__name")
        if perms.can(Action.VIEW, answer)
    ]
    questions = questions_of(survey)
    found = Results(asked=getattr(survey, "asked", 0), submitted=getattr(survey, "submitted", 0), answers=answers)
    for answer in answers:
        found.named[
            "yes" if answer.coordinator_named else "no" if answer.coordinator_named is False else "unknown"
        ] += 1
        found.person_years[person_year_band(answer.person_years)] += 1
        found.total_person_years += answer.person_years or 0
        found.structures.update(answer.structures)
    for question in questions:
        tally: Counter[str] = Counter()
        for answer in answers:
            value = answer.extra.get(str(question.pk))
            if value is None:
                continue
            if question.kind == QuestionKind.YES_NO:
                tally["yes" if value else "no"] += 1
            elif question.kind == QuestionKind.CHOICE:
                tally[str(value)] += 1
            elif question.kind == QuestionKind.NUMBER:
                tally["sum"] += value
                tally["count"] += 1
            else:
                tally["count"] += 1
        found.extra.append((question, tally))
    return found
