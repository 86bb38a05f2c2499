"""A report's PDF, made in the background: the page that requests one and lists the latest with their state, and
the download of a made one. Thin: the service queues the work, the task renders it (`hyte.reports.tasks`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hyte.accounts.permissions import Action, get_organisation_for
from hyte.core.http import AuthenticatedRequest, download, require_GET_or_POST
from hyte.reports import queries
from hyte.reports.forms import PdfRequestForm
from hyte.reports.services.pdf_exports import request_pdf

REFRESH_SECONDS = 5  # how often the page reloads itself while a PDF is being made


@require_GET_or_POST
@login_required
def report_pdfs(request: AuthenticatedRequest, slug: str, report_id: int) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.VIEW_DRAFTS)
    report = queries.report_for(request.user, organisation, report_id)
    current = translation.get_language() or "fi"
    form = PdfRequestForm(
        request.POST or None, initial={"language": current if current in ("fi", "sv", "en") else "fi"}
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                request_pdf(actor=request.user, report=report, language=form.cleaned_data["language"])
            except PermissionDenied as exc:
                raise Http404 from exc
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("The PDF was requested; it is listed below."))
            return redirect("report-pdfs", slug=slug, report_id=report.pk)
        messages.error(request, form.errors.as_text())
    exports = queries.recent_pdfs(report)
    return render(
        request,
        "reports/report_pdfs.html",
        {
            "organisation": organisation,
            "report": report,
            "form": form,
            "exports": exports,
            "pending": any(export.is_pending for export in exports),
            "refresh_seconds": REFRESH_SECONDS,
        },
    )


@require_GET
@login_required
def report_pdf_download(request: AuthenticatedRequest, slug: str, report_id: int, export_id: int) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.VIEW_DRAFTS)
    report = queries.report_for(request.user, organisation, report_id)
    export = queries.ready_pdf_for(request.user, report, export_id)
    response = download(bytes(export.data or b""), file_format="pdf", filename=export.filename)
    patch_cache_control(response, private=True)
    return response
