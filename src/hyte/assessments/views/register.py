"""The register of impact assessments (search, filters, counts, CSV) and the organisation's methods."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, get_organisation_for, permissions_for
from hyte.assessments import exports, queries, services
from hyte.assessments.forms import (
    AssessmentForm,
    RegisterFilterForm,
    TemplateForm,
)
from hyte.assessments.models import TemplateKind
from hyte.core import clock
from hyte.core.http import AuthenticatedRequest, require_GET_or_POST


def _filtered(request: HttpRequest, organisation: Organisation) -> tuple[RegisterFilterForm, Any]:
    form = RegisterFilterForm(
        request.GET or None,
        bodies=queries.bodies(organisation),
        goals=queries.plan_goals(organisation),
        years=queries.years(organisation),
    )
    found = queries.readable_assessments(request.user, organisation)
    if form.is_valid():
        data = form.cleaned_data
        found = queries.search(
            found,
            text=data["q"],
            body=data["body"],
            status=data["status"],
            group=data["group"],
            goal=data["goal"],
            year=data["year"],
        )
    return form, found.order_by("-created_at", "-id")


@require_GET_or_POST
@login_required
def assessment_list(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """The register: search and filters, counts per year, and a new assessment for those who prepare them."""
    organisation = get_organisation_for(request.user, slug, Action.VIEW_DRAFTS)
    can_create = permissions_for(request.user).can(Action.CONTRIBUTE, organisation)
    form = AssessmentForm(request.POST or None, earlier=queries.copyable(organisation))
    if request.method == "POST":
        if not can_create:
            raise Http404
        if form.is_valid():
            try:
                assessment = services.create_assessment(
                    actor=request.user, organisation=organisation, **form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect("assessment-detail", slug=slug, assessment_id=assessment.pk)
    filter_form, found = _filtered(request, organisation)
    page = Paginator(found, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "assessments/assessment_list.html",
        {
            "organisation": organisation,
            "page": page,
            "filter_form": filter_form,
            "form": form,
            "can_create": can_create,
            "can_edit_templates": permissions_for(request.user).can(Action.EDIT, organisation),
            "counts": queries.counts_per_year(organisation),
            "due": queries.due_for_follow_up(organisation, on=clock.today()),
        },
    )


@require_GET
@login_required
def register_export(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.VIEW_DRAFTS)
    _form, found = _filtered(request, organisation)
    response = HttpResponse(exports.register_csv(found), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="vaikutusten-arvioinnit-{organisation.slug}.csv"'
    return response


@require_GET
@login_required
def template_list(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    # The methods are the organisation's own way of working, for its members (not shared with the county).
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    return render(
        request,
        "assessments/template_list.html",
        {
            "organisation": organisation,
            "templates": queries.methods_of(organisation),
            "can_edit": permissions_for(request.user).can(Action.EDIT, organisation),
        },
    )


@require_GET_or_POST
@login_required
def template_edit(request: AuthenticatedRequest, slug: str, kind: str) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.EDIT)
    if kind not in TemplateKind.values:
        raise Http404
    template = queries.method_of(organisation, kind)
    form = TemplateForm(
        request.POST or None,
        initial={"name": template.name, "guidance": template.guidance, "questions": "\n".join(template.questions)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_template(
                actor=request.user,
                organisation=organisation,
                kind=kind,
                name=form.cleaned_data["name"],
                guidance=form.cleaned_data["guidance"],
                questions=form.question_list(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("assessment-template-list", slug=slug)
    return render(
        request,
        "assessments/template_edit.html",
        {"organisation": organisation, "template": template, "form": form},
    )
