"""Use reports: the grantee NGO's editors are told once when a report falls due within two weeks, and once when
it is overdue (then the funder's coordinators are told too). Run daily by `hyte notify_daily`."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext_noop

from hyte.core.actors import Actor
from hyte.grants.models import UseReport, UseReportStatus
from hyte.notifications.models import Kind
from hyte.notifications.recipients import coordinators, editors
from hyte.notifications.services import notify

REMIND_BEFORE = dt.timedelta(days=14)


def remind_use_reports(*, actor: Actor, today: dt.date) -> int:
    """Returns how many people were told."""
    told = 0
    open_reports = UseReport.objects.filter(
        status__in=[UseReportStatus.DUE, UseReportStatus.RETURNED], due_on__lte=today + REMIND_BEFORE
    ).select_related("application__applicant", "application__call__funder")
    for report in open_reports.defer("ledger"):
        application = report.application
        params = {"title": application.call.title, "due": report.due_on.strftime("%d.%m.%Y")}
        grantee_url = reverse("grants-use-report", args=[application.applicant.slug, application.pk])
        if report.due_on >= today:
            told += len(
                notify(
                    actor=actor,
                    users=editors(application.applicant),
                    kind=Kind.DEADLINE,
                    message=gettext_noop("The use report of your grant from %(title)s is due %(due)s"),
                    params=params,
                    url=grantee_url,
                    organisation=application.applicant,
                    key=f"use-report-due:{report.pk}:{report.due_on.isoformat()}",
                )
            )
            continue
        told += len(
            notify(
                actor=actor,
                users=editors(application.applicant),
                kind=Kind.DEADLINE,
                message=gettext_noop(
                    "The use report of your grant from %(title)s was due %(due)s: new applications are blocked "
                    "until it is sent"
                ),
                params=params,
                url=grantee_url,
                organisation=application.applicant,
                key=f"use-report-overdue:{report.pk}:{report.due_on.isoformat()}",
            )
        )
        funder = application.call.funder
        told += len(
            notify(
                actor=actor,
                users=coordinators(funder),
                kind=Kind.DEADLINE,
                message=gettext_noop("The use report of %(name)s on %(title)s is overdue (due %(due)s)"),
                params={**params, "name": application.applicant_name},
                url=reverse("grants-use-report", args=[funder.slug, application.pk]),
                organisation=funder,
                key=f"use-report-overdue-funder:{report.pk}:{report.due_on.isoformat()}",
            )
        )
    return told
