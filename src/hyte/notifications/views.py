from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hyte.core.http import AuthenticatedRequest, require_GET_or_POST
from hyte.notifications import queries, services
from hyte.notifications.forms import PreferenceForm
from hyte.notifications.models import Kind


@require_GET_or_POST
@login_required
def notifications(request: AuthenticatedRequest) -> HttpResponse:
    preference = queries.preference_of(request.user)
    initial = {
        "language": preference.language,
        "email": preference.email,
        "daily_digest": preference.daily_digest,
        "wanted": [k for k in Kind.values if k not in (preference.muted or [])],
    }
    form = PreferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.set_preference(
            actor=request.user,
            language=form.cleaned_data["language"],
            email=form.cleaned_data["email"],
            daily_digest=form.cleaned_data["daily_digest"],
            muted=[k for k in Kind.values if k not in form.cleaned_data["wanted"]],
        )
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications")
    return render(
        request,
        "notifications/list.html",
        {"notifications": queries.of(request.user), "form": form, "unread": queries.unread_count(request.user)},
    )


@require_POST
@login_required
def mark_all_read(request: AuthenticatedRequest) -> HttpResponse:
    services.mark_read(actor=request.user)
    return redirect("notifications")
