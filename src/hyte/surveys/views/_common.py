"""What the survey views share: the organisation looked through and the survey scoped to it."""

from __future__ import annotations

from django.http import HttpResponse

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, get_organisation_for
from hyte.core.http import AuthenticatedRequest, back_to
from hyte.surveys import queries
from hyte.surveys.models import Survey


def organisation_of(request: AuthenticatedRequest, slug: str) -> Organisation:
    return get_organisation_for(request.user, slug, Action.VIEW)


def survey_of(request: AuthenticatedRequest, slug: str, survey_id: int, action: Action = Action.VIEW) -> Survey:
    return queries.survey_for(request.user, organisation_of(request, slug), survey_id, action)


def to_survey(survey: Survey, anchor: str = "") -> HttpResponse:
    return back_to("survey", anchor, slug=survey.organisation.slug, survey_id=survey.pk)
