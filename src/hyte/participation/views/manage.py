"""The coordinator's pages: the organisation's rounds and a new one, a round's page with the draft summary,
closing, polls, offline comments, statements and the exports."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from hyte.accounts.permissions import Action, get_organisation_for, permissions_for
from hyte.core.http import AuthenticatedRequest, back_to, call_service, download, require_GET_or_POST
from hyte.participation import discussion_queries, exports, queries, services
from hyte.participation.assessment_text import assessment_parts
from hyte.participation.forms import (
    AssessmentRoundForm,
    ChangeForm,
    OfflineForm,
    RoundForm,
    StatementForm,
    StatementRequestForm,
    SummaryForm,
)
from hyte.participation.models import HideReason, PollKind, Round, RoundSection, Statement
from hyte.participation.summary import draft_summary


def round_of(request: AuthenticatedRequest, slug: str, round_id: int, action: Action = Action.VIEW) -> Round:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    return queries.round_for(request.user, organisation, round_id, action)


def to_round(round_: Round, anchor: str = "") -> HttpResponse:
    return back_to("participation-round", anchor, slug=round_.organisation.slug, round_id=round_.pk)


@require_GET_or_POST
@login_required
def round_list(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    can_open = permissions_for(request.user).can(Action.EDIT, organisation)
    form = RoundForm(request.POST or None, organisation=organisation, initial={"anonymous_allowed": True})
    if request.method == "POST":
        if not can_open:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            created = call_service(
                request,
                services.open_round,
                report=data["report"],
                sections=list(data["sections"]),
                title=data["title"],
                title_sv=data["title_sv"],
                introduction=data["introduction"],
                introduction_sv=data["introduction_sv"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                anonymous_allowed=data["anonymous_allowed"],
                premoderated=data["premoderated"],
            )
            if created is not None:
                return redirect("participation-round", slug=slug, round_id=created.pk)
    return render(
        request,
        "participation/rounds.html",
        {
            "organisation": organisation,
            "rounds": queries.rounds_of(request.user, organisation),
            "discussions": discussion_queries.discussions_of(request.user, organisation),
            "form": form if can_open else None,
            "assessments": queries.assessments_to_open(request.user, organisation) if can_open else [],
        },
    )


@require_GET_or_POST
@login_required
def assessment_round_new(request: AuthenticatedRequest, slug: str, assessment_id: int) -> HttpResponse:
    """Open an impact assessment under preparation for comments, on the parts chosen."""
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    assessment = queries.assessment_to_open(request.user, organisation, assessment_id)
    parts = assessment_parts(assessment)
    form = AssessmentRoundForm(
        request.POST or None,
        parts=parts,
        initial={
            "anonymous_allowed": True,
            "title": assessment.title,
            "parts": [part.key for part in parts],
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = call_service(
            request,
            services.open_assessment_round,
            assessment=assessment,
            parts=list(data["parts"]),
            title=data["title"],
            title_sv=data["title_sv"],
            introduction=data["introduction"],
            introduction_sv=data["introduction_sv"],
            opens_on=data["opens_on"],
            closes_on=data["closes_on"],
            anonymous_allowed=data["anonymous_allowed"],
            premoderated=data["premoderated"],
        )
        if created is not None:
            return redirect("participation-round", slug=slug, round_id=created.pk)
    return render(
        request,
        "participation/assessment_round_new.html",
        {"organisation": organisation, "assessment": assessment, "parts": parts, "form": form},
    )


@require_GET_or_POST
@login_required
def round_page(request: AuthenticatedRequest, slug: str, round_id: int) -> HttpResponse:
    """The round as its coordinators see it; a POST saves the summary."""
    round_ = round_of(request, slug, round_id)
    expanded = request.GET.get("all", "")
    data = queries.round_page(round_, user=request.user, expanded=int(expanded) if expanded.isdigit() else None)
    summary = SummaryForm(request.POST or None, initial={"summary": round_.summary, "summary_sv": round_.summary_sv})
    if request.method == "POST":
        if not data["moderator"]:
            raise Http404
        if summary.is_valid():
            saved = call_service(request, services.write_summary, round=round_, **summary.cleaned_data)
            if saved is not None:
                return to_round(round_, "summary")
    return render(
        request,
        "participation/round.html",
        {
            **data,
            "organisation": round_.organisation,
            "summary_form": summary,
            "draft": draft_summary(data) if data["moderator"] else "",
            "offline_form": OfflineForm(),
            "change_form": ChangeForm(),
            "statement_request_form": StatementRequestForm(),
            "statement_form": StatementForm(),
            "reasons": HideReason.choices,
            "poll_kinds": PollKind.choices,
            "all_changes": [change for section in data["sections"] for change in section.shown_changes],
        },
    )


@require_POST
@login_required
def round_close(request: AuthenticatedRequest, slug: str, round_id: int) -> HttpResponse:
    round_ = round_of(request, slug, round_id, Action.EDIT)
    call_service(request, services.close_round, round=round_)
    return to_round(round_)


def _section(round_: Round, section_id: int) -> RoundSection:
    section = RoundSection.objects.filter(round=round_, pk=section_id).first()
    if section is None:
        raise Http404
    section.round = round_
    return section


@require_POST
@login_required
def poll_set(request: AuthenticatedRequest, slug: str, round_id: int, section_id: int) -> HttpResponse:
    round_ = round_of(request, slug, round_id, Action.EDIT)
    section = _section(round_, section_id)
    choices = [
        (fi, sv)
        for fi, sv in zip(request.POST.getlist("choice"), request.POST.getlist("choice_sv"), strict=False)
        if fi.strip()
    ]
    call_service(
        request,
        services.set_poll,
        section=section,
        kind=request.POST.get("kind", ""),
        question=request.POST.get("question", ""),
        question_sv=request.POST.get("question_sv", ""),
        choices=choices,
    )
    return to_round(round_, f"section-{section.pk}")


@require_POST
@login_required
def offline_add(request: AuthenticatedRequest, slug: str, round_id: int) -> HttpResponse:
    round_ = round_of(request, slug, round_id, Action.EDIT)
    form = OfflineForm(request.POST)
    if form.is_valid():
        section = _section(round_, form.cleaned_data["section"])
        call_service(
            request,
            services.add_offline_comment,
            section=section,
            body=form.cleaned_data["body"],
            source=form.cleaned_data["source"],
            nickname=form.cleaned_data["nickname"],
        )
    return to_round(round_, "offline")


@require_POST
@login_required
def change_add(request: AuthenticatedRequest, slug: str, round_id: int) -> HttpResponse:
    round_ = round_of(request, slug, round_id, Action.EDIT)
    form = ChangeForm(request.POST)
    if form.is_valid():
        section = _section(round_, form.cleaned_data["section"])
        call_service(
            request,
            services.add_change,
            section=section,
            description=form.cleaned_data["description"],
            description_sv=form.cleaned_data["description_sv"],
        )
    return to_round(round_, "changes")


@require_POST
@login_required
def statement_request(request: AuthenticatedRequest, slug: str, round_id: int) -> HttpResponse:
    round_ = round_of(request, slug, round_id, Action.EDIT)
    form = StatementRequestForm(request.POST)
    if form.is_valid():
        call_service(request, services.request_statement, round=round_, **form.cleaned_data)
    return to_round(round_, "statements")


@require_GET_or_POST
@login_required
def statement(request: AuthenticatedRequest, slug: str, round_id: int, statement_id: int) -> HttpResponse:
    """GET: the statement's file; POST: the statement given (its text and file)."""
    round_ = round_of(request, slug, round_id)
    found = Statement.objects.filter(round=round_, pk=statement_id).first()
    perms = permissions_for(request.user)
    if found is None or not perms.can(Action.VIEW, found):
        raise Http404
    found.round = round_
    if request.method == "GET":
        if not found.data:
            raise Http404
        response = HttpResponse(bytes(found.data), content_type=found.content_type)
        response["Content-Disposition"] = f'attachment; filename="{found.filename}"'
        return response
    if not perms.can(Action.EDIT, found):
        raise Http404
    give_from_form(request, found)
    return to_round(round_, "statements")


def give_from_form(request: AuthenticatedRequest, statement: Statement) -> None:
    """The statement given from the posted form (its text and signed file), by one who may give it."""
    form = StatementForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        call_service(
            request,
            services.give_statement,
            statement=statement,
            text_fi=form.cleaned_data["text"],
            text_sv=form.cleaned_data["text_sv"],
            file_data=upload.read() if upload else None,
            filename=upload.name if upload else "",
        )


@require_GET
@login_required
def export_xlsx(request: AuthenticatedRequest, slug: str, round_id: int) -> HttpResponse:
    round_ = round_of(request, slug, round_id, Action.EDIT)
    return download(exports.round_xlsx(round_, user=request.user), file_format="xlsx", filename=f"round-{round_.pk}")


@require_GET
@login_required
def export_pdf(request: AuthenticatedRequest, slug: str, round_id: int) -> HttpResponse:
    round_ = round_of(request, slug, round_id)
    return download(exports.summary_pdf(round_, user=request.user), file_format="pdf", filename=f"round-{round_.pk}")
