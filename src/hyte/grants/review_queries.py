"""Reads for reviewing: a reviewer's assignment, the flags a reviewer sees (likely conflicts of interest from the
register, double funding between a municipality and its county), the scores a reviewer may see, and the ranking
with the proposal."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from hyte.accounts.models import Membership, Organisation, OrganisationKind
from hyte.core.actors import Viewer
from hyte.grants.models import Application, ApplicationStatus, Call, Declaration, Reviewer, Score
from hyte.grants.scoring import Result, results_of

SIMILAR = 0.5  # the share of shared words that makes two descriptions "similar"
_WORD = re.compile(r"\w{4,}")


def reviewer_of(user: Viewer, call: Call) -> Reviewer | None:
    user_id = getattr(user, "pk", None)
    if user_id is None:
        return None
    return Reviewer.objects.filter(call=call, user_id=user_id).select_related("user").first()


def conflicts(user: Any, application: Application, membership: Any = ...) -> list[str]:
    """Why the reviewer (or a decision-maker) is likely disqualified, per the register and Hyte's memberships;
    `membership` is the user's in the applicant when the caller has read it (None: not a member)."""
    found = []
    if membership is ...:
        membership = Membership.objects.filter(user=user, organisation=application.applicant).first()
    if membership is not None:
        found.append(
            _("You are a member of the applicant's organisation in Hyte (%(role)s).")
            % {"role": membership.get_role_display()}
        )
    contact = " ".join(filter(None, [application.contact, getattr(application.register_entry, "contact", "")]))
    names = [user.email, user.get_full_name(), user.username if len(user.username) > 3 else ""]
    lowered = contact.casefold()
    if any(name and name.casefold() in lowered for name in names):
        found.append(_("You are named as a contact person of the applicant in the register."))
    return found


def conflicts_of_each(user: Any, applications: list[Application]) -> list[list[str]]:
    """`conflicts` for several applications, the user's memberships read in one query."""
    memberships = {
        m.organisation_id: m
        for m in Membership.objects.filter(user=user, organisation__in=[a.applicant_id for a in applications])
    }
    return [conflicts(user, a, memberships.get(a.applicant_id)) for a in applications]


def _words(value: str) -> set[str]:
    return {word.casefold() for word in _WORD.findall(value or "")}


def similar(first: str, second: str) -> bool:
    a, b = _words(first), _words(second)
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= SIMILAR


def _other_level(funder: Organisation) -> Q | None:
    """The funders at the other level: a municipality's county, or a county's municipalities."""
    area = funder.area
    if area is None:
        return None
    if funder.kind == OrganisationKind.MUNICIPALITY and area.county_id is not None:
        return Q(call__funder__kind=OrganisationKind.COUNTY, call__funder__area_id=area.county_id)
    if funder.kind == OrganisationKind.COUNTY:
        return Q(call__funder__kind=OrganisationKind.MUNICIPALITY, call__funder__area__county_id=area.pk)
    return None


@dataclass
class Flag:
    other: Application
    reason: str


def double_funding(application: Application) -> list[Flag]:
    """The same activity applying to (or funded by) the other level: the same NGO and activity, or the same
    business id and a similar description."""
    level = _other_level(application.call.funder)
    if level is None:
        return []
    activity_ids = {activity.pk for activity in application.activities.all()}
    same_applicant = Q(applicant=application.applicant) | (
        Q(business_id=application.business_id) if application.business_id else Q(pk__in=[])
    )
    candidates = (
        Application.objects.filter(level, change_of=None)  # a change is its grant's, flagged once
        .filter(same_applicant)
        .exclude(status=ApplicationStatus.DRAFT)
        .select_related("call", "call__funder")
        .prefetch_related("activities")
    )
    flags = []
    for other in candidates:
        funded = other.status == ApplicationStatus.DECIDED and (other.granted_amount or 0) > 0
        shared = activity_ids & {activity.pk for activity in other.activities.all()}
        if shared:
            reason = _("the same activity") if not funded else _("the same activity, already funded")
        elif similar(application.summary, other.summary):
            reason = _("the same business id and a similar description")
        else:
            continue
        flags.append(Flag(other=other, reason=str(reason)))
    return flags


def scores_seen_by(reviewer: Reviewer | None, application: Application, *, preparer: bool) -> list[Score]:
    """The preparer sees every score; a reviewer sees the others' scores only once their own are all in."""
    scores = list(Score.objects.filter(application=application).select_related("reviewer__user", "criterion"))
    if preparer:
        return scores
    if reviewer is None:
        return []
    own = [s for s in scores if s.reviewer_id == reviewer.pk]
    if len(own) < application.call.criteria.count():
        return own
    return scores


def declaration_of(reviewer: Reviewer, application: Application) -> Declaration | None:
    return Declaration.objects.filter(reviewer=reviewer, application=application).first()


def ranking(call: Call) -> list[Result]:
    """Every application sent to the call, ranked, with the proposal by the call's rule."""
    applications = list(
        Application.objects.filter(call=call, change_of=None)  # changes are decided one by one
        .exclude(status=ApplicationStatus.DRAFT)
        .select_related("applicant", "register_entry")
        .order_by("pk")
    )
    scores = list(
        Score.objects.filter(application__call=call).only("application_id", "reviewer_id", "criterion_id", "points")
    )
    return results_of(call, applications, scores)


def declarations_of_call(call: Call) -> list[Declaration]:
    return list(
        Declaration.objects.filter(application__call=call)
        .select_related("reviewer__user", "application")
        .order_by("application__applicant_name", "reviewer_id")
    )
