"""The daily reminders: a statutory deadline within REMIND_BEFORE days tells the organisation's coordinators once,
an impact assessment's follow-up date within that time tells them too, and so does a resources survey round
closing within a week without their answer (national/reminders.py); then the daily digests leave."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext_noop

from hyte.accounts.models import Organisation
from hyte.assessments.models import Assessment, AssessmentStatus
from hyte.core.actors import Actor
from hyte.national.reminders import remind_closing
from hyte.notifications.models import Kind
from hyte.notifications.recipients import coordinators
from hyte.notifications.services import notify
from hyte.reports.queries import current_plan
from hyte.work.queries import deadline_of

REMIND_BEFORE = dt.timedelta(days=30)


def remind(*, actor: Actor, today: dt.date) -> int:
    """Raise the reminders that are due; returns how many people were told (each is told once per key)."""
    told = 0
    for organisation in Organisation.objects.filter(is_active=True):
        people = coordinators(organisation)
        if not people:
            continue
        deadline = deadline_of(organisation, current_plan(organisation), today=today)
        if deadline.due - today <= REMIND_BEFORE:
            told += len(
                notify(
                    actor=actor,
                    users=people,
                    kind=Kind.DEADLINE,
                    message=gettext_noop("Deadline %(due)s: %(what)s"),
                    params={"due": deadline.due.strftime("%d.%m.%Y"), "what": deadline.what},
                    url=reverse("organisation-home", args=[organisation.slug]),
                    organisation=organisation,
                    key=f"deadline:{organisation.pk}:{deadline.due.isoformat()}",
                )
            )
        due = Assessment.objects.filter(
            organisation=organisation, status=AssessmentStatus.DECIDED, follow_up_date__lte=today + REMIND_BEFORE
        )
        for assessment in due:
            if assessment.follow_up_date is None:
                continue
            told += len(
                notify(
                    actor=actor,
                    users=people,
                    kind=Kind.DEADLINE,
                    message=gettext_noop("Follow-up due %(due)s: %(title)s"),
                    params={"due": assessment.follow_up_date.strftime("%d.%m.%Y"), "title": assessment.title},
                    url=reverse("assessment-detail", args=[organisation.slug, assessment.pk]),
                    organisation=organisation,
                    key=f"follow-up:{assessment.pk}:{assessment.follow_up_date.isoformat()}",
                )
            )
    return told + remind_closing(actor=actor, today=today)
