"""The resources survey's pages: the rounds an organisation sends or is asked in, a new round, a round's page with
its questions and results, opening and closing it, the results as XLSX."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hyte.accounts.models import Organisation, OrganisationKind
from hyte.accounts.permissions import Action, get_organisation_for, permissions_for
from hyte.core.http import AuthenticatedRequest, call_service, download, require_GET_or_POST
from hyte.national import exports, queries, services
from hyte.national.charts import share_bars
from hyte.national.forms import QuestionForm, RoundForm
from hyte.national.models import Answer, Question, RoundStatus, Scope, Structure, SurveyRound


def organisation_of(request: AuthenticatedRequest, slug: str) -> Organisation:
    return get_organisation_for(request.user, slug, Action.VIEW)


def _scopes(request: AuthenticatedRequest, organisation: Organisation) -> list[str]:
    perms = permissions_for(request.user)
    return [scope for scope in Scope.values if perms.can(Action.EDIT, SurveyRound(sender=organisation, scope=scope))]


@require_GET_or_POST
@login_required
def survey_list(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = organisation_of(request, slug)
    scopes = _scopes(request, organisation) if organisation.kind != OrganisationKind.MUNICIPALITY else []
    form = RoundForm(request.POST or None, scopes=scopes) if scopes else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            created = call_service(request, services.create_round, sender=organisation, **form.cleaned_data)
            if created is not None:
                return redirect("national-survey", slug=slug, round_id=created.pk)
    answers = {a.round_id: a for a in Answer.objects.filter(organisation=organisation)}
    rounds = queries.rounds_of(request.user, organisation)
    for survey in rounds:
        survey.own_answer = answers.get(survey.pk)  # type: ignore[attr-defined]
    context = {"organisation": organisation, "rounds": rounds, "form": form}
    return render(request, "national/survey_list.html", context)


def _charts(found: queries.Results) -> list[dict[str, object]]:
    total = len(found.answers)
    named = [(_("yes"), found.named["yes"]), (_("no"), found.named["no"])]
    bands = [
        (_("under one person-year"), found.person_years["under_1"]),
        (_("1–2 person-years"), found.person_years["1_2"]),
        (_("over two person-years"), found.person_years["over_2"]),
        (_("not given"), found.person_years["unknown"]),
    ]
    structures = [(str(label), found.structures[value]) for value, label in Structure.choices]
    charts = [
        ("chart-named", _("Is a hyte coordinator named?"), named),
        ("chart-person-years", _("Person-years for hyte coordination"), bands),
        ("chart-structures", _("Structures in place"), structures),
    ]
    return [
        {
            "id": chart_id,
            "title": title,
            "rows": bars,
            "svg": share_bars(
                chart_id=chart_id,
                title=title,
                description=_("Share of the %(count)s answers submitted.") % {"count": total},
                bars=bars,
                total=total,
            ),
        }
        for chart_id, title, bars in charts
    ]


@require_GET
@login_required
def survey_page(request: AuthenticatedRequest, slug: str, round_id: int) -> HttpResponse:
    organisation = organisation_of(request, slug)
    survey = queries.round_for(request.user, organisation, round_id)
    perms = permissions_for(request.user)
    found = queries.results(request.user, survey)
    can_edit = perms.can(Action.EDIT, survey)
    is_asked = survey.status != RoundStatus.DRAFT and survey.recipients.filter(pk=organisation.pk).exists()
    context = {
        "organisation": organisation,
        "survey": survey,
        "questions": queries.questions_of(survey),
        "found": found,
        "charts": _charts(found) if found.answers else [],
        "can_edit": can_edit and survey.sender_id == organisation.pk,
        "question_form": QuestionForm() if can_edit and survey.status == RoundStatus.DRAFT else None,
        "is_asked": is_asked,
        "can_answer": is_asked and perms.can(Action.EDIT, organisation),
        "own_answer": queries.answer_of(survey, organisation) if is_asked else None,
        "structures": Structure.choices,
    }
    return render(request, "national/survey.html", context)


def _back(slug: str, round_id: int) -> HttpResponse:
    return redirect("national-survey", slug=slug, round_id=round_id)


@require_POST
@login_required
def question_add(request: AuthenticatedRequest, slug: str, round_id: int) -> HttpResponse:
    survey = queries.round_for(request.user, organisation_of(request, slug), round_id, Action.EDIT)
    form = QuestionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        choices = [c for c in data["choices"].splitlines() if c.strip()]
        call_service(
            request,
            services.add_question,
            survey=survey,
            kind=data["kind"],
            text_fi=data["text_fi"],
            text_sv=data["text_sv"],
            choices=choices,
        )
    return _back(slug, round_id)


@require_POST
@login_required
def question_remove(request: AuthenticatedRequest, slug: str, round_id: int, question_id: int) -> HttpResponse:
    survey = queries.round_for(request.user, organisation_of(request, slug), round_id, Action.EDIT)
    question = Question.objects.filter(round=survey, pk=question_id).select_related("round__sender").first()
    if question is None:
        raise Http404
    call_service(request, services.remove_question, question=question)
    return _back(slug, round_id)


@require_POST
@login_required
def survey_open(request: AuthenticatedRequest, slug: str, round_id: int) -> HttpResponse:
    survey = queries.round_for(request.user, organisation_of(request, slug), round_id, Action.EDIT)
    call_service(request, services.open_round, survey=survey)
    return _back(slug, round_id)


@require_POST
@login_required
def survey_close(request: AuthenticatedRequest, slug: str, round_id: int) -> HttpResponse:
    survey = queries.round_for(request.user, organisation_of(request, slug), round_id, Action.EDIT)
    call_service(request, services.close_round, survey=survey)
    return _back(slug, round_id)


@require_GET
@login_required
def survey_xlsx(request: AuthenticatedRequest, slug: str, round_id: int) -> HttpResponse:
    survey = queries.round_for(request.user, organisation_of(request, slug), round_id)
    found = queries.results(request.user, survey)
    return download(exports.results_xlsx(survey, found), file_format="xlsx", filename=f"resurssikysely-{survey.year}")
