from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hyte.accounts.permissions import get_organisation_for
from hyte.accounts.roles import Perm
from hyte.audit.queries import organisation_log


@require_GET
@login_required
def organisation_audit_log(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Perm.VIEW_AUDIT_LOG)
    action = request.GET.get("action", "")
    page = Paginator(organisation_log(organisation, action=action), 50).get_page(request.GET.get("page"))
    return render(request, "audit/log.html", {"organisation": organisation, "page": page, "action": action})
