"""A funder's grants over the years (its members): per plan goal, per theme and age group, per NGO; as XLSX."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hyte.accounts.models import OrganisationKind
from hyte.core.http import AuthenticatedRequest, download
from hyte.grants.summary import summary_of, summary_xlsx
from hyte.grants.views.calls import organisation_of

FUNDERS = (OrganisationKind.MUNICIPALITY, OrganisationKind.COUNTY)


@require_GET
@login_required
def summary(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = organisation_of(request, slug)
    if organisation.kind not in FUNDERS:
        raise Http404
    return render(request, "grants/summary.html", {"organisation": organisation, "summary": summary_of(organisation)})


@require_GET
@login_required
def summary_file(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = organisation_of(request, slug)
    if organisation.kind not in FUNDERS:
        raise Http404
    body = summary_xlsx(summary_of(organisation))
    return download(body, file_format="xlsx", filename=f"{slug}-grants")
