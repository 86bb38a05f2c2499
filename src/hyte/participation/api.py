"""The participation API: an organisation's comment rounds, one round with its sections, polls, changes and
summary, its published comments and its statements. Public reads, as the round's public page; removed comments
appear with their reason and without their text, those waiting for moderation not at all."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Router
from ninja.pagination import paginate

from hyte.accounts.models import Organisation
from hyte.core.pagination import Bounded
from hyte.participation import queries
from hyte.participation.api_schemas import CommentOut, RoundDetailOut, RoundOut, StatementOut
from hyte.participation.models import Comment, CommentStatus, Round, Statement

router = Router(tags=["participation"])


def _round(round_: Round) -> dict[str, Any]:
    slug = round_.organisation.slug

    def url(lang: str) -> str:
        return reverse("public-round", kwargs={"lang": lang, "slug": slug, "round_id": round_.pk})

    return {
        "id": round_.pk,
        "organisation": slug,
        "report": round_.report_id,
        "assessment": round_.assessment_id,
        "draft_title": round_.draft_title,
        "title": round_.title,
        "title_sv": round_.title_sv,
        "opens_on": round_.opens_on,
        "closes_on": round_.closes_on,
        "state": round_.state.value,
        "anonymous_allowed": round_.anonymous_allowed,
        "premoderated": round_.premoderated,
        "url_fi": url("fi"),
        "url_sv": url("sv"),
    }


def _public(round_id: int) -> Round:
    found = Round.objects.select_related("organisation", "report", "assessment").filter(pk=round_id).first()
    if found is None or not found.organisation.is_active or not found.is_public:
        raise Http404
    return found


@router.get("/organisations/{slug}/rounds", response=list[RoundOut], auth=None, summary="Comment rounds")
def list_rounds(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    organisation = Organisation.objects.filter(slug=slug, is_active=True).first()
    if organisation is None:
        raise Http404
    return [_round(r) for r in queries.public_rounds(organisation)]


@router.get("/rounds/{round_id}", response=RoundDetailOut, auth=None, summary="A comment round")
def get_round(request: HttpRequest, round_id: int) -> dict[str, Any]:
    round_ = _public(round_id)
    page = queries.round_page(round_, user=AnonymousUser())  # the public's view, whoever asks
    linked: dict[int, list[int]] = {}
    for comment in queries.comments_of(round_, moderator=False).filter(change__isnull=False):
        linked.setdefault(comment.change_id or 0, []).append(comment.pk)
    sections = [
        {
            "id": s.pk,
            "title": s.title,
            "title_sv": s.title_sv,
            "text": s.text,
            "text_sv": s.text_sv,
            "comment_count": s.comment_count,
            "poll": s.poll,
            "changes": [
                {
                    "id": c.pk,
                    "description": c.description,
                    "description_sv": c.description_sv,
                    "comments": linked.get(c.pk, []),
                }
                for c in s.shown_changes
            ],
            "changed_after_feedback": None if s.diff is None else bool(s.diff),
        }
        for s in page["sections"]
    ]
    closed = round_.closed_at is not None
    return {
        **_round(round_),
        "introduction": round_.introduction,
        "introduction_sv": round_.introduction_sv,
        "summary": round_.summary if closed else "",
        "summary_sv": round_.summary_sv if closed else "",
        "comment_count": page["comment_total"],
        "approved_version": page["version"].number if page["version"] else None,
        "settled": page["version"] is not None,
        "sections": sections,
    }


def _comment(comment: Comment) -> dict[str, Any]:
    hidden = comment.status == CommentStatus.HIDDEN
    return {
        "id": comment.pk,
        "section": comment.section_id,
        "parent": comment.parent_id,
        "nickname": "" if hidden else comment.nickname,
        "quote": "" if hidden else comment.quote,
        "text": "" if hidden else comment.text,
        "source": comment.source,
        "status": comment.status,
        "removed_reason": comment.hidden_reason if hidden else "",
        "created_at": comment.created_at,
        "supports": comment.support_count,  # type: ignore[attr-defined]
        "answer": comment.answer,
        "answer_sv": comment.answer_sv,
        "change": comment.change_id,
    }


@router.get("/rounds/{round_id}/comments", response=list[CommentOut], auth=None, summary="A comment round's comments")
@paginate(Bounded)
def list_round_comments(request: HttpRequest, round_id: int) -> list[dict[str, Any]]:
    round_ = _public(round_id)
    return [_comment(c) for c in queries.comments_of(round_, moderator=False)]


@router.get(
    "/rounds/{round_id}/statements", response=list[StatementOut], auth=None, summary="Statements on a round's draft"
)
def list_round_statements(request: HttpRequest, round_id: int) -> list[dict[str, Any]]:
    round_ = _public(round_id)
    found: QuerySet[Statement] = Statement.objects.filter(round=round_, given_at__isnull=False).select_related(
        "organisation"
    )
    return [
        {
            "id": s.pk,
            "author": s.author_name,
            "author_sv": s.author_name_sv,
            "organisation": s.organisation.slug if s.organisation else None,
            "text": s.text,
            "text_sv": s.text_sv,
            "has_file": bool(s.filename),
            "requested_at": s.requested_at,
            "given_at": s.given_at,
        }
        for s in found
    ]
