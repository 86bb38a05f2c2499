"""Before a round closes, the organisations asked that have not submitted are told once (run daily by
`hyte notify_daily`)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext_noop

from hyte.core.actors import Actor
from hyte.national.models import AnswerStatus, RoundStatus, SurveyRound
from hyte.notifications.models import Kind
from hyte.notifications.recipients import coordinators
from hyte.notifications.services import notify

REMIND_BEFORE = dt.timedelta(days=7)


def remind_closing(*, actor: Actor, today: dt.date) -> int:
    """Tell the coordinators of organisations that have not submitted, when an open round closes within a week;
    each is told once a round. Returns how many people were told."""
    told = 0
    due = SurveyRound.objects.filter(
        status=RoundStatus.OPEN, closes_on__gte=today, closes_on__lte=today + REMIND_BEFORE
    )
    for survey in due.prefetch_related("recipients"):
        answered = set(survey.answers.filter(status=AnswerStatus.SUBMITTED).values_list("organisation_id", flat=True))
        for organisation in survey.recipients.all():
            if organisation.pk in answered:
                continue
            told += len(
                notify(
                    actor=actor,
                    users=coordinators(organisation),
                    kind=Kind.DEADLINE,
                    message=gettext_noop("The resources survey %(title)s closes %(due)s: your answer is not submitted"),
                    params={"title": survey.title_fi, "due": survey.closes_on.strftime("%d.%m.%Y")},
                    url=reverse("national-answer", args=[organisation.slug, survey.pk]),
                    organisation=organisation,
                    key=f"survey-closing:{survey.pk}:{organisation.pk}",
                )
            )
    return told
