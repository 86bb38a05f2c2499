"""A value discussion opened to residents, on the public site in Finnish, Swedish and English: the accepted topics
of joy and worry with the indicators beside them, the results per group of participants, and, in their phases,
the forms to propose a topic (shown once a coordinator accepts it) and to vote as residents. A reader is the
signed-in user or a keyed hash of the session, as for supports. Answered fresh, never from the page cache."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_POST

from hyte.core.http import require_GET_or_POST
from hyte.participation import discussion_queries as queries
from hyte.participation import services
from hyte.participation.discussion_forms import TopicForm
from hyte.participation.discussion_models import Discussion, Phase
from hyte.participation.views.public import LANGUAGES, reader_of
from hyte.participation.views.public import _switch as switch_languages


def _discussion(lang: str, slug: str, discussion_id: int) -> Discussion:
    if lang not in LANGUAGES:
        raise Http404
    return queries.public_discussion(slug, discussion_id)


def _back(lang: str, discussion: Discussion, anchor: str = "") -> HttpResponse:
    url = reverse(
        "public-discussion",
        kwargs={"lang": lang, "slug": discussion.organisation.slug, "discussion_id": discussion.pk},
    )
    return redirect(f"{url}#{anchor}" if anchor else url)


def _render(request: HttpRequest, lang: str, discussion: Discussion, form: TopicForm | None) -> HttpResponse:
    data = queries.discussion_page(discussion, user=request.user, voter=reader_of(request, create=False))
    with translation.override(lang):
        response = render(
            request,
            "participation/public_discussion.html",
            {
                **data,
                "lang": lang,
                "swedish": lang == "sv",
                "languages": switch_languages(request, lang),
                "topic_form": form or TopicForm(auto_id="topic-%s"),
                "can_propose": discussion.phase == Phase.COLLECTING,
                "can_vote": discussion.phase == Phase.VOTING,
            },
        )
    response["Content-Language"] = lang
    response["Cache-Control"] = "no-store"
    return response


@require_GET_or_POST
def discussion_page(request: HttpRequest, lang: str, slug: str, discussion_id: int) -> HttpResponse:
    """The discussion; a POST is a resident's topic."""
    discussion = _discussion(lang, slug, discussion_id)
    if request.method == "GET":
        return _render(request, lang, discussion, None)
    form = TopicForm(request.POST, auto_id="topic-%s")
    with translation.override(lang):
        if form.is_valid():
            try:
                services.propose_topic(
                    actor=request.user,
                    discussion=discussion,
                    kind=form.cleaned_data["kind"],
                    text=form.cleaned_data["text"],
                    text_sv=form.cleaned_data["text_sv"],
                    reader=reader_of(request, create=True),
                )
            except PermissionDenied as exc:
                raise Http404 from exc
            except ValidationError as exc:
                form.add_error(None, " ".join(exc.messages))
            else:
                messages.success(
                    request, translation.gettext("Thank you! Your topic is shown once a coordinator has accepted it.")
                )
                return _back(lang, discussion, "propose")
        response = _render(request, lang, discussion, form)
    response.status_code = 400
    return response


@require_POST
def votes(request: HttpRequest, lang: str, slug: str, discussion_id: int) -> HttpResponse:
    """A resident's votes as the group of residents, replacing their earlier ones."""
    discussion = _discussion(lang, slug, discussion_id)
    chosen = [queries.topic_of(discussion, value) for value in request.POST.getlist("topic")]
    with translation.override(lang):
        try:
            services.vote(
                actor=request.user, discussion=discussion, topics=chosen, reader=reader_of(request, create=True)
            )
        except PermissionDenied as exc:
            raise Http404 from exc
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, translation.gettext("Thank you! Your votes have been counted."))
    return _back(lang, discussion, "vote")
