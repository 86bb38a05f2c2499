"""National administrators' writes: a model file as a new version, a copy of a version, TEAviisari results and
official results (the resolver decides; others get 404)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from hyte.core.http import AuthenticatedRequest, call_service
from hyte.funding import services
from hyte.funding.forms import ModelUploadForm, UploadForm
from hyte.funding.services import ImportOutcome
from hyte.funding.views.results import model_of

SHOWN_REJECTIONS = 50


def _report(request: AuthenticatedRequest, outcome: ImportOutcome) -> None:
    messages.info(
        request,
        _("%(created)s new, %(updated)s updated, %(rejected)s rejected.")
        % {"created": outcome.created, "updated": outcome.updated, "rejected": len(outcome.rejected)},
    )
    for line, reason in outcome.rejected[:SHOWN_REJECTIONS]:
        messages.warning(request, _("Row %(line)s: %(reason)s") % {"line": line, "reason": reason})
    if len(outcome.rejected) > SHOWN_REJECTIONS:
        more = len(outcome.rejected) - SHOWN_REJECTIONS
        messages.warning(
            request, ngettext("%(count)s more row rejected.", "%(count)s more rows rejected.", more) % {"count": more}
        )


def _upload(request: AuthenticatedRequest, form_class: type[UploadForm]) -> bytes | None:
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return None
    data: bytes = form.cleaned_data["file"]
    return data


@require_POST
@login_required
def model_import(request: AuthenticatedRequest) -> HttpResponse:
    data = _upload(request, ModelUploadForm)
    if data is not None:
        model = call_service(request, services.import_model, data=data)
        if model is not None:
            return redirect("funding-results", model_id=model.pk)
    return redirect("funding")


@require_POST
@login_required
def model_new_version(request: AuthenticatedRequest, model_id: int) -> HttpResponse:
    copy = call_service(request, services.new_version, model=model_of(model_id))
    return redirect("funding-results", model_id=copy.pk if copy else model_id)


@require_POST
@login_required
def teaviisari_import(request: AuthenticatedRequest) -> HttpResponse:
    data = _upload(request, UploadForm)
    if data is not None:
        name = getattr(request.FILES.get("file"), "name", "") or ""
        outcome = call_service(request, services.import_teaviisari, data=data, filename=name)
        if outcome is not None:
            _report(request, outcome)
    return redirect("funding")


@require_POST
@login_required
def official_import(request: AuthenticatedRequest, model_id: int) -> HttpResponse:
    model = model_of(model_id)
    data = _upload(request, UploadForm)
    if data is not None:
        name = getattr(request.FILES.get("file"), "name", "") or ""
        outcome = call_service(request, services.import_official_results, model=model, data=data, filename=name)
        if outcome is not None:
            _report(request, outcome)
    return redirect("funding-results", model_id=model_id)
