"""Reads of NGO grants, scoped to what the reader may see, with a fixed number of queries per page."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import Http404

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, permissions_for
from hyte.actors.models import Activity, Actor
from hyte.core import clock
from hyte.core.actors import Viewer
from hyte.grants.models import Application, ApplicationStatus, Attachment, Call, Criterion, UseReport


def register_entry_of(organisation: Organisation) -> Actor | None:
    """The NGO's own entry in the register (an NGO in Hyte keeps its entry itself)."""
    return Actor.objects.filter(organisation=organisation).first()


def own_activities(entry: Actor | None) -> list[Activity]:
    """The applicant's activities in the register: those its entry provides."""
    if entry is None:
        return []
    return list(Activity.objects.filter(providers=entry).order_by("title", "id"))


def _calls() -> QuerySet[Call]:
    return Call.objects.select_related("funder").prefetch_related(
        Prefetch("criteria", queryset=Criterion.objects.select_related("goal")),
        "questions",
        Prefetch("goals", queryset=_goals()),
    )


def _goals() -> Any:
    from hyte.reports.models import Goal

    return Goal.objects.select_related("report")


def calls_of(funder: Organisation) -> list[Call]:
    """A funder's calls, newest first, with how many applications each has had sent."""
    return list(
        Call.objects.filter(funder=funder)
        .annotate(
            sent=Count(
                "applications",
                filter=~Q(applications__status=ApplicationStatus.DRAFT) & Q(applications__change_of=None),
            )
        )
        .order_by("-opens_at", "id")
    )


def open_calls() -> list[Call]:
    """The published calls open now, for an NGO to apply to."""
    now = clock.now()
    return list(
        Call.objects.filter(is_published=True, opens_at__lte=now, closes_at__gt=now)
        .select_related("funder")
        .order_by("closes_at", "id")
    )


def call_for(user: Viewer, funder: Organisation, call_id: int, action: Action = Action.VIEW) -> Call:
    """One call of `funder`, if the reader may do `action` to it; 404 otherwise."""
    call = _calls().filter(funder=funder, pk=call_id).first()
    if call is None or not permissions_for(user).can(action, call):
        raise Http404
    return call


def published_call(call_id: int) -> Call | None:
    return _calls().filter(pk=call_id, is_published=True, funder__is_active=True).first()


def published_calls(funder: Organisation | None = None) -> list[Call]:
    calls = _calls().filter(is_published=True, funder__is_active=True)
    if funder is not None:
        calls = calls.filter(funder=funder)
    return list(calls.order_by("-opens_at", "id"))


def _applications() -> QuerySet[Application]:
    return Application.objects.select_related("call", "call__funder", "applicant", "register_entry").prefetch_related(
        "activities", Prefetch("attachments", queryset=Attachment.objects.defer("data")), "call__questions"
    )


def applications_of(applicant: Organisation) -> list[Application]:
    """An NGO's own applications, newest first."""
    return list(
        Application.objects.filter(applicant=applicant).select_related("call", "call__funder").order_by("-created_at")
    )


def applications_to(call: Call) -> list[Application]:
    """The applications sent to a call (drafts are their applicants' alone)."""
    return list(
        Application.objects.filter(call=call)
        .exclude(status=ApplicationStatus.DRAFT)
        .select_related("applicant")
        .prefetch_related("activities")
        .order_by("applicant_name", "id")
    )


def application_for(user: Viewer, organisation: Organisation, application_id: int, action: Action) -> Application:
    """An application of the organisation, as its applicant or its call's funder, if the reader may; 404 otherwise."""
    found = (
        _applications().filter(pk=application_id).filter(applicant=organisation).first()
        or _applications().filter(pk=application_id, call__funder=organisation).first()
    )
    if found is None or not permissions_for(user).can(action, found):
        raise Http404
    return found


def attachment_for(user: Viewer, application: Application, attachment_id: int) -> Attachment:
    found = Attachment.objects.filter(application=application, pk=attachment_id).first()
    if found is None or not permissions_for(user).can(Action.VIEW, found):
        raise Http404
    return found


def use_report_for(user: Viewer, organisation: Organisation, application_id: int, action: Action) -> UseReport:
    """The use report of a grant of the organisation (as grantee or funder), if the reader may; 404 otherwise."""
    application = application_for(user, organisation, application_id, Action.VIEW)
    report = UseReport.objects.filter(application=application).defer("ledger").first()
    if report is None or not permissions_for(user).can(action, report):
        raise Http404
    report.application = application
    return report


def use_reports_of_call(call: Call) -> list[UseReport]:
    return list(
        UseReport.objects.filter(application__call=call)
        .select_related("application")
        .defer("ledger")
        .order_by("application__applicant_name", "id")
    )


def use_reports_of(applicant: Organisation) -> list[UseReport]:
    """An NGO's use reports, the open ones first by due date."""
    return list(
        UseReport.objects.filter(application__applicant=applicant)
        .select_related("application__call__funder")
        .defer("ledger")
        .order_by(F("sent_at").asc(nulls_first=True), "due_on", "id")
    )
