"""The minutes approved by every party: the coordinator shares the draft; each invited organisation's named
checker confirms it or proposes corrections; the minutes are final when every party has confirmed the round
shared last, with a record of who confirmed when."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.cooperation.models import Confirmation, Meeting, MinutesDecision, MinutesStatus, Party
from hyte.cooperation.queries import latest_answers
from hyte.cooperation.services._common import minutes_open, text
from hyte.core import clock
from hyte.core.actors import Actor, person
from hyte.notifications.models import Kind
from hyte.notifications.queries import display_name
from hyte.notifications.services import notify


@audit.service(AuditAction.MINUTES_SHARE)
def share_minutes(*, actor: Actor, meeting: Meeting) -> Meeting:
    """Send the draft to the checkers: a new round of confirmations begins."""
    require(actor, Action.EDIT, meeting)
    minutes_open(meeting)
    parties = list(meeting.parties.select_related("organisation", "checker"))
    unnamed = [party.organisation.display_name for party in parties if party.checker_id is None]
    if unnamed:
        raise ValidationError(
            _("Name a checker of the minutes for every invited organisation first: %(organisations)s.")
            % {"organisations": ", ".join(unnamed)}
        )
    if not any(item.minutes.strip() for item in meeting.agenda_items.all()):
        raise ValidationError(_("Write the minutes before sharing them."))
    audit.update(meeting, minutes_status=MinutesStatus.SHARED, round=meeting.round + 1, updated_at=clock.now())
    _tell_checkers(actor, meeting, parties)
    return meeting


def _tell_checkers(actor: Actor, meeting: Meeting, parties: list[Party]) -> None:
    """Each checker is told (on the site, and by e-mail as they chose) that the minutes wait for their answer,
    with a link to the minutes as seen through their own organisation; once per round."""
    for party in parties:
        if party.checker is None:
            continue
        notify(
            actor=actor,
            users=[party.checker],
            kind=Kind.IN_REVIEW,
            message=gettext_noop("The minutes of “%(meeting)s” wait for your confirmation on behalf of %(party)s"),
            params={"meeting": meeting.title[:120], "party": party.organisation.name, "who": display_name(actor)},
            url=reverse("cooperation-minutes", args=[party.organisation.slug, meeting.pk]),
            organisation=party.organisation,
            key=f"minutes:{meeting.pk}:{meeting.round}:{party.pk}",
        )


@audit.service(AuditAction.MINUTES_REOPEN)
def reopen_minutes(*, actor: Actor, meeting: Meeting) -> Meeting:
    """Take shared minutes back to correct them; sharing them again starts a new round of confirmations."""
    require(actor, Action.EDIT, meeting)
    if meeting.minutes_status != MinutesStatus.SHARED:
        raise ValidationError(_("Only minutes shared for checking can be taken back."))
    audit.update(meeting, minutes_status=MinutesStatus.DRAFT, updated_at=clock.now())
    return meeting


@audit.service(AuditAction.MINUTES_CONFIRM, AuditAction.MINUTES_CORRECTIONS, AuditAction.MINUTES_FINAL)
def confirm_minutes(*, actor: Actor, meeting: Meeting, decision: str, corrections: str = "") -> Confirmation:
    """The checker's answer for their organisation: `confirmed`, or `corrections` with the corrections proposed.
    The last party to confirm makes the minutes final."""
    require(actor, Action.VIEW, meeting)
    meeting = Meeting.objects.select_for_update().select_related("series__convener").get(pk=meeting.pk)
    if meeting.minutes_status != MinutesStatus.SHARED:
        raise ValidationError(_("The minutes are not waiting for confirmation."))
    user = person(actor)
    # A person named by two organisations (e.g. a member of both) answers for each of them at once.
    mine = list(meeting.parties.select_related("organisation").filter(checker=user)) if user else []
    if not mine:
        raise ValidationError(
            _(
                "Only the checker named by each invited organisation can confirm the minutes, and you are not "
                "named as one for this meeting."
            )
        )
    for party in mine:
        require(actor, Action.APPROVE, party)
    if decision not in MinutesDecision.values:
        raise ValidationError(_("Confirm the minutes or propose corrections."))
    corrections = text(corrections).strip()
    if decision == MinutesDecision.CORRECTIONS and not corrections:
        raise ValidationError(_("Write the corrections you propose."))
    given = [
        audit.create(
            Confirmation,
            action=AuditAction.MINUTES_CONFIRM
            if decision == MinutesDecision.CONFIRMED
            else AuditAction.MINUTES_CORRECTIONS,
            audit_fields=["decision", "round", "text"],
            party=party,
            round=meeting.round,
            checker=user,
            checker_name=(user.get_full_name() or user.get_username())[:200] if user else "",
            decision=decision,
            text=corrections if decision == MinutesDecision.CORRECTIONS else "",
            at=clock.now(),
        )
        for party in mine
    ]
    answer = given[0]
    parties = list(meeting.parties.prefetch_related("confirmations"))
    answers = latest_answers(meeting, parties)
    if all(p.pk in answers and answers[p.pk].decision == MinutesDecision.CONFIRMED for p in parties):
        now = clock.now()
        audit.update(
            meeting,
            action=AuditAction.MINUTES_FINAL,
            minutes_status=MinutesStatus.FINAL,
            finalised_at=now,
            updated_at=now,
        )
    return answer
