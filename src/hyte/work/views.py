from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hyte.accounts import queries as accounts
from hyte.accounts.permissions import Action, get_organisation_for, permissions_for
from hyte.core import clock
from hyte.core.http import AuthenticatedRequest
from hyte.work.queries import my_work


@require_GET
@login_required
def organisation_home(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """The organisation's home page is "my work": what waits for the signed-in person, then the way to the rest."""
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    perms = permissions_for(request.user)
    return render(
        request,
        "work/my_work.html",
        {
            "organisation": organisation,
            "work": my_work(request.user, organisation, today=clock.today()),
            "role": perms.role_in(organisation),
            "allowed": perms.allowed(organisation),
            "member_count": accounts.members(organisation).count(),
            "county_municipalities": accounts.county_municipalities(organisation),
            "shared_with": accounts.shared_with(organisation),
        },
    )
