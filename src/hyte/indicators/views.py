from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, get_organisation_for, permissions_for
from hyte.core.http import AuthenticatedRequest, require_GET_or_POST
from hyte.indicators import queries, services
from hyte.indicators.forms import (
    AREA_READING_LABELS,
    IndicatorSearchForm,
    IndicatorSetForm,
    MappingForm,
    PolarityForm,
    UploadForm,
)
from hyte.indicators.models import ImportBatch, Indicator, IndicatorSet, IndicatorSource
from hyte.indicators.parsing import FileRefused, guess_header_row, guess_mapping, read_table
from hyte.indicators.picker import searched


def _indicator_for(request: HttpRequest, indicator_id: int) -> Indicator:
    return get_object_or_404(queries.visible_indicators(request.user), pk=indicator_id)


@require_GET
@login_required
def indicator_list(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    form = IndicatorSearchForm(request.GET or None)
    found = queries.visible_indicators(request.user)
    if form.is_valid():
        data = form.cleaned_data
        found = queries.search_indicators(found, text=data["q"], source=data["source"], age_group=data["age_group"])
        if data["with_data"]:
            found = queries.indicators_with_data(found)
    page = Paginator(found.order_by("title_fi"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "indicators/indicator_list.html",
        {"organisation": organisation, "form": form, "page": page, "query": request.GET.urlencode()},
    )


@require_GET_or_POST
@login_required
def indicator_detail(request: AuthenticatedRequest, slug: str, indicator_id: int) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    indicator = _indicator_for(request, indicator_id)
    can_edit = permissions_for(request.user).can(Action.EDIT, indicator)
    form = PolarityForm(request.POST or None, initial={"polarity": indicator.polarity})
    if request.method == "POST":
        if not can_edit:
            raise Http404
        if form.is_valid():
            services.set_polarity(actor=request.user, indicator=indicator, polarity=form.cleaned_data["polarity"])
            messages.success(request, _("Polarity saved."))
            return redirect("indicator-detail", slug=slug, indicator_id=indicator.pk)
    areas = queries.comparison_areas(organisation.area)
    return render(
        request,
        "indicators/indicator_detail.html",
        {
            "organisation": organisation,
            "indicator": indicator,
            "can_edit": can_edit,
            "form": form,
            "series": queries.series_table(indicator, areas),
            "sets": queries.sets_for(organisation)
            if permissions_for(request.user).can(Action.EDIT, organisation)
            else [],
        },
    )


@require_GET_or_POST
@login_required
def set_list(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    can_edit = permissions_for(request.user).can(Action.EDIT, organisation)
    form = IndicatorSetForm(request.POST or None)
    if request.method == "POST":
        if not can_edit:
            raise Http404
        if form.is_valid():
            indicator_set = services.create_indicator_set(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
            return redirect("indicator-set-detail", slug=slug, set_id=indicator_set.pk)
    return render(
        request,
        "indicators/set_list.html",
        {
            "organisation": organisation,
            "sets": queries.sets_for(organisation),
            "form": form,
            "can_edit": can_edit,
        },
    )


def _set_for(organisation: Organisation, set_id: int) -> IndicatorSet:
    return get_object_or_404(queries.sets_for(organisation), pk=set_id)


@require_GET
@login_required
def set_detail(request: AuthenticatedRequest, slug: str, set_id: int) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    indicator_set = _set_for(organisation, set_id)
    # Only the organisation's own sets are edited on its pages (national sets on the site's).
    can_edit = indicator_set.organisation_id == organisation.pk and permissions_for(request.user).can(
        Action.EDIT, indicator_set
    )
    picker, picks = searched(request.user, organisation, request.GET, prefix=None, defaults=False, wanted=can_edit)
    return render(
        request,
        "indicators/set_detail.html",
        {
            "organisation": organisation,
            "set": indicator_set,
            "items": queries.set_items(indicator_set),
            "can_edit": can_edit,
            "picker": picker,
            "picks": picks,
        },
    )


@require_POST
@login_required
def set_change(request: AuthenticatedRequest, slug: str, set_id: int) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    indicator_set = _set_for(organisation, set_id)
    if indicator_set.organisation_id != organisation.pk or not permissions_for(request.user).can(
        Action.EDIT, indicator_set
    ):
        raise Http404
    picked = request.POST.get("add", "")  # the indicator picker posts the chosen indicator as `add`
    try:
        indicator = _indicator_for(request, int(picked or request.POST.get("indicator", "0")))
    except ValueError as exc:
        raise Http404 from exc
    action = "add" if picked else request.POST.get("action")
    try:
        if action == "add":
            services.add_to_set(actor=request.user, indicator_set=indicator_set, indicator=indicator)
            messages.success(request, _("Added to the set."))
        elif action == "remove":
            services.remove_from_set(actor=request.user, indicator_set=indicator_set, indicator=indicator)
        elif action in ("up", "down"):
            services.move_in_set(
                actor=request.user,
                indicator_set=indicator_set,
                indicator=indicator,
                offset=-1 if action == "up" else 1,
            )
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    if request.POST.get("back") == "indicator":
        return redirect("indicator-detail", slug=slug, indicator_id=indicator.pk)
    return redirect("indicator-set-detail", slug=slug, set_id=indicator_set.pk)


@require_GET_or_POST
@login_required
def import_list(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.IMPORT)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = services.upload_import(
                actor=request.user, organisation=organisation, filename=upload.name, data=upload.read()
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            if batch.parameters.get("format") in ("table", "xlsx"):
                return redirect("import-map", slug=slug, batch_id=batch.pk)
            return redirect("import-detail", slug=slug, batch_id=batch.pk)
    page = Paginator(queries.batches_for(organisation), 25).get_page(request.GET.get("page"))
    return render(request, "indicators/import_list.html", {"organisation": organisation, "form": form, "page": page})


def _batch_for(organisation: Organisation, batch_id: int) -> ImportBatch:
    return get_object_or_404(ImportBatch.objects.select_related("created_by"), pk=batch_id, organisation=organisation)


@require_GET_or_POST
@login_required
def import_map(request: AuthenticatedRequest, slug: str, batch_id: int) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.IMPORT)
    batch = _batch_for(organisation, batch_id)
    if batch.parameters.get("mapping") or batch.upload is None:
        return redirect("import-detail", slug=slug, batch_id=batch.pk)
    try:
        rows = read_table(bytes(batch.upload))
    except FileRefused as exc:
        services.fail_import(actor=request.user, batch=batch, message=str(exc))
        return redirect("import-detail", slug=slug, batch_id=batch.pk)
    header_row = guess_header_row(rows)
    if request.method == "POST":
        try:
            header_row = max(1, min(len(rows), int(request.POST.get("header_row", header_row))))
        except ValueError:
            header_row = 1
    header = rows[header_row - 1] if rows else []
    guesses = guess_mapping(header)
    form = MappingForm(request.POST or None, header=header, initial={"header_row": header_row, **guesses})
    if request.method == "POST" and form.is_valid():
        try:
            services.confirm_mapping(
                actor=request.user,
                batch=batch,
                mapping=form.mapping(),
                create_missing=form.cleaned_data["create_missing"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("import-detail", slug=slug, batch_id=batch.pk)
    return render(
        request,
        "indicators/import_map.html",
        {
            "organisation": organisation,
            "batch": batch,
            "form": form,
            "header": header,
            "preview": rows[header_row : header_row + 10],
            "header_row": header_row,
            "row_count": len(rows),
        },
    )


@require_GET
@login_required
def import_detail(request: AuthenticatedRequest, slug: str, batch_id: int) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.IMPORT)
    batch = _batch_for(organisation, batch_id)
    rejected = Paginator(batch.rejected_rows.all(), 100).get_page(request.GET.get("page"))
    added = batch.parameters.get("indicators_added") or []
    return render(
        request,
        "indicators/import_detail.html",
        {
            "organisation": organisation,
            "batch": batch,
            "area_reading": AREA_READING_LABELS.get(batch.parameters.get("area_reading", "")),
            "indicators_added": Indicator.objects.filter(
                source=IndicatorSource.SOTKANET, organisation__isnull=True, source_id__in=added
            ),
            "rejected": rejected,
            "changes": batch.changes.select_related("indicator", "area")[:100],
        },
    )
