"""The value discussion in the organisation's pages: starting one, its page (topics with their indicators and
votes, the results per group, the goals they became), and the coordinators' and members' forms. Residents' page
is in `public_discussions.py`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from hyte.accounts.permissions import Action, get_organisation_for, permissions_for
from hyte.core.http import AuthenticatedRequest, back_to, call_service, require_GET_or_POST
from hyte.indicators.picker import searched
from hyte.indicators.queries import visible_indicators
from hyte.participation import discussion_queries as queries
from hyte.participation import services
from hyte.participation.discussion_forms import (
    DiscussionForm,
    FromCommentForm,
    GoalForm,
    GroupForm,
    LinkForm,
    ModerateTopicForm,
    PhaseForm,
    SettingsForm,
    TopicForm,
)
from hyte.participation.discussion_models import Discussion, ParticipantGroup, Phase, TopicIndicator, TopicKind
from hyte.participation.models import Comment
from hyte.participation.services._common import reader_of


def discussion_of(
    request: AuthenticatedRequest, slug: str, discussion_id: int, action: Action = Action.VIEW
) -> Discussion:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    return queries.discussion_for(request.user, organisation, discussion_id, action)


def to_discussion(discussion: Discussion, anchor: str = "") -> HttpResponse:
    return back_to("participation-discussion", anchor, slug=discussion.organisation.slug, discussion_id=discussion.pk)


def group_of(discussion: Discussion, value: Any) -> ParticipantGroup | None:
    if value in (None, ""):
        return None
    found = ParticipantGroup.objects.filter(discussion=discussion, pk=value).first()
    if found is None:
        raise Http404
    found.discussion = discussion
    return found


@require_GET_or_POST
@login_required
def discussion_new(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.EDIT)
    form = DiscussionForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = call_service(
            request,
            services.start_discussion,
            report=data["report"],
            title=data["title"],
            title_sv=data["title_sv"],
            introduction=data["introduction"],
            introduction_sv=data["introduction_sv"],
            groups=data["groups"],
            votes_per_participant=data["votes_per_participant"],
            residents=data["residents"],
        )
        if created is not None:
            return redirect("participation-discussion", slug=slug, discussion_id=created.pk)
    return render(request, "participation/discussion_new.html", {"organisation": organisation, "form": form})


@require_GET
@login_required
def discussion_page(request: AuthenticatedRequest, slug: str, discussion_id: int) -> HttpResponse:
    discussion = discussion_of(request, slug, discussion_id)
    data = queries.discussion_page(discussion, user=request.user, voter=reader_of(request.user, ""))
    moderator = data["moderator"]
    picker, picks = searched(request.user, discussion.organisation, request.GET, wanted=moderator)
    return render(
        request,
        "participation/discussion.html",
        {
            **data,
            "organisation": discussion.organisation,
            "picker": picker,
            "picks": picks,
            "comments": queries.comments_to_choose(discussion.organisation) if moderator else [],
            "topic_form": TopicForm(auto_id="topic-%s"),
            "group_form": GroupForm(auto_id="group-%s"),
            "settings_form": SettingsForm(
                auto_id="settings-%s",
                initial={
                    "votes_per_participant": discussion.votes_per_participant,
                    "residents": discussion.residents,
                    "introduction": discussion.introduction,
                    "introduction_sv": discussion.introduction_sv,
                },
            ),
            "phases": Phase.choices,
            "kinds": TopicKind.choices,
            "can_vote": discussion.phase == Phase.VOTING and data["member"],
            "can_propose": discussion.phase == Phase.COLLECTING and data["member"],
        },
    )


@require_POST
@login_required
def discussion_settings(request: AuthenticatedRequest, slug: str, discussion_id: int) -> HttpResponse:
    discussion = discussion_of(request, slug, discussion_id, Action.EDIT)
    form = SettingsForm(request.POST)
    if form.is_valid():
        call_service(request, services.change_discussion, discussion=discussion, **form.cleaned_data)
    return to_discussion(discussion, "settings")


@require_POST
@login_required
def group_add(request: AuthenticatedRequest, slug: str, discussion_id: int) -> HttpResponse:
    discussion = discussion_of(request, slug, discussion_id, Action.EDIT)
    form = GroupForm(request.POST)
    if form.is_valid():
        call_service(request, services.add_group, discussion=discussion, **form.cleaned_data)
    return to_discussion(discussion, "groups")


@require_POST
@login_required
def phase_set(request: AuthenticatedRequest, slug: str, discussion_id: int) -> HttpResponse:
    discussion = discussion_of(request, slug, discussion_id, Action.EDIT)
    form = PhaseForm(request.POST)
    if form.is_valid():
        call_service(request, services.set_phase, discussion=discussion, phase=form.cleaned_data["phase"])
    return to_discussion(discussion)


@require_POST
@login_required
def topic_add(request: AuthenticatedRequest, slug: str, discussion_id: int) -> HttpResponse:
    """A member's topic of joy or worry."""
    discussion = discussion_of(request, slug, discussion_id, Action.CONTRIBUTE)
    form = TopicForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return to_discussion(discussion, "propose")
    created = call_service(
        request,
        services.propose_topic,
        discussion=discussion,
        kind=form.cleaned_data["kind"],
        text=form.cleaned_data["text"],
        text_sv=form.cleaned_data["text_sv"],
        group=group_of(discussion, form.cleaned_data["group"]),
    )
    return to_discussion(discussion, f"topic-{created.pk}" if created else "propose")


@require_POST
@login_required
def topic_from_comment(request: AuthenticatedRequest, slug: str, discussion_id: int) -> HttpResponse:
    discussion = discussion_of(request, slug, discussion_id, Action.EDIT)
    form = FromCommentForm(request.POST)
    if not form.is_valid():
        raise Http404
    comment = Comment.objects.filter(pk=form.cleaned_data["comment"]).select_related("round").first()
    if comment is None:
        raise Http404
    created = call_service(
        request,
        services.topic_from_comment,
        discussion=discussion,
        comment=comment,
        kind=form.cleaned_data["kind"],
        text=form.cleaned_data["text"],
        group=group_of(discussion, form.cleaned_data["group"]),
    )
    return to_discussion(discussion, f"topic-{created.pk}" if created else "from-comment")


@require_POST
@login_required
def topic_moderate(request: AuthenticatedRequest, slug: str, discussion_id: int, topic_id: int) -> HttpResponse:
    discussion = discussion_of(request, slug, discussion_id, Action.EDIT)
    topic = queries.topic_of(discussion, topic_id)
    form = ModerateTopicForm(request.POST)
    if not form.is_valid():
        raise Http404
    merged = form.cleaned_data["merged_into"]
    call_service(
        request,
        services.moderate_topic,
        topic=topic,
        accept=form.cleaned_data["action"] == "accept",
        reason=form.cleaned_data["reason"],
        merged_into=queries.topic_of(discussion, merged) if merged else None,
    )
    return to_discussion(discussion, f"topic-{topic.pk}")


@require_POST
@login_required
def topic_indicator(request: AuthenticatedRequest, slug: str, discussion_id: int, topic_id: int) -> HttpResponse:
    """Link an indicator to the topic as confirming or contradicting it, or (`remove`) unlink it."""
    discussion = discussion_of(request, slug, discussion_id, Action.EDIT)
    topic = queries.topic_of(discussion, topic_id)
    form = LinkForm(request.POST)
    if not form.is_valid():
        raise Http404
    indicator_id = form.cleaned_data["indicator"]
    if form.cleaned_data["remove"]:
        link = TopicIndicator.objects.filter(topic=topic, indicator_id=indicator_id).first()
        if link is None:
            raise Http404
        link.topic = topic
        call_service(request, services.unlink_indicator, link=link)
    else:
        indicator = visible_indicators(request.user).filter(pk=indicator_id).first()
        if indicator is None:
            raise Http404
        call_service(
            request, services.link_indicator, topic=topic, indicator=indicator, stance=form.cleaned_data["stance"]
        )
    return to_discussion(discussion, f"topic-{topic.pk}")


@require_POST
@login_required
def votes(request: AuthenticatedRequest, slug: str, discussion_id: int) -> HttpResponse:
    """A member's votes (replacing their earlier ones), in the group they choose."""
    discussion = discussion_of(request, slug, discussion_id, Action.CONTRIBUTE)
    chosen = [queries.topic_of(discussion, value) for value in request.POST.getlist("topic")]
    call_service(
        request,
        services.vote,
        discussion=discussion,
        topics=chosen,
        group=group_of(discussion, request.POST.get("group")),
    )
    return to_discussion(discussion, "vote")


@require_GET_or_POST
@login_required
def topic_goal(request: AuthenticatedRequest, slug: str, discussion_id: int, topic_id: int) -> HttpResponse:
    """The draft goal prefilled from the topic, edited and saved into the plan."""
    discussion = discussion_of(request, slug, discussion_id, Action.EDIT)
    topic = queries.topic_of(discussion, topic_id)
    form = GoalForm(request.POST or None, initial={"text": topic.text, "text_sv": topic.text_sv})
    if request.method == "POST" and form.is_valid():
        goal = call_service(request, services.topic_to_goal, topic=topic, **form.cleaned_data)
        if goal is not None:
            return to_discussion(discussion, "goals")
    return render(
        request,
        "participation/discussion_goal.html",
        {
            "organisation": discussion.organisation,
            "discussion": discussion,
            "topic": topic,
            "form": form,
            "can_edit_plan": permissions_for(request.user).can(Action.EDIT, discussion.report),
        },
    )
