"""Use reports of grants: the NGO saves its report whatever it lacks and sends it when complete; the funder's
preparer checks it against a checklist, returns it for corrections or accepts it, moves one grant's due date, and
picks reports for a closer check at random (those with a risk seen in the report are picked when sent)."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.permissions import Action, require
from hyte.actors.models import AgeGroup
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.cooperation.files import check_upload
from hyte.core import clock
from hyte.core.actors import Actor, SystemActor
from hyte.grants.models import Call, CheckItem, UseReport, UseReportStatus
from hyte.grants.services._common import euros, text
from hyte.grants.use_checks import risks, use_report_problems

LEDGER_TYPES = ("pdf", "xlsx", "docx")


@dataclass
class UseReportDraft:
    """What the NGO reports: participants by age group and euros as typed (checked here)."""

    done: str = ""
    participants: Mapping[str, str | int] = field(default_factory=dict)
    money_used: str | Decimal = "0"
    results: str = ""


def _writable(report: UseReport) -> None:
    if not report.is_open:
        raise ValidationError(_("The use report has been sent: it changes only if the funder returns it."))


@audit.service(AuditAction.GRANT_USE_REPORT_SAVE)
def save_use_report(*, actor: Actor, report: UseReport, draft: UseReportDraft) -> list[str]:
    """Save what can be stored and return every problem, those of the input and those still stopping sending."""
    require(actor, Action.EDIT, report)
    _writable(report)
    reported: list[str] = []
    values: dict[str, Any] = {"done": text(draft.done), "results": text(draft.results)}
    try:
        values["money_used"] = euros(str(draft.money_used).replace(" ", "").replace(",", "."), _("The money used"))
    except ValidationError as exc:
        reported.extend(exc.messages)
    participants: dict[str, int] = {}
    for group in AgeGroup:
        given = str(draft.participants.get(group.value, "")).strip()
        if not given:
            continue
        if not (given.isascii() and given.isdigit()) or int(given) > 10_000_000:
            reported.append(_("Participants (%(group)s) must be a whole number.") % {"group": group.label})
            continue
        participants[group.value] = int(given)
    values["participants"] = participants
    audit.update(report, updated_at=clock.now(), **values)
    return [*reported, *[problem for problem in use_report_problems(report) if problem not in reported]]


@audit.service(AuditAction.GRANT_USE_REPORT_LEDGER)
def attach_ledger(*, actor: Actor, report: UseReport, data: bytes, filename: str) -> UseReport:
    """The ledger extract: a PDF, Excel (XLSX) or Word (DOCX) file read from its content; a new one replaces it."""
    require(actor, Action.EDIT, report)
    _writable(report)
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in LEDGER_TYPES:
        raise ValidationError(_("Attach the ledger extract as a PDF, Excel (XLSX) or Word (DOCX) file."))
    checked = check_upload(data, filename)
    report.ledger = checked.data
    report.save(update_fields=["ledger"])
    audit.update(
        report,
        ledger_filename=checked.filename,
        ledger_content_type=checked.content_type,
        ledger_size=checked.size,
        ledger_sha256=checked.sha256,
        updated_at=clock.now(),
    )
    return report


@audit.service(AuditAction.GRANT_USE_REPORT_SEND)
def send_use_report(*, actor: Actor, report: UseReport) -> UseReport:
    """Send the report when complete; a risk seen in it (money over or well under the grant, no participants,
    sent late) picks it for a closer check, with the reason."""
    require(actor, Action.EDIT, report)
    _writable(report)
    found = use_report_problems(report)
    if found:
        raise ValidationError(found)
    now = clock.now()
    seen = risks(report, sent_on=now.astimezone(clock.HELSINKI).date())
    picked: dict[str, Any] = {"closer_check": True, "closer_check_reason": "; ".join(seen)[:300]} if seen else {}
    audit.update(report, status=UseReportStatus.SENT, sent_at=now, updated_at=now, **picked)
    return report


@audit.service(AuditAction.GRANT_USE_REPORT_CHECK)
def check_use_report(*, actor: Actor, report: UseReport, ticked: Sequence[str], note: str, accept: bool) -> UseReport:
    """Accept the report (every item of the checklist confirmed) or return it for corrections (with a note)."""
    require(actor, Action.APPROVE, report)
    if report.status != UseReportStatus.SENT:
        raise ValidationError(_("Only a use report that has been sent and not yet checked can be checked."))
    items = [item.value for item in CheckItem if item.value in set(ticked)]
    note = text(note).strip()
    if accept and len(items) < len(CheckItem):
        missing = [str(item.label) for item in CheckItem if item.value not in items]
        raise ValidationError(
            _("Confirm every item of the checklist before accepting: %(list)s.") % {"list": "; ".join(missing)}
        )
    if not accept and not note:
        raise ValidationError(_("Say what the NGO must correct before returning the report."))
    audit.update(
        report,
        status=UseReportStatus.ACCEPTED if accept else UseReportStatus.RETURNED,
        checklist=items,
        check_note=note,
        checked_by=None if isinstance(actor, SystemActor) else actor,
        checked_at=clock.now(),
        updated_at=clock.now(),
        audit_organisation=report.application.call.funder,
    )
    return report


@audit.service(AuditAction.GRANT_USE_REPORT_DUE)
def set_use_report_due(*, actor: Actor, report: UseReport, due_on: dt.date) -> UseReport:
    require(actor, Action.APPROVE, report)
    decided = report.application.call.decision_date
    if decided is not None and due_on <= decided:
        raise ValidationError(_("The use report must be due after the date of the decision."))
    audit.update(report, due_on=due_on, updated_at=clock.now(), audit_organisation=report.application.call.funder)
    return report


@audit.service(AuditAction.GRANT_USE_REPORT_SAMPLE)
def draw_sample(*, actor: Actor, call: Call, percent: int) -> list[UseReport]:
    """Pick `percent` % (rounded up) of the call's sent reports not yet picked, at random, for a closer check."""
    require(actor, Action.EDIT, call)
    if not 1 <= percent <= 100:
        raise ValidationError(_("Give the share to pick as a whole number from 1 to 100."))
    candidates = list(
        UseReport.objects.filter(application__call=call, status=UseReportStatus.SENT, closer_check=False)
        .select_related("application")
        .defer("ledger")
    )
    if not candidates:
        raise ValidationError(_("No sent use report is left to pick from."))
    count = math.ceil(len(candidates) * percent / 100)
    picked = random.SystemRandom().sample(candidates, count)
    reason = _("picked at random (%(percent)s %%)") % {"percent": percent}
    for report in picked:
        audit.update(
            report,
            closer_check=True,
            closer_check_reason=reason,
            updated_at=clock.now(),
            audit_organisation=call.funder,
        )
    return picked
