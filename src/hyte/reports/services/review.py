"""Review comments on a report before the council approves it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor, person
from hyte.notifications.models import Kind
from hyte.notifications.queries import display_name
from hyte.notifications.recipients import coordinators
from hyte.notifications.services import notify
from hyte.reports.models import Comment, Report, Section
from hyte.reports.text import clean_text


@audit.service(AuditAction.COMMENT_ADD)
def add_comment(*, actor: Actor, report: Report, text: str, section: Section | None = None) -> Comment:
    """Those who read the drafts comment them; an approved report is closed to comments."""
    require(actor, Action.COMMENT, report)
    if report.is_frozen:
        raise ValidationError(_("The report is approved: review comments are closed."))
    if not text.strip():
        raise ValidationError(_("Write the comment."))
    comment = audit.create(
        Comment,
        audit_fields=[],
        report=report,
        section=section,
        author=person(actor),
        text=clean_text(text.strip()),
        created_at=clock.now(),
    )
    people = {u.pk: u for u in coordinators(report.organisation)}
    if section is not None:
        people |= {u.pk: u for u in section.assignees.all()}
    notify(
        actor=actor,
        users=people.values(),
        kind=Kind.COMMENTED,
        message=gettext_noop("%(who)s commented on %(report)s"),
        params={"who": display_name(actor), "report": report.title},
        url=reverse("report-detail", args=[report.organisation.slug, report.pk]),
        organisation=report.organisation,
    )
    return comment


@audit.service(AuditAction.COMMENT_RESOLVE)
def resolve_comment(*, actor: Actor, comment: Comment) -> Comment:
    require(actor, Action.RESOLVE, comment)
    audit.update(comment, resolved_by=person(actor), resolved_at=clock.now())
    return comment
