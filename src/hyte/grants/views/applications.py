"""An NGO's application: started from an open call, saved as a draft with every problem reported, sent, and its
attachments; the funder's coordinators read it once sent."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hyte.accounts.permissions import Action, permissions_for
from hyte.core import clock
from hyte.core.http import AuthenticatedRequest, back_to, call_service, private_file, require_GET_or_POST
from hyte.grants import queries, services
from hyte.grants.checks import problems
from hyte.grants.forms import ApplicationForm, AttachmentForm
from hyte.grants.models import Application, ApplicationStatus, Call, Score, UseReport
from hyte.grants.scoring import weighted
from hyte.grants.views.calls import organisation_of


def to_application(slug: str, application_id: int, anchor: str = "") -> HttpResponse:
    return back_to("grants-application", anchor, slug=slug, application_id=application_id)


@require_POST
@login_required
def apply(request: AuthenticatedRequest, slug: str, call_id: int) -> HttpResponse:
    """Start an application to a published call, as the NGO `slug`."""
    organisation = organisation_of(request, slug)
    call = Call.objects.select_related("funder").filter(pk=call_id).first()
    if call is None or not permissions_for(request.user).can(Action.VIEW, call):
        raise Http404
    started = call_service(request, services.start_application, call=call, applicant=organisation)
    if started is None:
        return redirect("grants", slug=slug)
    return redirect("grants-application", slug=slug, application_id=started.pk)


@require_GET_or_POST
@login_required
def application_page(request: AuthenticatedRequest, slug: str, application_id: int) -> HttpResponse:
    """The applicant edits its draft (saved whatever it lacks, every problem listed); the funder reads it."""
    organisation = organisation_of(request, slug)
    application = queries.application_for(request.user, organisation, application_id, Action.VIEW)
    perms = permissions_for(request.user)
    can_edit = (
        application.status == ApplicationStatus.DRAFT
        and application.applicant_id == organisation.pk
        and perms.can(Action.EDIT, application)
    )
    activities = queries.own_activities(application.register_entry) if can_edit else []
    form = (
        ApplicationForm(
            request.POST or None,
            initial=ApplicationForm.initial_from(application),
            application=application,
            activities=activities,
        )
        if can_edit
        else None
    )
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            found = call_service(request, services.save_application, application=application, draft=form.draft())
            if found is not None:
                for problem in found:
                    messages.warning(request, problem)
                return to_application(slug, application.pk)
    return render(
        request,
        "grants/application.html",
        {
            "organisation": organisation,
            "application": application,
            "call": application.call,
            "form": form,
            "attachment_form": AttachmentForm() if can_edit else None,
            "problems": problems(application) if can_edit else [],
            "due_reports": [r for r in queries.use_reports_of(organisation) if r.is_open] if can_edit else [],
            "today": clock.today(),
            "outcome": _outcome(application),
            "changes": list(application.changes.order_by("created_at")) if application.change_of_id is None else [],
            "can_change": (
                application.status == ApplicationStatus.DECIDED
                and application.change_of_id is None
                and bool(application.granted_amount)
                and application.applicant_id == organisation.pk
                and perms.can(Action.EDIT, application)
                and not application.changes.exclude(status=ApplicationStatus.DECIDED).exists()
            ),
            "can_decide_change": (
                application.change_of_id is not None
                and application.status == ApplicationStatus.SUBMITTED
                and application.call.funder_id == organisation.pk
                and perms.can(Action.EDIT, application.call)
            ),
            "answers": [
                (question.display_text, application.answers.get(str(question.pk), ""))
                for question in application.call.questions.all()
            ],
        },
    )


def _outcome(application: Application) -> dict[str, object] | None:
    """A decided application: its amount, reasoning, weighted score and every score (reviewers by number)."""
    if application.status != ApplicationStatus.DECIDED or application.change_of_id is not None:
        return None
    scores = list(Score.objects.filter(application=application).select_related("criterion").order_by("reviewer_id"))
    result = weighted(application.call, application, scores)
    numbers = {reviewer: n for n, reviewer in enumerate(dict.fromkeys(s.reviewer_id for s in scores), start=1)}
    return {
        "result": result,
        "use_report": UseReport.objects.filter(application=application).defer("ledger").first(),
        "criteria": [
            (
                criterion,
                result.averages.get(criterion.pk),
                [(numbers[s.reviewer_id], s.points) for s in scores if s.criterion_id == criterion.pk],
            )
            for criterion in application.call.criteria.all()
        ],
    }


@require_POST
@login_required
def application_submit(request: AuthenticatedRequest, slug: str, application_id: int) -> HttpResponse:
    application = queries.application_for(request.user, organisation_of(request, slug), application_id, Action.EDIT)
    call_service(request, services.submit_application, application=application)
    return to_application(slug, application_id)


@require_POST
@login_required
def attachment_add(request: AuthenticatedRequest, slug: str, application_id: int) -> HttpResponse:
    application = queries.application_for(request.user, organisation_of(request, slug), application_id, Action.EDIT)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
        return to_application(slug, application_id, "attachments")
    upload = form.cleaned_data["file"]
    call_service(
        request,
        services.add_attachment,
        application=application,
        title=form.cleaned_data["title"],
        data=upload.read(),
        filename=upload.name or "",
    )
    return to_application(slug, application_id, "attachments")


@require_GET
@login_required
def attachment(request: AuthenticatedRequest, slug: str, application_id: int, attachment_id: int) -> HttpResponse:
    application = queries.application_for(request.user, organisation_of(request, slug), application_id, Action.VIEW)
    found = queries.attachment_for(request.user, application, attachment_id)
    return private_file(bytes(found.data), content_type=found.content_type, filename=found.filename)


@require_POST
@login_required
def attachment_remove(
    request: AuthenticatedRequest, slug: str, application_id: int, attachment_id: int
) -> HttpResponse:
    application = queries.application_for(request.user, organisation_of(request, slug), application_id, Action.EDIT)
    found = queries.attachment_for(request.user, application, attachment_id)
    call_service(request, services.remove_attachment, attachment=found)
    return to_application(slug, application_id, "attachments")


@require_POST
@login_required
def change_start(request: AuthenticatedRequest, slug: str, application_id: int) -> HttpResponse:
    """The NGO applies for a change to its decided grant: a draft prefilled from it."""
    application = queries.application_for(request.user, organisation_of(request, slug), application_id, Action.EDIT)
    if application.applicant.slug != slug:
        raise Http404
    change = call_service(request, services.start_change, application=application)
    return to_application(slug, change.pk if change is not None else application_id)


@require_POST
@login_required
def change_decide(request: AuthenticatedRequest, slug: str, application_id: int) -> HttpResponse:
    """The funder's coordinators decide a sent change."""
    organisation = organisation_of(request, slug)
    change = queries.application_for(request.user, organisation, application_id, Action.VIEW)
    if change.call.funder_id != organisation.pk or not permissions_for(request.user).can(Action.EDIT, change.call):
        raise Http404
    try:
        date = dt.date.fromisoformat(request.POST.get("date", ""))
    except ValueError:
        messages.error(request, _("Give the date of the decision."))
        return to_application(slug, application_id)
    call_service(
        request,
        services.decide_change,
        change=change,
        body=request.POST.get("body", ""),
        date=date,
        section=request.POST.get("section", ""),
        amount=request.POST.get("amount", "").replace(",", ".").replace(" ", ""),
        reasoning=request.POST.get("reasoning", ""),
        reasoning_sv=request.POST.get("reasoning_sv", ""),
    )
    return to_application(slug, application_id)
