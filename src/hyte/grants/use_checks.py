"""What a use report still lacks before it can be sent, the risks seen in a sent one, and the overdue reports that
stop an NGO from applying again: read from saved state, so a report is kept whatever it lacks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation
from hyte.core.formats import number
from hyte.grants.models import UseReport, UseReportStatus

# A report that used less than this share of the grant is picked for a closer check.
UNDER_USE = Decimal("0.8")


def use_report_problems(report: UseReport) -> list[str]:
    """Everything that stops the report from being sent, in the order of the form."""
    found = []
    if not report.done.strip():
        found.append(_("Say what was done with the grant."))
    if not report.participants:
        found.append(_("Give the participants by age group (0 where there were none)."))
    if report.money_used <= 0:
        found.append(_("Give the money used."))
    if not report.ledger_filename:
        found.append(_("Attach the ledger extract."))
    if not report.results.strip():
        found.append(_("Report the results against the goals of the call."))
    return found


def risks(report: UseReport, *, sent_on: dt.date) -> list[str]:
    """The risks seen in the report itself that pick it for a closer check, as reasons."""
    granted = report.application.granted_amount or Decimal(0)
    seen = []
    if report.money_used > granted:
        seen.append(
            _("more money used (%(used)s €) than granted (%(granted)s €)")
            % {"used": number(report.money_used, 2), "granted": number(granted, 2)}
        )
    elif report.money_used < granted * UNDER_USE:
        seen.append(_("less than 80 % of the grant used"))
    if report.participants_total == 0:
        seen.append(_("no participants reported"))
    if sent_on > report.due_on:
        seen.append(_("sent after its due date"))
    return seen


def overdue_reports(applicant: Organisation, today: dt.date) -> list[UseReport]:
    """The NGO's use reports past their due date and not sent (or returned and not sent again)."""
    return list(
        UseReport.objects.filter(
            application__applicant=applicant,
            status__in=[UseReportStatus.DUE, UseReportStatus.RETURNED],
            due_on__lt=today,
        ).select_related("application__call")
    )


def overdue_message(reports: list[UseReport]) -> str:
    """The clear message that an overdue use report blocks a new application, naming each."""
    listed = "; ".join(
        _("%(call)s, due %(due)s") % {"call": report.application.call.title, "due": report.due_on.strftime("%d.%m.%Y")}
        for report in reports
    )
    return _("A use report of an earlier grant is overdue (%(list)s): send it before applying again.") % {
        "list": listed
    }
