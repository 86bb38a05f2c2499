"""Who is invited to a meeting: organisations (parties), each with one named checker of the minutes, and the
people who come on their behalf with their role and participation."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.models import Membership, Organisation
from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.cooperation.models import Invitee, Meeting, MinutesStatus, Participation, Party, PersonRole
from hyte.cooperation.services._common import line
from hyte.core.actors import Actor


@audit.service(AuditAction.PARTY_ADD)
def add_party(*, actor: Actor, meeting: Meeting, organisation: Organisation) -> Party:
    """Invite another organisation (an NGO, the regional council, …) to this meeting."""
    require(actor, Action.EDIT, meeting)
    if meeting.minutes_status == MinutesStatus.FINAL:
        raise ValidationError(_("The minutes are final: no one is invited any more."))
    if not organisation.is_active:
        raise ValidationError(_("An organisation that is no longer active cannot be invited."))
    if meeting.parties.filter(organisation=organisation).exists():
        raise ValidationError(_("%(organisation)s is invited already.") % {"organisation": organisation.display_name})
    return audit.create(Party, meeting=meeting, organisation=organisation)


@audit.service(AuditAction.PARTY_REMOVE)
def remove_party(*, actor: Actor, party: Party) -> None:
    """Withdraw an organisation's invitation to this meeting (the convener's coordinators): its people, checker
    and answers go with it. Not the convener itself, not while the minutes are being checked (take them back
    first) and not once they are final."""
    meeting = party.meeting
    require(actor, Action.EDIT, meeting)
    if party.organisation_id == meeting.series.convener_id:
        raise ValidationError(_("The convener takes part in its own negotiation: it cannot be removed."))
    if meeting.minutes_status == MinutesStatus.FINAL:
        raise ValidationError(_("The minutes are final: the organisations invited no longer change."))
    if meeting.minutes_status == MinutesStatus.SHARED:
        raise ValidationError(
            _("The minutes are being checked: take them back for corrections before withdrawing an invitation.")
        )
    if meeting.agreed_actions.filter(owner_id=party.organisation_id).exists():
        raise ValidationError(
            _("%(organisation)s owns agreed actions of this meeting: give them another owner first.")
            % {"organisation": party.organisation.display_name}
        )
    audit.delete(party)


@audit.service(AuditAction.PARTY_CHECKER)
def set_checker(*, actor: Actor, party: Party, checker: User | None) -> Party:
    """Name the one person of the invited organisation who checks the minutes on its behalf."""
    require(actor, Action.EDIT, party)
    if party.meeting.minutes_status == MinutesStatus.FINAL:
        raise ValidationError(_("The minutes are final: their checkers no longer change."))
    if checker is not None and not Membership.objects.filter(user=checker, organisation=party.organisation).exists():
        raise ValidationError(
            _("The checker must be a member of %(organisation)s.") % {"organisation": party.organisation.display_name}
        )
    audit.update(party, checker=checker)
    return party


@audit.service(AuditAction.INVITEE_ADD)
def add_invitee(
    *, actor: Actor, party: Party, name: str, role: str, participation: str, job_title: str = ""
) -> Invitee:
    require(actor, Action.EDIT, party.meeting)
    name = line(name, 200)
    if not name:
        raise ValidationError(_("Give the invited person's name."))
    if role not in PersonRole.values:
        raise ValidationError(_("Choose the person's role: elected leadership, top management or expert."))
    if participation not in Participation.values:
        raise ValidationError(_("Choose how the person takes part."))
    return audit.create(
        Invitee, party=party, name=name, job_title=line(job_title, 200), role=role, participation=participation
    )


@audit.service(AuditAction.INVITEE_REMOVE)
def remove_invitee(*, actor: Actor, invitee: Invitee) -> None:
    require(actor, Action.EDIT, invitee.party.meeting)
    audit.delete(invitee)
