"""The report as it stands, with the indicator values of this moment: what approval freezes, and what the API,
the draft PDF and version comparison read."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from hyte.indicators.models import Observation
from hyte.reports import content as frozen
from hyte.reports.models import Goal, Progress, Report, ReportKind, ReportVersion
from hyte.reports.queries.progress import indicator_changes


def snapshot(report: Report) -> frozen.FrozenReport:
    """The report's content now. An annual report also freezes its follow-up: each goal and measure of the plan
    with the year's status, progress text and each indicator's change since the baseline."""
    area_id = report.organisation.area_id
    sections = list(report.sections.prefetch_related("blocks__indicators"))
    series = _series(sections, area_id)
    follow_up = None
    if report.kind == ReportKind.ANNUAL and report.plan_report is not None:
        progress: dict[tuple[str, int], frozen.Progress] = {}
        for e in Progress.objects.filter(report=report):
            key = ("g", e.goal_id) if e.goal_id else ("m", e.measure_id)
            if key[1] is not None:
                progress[(key[0], key[1])] = frozen.Progress(status=e.status, text=e.text)
        plan_goals = _goals(report.plan_report.goals.all(), area_id=area_id, until=report.year, progress=progress)
        follow_up = frozen.FollowUp(plan=report.plan_report_id, goals=plan_goals)
    return frozen.FrozenReport(
        title=report.title,
        title_sv=report.title_sv,
        kind=report.kind,
        term_start=report.term_start,
        term_end=report.term_end,
        year=report.year,
        decision=frozen.Decision(
            body=report.decision_body, date=report.decision_date, reference=report.decision_reference
        ),
        sections=[
            frozen.Section(
                key=section.key,
                title=section.title,
                title_sv=section.title_sv,
                blocks=[
                    frozen.Block(
                        kind=block.kind,
                        text=block.text,
                        text_sv=block.text_sv,
                        items=block.items,
                        image=block.image_id,
                        alt=block.alt_text,
                        alt_sv=block.alt_text_sv,
                        indicators={
                            str(indicator.pk): frozen.ChartIndicator(
                                source_id=indicator.source_id,
                                title=indicator.title_fi,
                                title_sv=indicator.title_sv,
                                title_en=indicator.title_en,
                                decimals=indicator.decimals,
                                source=indicator.attribution,
                                series=series.get(indicator.pk, []),
                            )
                            for indicator in block.indicators.all()
                        }
                        if area_id is not None
                        else {},
                    )
                    for block in section.blocks.all()
                ],
            )
            for section in sections
        ],
        goals=_goals(report.goals.all(), area_id=area_id, until=report.year, progress={}),
        follow_up=follow_up,
    )


def _series(sections: list[Any], area_id: int | None) -> dict[int, list[tuple[int, float | None]]]:
    """Every shown indicator's yearly values in the organisation's area, in one query."""
    series: dict[int, list[tuple[int, float | None]]] = {}
    if area_id is None:
        return series
    shown = {indicator.pk for section in sections for b in section.blocks.all() for indicator in b.indicators.all()}
    rows = Observation.objects.filter(
        indicator_id__in=shown, area_id=area_id, gender="total", age_group="", period=""
    ).order_by("indicator_id", "year")
    for indicator_id, year, value in rows.values_list("indicator_id", "year", "value"):
        series.setdefault(indicator_id, []).append((year, value))
    return series


def _goals(
    goals: QuerySet[Goal],
    *,
    area_id: int | None,
    until: int | None,
    progress: dict[tuple[str, int], frozen.Progress],
) -> list[frozen.Goal]:
    # The plan as it stands: what an amendment retired is left out, except where this year's follow-up has it.
    followed = {key[1] for key in progress if key[0] == "g"}, {key[1] for key in progress if key[0] == "m"}
    all_goals = [
        goal
        for goal in goals.prefetch_related("goal_indicators__indicator", "measures")
        if goal.retired_by_id is None or goal.pk in followed[0]
    ]
    tied = [gi for goal in all_goals for gi in goal.goal_indicators.all() if gi.retired_by_id is None]
    changes = indicator_changes(tied, area_id=area_id, until=until) if area_id and tied else {}
    return [
        frozen.Goal(
            id=goal.pk,
            carried_from=goal.carried_from_id,
            progress=progress.get(("g", goal.pk)),
            text=goal.text,
            text_sv=goal.text_sv,
            theme=goal.theme,
            age_group=goal.age_group,
            origin=goal.origin,
            origin_sv=goal.origin_sv,
            indicators=[
                frozen.GoalIndicator(
                    indicator=gi.indicator.title_fi,
                    indicator_sv=gi.indicator.title_sv,
                    indicator_en=gi.indicator.title_en,
                    source_id=gi.indicator.source_id,
                    source=gi.indicator.attribution,
                    baseline_year=gi.baseline_year,
                    baseline_value=gi.baseline_value,
                    target_year=gi.target_year,
                    target_value=gi.target_value,
                    direction=gi.direction,
                    **changes.get(gi.pk, {}),
                )
                for gi in goal.goal_indicators.all()
                if gi.retired_by_id is None
            ],
            measures=[
                frozen.Measure(
                    id=m.pk,
                    carried_from=m.carried_from_id,
                    progress=progress.get(("m", m.pk)),
                    text=m.text,
                    responsible_parties=m.responsible_parties,
                    schedule=m.schedule,
                    budget_line=m.budget_line,
                    budget_amount=str(m.budget_amount) if m.budget_amount is not None else None,
                    status=m.status,
                )
                for m in goal.measures.all()
                if m.retired_by_id is None or m.pk in followed[1]
            ],
        )
        for goal in all_goals
    ]


def compare_versions(old: ReportVersion, new: ReportVersion) -> dict[str, list[Any]]:
    """What changed between two frozen versions: section texts, goals and measures added or removed."""
    before, after = old.frozen, new.frozen

    def texts(content: frozen.FrozenReport) -> dict[str, str]:
        return {s.title: "\n".join(b.text for b in s.blocks) for s in content.sections}

    def goal_texts(content: frozen.FrozenReport) -> set[str]:
        return {g.text for g in content.goals}

    def measure_texts(content: frozen.FrozenReport) -> set[str]:
        return {m.text for g in content.goals for m in g.measures}

    old_texts, new_texts = texts(before), texts(after)
    return {
        "sections_changed": sorted(t for t in new_texts if old_texts.get(t) != new_texts[t]),
        "goals_added": sorted(goal_texts(after) - goal_texts(before)),
        "goals_removed": sorted(goal_texts(before) - goal_texts(after)),
        "measures_added": sorted(measure_texts(after) - measure_texts(before)),
        "measures_removed": sorted(measure_texts(before) - measure_texts(after)),
    }
