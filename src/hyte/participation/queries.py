"""Reads of participation, scoped to what the reader may see: an organisation's rounds, one round with everything
its page shows (in a fixed number of queries however many comments it has), the draft summary offered to the
coordinator, and what changed between the draft and the approved version."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, permissions_for
from hyte.assessments.models import EDITABLE_STATUSES, Assessment
from hyte.core.actors import Viewer
from hyte.participation.assessment_text import SETTLED, assessment_parts
from hyte.participation.models import (
    Change,
    Comment,
    CommentStatus,
    Flag,
    PollAnswer,
    PollKind,
    Round,
    RoundSection,
    Statement,
    Support,
)
from hyte.participation.text import Piece, changed, diff, section_text
from hyte.reports.models import ReportVersion
from hyte.reports.text import render_markdown

TOP_COMMENTS = 5
SHOWN = 50  # comments (with their replies) shown per section; the rest behind "show all"


def _rounds() -> QuerySet[Round]:
    return Round.objects.select_related("organisation", "organisation__area", "report", "assessment")


def rounds_of(user: Viewer, organisation: Organisation) -> list[Round]:
    """The organisation's rounds the reader may see, with their comment counts (`comment_count`)."""
    perms = permissions_for(user)
    found = _rounds().filter(organisation=organisation).annotate(comment_count=Count("comments"))
    return [round_ for round_ in found if perms.can(Action.VIEW, round_)]


def round_for(user: Viewer, organisation: Organisation, round_id: int, action: Action = Action.VIEW) -> Round:
    """One round of the organisation, if the reader may do `action`; 404 otherwise (missing and forbidden alike)."""
    found = _rounds().filter(organisation=organisation, pk=round_id).first()
    if found is None or not permissions_for(user).can(action, found):
        raise Http404
    return found


def assessments_to_open(user: Viewer, organisation: Organisation) -> list[Assessment]:
    """The organisation's impact assessments under preparation that the reader may open for comments."""
    perms = permissions_for(user)
    found = Assessment.objects.filter(organisation=organisation, status__in=EDITABLE_STATUSES).order_by("-updated_at")
    found = found.select_related("organisation", "preparer").prefetch_related("participants")
    return [assessment for assessment in found if perms.can(Action.EDIT, assessment)]


def assessment_to_open(user: Viewer, organisation: Organisation, assessment_id: int) -> Assessment:
    """One assessment of the organisation the reader may open for comments; 404 otherwise. Its status is checked
    by the service, which says why."""
    assessments = Assessment.objects.select_related("organisation")
    found = assessments.filter(organisation=organisation, pk=assessment_id).first()
    if found is None or not permissions_for(user).can(Action.EDIT, found):
        raise Http404
    return found


def rounds_of_assessment(user: Viewer, assessment: Assessment) -> list[Round]:
    """The comment rounds on an impact assessment the reader may see, with their comment counts."""
    perms = permissions_for(user)
    found = _rounds().filter(assessment=assessment).annotate(comment_count=Count("comments"))
    return [round_ for round_ in found if perms.can(Action.VIEW, round_)]


def public_round(slug: str, round_id: int) -> Round:
    """A round on the public site: its organisation active and its period begun; 404 otherwise."""
    found = _rounds().filter(organisation__slug=slug, organisation__is_active=True, pk=round_id).first()
    if found is None or not found.is_public:
        raise Http404
    return found


def public_rounds(organisation: Organisation) -> list[Round]:
    return [r for r in _rounds().filter(organisation=organisation) if r.is_public]


def _count(model: type[Support | Flag]) -> Subquery:
    counted = model.objects.filter(comment=OuterRef("pk")).values("comment").annotate(n=Count("pk")).values("n")
    return Subquery(counted, output_field=IntegerField())


def comments_of(round_: Round, *, moderator: bool) -> QuerySet[Comment]:
    """The round's comments with their support and flag counts: every one for the moderators; for the public
    the published and the removed (whose place shows the reason, never the text)."""
    found = Comment.objects.filter(round=round_).select_related("change")
    if not moderator:
        found = found.exclude(status=CommentStatus.PENDING)
    return found.annotate(
        support_count=Coalesce(_count(Support), Value(0)), flag_count=Coalesce(_count(Flag), Value(0))
    ).order_by("created_at", "pk")


@dataclass
class PollResult:
    kind: str
    question: str
    rows: list[dict[str, Any]] = field(default_factory=list)  # label, count, percent
    total: int = 0
    mean: float | None = None


def _poll(section: RoundSection, counts: dict[int, int], swedish: bool) -> PollResult | None:
    if not section.poll_kind:
        return None
    question = (section.poll_question_sv if swedish else "") or section.poll_question
    if section.poll_kind == PollKind.CHOICE:
        labels = [(sv if swedish and sv else fi) for fi, sv in section.poll_choices]
        values = list(range(len(labels)))
    else:
        labels, values = [str(v) for v in range(1, 6)], list(range(1, 6))
    total = sum(counts.get(v, 0) for v in values)
    rows = [
        {
            "value": v,
            "label": label,
            "count": counts.get(v, 0),
            "percent": 100 * counts.get(v, 0) / total if total else 0,
        }
        for v, label in zip(values, labels, strict=True)
    ]
    mean = sum(v * counts.get(v, 0) for v in values) / total if total and section.poll_kind == PollKind.SCALE else None
    return PollResult(section.poll_kind, question, rows, total, mean)


def round_page(
    round_: Round, *, user: Viewer, reader: str = "", swedish: bool = False, expanded: int | None = None
) -> dict[str, Any]:
    """Everything a round's page shows, in a fixed number of queries: its sections, each with its threaded
    comments (replies under their comment), its poll's results and its changes; the statements; and, after
    approval, what changed."""
    perms = permissions_for(user)
    moderator = perms.can(Action.EDIT, round_)
    sections = list(round_.sections.all())
    comments = list(comments_of(round_, moderator=moderator))
    mine: set[int] = set()
    if reader:
        mine = set(Support.objects.filter(comment__round=round_, reader=reader).values_list("comment_id", flat=True))
    by_parent: dict[int, list[Comment]] = defaultdict(list)
    top: dict[int, list[Comment]] = defaultdict(list)
    for comment in comments:
        comment.supported = comment.pk in mine  # type: ignore[attr-defined]
        if comment.status == CommentStatus.HIDDEN and not moderator:
            comment.text, comment.quote, comment.nickname = "", "", ""
        if comment.parent_id:
            by_parent[comment.parent_id].append(comment)
        else:
            top[comment.section_id].append(comment)
    for comment in comments:
        comment.thread = by_parent.get(comment.pk, [])  # type: ignore[attr-defined]
    answers: dict[int, dict[int, int]] = defaultdict(dict)
    for row in PollAnswer.objects.filter(section__round=round_).values("section_id", "value").annotate(n=Count("pk")):
        answers[row["section_id"]][row["value"]] = row["n"]
    changes: dict[int, list[Change]] = defaultdict(list)
    for change in Change.objects.filter(round=round_):
        changes[change.section_id].append(change)
    statements = [
        s for s in Statement.objects.filter(round=round_).select_related("organisation") if moderator or s.given_at
    ]
    versions = what_changed(round_, sections, swedish=swedish)
    for section in sections:
        every = top.get(section.pk, [])
        shown = every if expanded == section.pk else every[-SHOWN:]  # the newest, unless all are asked for
        section.top_comments = shown  # type: ignore[attr-defined]
        section.more_comments = len(every) - len(shown)  # type: ignore[attr-defined]
        section.comment_count = sum(  # type: ignore[attr-defined]
            1 for c in comments if c.section_id == section.pk and c.status != CommentStatus.HIDDEN
        )
        section.poll = _poll(section, answers.get(section.pk, {}), swedish)  # type: ignore[attr-defined]
        section.shown_changes = changes.get(section.pk, [])  # type: ignore[attr-defined]
        section.diff = versions["sections"].get(section.pk)  # type: ignore[attr-defined]
        draft = section.text_sv if swedish and section.text_sv else section.text
        section.html = render_markdown(draft)  # type: ignore[attr-defined]
    published = [c for c in comments if c.status == CommentStatus.PUBLISHED]
    return {
        "round": round_,
        "sections": sections,
        "statements": statements,
        "moderator": moderator,
        "comment_total": len(published),
        "pending": [c for c in comments if c.status == CommentStatus.PENDING],
        "flagged": [c for c in comments if c.flag_count and c.status != CommentStatus.HIDDEN],  # type: ignore[attr-defined]
        "most_supported": sorted(published, key=lambda c: (-c.support_count, c.pk))[:TOP_COMMENTS],  # type: ignore[attr-defined]
        "version": versions["version"],
    }


def approved_version(round_: Round) -> ReportVersion | None:
    """The first version of the draft report approved after the round opened (approval freezes it)."""
    if round_.report_id is None:
        return None
    return (
        ReportVersion.objects.filter(report=round_.report, frozen_at__gte=round_.created_at).order_by("number").first()
    )


@dataclass(frozen=True)
class Settled:
    """The version compared with the draft: the approved version of a report, or an impact assessment once its
    summary was produced for the decision (from then on it no longer changes)."""

    number: int | None  # None for an assessment
    frozen_at: Any


def _settled(round_: Round, sections: list[RoundSection]) -> tuple[Settled | None, dict[int, tuple[str, str] | None]]:
    """The settled version of the round's draft, if any, and per section open for comments its settled text
    (None where the section is not found in it)."""
    found: dict[int, tuple[str, str] | None] = {}
    assessment = round_.assessment
    if assessment is not None:
        if assessment.status not in SETTLED:
            return None, found
        parts = {part.key: part for part in assessment_parts(assessment)}
        for section in sections:
            part = parts.get(section.key)
            found[section.pk] = (part.text, "") if part is not None else ("", "")
        return Settled(None, assessment.ready_at), found
    version = approved_version(round_)
    if version is None:
        return None, found
    frozen = version.frozen.sections
    for section in sections:
        match = next((f for f in frozen if f.title == section.title), None)
        if match is None and section.key and section.key != "other":
            keyed = [f for f in frozen if f.key == section.key]
            match = keyed[0] if len(keyed) == 1 else None
        found[section.pk] = (
            None
            if match is None
            else (section_text(match.blocks), section_text(match.blocks, swedish=True) if section.text_sv else "")
        )
    return Settled(version.number, version.frozen_at), found


def what_changed(round_: Round, sections: list[RoundSection], *, swedish: bool = False) -> dict[str, Any]:
    """Per section open for comments: the word-by-word difference between its draft text and the settled text of
    the same section (a report's approved version: found by its title, or its outline key; an assessment ready
    for the decision: the same part), once there is one."""
    version, settled = _settled(round_, sections)
    found: dict[int, list[Piece] | None] = {}
    for section in sections:
        if section.pk not in settled:
            continue
        texts = settled[section.pk]
        if texts is None:
            found[section.pk] = None
            continue
        in_swedish = bool(swedish and section.text_sv)
        draft = section.text_sv if in_swedish else section.text
        pieces = diff(draft, texts[1] if in_swedish else texts[0])
        found[section.pk] = pieces if changed(pieces) else []
    return {"version": version, "sections": found}
