"""The moderators' actions on one comment: publish or remove with a reason, remove personal data, answer and
link to the change it caused."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_POST

from hyte.accounts.permissions import Action
from hyte.core.http import AuthenticatedRequest, call_service
from hyte.participation import services
from hyte.participation.forms import AnswerForm, ModerateForm, RedactForm
from hyte.participation.models import Comment
from hyte.participation.views.manage import round_of, to_round


def _comment(request: AuthenticatedRequest, slug: str, round_id: int, comment_id: int) -> Comment:
    round_ = round_of(request, slug, round_id, Action.EDIT)
    comment = Comment.objects.filter(round=round_, pk=comment_id).first()
    if comment is None:
        raise Http404
    comment.round = round_
    return comment


@require_POST
@login_required
def moderate(request: AuthenticatedRequest, slug: str, round_id: int, comment_id: int) -> HttpResponse:
    comment = _comment(request, slug, round_id, comment_id)
    form = ModerateForm(request.POST)
    if form.is_valid():
        publish = form.cleaned_data["action"] == "publish"
        call_service(
            request, services.moderate_comment, comment=comment, publish=publish, reason=form.cleaned_data["reason"]
        )
    return to_round(comment.round, f"comment-{comment.pk}")


@require_POST
@login_required
def redact(request: AuthenticatedRequest, slug: str, round_id: int, comment_id: int) -> HttpResponse:
    comment = _comment(request, slug, round_id, comment_id)
    form = RedactForm(request.POST)
    if form.is_valid():
        call_service(request, services.redact_comment, comment=comment, passage=form.cleaned_data["passage"])
    return to_round(comment.round, f"comment-{comment.pk}")


@require_POST
@login_required
def answer(request: AuthenticatedRequest, slug: str, round_id: int, comment_id: int) -> HttpResponse:
    comment = _comment(request, slug, round_id, comment_id)
    form = AnswerForm(request.POST, round_=comment.round)
    if form.is_valid():
        call_service(request, services.answer_comment, comment=comment, **form.cleaned_data)
    return to_round(comment.round, f"comment-{comment.pk}")
