"""An NGO's application: started from its register entry (the profile prefilled), saved as a draft whatever it
lacks, sent only before the call closes and only when complete, with attachments checked on upload."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation, OrganisationKind
from hyte.accounts.permissions import Action, require
from hyte.actors.models import Activity
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.cooperation.files import check_upload
from hyte.core import clock
from hyte.core.actors import Actor as Doer
from hyte.grants.checks import problems
from hyte.grants.models import Application, ApplicationStatus, Attachment, Call
from hyte.grants.queries import own_activities, register_entry_of
from hyte.grants.services._common import euros, line, text
from hyte.grants.use_checks import overdue_message, overdue_reports

ATTACHMENT_TYPES = ("pdf", "docx", "xlsx")


@dataclass
class ApplicationDraft:
    """What the applicant sends: euros as typed (checked here), answers by question id."""

    summary: str = ""
    contact: str = ""
    activities: Sequence[Activity] = field(default_factory=list)
    costs: str | Decimal = "0"
    amount_applied: str | Decimal = "0"
    other_funding: str | Decimal = "0"
    self_financing: str | Decimal = "0"
    other_funding_declaration: str = ""
    answers: Mapping[str, str] = field(default_factory=dict)


def _closed(call: Call) -> ValidationError:
    return ValidationError(
        _("The call closed on %(when)s (Finnish time): applications are no longer accepted.")
        % {"when": call.closes_at.astimezone(clock.HELSINKI).strftime("%d.%m.%Y %H:%M")}
    )


@audit.service(AuditAction.GRANT_APPLICATION_START)
def start_application(*, actor: Doer, call: Call, applicant: Organisation) -> Application:
    """A draft application with the profile from the register: the applicant's name, business id and contact."""
    require(actor, Action.VIEW, call)
    require(actor, Action.EDIT, Application(call=call, applicant=applicant))
    if applicant.kind != OrganisationKind.NGO:
        raise ValidationError(_("Only an NGO applies for a grant."))
    now = clock.now()
    if not call.is_published or now < call.opens_at:
        raise ValidationError(_("The call is not open yet."))
    if now >= call.closes_at:
        raise _closed(call)
    _not_overdue(applicant)
    entry = register_entry_of(applicant)
    return audit.create(
        Application,
        audit_fields=["call", "applicant", "applicant_name", "business_id"],
        call=call,
        applicant=applicant,
        register_entry=entry,
        applicant_name=(entry.name if entry else applicant.name)[:200],
        business_id=(entry.business_id if entry and entry.business_id else applicant.business_id)[:9],
        contact=entry.contact if entry else "",
        created_at=now,
        updated_at=now,
    )


def _not_overdue(applicant: Organisation) -> None:
    """An overdue use report of an earlier grant blocks a new application (started or sent), with a clear message."""
    overdue = overdue_reports(applicant, clock.today())
    if overdue:
        raise ValidationError(overdue_message(overdue))


def _writable(application: Application) -> None:
    if application.status != ApplicationStatus.DRAFT:
        raise ValidationError(_("The application has been sent: it no longer changes."))


@audit.service(AuditAction.GRANT_APPLICATION_SAVE)
def save_application(*, actor: Doer, application: Application, draft: ApplicationDraft) -> list[str]:
    """Save the draft: every part that can be stored is stored; the problems (a sum that is not euros, a budget
    that does not add up, a question unanswered) are returned, all of them, for the applicant to fix."""
    require(actor, Action.EDIT, application)
    _writable(application)
    reported: list[str] = []
    values: dict[str, Any] = {
        "summary": text(draft.summary),
        "contact": text(draft.contact),
        "other_funding_declaration": text(draft.other_funding_declaration),
    }
    labels = {
        "costs": _("The costs"),
        "amount_applied": _("The amount applied for"),
        "other_funding": _("Other funding"),
        "self_financing": _("Self-financing"),
    }
    for name, label in labels.items():
        try:
            values[name] = euros(str(getattr(draft, name)).replace(" ", "").replace(",", "."), str(label))
        except ValidationError as exc:
            reported.extend(exc.messages)
    own = {activity.pk for activity in own_activities(application.register_entry)}
    chosen = [activity for activity in draft.activities if activity.pk in own]
    if len(chosen) != len(draft.activities):
        reported.append(_("Only your own activities in the register can be applied for."))
    answers: dict[str, str] = {}
    for question in application.call.questions.all():
        answer = line(draft.answers.get(str(question.pk), ""), 5000)
        answers[str(question.pk)] = answer
    values["answers"] = answers
    before = sorted(application.activities.values_list("pk", flat=True))
    after = sorted(activity.pk for activity in chosen)
    application.activities.set(chosen)
    links = {"activities": [before, after]} if before != after else {}
    audit.update(application, also_changed=links, updated_at=clock.now(), **values)
    found = [message for message in problems(application) if message not in reported]
    return [*reported, *found]


@audit.service(AuditAction.GRANT_APPLICATION_SUBMIT)
def submit_application(*, actor: Doer, application: Application) -> Application:
    """Send the application: refused after the closing time (the server's clock) and while anything is missing."""
    require(actor, Action.EDIT, application)
    _writable(application)
    call = application.call
    now = clock.now()
    if application.change_of_id is None:  # a change of a decided grant is sent whenever
        if now >= call.closes_at:
            raise _closed(call)
        _not_overdue(application.applicant)
    found = problems(application)
    if found:
        raise ValidationError(found)
    audit.update(application, status=ApplicationStatus.SUBMITTED, submitted_at=now, updated_at=now)
    return application


@audit.service(AuditAction.GRANT_ATTACHMENT_ADD)
def add_attachment(*, actor: Doer, application: Application, title: str, data: bytes, filename: str) -> Attachment:
    """A PDF, Word (DOCX) or Excel (XLSX) file, its type read from its content and its size checked."""
    require(actor, Action.EDIT, application)
    _writable(application)
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in ATTACHMENT_TYPES:
        raise ValidationError(_("Attach a PDF, Word (DOCX) or Excel (XLSX) file."))
    checked = check_upload(data, filename)
    title = line(title, 300) or checked.filename
    return audit.create(
        Attachment,
        audit_fields=["title", "filename", "size", "sha256"],
        application=application,
        title=title,
        data=checked.data,
        filename=checked.filename,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        added_at=clock.now(),
    )


@audit.service(AuditAction.GRANT_ATTACHMENT_REMOVE)
def remove_attachment(*, actor: Doer, attachment: Attachment) -> None:
    require(actor, Action.EDIT, attachment.application)
    _writable(attachment.application)
    audit.delete(attachment)
