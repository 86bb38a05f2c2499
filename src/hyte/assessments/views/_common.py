"""What the assessment pages share: the assessment read for the user, the way back to it, form errors."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, get_organisation_for
from hyte.assessments import queries
from hyte.assessments.models import Assessment
from hyte.core.http import back_to


def assessment_for_page(request: HttpRequest, slug: str, assessment_id: int) -> tuple[Organisation, Assessment]:
    organisation = get_organisation_for(request.user, slug, Action.VIEW_DRAFTS)
    return organisation, queries.assessment_for(request.user, organisation, assessment_id)


def back_to_assessment(slug: str, assessment_id: int, anchor: str = "") -> HttpResponse:
    return back_to("assessment-detail", anchor, slug=slug, assessment_id=assessment_id)


def form_errors(request: HttpRequest, form: Any) -> None:
    messages.error(request, _("Check the form: %(errors)s") % {"errors": form.errors.as_text()})
