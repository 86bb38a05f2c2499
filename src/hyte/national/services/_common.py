"""What the survey services share: tidy text and the organisations a round asks."""

from __future__ import annotations

from django.db.models import QuerySet

from hyte.accounts.models import Organisation, OrganisationKind
from hyte.national.models import Scope, SurveyRound
from hyte.reports.text import clean_text


def line(value: str, limit: int) -> str:
    """One line of text: spaces tidied, cut to `limit` characters."""
    return " ".join(clean_text(value or "").split())[:limit]


def text(value: str) -> str:
    return clean_text(value or "")


def organisations_asked(survey: SurveyRound) -> QuerySet[Organisation]:
    """The active organisations in Hyte that the round's scope names."""
    active = Organisation.objects.filter(is_active=True)
    if survey.scope == Scope.ALL_COUNTIES:
        return active.filter(kind=OrganisationKind.COUNTY)
    municipalities = active.filter(kind=OrganisationKind.MUNICIPALITY)
    if survey.scope == Scope.COUNTY_MUNICIPALITIES:
        return municipalities.filter(area__county_id=survey.sender.area_id)
    return municipalities
