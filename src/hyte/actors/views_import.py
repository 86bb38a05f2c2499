"""The register's import pages: start an import (a file, or a Linked Events query), choose a spreadsheet's
columns, preview what it would do row by row, confirm or discard it. For those who keep the organisation's
register: a municipality's coordinators, an NGO's editors (into its own entry)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hyte.accounts.models import Organisation, OrganisationKind
from hyte.accounts.permissions import Action, get_for, get_organisation_for, permissions_for
from hyte.actors import queries
from hyte.actors.forms import _municipalities
from hyte.actors.forms_import import ColumnsForm, LinkedEventsForm, UploadForm
from hyte.actors.imports.files import kind_of, read_rows
from hyte.actors.imports.plan import REJECT
from hyte.actors.imports.reading import plan_of
from hyte.actors.imports.rows import ImportRefused
from hyte.actors.imports.services import choose_columns, confirm_import, discard_import, start_import
from hyte.actors.imports.sheet import guess_mapping
from hyte.actors.imports.template import template_xlsx
from hyte.actors.linked_events import LinkedEventsClient, LinkedEventsError
from hyte.actors.models import ImportFormat, ImportStatus, RegisterImport
from hyte.core.http import AuthenticatedRequest, call_service, download, require_GET_or_POST


def _keeper(request: AuthenticatedRequest, slug: str) -> Organisation:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    if not queries.edits_register(permissions_for(request.user), organisation):
        raise Http404
    return organisation


def _run(request: AuthenticatedRequest, organisation: Organisation, import_id: int) -> RegisterImport:
    scoped = RegisterImport.objects.filter(organisation=organisation).select_related("organisation", "created_by")
    found: RegisterImport = get_for(request.user, Action.EDIT, scoped, pk=import_id)
    return found


def _events_form(request: AuthenticatedRequest, organisation: Organisation, data: Any = None) -> LinkedEventsForm:
    own_area = organisation.kind == OrganisationKind.MUNICIPALITY
    municipalities = _municipalities().filter(pk=organisation.area_id) if own_area else _municipalities()
    return LinkedEventsForm(
        data,
        initial={"municipality": organisation.area_id},
        municipalities=municipalities,
        providers=queries.editable_providers(permissions_for(request.user), organisation),
    )


def _start_page(request: AuthenticatedRequest, organisation: Organisation, **forms: Any) -> HttpResponse:
    context = {
        "organisation": organisation,
        "upload_form": forms.get("upload_form") or UploadForm(),
        "events_form": forms.get("events_form") or _events_form(request, organisation),
        "imports": RegisterImport.objects.filter(organisation=organisation).select_related("created_by")[:20],
    }
    return render(request, "actors/import_start.html", context)


@require_GET_or_POST
@login_required
def start(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = _keeper(request, slug)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            file_format = form.cleaned_data["file_format"] or (
                ImportFormat.HSDS if kind_of(data) == "json" else ImportFormat.SHEET
            )
        except ImportRefused as exc:
            form.add_error("file", str(exc))
        else:
            run = call_service(
                request,
                start_import,
                organisation=organisation,
                file_format=file_format,
                data=data,
                filename=upload.name,
                source=form.cleaned_data["source"],
                parameters={"publish": form.cleaned_data["publish"]},
            )
            if run is not None:
                return redirect(_next_page(run), slug=slug, import_id=run.pk)
    return _start_page(request, organisation, upload_form=form)


def _next_page(run: RegisterImport) -> str:
    return "register-import-columns" if run.status == ImportStatus.MAPPING else "register-import-run"


@require_POST
@login_required
def start_events(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = _keeper(request, slug)
    form = _events_form(request, organisation, request.POST)
    if form.is_valid():
        try:
            with LinkedEventsClient() as client:
                fetched = client.events(form.cleaned_data["query"])
        except LinkedEventsError as exc:
            form.add_error(None, str(exc))
        else:
            run = call_service(
                request,
                start_import,
                organisation=organisation,
                file_format=ImportFormat.LINKED_EVENTS,
                data=json.dumps({"data": fetched.items}).encode(),
                filename=fetched.url[:300],
                parameters={
                    "municipality": form.cleaned_data["municipality"].pk,
                    "provider": form.cleaned_data["provider"].pk,
                    "publish": form.cleaned_data["publish"],
                    "pages": fetched.pages,
                    "count": fetched.count,
                    "complete": fetched.complete,
                },
            )
            if run is not None:
                return redirect("register-import-run", slug=slug, import_id=run.pk)
    return _start_page(request, organisation, events_form=form)


@require_GET
@login_required
def template(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    _keeper(request, slug)
    return download(template_xlsx(), file_format="xlsx", filename=_("register-import-template"))


@require_GET_or_POST
@login_required
def columns(request: AuthenticatedRequest, slug: str, import_id: int) -> HttpResponse:
    organisation = _keeper(request, slug)
    run = _run(request, organisation, import_id)
    if run.file_format != ImportFormat.SHEET or not run.is_open or run.upload is None:
        return redirect("register-import-run", slug=slug, import_id=run.pk)
    rows = read_rows(bytes(run.upload))
    header_row = int(run.parameters.get("header_row") or 1)
    if request.method == "POST":
        try:
            header_row = max(1, min(len(rows), int(request.POST.get("header_row", header_row))))
        except ValueError:
            header_row = 1
    header = rows[header_row - 1] if rows else []
    chosen = run.parameters.get("columns") or guess_mapping(header)
    form = ColumnsForm(request.POST or None, header=header, initial={"header_row": header_row, **chosen})
    if request.method == "POST" and form.is_valid():
        try:
            choose_columns(actor=request.user, run=run, columns=form.columns(), header_row=header_row)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("register-import-run", slug=slug, import_id=run.pk)
    context = {
        "organisation": organisation,
        "run": run,
        "form": form,
        "header": header,
        "sample": rows[header_row : header_row + 5],
        "row_count": max(0, len(rows) - header_row),
    }
    return render(request, "actors/import_columns.html", context)


@require_GET_or_POST
@login_required
def run_page(request: AuthenticatedRequest, slug: str, import_id: int) -> HttpResponse:
    """An open import's preview (POST confirms it), or a finished one's outcome."""
    organisation = _keeper(request, slug)
    run = _run(request, organisation, import_id)
    if run.status == ImportStatus.MAPPING:
        return redirect("register-import-columns", slug=slug, import_id=run.pk)
    if request.method == "POST" and call_service(request, confirm_import, run=run) is not None:
        return redirect("register-import-run", slug=slug, import_id=run.pk)
    plan, refused = [], ""
    if run.status == ImportStatus.PREVIEW:
        try:
            plan = plan_of(run, request.user)
        except ImportRefused as exc:
            refused = str(exc)
    context = {
        "organisation": organisation,
        "run": run,
        "plan": plan,
        "refused": refused,
        "counts": Counter(row.action for row in plan),
        "rejected_action": REJECT,
    }
    return render(request, "actors/import_run.html", context)


@require_POST
@login_required
def discard(request: AuthenticatedRequest, slug: str, import_id: int) -> HttpResponse:
    organisation = _keeper(request, slug)
    run = _run(request, organisation, import_id)
    try:
        discard_import(actor=request.user, run=run)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The import was discarded; nothing of it was written."))
    return redirect("register-import", slug=slug)
