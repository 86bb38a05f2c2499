from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db.models import QuerySet

from hyte.accounts.models import ApiToken, DraftSharing, Membership, Organisation, OrganisationKind, SingleSignOn


def members(organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )


def shared_with(organisation: Organisation) -> list[Organisation]:
    return [s.shared_with for s in DraftSharing.objects.filter(organisation=organisation).select_related("shared_with")]


def county_municipalities(county_organisation: Organisation) -> list[dict[str, Any]]:
    """The county's municipality organisations, each with whether it shares its drafts with this county."""
    if county_organisation.kind != OrganisationKind.COUNTY or county_organisation.area_id is None:
        return []
    sharing = set(
        DraftSharing.objects.filter(shared_with=county_organisation).values_list("organisation_id", flat=True)
    )
    municipalities = Organisation.objects.filter(
        kind=OrganisationKind.MUNICIPALITY, area__county_id=county_organisation.area_id, is_active=True
    ).select_related("area")
    return [{"organisation": m, "shares_drafts": m.pk in sharing} for m in municipalities]


def county_organisations_for(organisation: Organisation) -> list[Organisation]:
    """The county organisations a municipality may share its drafts with: those of its own county."""
    if organisation.kind != OrganisationKind.MUNICIPALITY or organisation.area is None:
        return []
    county = organisation.area.county
    if county is None:
        return []
    return list(Organisation.objects.filter(kind=OrganisationKind.COUNTY, area=county, is_active=True))


def api_tokens(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def single_sign_on_only(organisation: Organisation) -> bool:
    """Whether the organisation's members sign in only through its identity provider (no local passwords)."""
    return SingleSignOn.objects.filter(organisation=organisation, enabled=True, passwords_allowed=False).exists()


def single_sign_on_of(organisation: Organisation) -> SingleSignOn | None:
    return SingleSignOn.objects.filter(organisation=organisation).first()
