"""Statements of the youth, elderly and disability councils and NGOs on a round's draft."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, require
from hyte.accounts.roles import Role
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.cooperation.files import check_upload
from hyte.core import clock
from hyte.core.actors import Actor
from hyte.notifications.models import Kind
from hyte.notifications.services import notify
from hyte.participation.models import Round, Statement
from hyte.participation.services._common import line, text


@audit.service(AuditAction.STATEMENT_REQUEST)
def request_statement(
    *,
    actor: Actor,
    round: Round,
    author_name: str,
    author_name_sv: str = "",
    organisation: Organisation | None = None,
    due_on: dt.date | None = None,
) -> Statement:
    """Ask a council (named) or an organisation in Hyte for a statement on the draft."""
    require(actor, Action.EDIT, round)
    name = line(author_name, 300) or (organisation.name if organisation is not None else "")
    if not name:
        raise ValidationError(_("Name the council or the organisation asked for a statement."))
    statement = audit.create(
        Statement,
        audit_fields=["round", "organisation", "author_name", "due_on"],
        round=round,
        organisation=organisation,
        author_name=name,
        author_name_sv=line(author_name_sv, 300),
        due_on=due_on,
        requested_at=clock.now(),
    )
    if organisation is not None:  # its coordinators and admins give it, from their organisation's statements page
        asked = User.objects.filter(
            memberships__organisation=organisation, memberships__role__in=[Role.COORDINATOR, Role.ADMIN]
        )
        notify(
            actor=actor,
            users=asked,
            kind=Kind.ASSIGNED,
            message=gettext_noop("%(organisation)s asks for a statement on “%(draft)s”."),
            params={"organisation": round.organisation.name, "draft": round.title},
            url=reverse("participation-asked", kwargs={"slug": organisation.slug}),
            organisation=organisation,
        )
    return statement


@audit.service(AuditAction.STATEMENT_GIVE)
def give_statement(
    *,
    actor: Actor,
    statement: Statement,
    text_fi: str,
    text_sv: str = "",
    file_data: bytes | None = None,
    filename: str = "",
) -> Statement:
    """The statement's text (and its signed file, checked as materials are) recorded: by the asked organisation's
    coordinators or by the round's."""
    require(actor, Action.EDIT, statement)
    body = text(text_fi, 50_000, _("The statement"))
    if not body and not file_data:
        raise ValidationError(_("Write the statement or attach its file."))
    values: dict[str, Any] = {"text": body, "text_sv": text(text_sv, 50_000, _("The statement"))}
    if file_data:
        checked = check_upload(file_data, filename)
        values.update(data=checked.data, filename=checked.filename, content_type=checked.content_type)
    audit.update(statement, given_at=clock.now(), **values)
    return statement
