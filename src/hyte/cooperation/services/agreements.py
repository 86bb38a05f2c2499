"""The strategic cooperation agreement: drafted by its keeper (a county, or a municipality) with its parties;
each party's approval decision recorded (by the keeper or the party's own coordinators); a version approved once
every party has decided, and frozen; a new version copies the previous one, and parties join or leave the version
in preparation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, require
from hyte.actors.businessid import normalise
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.cooperation.agreement_models import SECTIONS, Agreement, AgreementParty, AgreementVersion
from hyte.cooperation.services._common import line, text
from hyte.core import clock
from hyte.core.actors import Actor

TEXTS = [name for name, _label in SECTIONS]


@dataclass
class AgreementText:
    term_start: dt.date
    term_end: dt.date
    background: str = ""
    goals: str = ""
    actions: str = ""
    indicators: str = ""
    structures: str = ""
    rules: str = ""
    follow_up: str = ""


def _values(content: AgreementText) -> dict[str, Any]:
    if content.term_end <= content.term_start:
        raise ValidationError(_("The agreement must end after it begins."))
    return {
        "term_start": content.term_start,
        "term_end": content.term_end,
        **{name: text(getattr(content, name)) for name in TEXTS},
    }


def _unfrozen(version: AgreementVersion) -> None:
    if version.is_frozen:
        raise ValidationError(_("This version is approved and no longer changes: start a new version."))


def _party(version: AgreementVersion, organisation: Organisation) -> AgreementParty:
    return audit.create(
        AgreementParty,
        audit_fields=["organisation", "business_id"],
        version=version,
        organisation=organisation,
        business_id=organisation.business_id[:9],
    )


@audit.service(AuditAction.AGREEMENT_CREATE)
def create_agreement(
    *, actor: Actor, keeper: Organisation, title: str, parties: Iterable[Organisation], content: AgreementText
) -> Agreement:
    """A new agreement and its first version, the keeper and `parties` as its parties."""
    require(actor, Action.EDIT, Agreement(keeper=keeper))
    title = line(title, 300)
    if not title:
        raise ValidationError(_("Give the agreement a title."))
    others = [each for each in parties if each.pk != keeper.pk]
    if not others:
        raise ValidationError(_("An agreement needs at least one other party."))
    values = _values(content)
    agreement = audit.create(Agreement, keeper=keeper, title=title, created_at=clock.now())
    version = audit.create(
        AgreementVersion,
        audit_fields=["number", "term_start", "term_end"],
        agreement=agreement,
        number=1,
        created_at=clock.now(),
        **values,
    )
    for organisation in [keeper, *others]:
        _party(version, organisation)
    return agreement


@audit.service(AuditAction.AGREEMENT_EDIT)
def edit_version(*, actor: Actor, version: AgreementVersion, content: AgreementText) -> AgreementVersion:
    """The texts and term of a version in preparation."""
    require(actor, Action.EDIT, version.agreement)
    _unfrozen(version)
    values = _values(content)
    audit.update(version, **{name: value for name, value in values.items() if getattr(version, name) != value})
    return version


@audit.service(AuditAction.AGREEMENT_DECISION)
def record_decision(
    *, actor: Actor, party: AgreementParty, body: str, date: dt.date, reference: str, business_id: str = ""
) -> AgreementParty:
    """A party's approval decision: the body that decided, the date and the § of its minutes."""
    require(actor, Action.EDIT, party)
    _unfrozen(party.version)
    body, reference = line(body, 200), line(reference, 100)
    if not body or not reference:
        raise ValidationError(_("Give the body that decided and the section (§) of its minutes."))
    business_id = normalise(business_id or "")
    values: dict[str, Any] = {"decision_body": body, "decision_date": date, "decision_reference": reference}
    if business_id:
        values["business_id"] = business_id
    audit.update(party, **{name: value for name, value in values.items() if getattr(party, name) != value})
    return party


@audit.service(AuditAction.AGREEMENT_APPROVE)
def approve_version(*, actor: Actor, version: AgreementVersion) -> AgreementVersion:
    """Approve and freeze a version once every party has recorded its decision."""
    require(actor, Action.EDIT, version.agreement)
    _unfrozen(version)
    waiting = [
        str(party.organisation) for party in version.parties.select_related("organisation") if not party.has_decided
    ]
    if waiting:
        raise ValidationError(_("Waiting for the approval decision of: %(parties)s.") % {"parties": ", ".join(waiting)})
    audit.update(version, approved_at=clock.now())
    return version


@audit.service(AuditAction.AGREEMENT_VERSION)
def new_version(*, actor: Actor, agreement: Agreement) -> AgreementVersion:
    """A new version in preparation, copying the newest one (its texts and parties, without their decisions)."""
    require(actor, Action.EDIT, agreement)
    latest = agreement.versions.order_by("-number").first()
    if latest is None or not latest.is_frozen:
        raise ValidationError(_("The newest version is still in preparation: change it instead."))
    fields = ["term_start", "term_end", *TEXTS]
    version = audit.create(
        AgreementVersion,
        audit_fields=["number"],
        agreement=agreement,
        number=latest.number + 1,
        created_at=clock.now(),
        **{name: getattr(latest, name) for name in fields},
    )
    for party in latest.parties.select_related("organisation"):
        audit.create(
            AgreementParty,
            audit_fields=["organisation", "business_id"],
            version=version,
            organisation=party.organisation,
            business_id=party.business_id,
        )
    return version


@audit.service(AuditAction.AGREEMENT_PARTY_ADD)
def add_agreement_party(*, actor: Actor, version: AgreementVersion, organisation: Organisation) -> AgreementParty:
    """A new party to the version in preparation (e.g. a municipality joining when the agreement is renewed)."""
    require(actor, Action.EDIT, version.agreement)
    _unfrozen(version)
    if not organisation.is_active:
        raise ValidationError(_("An organisation that is no longer active cannot be a party."))
    if version.parties.filter(organisation=organisation).exists():
        raise ValidationError(_("%(name)s is a party already.") % {"name": organisation})
    return _party(version, organisation)


@audit.service(AuditAction.AGREEMENT_PARTY_REMOVE)
def remove_agreement_party(*, actor: Actor, party: AgreementParty) -> None:
    """A party leaves the version in preparation (the versions approved before keep it); never the keeper, and at
    least one other party stays."""
    version = party.version
    require(actor, Action.EDIT, version.agreement)
    _unfrozen(version)
    if party.organisation_id == version.agreement.keeper_id:
        raise ValidationError(_("The keeper of the agreement is always a party to it."))
    if version.parties.exclude(pk=party.pk).exclude(organisation_id=version.agreement.keeper_id).count() == 0:
        raise ValidationError(_("An agreement needs at least one other party."))
    audit.delete(party, changes={"organisation": [str(party.organisation), None]})
