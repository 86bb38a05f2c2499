"""Impact assessment pages. Thin: parse the input, call one service or query, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import get_organisation_for, permissions_for
from hyte.accounts.roles import Perm
from hyte.assessments import exports, queries, services
from hyte.assessments.forms import (
    AnswersForm,
    AssessmentForm,
    DecisionForm,
    DetailsForm,
    FollowUpForm,
    GoalEffectForm,
    HearingForm,
    ImpactForm,
    OptionForm,
    PeopleForm,
    RegisterFilterForm,
    ScreeningForm,
    TemplateForm,
)
from hyte.assessments.models import Assessment, AssessmentStatus, Impact, ImpactArea, TemplateKind
from hyte.core import clock
from hyte.core.http import back_to, call_service, download


def _assessment(request: HttpRequest, slug: str, assessment_id: int) -> tuple[Organisation, Assessment]:
    organisation = get_organisation_for(request.user, slug, Perm.VIEW_DRAFTS)
    return organisation, queries.assessment_for(request.user, organisation, assessment_id)


def _back(slug: str, assessment_id: int, anchor: str = "") -> HttpResponse:
    return back_to("assessment-detail", anchor, slug=slug, assessment_id=assessment_id)


def _form_errors(request: HttpRequest, form: Any) -> None:
    messages.error(request, _("Check the form: %(errors)s") % {"errors": form.errors.as_text()})


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


@login_required
def assessment_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The register: search and filters, counts per year, and a new assessment for those who prepare them."""
    organisation = get_organisation_for(request.user, slug, Perm.VIEW_DRAFTS)
    can_create = permissions_for(request.user).has(Perm.EDIT_ASSIGNED, organisation)
    form = AssessmentForm(request.POST or None)
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
            "can_edit_templates": permissions_for(request.user).has(Perm.EDIT_ALL, organisation),
            "counts": queries.counts_per_year(organisation),
            "due": queries.due_for_follow_up(organisation, on=clock.today()),
        },
    )


@require_GET
@login_required
def register_export(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Perm.VIEW_DRAFTS)
    _form, found = _filtered(request, organisation)
    response = HttpResponse(exports.register_csv(found), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="vaikutusten-arvioinnit-{organisation.slug}.csv"'
    return response


@require_GET
@login_required
def assessment_detail(request: HttpRequest, slug: str, assessment_id: int) -> HttpResponse:
    organisation, assessment = _assessment(request, slug, assessment_id)
    content = queries.summary(assessment)
    editable = assessment.is_editable and services.can_edit(request.user, assessment)
    may_progress = services.can_edit(request.user, assessment)
    options = content["options"]
    members = []
    if permissions_for(request.user).has(Perm.EDIT_ALL, organisation) and assessment.is_editable:
        members = [m.user for m in organisation.memberships.select_related("user").order_by("user__last_name")]
    return render(
        request,
        "assessments/assessment_detail.html",
        {
            "organisation": organisation,
            "assessment": assessment,
            **content,
            "editable": editable,
            "may_progress": may_progress,
            "areas": list(ImpactArea),
            "screening_form": ScreeningForm() if editable and assessment.status == AssessmentStatus.SCREENING else None,
            "screening_answers_form": AnswersForm(questions=assessment.screening_questions)
            if editable and assessment.status == AssessmentStatus.SCREENING
            else None,
            "answers_form": AnswersForm(questions=assessment.answers) if editable and assessment.answers else None,
            "option_form": OptionForm() if editable else None,
            "goal_form": GoalEffectForm(options=options, goals=queries.plan_goals(organisation)) if editable else None,
            "hearing_form": HearingForm() if editable else None,
            "people_form": PeopleForm(
                members=members,
                initial={"preparer": assessment.preparer_id, "participants": [u.pk for u in content["participants"]]},
            )
            if members
            else None,
            "decision_form": DecisionForm(options=options)
            if may_progress and assessment.status == AssessmentStatus.READY
            else None,
            "follow_up_form": FollowUpForm()
            if may_progress and assessment.status == AssessmentStatus.DECIDED
            else None,
        },
    )


@login_required
def assessment_edit(request: HttpRequest, slug: str, assessment_id: int) -> HttpResponse:
    organisation, assessment = _assessment(request, slug, assessment_id)
    if not (assessment.is_editable and services.can_edit(request.user, assessment)):
        raise Http404
    options = list(assessment.options.all())
    initial = {name: getattr(assessment, name) for name in services.DETAIL_FIELDS if name != "recommended_option"}
    initial["recommended_option"] = assessment.recommended_option_id
    form = DetailsForm(request.POST or None, options=options, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        chosen = data.pop("recommended_option")
        data["recommended_option"] = next((o for o in options if o.pk == chosen), None)
        try:
            services.update_assessment(actor=request.user, assessment=assessment, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return _back(slug, assessment.pk)
    return render(
        request,
        "assessments/assessment_edit.html",
        {"organisation": organisation, "assessment": assessment, "form": form},
    )


@require_POST
@login_required
def people(request: HttpRequest, slug: str, assessment_id: int) -> HttpResponse:
    organisation, assessment = _assessment(request, slug, assessment_id)
    if not permissions_for(request.user).has(Perm.EDIT_ALL, organisation):
        raise Http404
    members = get_user_model().objects.filter(memberships__organisation=organisation)
    form = PeopleForm(request.POST, members=members)
    if form.is_valid():
        users = {u.pk: u for u in members}
        call_service(
            request,
            services.set_people,
            assessment=assessment,
            preparer=users.get(form.cleaned_data["preparer"]),
            participants=[users[pk] for pk in form.cleaned_data["participants"]],
        )
    else:
        _form_errors(request, form)
    return _back(slug, assessment.pk, "people")


@require_POST
@login_required
def answers(request: HttpRequest, slug: str, assessment_id: int) -> HttpResponse:
    _organisation, assessment = _assessment(request, slug, assessment_id)
    screening = request.POST.get("screening") == "1"
    form = AnswersForm(request.POST, questions=assessment.screening_questions if screening else assessment.answers)
    if form.is_valid():
        call_service(request, services.save_answers, assessment=assessment, answers=form.answers(), screening=screening)
    else:
        _form_errors(request, form)
    return _back(slug, assessment.pk, "screening" if screening else "questions")


@require_POST
@login_required
def screening(request: HttpRequest, slug: str, assessment_id: int) -> HttpResponse:
    _organisation, assessment = _assessment(request, slug, assessment_id)
    form = ScreeningForm(request.POST)
    if form.is_valid():
        call_service(
            request,
            services.record_screening,
            assessment=assessment,
            full_assessment_needed=form.cleaned_data["full_assessment_needed"],
            reason=form.cleaned_data["reason"],
            method=form.cleaned_data["method"] or TemplateKind.FULL,
        )
    else:
        _form_errors(request, form)
    return _back(slug, assessment.pk)


@require_POST
@login_required
def option_add(request: HttpRequest, slug: str, assessment_id: int) -> HttpResponse:
    _organisation, assessment = _assessment(request, slug, assessment_id)
    form = OptionForm(request.POST)
    if form.is_valid():
        call_service(request, services.add_option, assessment=assessment, **form.cleaned_data)
    else:
        _form_errors(request, form)
    return _back(slug, assessment.pk, "options")


@require_POST
@login_required
def option_remove(request: HttpRequest, slug: str, assessment_id: int, option_id: int) -> HttpResponse:
    _organisation, assessment = _assessment(request, slug, assessment_id)
    call_service(request, services.remove_option, option=queries.option_for(assessment, option_id))
    return _back(slug, assessment.pk, "options")


@login_required
def impact_edit(request: HttpRequest, slug: str, assessment_id: int, option_id: int, area: str) -> HttpResponse:
    """One cell of the matrix: its direction, size, certainty, time span and evidence."""
    organisation, assessment = _assessment(request, slug, assessment_id)
    option = queries.option_for(assessment, option_id)
    if area not in ImpactArea.values:
        raise Http404
    if not (assessment.is_editable and services.can_edit(request.user, assessment)):
        raise Http404
    impact = Impact.objects.filter(option=option, area=area).prefetch_related("indicators").first()
    initial = {}
    if impact is not None:
        initial = {
            "direction": impact.direction,
            "size": impact.size,
            "certainty": impact.certainty,
            "time_span": impact.time_span,
            "description": impact.description,
            "sources": impact.sources,
            "indicator_codes": ", ".join(i.source_id for i in impact.indicators.all()),
        }
    form = ImpactForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if request.POST.get("clear") == "1":
            call_service(request, services.clear_impact, option=option, area=area)
            return _back(slug, assessment.pk, "matrix")
        if form.is_valid():
            data = dict(form.cleaned_data)
            data.pop("indicator_codes")
            try:
                services.set_impact(actor=request.user, option=option, area=area, indicator_codes=form.codes(), **data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Saved."))
                return _back(slug, assessment.pk, "matrix")
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
        },
    )


@require_POST
@login_required
def goal_effect(request: HttpRequest, slug: str, assessment_id: int) -> HttpResponse:
    organisation, assessment = _assessment(request, slug, assessment_id)
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
        _form_errors(request, form)
    return _back(slug, assessment.pk, "plan-fit")


@require_POST
@login_required
def hearing_add(request: HttpRequest, slug: str, assessment_id: int) -> HttpResponse:
    _organisation, assessment = _assessment(request, slug, assessment_id)
    form = HearingForm(request.POST)
    if form.is_valid():
        call_service(request, services.add_hearing, assessment=assessment, **form.cleaned_data)
    else:
        _form_errors(request, form)
    return _back(slug, assessment.pk, "hearings")


@require_POST
@login_required
def ready(request: HttpRequest, slug: str, assessment_id: int) -> HttpResponse:
    _organisation, assessment = _assessment(request, slug, assessment_id)
    call_service(request, services.mark_ready, assessment=assessment)
    return _back(slug, assessment.pk)


@require_POST
@login_required
def reopen(request: HttpRequest, slug: str, assessment_id: int) -> HttpResponse:
    _organisation, assessment = _assessment(request, slug, assessment_id)
    call_service(request, services.reopen, assessment=assessment)
    return _back(slug, assessment.pk)


@require_POST
@login_required
def decision(request: HttpRequest, slug: str, assessment_id: int) -> HttpResponse:
    _organisation, assessment = _assessment(request, slug, assessment_id)
    options = list(assessment.options.all())
    form = DecisionForm(request.POST, options=options)
    if form.is_valid():
        data = dict(form.cleaned_data)
        chosen = data.pop("decided_option")
        call_service(
            request,
            services.record_decision,
            assessment=assessment,
            decided_option=next((o for o in options if o.pk == chosen), None),
            **data,
        )
    else:
        if not services.can_edit(request.user, assessment):
            raise Http404
        _form_errors(request, form)
    return _back(slug, assessment.pk, "decision")


@require_POST
@login_required
def follow_up(request: HttpRequest, slug: str, assessment_id: int) -> HttpResponse:
    _organisation, assessment = _assessment(request, slug, assessment_id)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        call_service(request, services.record_follow_up, assessment=assessment, notes=form.cleaned_data["notes"])
    else:
        if not services.can_edit(request.user, assessment):
            raise Http404
        _form_errors(request, form)
    return _back(slug, assessment.pk, "decision")


@require_GET
@login_required
def summary(request: HttpRequest, slug: str, assessment_id: int) -> HttpResponse:
    """The summary for the decision proposal: the options compared, as on the PDF and the DOCX."""
    organisation, assessment = _assessment(request, slug, assessment_id)
    return render(
        request,
        "assessments/summary.html",
        {"organisation": organisation, "assessment": assessment, **queries.summary(assessment)},
    )


@require_GET
@login_required
def summary_export(request: HttpRequest, slug: str, assessment_id: int, file_format: str) -> HttpResponse:
    _organisation, assessment = _assessment(request, slug, assessment_id)
    if file_format == "pdf":
        body = exports.summary_pdf(assessment)
    elif file_format == "docx":
        body = exports.summary_docx(assessment)
    else:
        raise Http404
    return download(body, file_format=file_format, filename=f"vaikutusten-arviointi-{assessment.pk}")


@require_GET
@login_required
def template_list(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Perm.VIEW_DRAFTS)
    if not permissions_for(request.user).is_member(organisation):
        raise Http404  # the methods are the organisation's own way of working, not shared drafts
    templates = services.ensure_templates(organisation=organisation)
    return render(
        request,
        "assessments/template_list.html",
        {
            "organisation": organisation,
            "templates": [templates[kind] for kind in TemplateKind.values],
            "can_edit": permissions_for(request.user).has(Perm.EDIT_ALL, organisation),
        },
    )


@login_required
def template_edit(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Perm.EDIT_ALL)
    if kind not in TemplateKind.values:
        raise Http404
    template = services.ensure_templates(organisation=organisation)[kind]
    form = TemplateForm(
        request.POST or None,
        initial={"name": template.name, "guidance": template.guidance, "questions": "\n".join(template.questions)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_template(
                actor=request.user,
                template=template,
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
