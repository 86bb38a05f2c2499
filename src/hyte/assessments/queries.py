"""Reading impact assessments, always scoped to one organisation the user may read drafts of.

Members read their organisation's assessments (readers included); a county reads a municipality's assessments
only where the municipality shares its drafts with it; everyone else gets "not found".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, permissions_for
from hyte.assessments.methods import DEFAULT_METHODS
from hyte.assessments.models import (
    POPULATION_GROUPS,
    Assessment,
    AssessmentStatus,
    AssessmentTemplate,
    Certainty,
    GoalEffect,
    Impact,
    ImpactArea,
    ImpactDirection,
    ImpactSize,
    Option,
    TemplateKind,
)
from hyte.core.actors import Viewer
from hyte.core.clock import HELSINKI
from hyte.indicators.models import Indicator
from hyte.indicators.picker import latest_values
from hyte.indicators.queries import visible_indicators
from hyte.reports.models import Goal, ReportKind


def assessments_of(organisation: Organisation) -> QuerySet[Assessment]:
    return Assessment.objects.filter(organisation=organisation).select_related("preparer")


def copyable(organisation: Organisation) -> QuerySet[Assessment]:
    """The organisation's assessments that have a matrix to copy: past screening, not closed without one."""
    return assessments_of(organisation).exclude(status__in=[AssessmentStatus.SCREENING, AssessmentStatus.CLOSED])


def readable_assessments(user: Viewer, organisation: Organisation) -> QuerySet[Assessment]:
    if not permissions_for(user).can(Action.VIEW_DRAFTS, organisation):
        raise Http404
    return assessments_of(organisation)


def assessment_for(user: Viewer, organisation: Organisation, assessment_id: int) -> Assessment:
    """An assessment of `organisation` that `user` may read; 404 otherwise (missing or forbidden alike)."""
    return get_object_or_404(
        readable_assessments(user, organisation).select_related("organisation", "recommended_option"),
        pk=assessment_id,
    )


def method_of(organisation: Organisation, kind: str) -> AssessmentTemplate:
    """The organisation's own version of a method, or (unsaved) the default it starts from. A read never writes:
    the organisation's copy is stored when a coordinator first changes it."""
    found = AssessmentTemplate.objects.filter(organisation=organisation, kind=kind).first()
    if found is not None:
        return found
    name, guidance, questions = DEFAULT_METHODS[kind]
    return AssessmentTemplate(
        organisation=organisation, kind=kind, name=name, guidance=guidance, questions=list(questions)
    )


def methods_of(organisation: Organisation) -> list[AssessmentTemplate]:
    stored = {t.kind: t for t in AssessmentTemplate.objects.filter(organisation=organisation)}
    return [stored.get(kind) or method_of(organisation, kind) for kind in TemplateKind.values]


def method_questions(organisation: Organisation, kind: str) -> list[dict[str, str]]:
    """The method's questions, unanswered: what a new assessment (or a concluded screening) starts with."""
    return [{"question": question, "answer": ""} for question in method_of(organisation, kind).questions]


def indicators_by_code(*, actor: Viewer, organisation: Organisation, codes: Sequence[str]) -> list[Indicator]:
    """Indicators by their code at the source (e.g. Sotkanet's 127 or an own indicator's KH1) among those the actor
    may see; the organisation's own indicator wins over a shared one with the same code. Unknown codes are refused
    by name, so nothing is linked half-way."""
    wanted = [code.strip() for code in codes if code and code.strip()]
    if not wanted:
        return []
    pool = visible_indicators(actor).filter(
        Q(organisation__isnull=True) | Q(organisation=organisation), source_id__in=wanted
    )
    by_code: dict[str, Indicator] = {}
    for indicator in pool.order_by("organisation_id", "pk"):
        current = by_code.get(indicator.source_id)
        if current is None or (current.organisation_id is None and indicator.organisation_id is not None):
            by_code[indicator.source_id] = indicator
    unknown = [code for code in dict.fromkeys(wanted) if code not in by_code]
    if unknown:
        raise ValidationError(
            _("Unknown indicator %(codes)s: no indicator with that code is available to this organisation.")
            % {"codes": ", ".join(unknown)}
        )
    return [by_code[code] for code in dict.fromkeys(wanted)]


def option_for(assessment: Assessment, option_id: int) -> Option:
    return get_object_or_404(Option, pk=option_id, assessment=assessment)


def search(
    assessments: QuerySet[Assessment],
    *,
    text: str = "",
    body: str = "",
    status: str = "",
    group: str = "",
    goal: int | None = None,
    year: int | None = None,
) -> QuerySet[Assessment]:
    """The register's filters. A population group matches assessments with an assessed effect on it."""
    if text:
        assessments = assessments.filter(Q(title__icontains=text) | Q(case_number__icontains=text))
    if body:
        assessments = assessments.filter(Q(preparing_body__iexact=body) | Q(decision_maker__iexact=body))
    if status:
        assessments = assessments.filter(status=status)
    if group:
        assessments = assessments.filter(
            pk__in=Impact.objects.filter(area=group)
            .exclude(direction=ImpactDirection.NONE)
            .values("option__assessment_id")
        )
    if goal:
        assessments = assessments.filter(pk__in=GoalEffect.objects.filter(goal_id=goal).values("option__assessment_id"))
    if year:
        assessments = assessments.filter(created_at__year=year)
    return assessments.order_by("-created_at", "-id")


def bodies(organisation: Organisation) -> list[str]:
    """Preparing bodies and decision-makers named in the organisation's assessments, for the register's filter."""
    found = assessments_of(organisation).values_list("preparing_body", "decision_maker")
    return sorted({name for pair in found for name in pair if name}, key=str.casefold)


def years(organisation: Organisation) -> list[int]:
    return sorted(
        set(
            assessments_of(organisation)
            .annotate(year=ExtractYear("created_at", tzinfo=HELSINKI))
            .values_list("year", flat=True)
        ),
        reverse=True,
    )


def plan_goals(organisation: Organisation) -> QuerySet[Goal]:
    """The goals of the organisation's welfare plans (broad and regional reports), for the plan fit."""
    return (
        Goal.objects.filter(report__organisation=organisation)
        .exclude(report__kind=ReportKind.ANNUAL)
        .select_related("report")
        .order_by("-report__term_start", "report_id", "position", "id")
    )


@dataclass
class YearCounts:
    year: int
    started: int = 0
    screened_out: int = 0
    full: int = 0
    child: int = 0
    decided: int = 0
    followed_up: int = 0
    by_status: Counter[str] = field(default_factory=Counter)


def counts_per_year(organisation: Organisation) -> list[YearCounts]:
    """For the annual report: assessments started each year, how many were screened out, how many were full
    EVA/IVA or LAVA assessments, and how many reached the decision and the follow-up."""
    rows: dict[int, YearCounts] = {}
    found = (
        assessments_of(organisation)
        .annotate(year=ExtractYear("created_at", tzinfo=HELSINKI))
        .values_list("year", "kind", "status")
    )
    for year, kind, status in found:
        row = rows.setdefault(year, YearCounts(year=year))
        row.started += 1
        row.by_status[status] += 1
        if status == AssessmentStatus.CLOSED:
            row.screened_out += 1
        elif kind == TemplateKind.FULL:
            row.full += 1
        elif kind == TemplateKind.CHILD:
            row.child += 1
        if status in (AssessmentStatus.DECIDED, AssessmentStatus.FOLLOWED_UP):
            row.decided += 1
        if status == AssessmentStatus.FOLLOWED_UP:
            row.followed_up += 1
    return [rows[year] for year in sorted(rows, reverse=True)]


@dataclass
class MatrixRow:
    area: ImpactArea
    is_population_group: bool
    cells: list[tuple[Option, Impact | None]]  # (option, its cell) in the options' order


def options_with_impacts(assessment: Assessment) -> list[Option]:
    return list(
        assessment.options.prefetch_related(
            Prefetch("impacts", queryset=Impact.objects.prefetch_related("indicators")),
            Prefetch("goal_effects", queryset=GoalEffect.objects.select_related("goal__report")),
        )
    )


def matrix(options: list[Option]) -> list[MatrixRow]:
    """Impact areas × options: one row per impact area, one cell (or None) per option."""
    cells = {(impact.option_id, impact.area): impact for option in options for impact in option.impacts.all()}
    return [
        MatrixRow(
            area=area,
            is_population_group=area in POPULATION_GROUPS,
            cells=[(option, cells.get((option.pk, area.value))) for option in options],
        )
        for area in ImpactArea
    ]


# The comparison rule (docs/assessments.md): each assessed effect weighs its size times its certainty, so that
# one large, certain harm is not outweighed by two small, uncertain gains; an unknown effect weighs nothing but is
# counted, and so is an impact area left unassessed. Options are compared with "no change" by their net weight.
SIZE_WEIGHT = {ImpactSize.SMALL: 1, ImpactSize.MODERATE: 2, ImpactSize.LARGE: 3}
CERTAINTY_WEIGHT = {Certainty.LOW: 0.5, Certainty.MEDIUM: 0.75, Certainty.HIGH: 1.0}


COMPARISON_RULE = gettext_lazy(
    "Each positive or negative effect weighs its size (small 1, moderate 2, large 3) times its certainty (uncertain"
    " 0.5, fairly certain 0.75, certain 1). An option's net weight is its positive weights minus its negative ones;"
    " options are compared with no change by their net weights. An unknown effect weighs nothing, and it is shown"
    " beside the weights with the impact areas not assessed, because they make the comparison less certain."
)


def weight(impact: Impact) -> float:
    """An effect's weight: + or − size × certainty; 0 for no effect and for unknown."""
    sign = {ImpactDirection.POSITIVE: 1, ImpactDirection.NEGATIVE: -1}.get(ImpactDirection(impact.direction), 0)
    if not sign or not impact.size or not impact.certainty:
        return 0.0
    return sign * SIZE_WEIGHT[ImpactSize(impact.size)] * CERTAINTY_WEIGHT[Certainty(impact.certainty)]


def balance(options: list[Option]) -> list[dict[str, Any]]:
    """Per option: its effects by direction, their weighed gains and losses, the net weight and the net compared
    with no change, and how many impact areas are unknown or not assessed yet."""
    rows: list[dict[str, Any]] = []
    for option in options:
        impacts = list(option.impacts.all())
        counted = Counter(impact.direction for impact in impacts)
        weights = [weight(impact) for impact in impacts]
        rows.append(
            {
                "option": option,
                "positive": counted[ImpactDirection.POSITIVE],
                "negative": counted[ImpactDirection.NEGATIVE],
                "none": counted[ImpactDirection.NONE],
                "unknown": counted[ImpactDirection.UNKNOWN],
                "assessed": len(impacts),
                "unassessed": len(ImpactArea) - len(impacts),
                "gains": sum(w for w in weights if w > 0),
                "losses": -sum(w for w in weights if w < 0),
                "net": sum(weights),
            }
        )
    baseline = next((row["net"] for row in rows if row["option"].is_no_change), 0.0)
    for row in rows:
        row["versus_no_change"] = row["net"] - baseline
    return rows


def evidence(assessment: Assessment, options: list[Option]) -> dict[int, tuple[int, float]]:
    """The latest value of every indicator linked to a cell, in the organisation's area: id → (year, value)."""
    ids = {i.pk for option in options for impact in option.impacts.all() for i in impact.indicators.all()}
    return latest_values(sorted(ids), area_id=assessment.organisation.area_id)


def cell_evidence(impact: Impact | None, latest: dict[int, tuple[int, float]]) -> list[tuple[Indicator, Any, Any]]:
    """A cell's indicators, each with its latest (year, value) or (None, None)."""
    if impact is None:
        return []
    return [(i, *latest.get(i.pk, (None, None))) for i in impact.indicators.all()]


@dataclass
class GoalFit:
    goal: Goal
    effects: list[GoalEffect | None]


def goal_fit(options: list[Option]) -> list[GoalFit]:
    """The plan goals any option bears on, each with the effect of every option (or None where not assessed)."""
    by_goal: dict[int, dict[int, GoalEffect]] = defaultdict(dict)
    goals: dict[int, Goal] = {}
    for option in options:
        for effect in option.goal_effects.all():
            goals[effect.goal_id] = effect.goal
            by_goal[effect.goal_id][option.pk] = effect
    ordered = sorted(goals.values(), key=lambda g: (g.report_id, g.position, g.pk))
    return [GoalFit(goal=g, effects=[by_goal[g.pk].get(o.pk) for o in options]) for g in ordered]


def assessments_touching(*, report_id: int) -> dict[int, list[GoalEffect]]:
    """For the plan: the assessment effects recorded on each goal of a report, newest assessment first.

    The goals' report and the assessments belong to the same organisation (the services refuse anything else),
    so whoever reads the plan may read these too.
    """
    found: dict[int, list[GoalEffect]] = defaultdict(list)
    effects = (
        GoalEffect.objects.filter(goal__report_id=report_id)
        .select_related("option__assessment")
        .order_by("-option__assessment__created_at", "option__position")
    )
    for effect in effects:
        found[effect.goal_id].append(effect)
    return found


def due_for_follow_up(organisation: Organisation, *, on: Any) -> QuerySet[Assessment]:
    return assessments_of(organisation).filter(status=AssessmentStatus.DECIDED, follow_up_date__lte=on)


def summary(assessment: Assessment) -> dict[str, Any]:
    """Everything the detail page, the summary page, the PDF and the DOCX show, read in a fixed number of queries."""
    options = options_with_impacts(assessment)
    latest = evidence(assessment, options)
    for option in options:
        for impact in option.impacts.all():
            impact.evidence = cell_evidence(impact, latest)  # type: ignore[attr-defined]
    return {
        "options": options,
        "matrix": matrix(options),
        "balance": balance(options),
        "comparison_rule": COMPARISON_RULE,
        "goal_fit": goal_fit(options),
        "hearings": list(assessment.hearings.all()),
        "participants": list(assessment.participants.all()),
        "other_participants": [line for line in assessment.other_participants.splitlines() if line.strip()],
    }
