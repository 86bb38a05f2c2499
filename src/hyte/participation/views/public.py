"""A round on the public site, in Finnish, Swedish and English: the draft's sections open for comments, each
with its comments, replies, supports, poll, the changes made after feedback and the statements; and, on an
open round, the forms to comment, reply, support, flag and answer the poll. Answered fresh, never from the page
cache (comments come all the time). Every form works without JavaScript; a small script only offers to quote
the passage selected in the text."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_POST, require_safe

from hyte.accounts.permissions import Action, permissions_for
from hyte.core.http import client_address, require_GET_or_POST
from hyte.participation import discussion_queries, limits, queries, services
from hyte.participation.forms import CommentForm, FlagForm
from hyte.participation.models import Comment, Round, RoundSection

LANGUAGES = ("fi", "sv", "en")


def _switch(request: HttpRequest, lang: str) -> list[dict[str, Any]]:
    rest = request.path.removeprefix(f"/public/{lang}/")
    return [
        {
            "code": code,
            "name": translation.get_language_info(code)["name_local"],
            "url": f"/public/{code}/{rest}",
            "current": code == lang,
        }
        for code in LANGUAGES
    ]


def reader_of(request: HttpRequest, *, create: bool) -> str:
    """The reader's keyed session hash (supports, flags and poll answers count once per reader)."""
    if request.user.is_authenticated:
        return limits.keyed(str(request.user.pk), "user")
    if not request.session.session_key and create:
        request.session["participation"] = True
        request.session.save()
    key = request.session.session_key
    return limits.keyed(key, "session") if key else ""


def _back(lang: str, round_: Round, anchor: str = "") -> HttpResponse:
    url = reverse("public-round", kwargs={"lang": lang, "slug": round_.organisation.slug, "round_id": round_.pk})
    return redirect(f"{url}#{anchor}" if anchor else url)


def _render(request: HttpRequest, lang: str, round_: Round, forms_by_section: dict[int, CommentForm]) -> HttpResponse:
    swedish = lang == "sv"
    expanded = request.GET.get("all", "")
    data = queries.round_page(
        round_,
        user=request.user,
        reader=reader_of(request, create=False),
        swedish=swedish,
        expanded=int(expanded) if expanded.isdigit() else None,
    )
    perms = permissions_for(request.user)
    can_comment = perms.can(Action.COMMENT, round_)
    for section in data["sections"]:
        section.form = forms_by_section.get(section.pk) or CommentForm(auto_id=f"c{section.pk}-%s")
    with translation.override(lang):
        response = render(
            request,
            "participation/public_round.html",
            {
                **data,
                "lang": lang,
                "swedish": swedish,
                "languages": _switch(request, lang),
                "can_comment": can_comment,
                "needs_sign_in": round_.is_open and not can_comment,
                "signed_in": request.user.is_authenticated,
                "flag_form": FlagForm(),
            },
        )
    response["Content-Language"] = lang
    response["Cache-Control"] = "no-store"
    return response


def _round(lang: str, slug: str, round_id: int) -> Round:
    if lang not in LANGUAGES:
        raise Http404
    return queries.public_round(slug, round_id)


@require_GET_or_POST
def round_page(request: HttpRequest, lang: str, slug: str, round_id: int) -> HttpResponse:
    """The round; a POST is a comment or a reply on one of its sections."""
    round_ = _round(lang, slug, round_id)
    if request.method == "GET":
        return _render(request, lang, round_, {})
    section = _section(round_, request.POST.get("section"))
    form = CommentForm(request.POST, auto_id=f"c{section.pk}-%s")
    parent = None
    if request.POST.get("parent"):
        parent = Comment.objects.filter(section=section, pk=_int(request.POST["parent"])).first()
        if parent is None:
            raise Http404
    with translation.override(lang):
        if form.is_robot():
            return _back(lang, round_)  # said nothing to a robot, kept nothing
        if form.is_valid():
            try:
                comment = services.add_comment(
                    actor=request.user,
                    section=section,
                    body=form.cleaned_data["body"],
                    nickname=form.cleaned_data["nickname"],
                    quote=form.cleaned_data["quote"],
                    parent=parent,
                    client=limits.address_hash(client_address(request)),
                )
            except PermissionDenied as exc:
                raise Http404 from exc
            except ValidationError as exc:
                form.add_error(None, " ".join(exc.messages))
            else:
                messages.success(
                    request,
                    translation.gettext("Thank you! Your comment is shown once a moderator has read it.")
                    if round_.premoderated
                    else translation.gettext("Thank you! Your comment has been published."),
                )
                return _back(lang, round_, f"comment-{comment.pk}")
        response = _render(request, lang, round_, {section.pk: form})
    response.status_code = 400
    return response


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc


def _section(round_: Round, value: Any) -> RoundSection:
    section = RoundSection.objects.filter(round=round_, pk=_int(value)).first()
    if section is None:
        raise Http404
    section.round = round_
    return section


def _comment(round_: Round, comment_id: int) -> Comment:
    comment = Comment.objects.filter(round=round_, pk=comment_id).first()
    if comment is None:
        raise Http404
    comment.round = round_
    return comment


def _call(request: HttpRequest, lang: str, service: Any, **kwargs: Any) -> Any:
    with translation.override(lang):
        try:
            return service(actor=request.user, reader=reader_of(request, create=True), **kwargs)
        except PermissionDenied as exc:
            raise Http404 from exc
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return None


@require_POST
def support(request: HttpRequest, lang: str, slug: str, round_id: int, comment_id: int) -> HttpResponse:
    round_ = _round(lang, slug, round_id)
    comment = _comment(round_, comment_id)
    _call(request, lang, services.support_comment, comment=comment)
    return _back(lang, round_, f"comment-{comment.pk}")


@require_POST
def flag(request: HttpRequest, lang: str, slug: str, round_id: int, comment_id: int) -> HttpResponse:
    round_ = _round(lang, slug, round_id)
    comment = _comment(round_, comment_id)
    form = FlagForm(request.POST)
    if not form.is_valid():
        raise Http404
    if _call(request, lang, services.flag_comment, comment=comment, reason=form.cleaned_data["reason"]) is not None:
        with translation.override(lang):
            messages.success(request, translation.gettext("Thank you. The moderators will look at the comment."))
    return _back(lang, round_, f"comment-{comment.pk}")


@require_POST
def poll(request: HttpRequest, lang: str, slug: str, round_id: int, section_id: int) -> HttpResponse:
    round_ = _round(lang, slug, round_id)
    section = _section(round_, section_id)
    _call(request, lang, services.answer_poll, section=section, value=_int(request.POST.get("value")))
    return _back(lang, round_, f"poll-{section.pk}")


@require_safe
def round_list(request: HttpRequest, lang: str, slug: str) -> HttpResponse:
    """The organisation's rounds on the public site: open ones first."""
    if lang not in LANGUAGES:
        raise Http404
    from hyte.accounts.models import Organisation

    organisation = Organisation.objects.filter(slug=slug, is_active=True).first()
    if organisation is None:
        raise Http404
    rounds = queries.public_rounds(organisation)
    with translation.override(lang):
        response = render(
            request,
            "participation/public_rounds.html",
            {
                "organisation": organisation,
                "rounds": rounds,
                "discussions": discussion_queries.public_discussions(organisation),
                "lang": lang,
                "languages": _switch(request, lang),
            },
        )
    response["Content-Language"] = lang
    return response
