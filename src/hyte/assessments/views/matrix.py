"""The impact matrix: options, cells, the fit with the plan's goals and the hearings."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hyte.accounts.permissions import Action, permissions_for
from hyte.assessments import queries, services
from hyte.assessments.forms import (
    GoalEffectForm,
    GridForm,
    HearingForm,
    ImpactForm,
    OptionForm,
)
from hyte.assessments.models import Impact, ImpactArea
from hyte.assessments.views._common import assessment_for_page, back_to_assessment, form_errors
from hyte.core.http import AuthenticatedRequest, call_service, require_GET_or_POST
from hyte.funding.queries import scenarios_for
from hyte.funding.queries.evidence import scenario_text
from hyte.indicators.picker import pick, searched
from hyte.indicators.queries import visible_indicators


@require_POST
@login_required
def option_add(request: AuthenticatedRequest, slug: str, assessment_id: int) -> HttpResponse:
    _organisation, assessment = assessment_for_page(request, slug, assessment_id)
    form = OptionForm(request.POST)
    if form.is_valid():
        call_service(request, services.add_option, assessment=assessment, **form.cleaned_data)
    else:
        form_errors(request, form)
    return back_to_assessment(slug, assessment.pk, "options")


@require_POST
@login_required
def option_remove(request: AuthenticatedRequest, slug: str, assessment_id: int, option_id: int) -> HttpResponse:
    _organisation, assessment = assessment_for_page(request, slug, assessment_id)
    call_service(request, services.remove_option, option=queries.option_for(assessment, option_id))
    return back_to_assessment(slug, assessment.pk, "options")


@require_GET_or_POST
@login_required
def impact_edit(
    request: AuthenticatedRequest, slug: str, assessment_id: int, option_id: int, area: str
) -> HttpResponse:
    """One cell of the matrix: its direction, size, certainty, time span and evidence."""
    organisation, assessment = assessment_for_page(request, slug, assessment_id)
    option = queries.option_for(assessment, option_id)
    if area not in ImpactArea.values:
        raise Http404
    if not (assessment.is_editable and permissions_for(request.user).can(Action.EDIT, assessment)):
        raise Http404
    impact = Impact.objects.filter(option=option, area=area).prefetch_related("indicators").first()
    linked = list(impact.indicators.all()) if impact is not None else []
    initial: dict[str, Any] = {}
    if impact is not None:
        initial = {
            "direction": impact.direction,
            "size": impact.size,
            "certainty": impact.certainty,
            "time_span": impact.time_span,
            "description": impact.description,
            "sources": impact.sources,
            "indicators": [i.pk for i in linked],
        }
    scenarios = scenarios_for(request.user)  # the coefficient's what-ifs, to copy into the evidence
    chosen = next((s for s in scenarios if str(s.pk) == request.GET.get("scenario")), None)
    if chosen is not None:  # copied into the form; saved only when the writer saves the cell
        initial["description"] = "\n\n".join(t for t in (initial.get("description", ""), scenario_text(chosen)) if t)
    picker, picks = searched(request.user, organisation, request.GET)
    own = pick(request.user, area_id=organisation.area_id, q="", default_ids=[i.pk for i in linked]) if linked else []
    chosen_now = [int(v) for v in request.POST.getlist("indicators") if v.isdigit()]
    posted = pick(request.user, area_id=organisation.area_id, q="", default_ids=chosen_now) if chosen_now else []
    form = ImpactForm(request.POST or None, initial=initial, picks=[*own, *posted, *picks])
    if request.method == "POST":
        if request.POST.get("clear") == "1":
            call_service(request, services.clear_impact, option=option, area=area)
            return back_to_assessment(slug, assessment.pk, "matrix")
        if form.is_valid():
            data = dict(form.cleaned_data)
            ids = data.pop("indicators")
            codes = list(visible_indicators(request.user).filter(pk__in=ids).values_list("source_id", flat=True))
            try:
                services.set_impact(actor=request.user, option=option, area=area, indicator_codes=codes, **data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Saved."))
                return back_to_assessment(slug, assessment.pk, "matrix")
    return render(
        request,
        "assessments/impact_edit.html",
        {
            "organisation": organisation,
            "assessment": assessment,
            "option": option,
            "area": ImpactArea(area),
            "impact": impact,
            "form": form,
            "picker": picker,
            "scenarios": scenarios,
        },
    )


@require_GET_or_POST
@login_required
def grid(request: AuthenticatedRequest, slug: str, assessment_id: int) -> HttpResponse:
    """The whole matrix on one page: impact areas × options, direction, size and certainty per cell, with the
    linked indicators' latest values as evidence. Saved all or nothing; a refused cell is named."""
    organisation, assessment = assessment_for_page(request, slug, assessment_id)
    if not (assessment.is_editable and permissions_for(request.user).can(Action.EDIT, assessment)):
        raise Http404
    options = queries.options_with_impacts(assessment)
    impacts = {(impact.option_id, impact.area): impact for option in options for impact in option.impacts.all()}
    form = GridForm(request.POST or None, options=options, impacts=impacts)
    if request.method == "POST" and form.is_valid():
        cells = [services.GridCell(**cell) for cell in form.cells()]
        try:
            changed = services.set_grid(actor=request.user, assessment=assessment, cells=cells)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved: %(count)s cells changed.") % {"count": changed})
            return back_to_assessment(slug, assessment.pk, "matrix")
    latest = queries.evidence(assessment, options)
    rows = [
        {
            "area": area,
            "cells": [
                {
                    "option": option,
                    "impact": impacts.get((option.pk, area.value)),
                    "evidence": queries.cell_evidence(impacts.get((option.pk, area.value)), latest),
                    "direction": form.cell("d", option, area.value),
                    "size": form.cell("s", option, area.value),
                    "certainty": form.cell("c", option, area.value),
                }
                for option in options
            ],
        }
        for area in ImpactArea
    ]
    return render(
        request,
        "assessments/grid.html",
        {
            "organisation": organisation,
            "assessment": assessment,
            "options": options,
            "rows": rows,
            "form": form,
        },
    )


@require_POST
@login_required
def goal_effect(request: AuthenticatedRequest, slug: str, assessment_id: int) -> HttpResponse:
    organisation, assessment = assessment_for_page(request, slug, assessment_id)
    options = list(assessment.options.all())
    goals = list(queries.plan_goals(organisation))
    form = GoalEffectForm(request.POST, options=options, goals=goals)
    if form.is_valid():
        data = form.cleaned_data
        call_service(
            request,
            services.set_goal_effect,
            option=next(o for o in options if o.pk == data["option"]),
            goal=next(g for g in goals if g.pk == data["goal"]),
            effect=data["effect"],
            note=data["note"],
        )
    else:
        form_errors(request, form)
    return back_to_assessment(slug, assessment.pk, "plan-fit")


@require_POST
@login_required
def hearing_add(request: AuthenticatedRequest, slug: str, assessment_id: int) -> HttpResponse:
    _organisation, assessment = assessment_for_page(request, slug, assessment_id)
    form = HearingForm(request.POST)
    if form.is_valid():
        call_service(request, services.add_hearing, assessment=assessment, **form.cleaned_data)
    else:
        form_errors(request, form)
    return back_to_assessment(slug, assessment.pk, "hearings")
