"""One assessment: its page, details, people, the method's answers, the screening and the summary."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hyte.accounts.permissions import Action, permissions_for
from hyte.assessments import exports, queries, services
from hyte.assessments.forms import (
    AnswersForm,
    DecisionForm,
    DetailsForm,
    FollowUpForm,
    GoalEffectForm,
    HearingForm,
    OptionForm,
    PeopleForm,
    ScreeningForm,
)
from hyte.assessments.models import AssessmentStatus, ImpactArea, TemplateKind
from hyte.assessments.views._common import assessment_for_page, back_to_assessment, form_errors
from hyte.core.http import AuthenticatedRequest, call_service, download, require_GET_or_POST


@require_GET
@login_required
def assessment_detail(request: AuthenticatedRequest, slug: str, assessment_id: int) -> HttpResponse:
    organisation, assessment = assessment_for_page(request, slug, assessment_id)
    content = queries.summary(assessment)
    perms = permissions_for(request.user)
    may_progress = perms.can(Action.EDIT, assessment)
    editable = assessment.is_editable and may_progress
    options = content["options"]
    members = []
    if assessment.is_editable and perms.can(Action.MANAGE_PEOPLE, assessment):
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


@require_GET_or_POST
@login_required
def assessment_edit(request: AuthenticatedRequest, slug: str, assessment_id: int) -> HttpResponse:
    organisation, assessment = assessment_for_page(request, slug, assessment_id)
    if not (assessment.is_editable and permissions_for(request.user).can(Action.EDIT, assessment)):
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
            return back_to_assessment(slug, assessment.pk)
    return render(
        request,
        "assessments/assessment_edit.html",
        {"organisation": organisation, "assessment": assessment, "form": form},
    )


@require_POST
@login_required
def people(request: AuthenticatedRequest, slug: str, assessment_id: int) -> HttpResponse:
    organisation, assessment = assessment_for_page(request, slug, assessment_id)
    if not permissions_for(request.user).can(Action.MANAGE_PEOPLE, assessment):
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
        form_errors(request, form)
    return back_to_assessment(slug, assessment.pk, "people")


@require_POST
@login_required
def answers(request: AuthenticatedRequest, slug: str, assessment_id: int) -> HttpResponse:
    _organisation, assessment = assessment_for_page(request, slug, assessment_id)
    screening = request.POST.get("screening") == "1"
    form = AnswersForm(request.POST, questions=assessment.screening_questions if screening else assessment.answers)
    if form.is_valid():
        call_service(
            request,
            services.save_answers,
            assessment=assessment,
            answers=form.answers(),
            not_applicable=form.not_applicable(),
            screening=screening,
        )
    else:
        form_errors(request, form)
    return back_to_assessment(slug, assessment.pk, "screening" if screening else "questions")


@require_POST
@login_required
def screening(request: AuthenticatedRequest, slug: str, assessment_id: int) -> HttpResponse:
    _organisation, assessment = assessment_for_page(request, slug, assessment_id)
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
        form_errors(request, form)
    return back_to_assessment(slug, assessment.pk)


@require_GET
@login_required
def summary(request: AuthenticatedRequest, slug: str, assessment_id: int) -> HttpResponse:
    """The summary for the decision proposal: the options compared, as on the PDF and the DOCX."""
    organisation, assessment = assessment_for_page(request, slug, assessment_id)
    return render(
        request,
        "assessments/summary.html",
        {"organisation": organisation, "assessment": assessment, **queries.summary(assessment)},
    )


@require_GET
@login_required
def summary_export(request: AuthenticatedRequest, slug: str, assessment_id: int, file_format: str) -> HttpResponse:
    _organisation, assessment = assessment_for_page(request, slug, assessment_id)
    if file_format == "pdf":
        body = exports.summary_pdf(assessment)
    elif file_format == "docx":
        body = exports.summary_docx(assessment)
    else:
        raise Http404
    return download(body, file_format=file_format, filename=f"vaikutusten-arviointi-{assessment.pk}")
