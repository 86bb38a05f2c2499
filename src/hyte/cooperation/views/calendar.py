"""The council-term calendar of an organisation: its steps by year with their status, the coordinator's forms
(generate the term's steps, edit a step), the done mark of a step's responsible person, and the steps as an
iCalendar feed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hyte.accounts.models import Organisation, OrganisationKind
from hyte.accounts.permissions import Action, permissions_for
from hyte.cooperation import calendar_queries, ics, services
from hyte.cooperation.calendar_forms import CalendarStepForm, GenerateForm, StepDoneForm
from hyte.cooperation.calendar_models import CalendarStep
from hyte.cooperation.views._common import organisation_of
from hyte.core import clock
from hyte.core.council_term import council_term
from hyte.core.http import AuthenticatedRequest, call_service, require_GET_or_POST


def _calendar_organisation(request: AuthenticatedRequest, slug: str) -> Organisation:
    organisation = organisation_of(request, slug)
    if organisation.kind not in (OrganisationKind.MUNICIPALITY, OrganisationKind.COUNTY):
        raise Http404
    if not permissions_for(request.user).can(Action.VIEW, CalendarStep(organisation=organisation)):
        raise Http404
    return organisation


@require_GET_or_POST
@login_required
def calendar_page(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = _calendar_organisation(request, slug)
    perms = permissions_for(request.user)
    can_edit = perms.can(Action.EDIT, CalendarStep(organisation=organisation))
    term_start = council_term(clock.today().year)[0]
    if request.method == "POST":
        if not can_edit:
            raise Http404
        form = GenerateForm(request.POST)
        if form.is_valid():
            created = call_service(
                request,
                services.generate_calendar,
                organisation=organisation,
                term_start=form.cleaned_data["term_start"],
            )
            if created is not None:
                messages.success(request, _("Steps added to the calendar: %(count)s.") % {"count": created})
        else:
            messages.error(request, form.errors.as_text())
        return redirect("cooperation-calendar", slug=slug)
    members = (
        list(User.objects.filter(memberships__organisation=organisation).order_by("last_name", "first_name", "id"))
        if can_edit
        else []
    )
    years = calendar_queries.calendar_of(organisation)
    return render(
        request,
        "cooperation/calendar.html",
        {
            "organisation": organisation,
            "years": years,
            "user_id": request.user.pk,
            "responsible_column": not can_edit
            and any(row.step.responsible_id == request.user.pk for _year, rows in years for row in rows),
            "can_edit": can_edit,
            "members": members,
            "term_start": term_start,
        },
    )


@require_POST
@login_required
def step_edit(request: AuthenticatedRequest, slug: str, calendar_step_id: int) -> HttpResponse:
    organisation = _calendar_organisation(request, slug)
    step = calendar_queries.step_of(organisation, calendar_step_id)
    if step is None or not permissions_for(request.user).can(Action.EDIT, step):
        raise Http404
    form = CalendarStepForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
    else:
        data = form.cleaned_data
        responsible = User.objects.filter(pk=data["responsible"]).first() if data["responsible"] else None
        call_service(
            request,
            services.update_step,
            step=step,
            due=data["due"],
            responsible=responsible,
            done_on=data["done_on"],
        )
    return redirect(reverse("cooperation-calendar", kwargs={"slug": slug}) + f"#step-{step.pk}")


@require_POST
@login_required
def step_done(request: AuthenticatedRequest, slug: str, calendar_step_id: int) -> HttpResponse:
    """The step marked done (today, or the day given) or not done, by its coordinators or its responsible person;
    back to the page it was marked on ("my work" or the calendar)."""
    organisation = _calendar_organisation(request, slug)
    step = calendar_queries.step_of(organisation, calendar_step_id)
    if step is None or not permissions_for(request.user).can(Action.RESOLVE, step):
        raise Http404
    form = StepDoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
    else:
        done_on = None if form.cleaned_data["undo"] else form.cleaned_data["done_on"] or clock.today()
        if call_service(request, services.mark_step_done, step=step, done_on=done_on) is not None:
            messages.success(request, _("Marked done.") if done_on else _("Marked not done."))
    if request.POST.get("next") == "work":
        return redirect("organisation-home", slug=slug)
    return redirect(reverse("cooperation-calendar", kwargs={"slug": slug}) + f"#step-{step.pk}")


@require_GET
@login_required
def calendar_ics(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = _calendar_organisation(request, slug)
    rows = [row for _year, year_rows in calendar_queries.calendar_of(organisation) for row in year_rows]
    page = request.build_absolute_uri(reverse("cooperation-calendar", kwargs={"slug": slug}))
    body = ics.term_calendar(organisation.name, rows, page_url=page)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="calendar-{organisation.slug}.ics"'
    return response
