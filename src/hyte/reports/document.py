"""A frozen report version made readable: the view model shared by the public page, its PDF, the static export
and the draft PDF of the signed-in pages.

Everything comes from the version's frozen content, so the page shows the values of the moment of approval
and later data never changes it. Swedish text is used where the organisation wrote it; elsewhere the Finnish
text is shown and marked `lang="fi"` so that screen readers pronounce it right.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from hyte.core.formats import format_number, number, signed
from hyte.indicators.models import AgeGroup
from hyte.reports import content as frozen
from hyte.reports.models import Direction, MeasureStatus, OutlineKey, ReportKind
from hyte.reports.queries.versions import Statuses
from hyte.reports.text import render_markdown
from hyte.situation.charts import line_chart

ImageSource = Callable[[int], str]  # an image's id → the address it is shown from


def _text(item: Any, field: str, language: str) -> tuple[str, str]:
    """The text of `field` in the page's language where written (Swedish for reports, English too for
    indicators' titles), else in Finnish, with its language code."""
    own = getattr(item, f"{field}_{language}", "") if language in ("sv", "en") else ""
    if own:
        return own, language
    return getattr(item, field) or "", "fi"


def source_text(source: str) -> str:
    """A value's source without the Finnish word "Lähde:" that earlier frozen versions stored with it: the page
    says "Source" in its own language."""
    return source.removeprefix("Lähde:").strip()


def _label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _indicator_block(key: str, indicator: frozen.ChartIndicator, *, area: str, language: str) -> dict[str, Any]:
    title, title_lang = _text(indicator, "title", language)
    decimals = indicator.decimals
    series = [(int(year), value) for year, value in indicator.series]
    known = [(year, value) for year, value in series if value is not None]
    if known:
        description = _("%(area)s, %(first)s–%(last)s: latest value %(value)s (%(year)s).") % {
            "area": area,
            "first": known[0][0],
            "last": known[-1][0],
            "value": format_number(known[-1][1], decimals),
            "year": known[-1][0],
        }
    else:
        description = _("No values in the data.")
    return {
        "id": key,
        "title": title,
        "lang": title_lang,
        "source": source_text(indicator.source),
        "description": description,
        "chart": line_chart(
            chart_id=key, title=title, description=description, series=[(area, series)], decimals=decimals
        ),
        "rows": [(year, format_number(value, decimals) if value is not None else "–") for year, value in series],
    }


def _progress(own: frozen.Progress | None, statuses: Statuses, kind: str, object_id: int | None) -> frozen.Progress:
    """The progress frozen with the item (an annual report's own), else the plan's latest published one."""
    if own is not None:
        return own
    if object_id is None:
        return frozen.Progress()
    return statuses.get((kind, object_id), frozen.Progress())


def _goal_indicator(gi: frozen.GoalIndicator, language: str) -> dict[str, Any]:
    name, name_lang = _text(gi, "indicator", language)
    decimals = 1
    return {
        "name": name,
        "lang": name_lang,
        "source": source_text(gi.source),
        "baseline": f"{number(gi.baseline_value, decimals)} ({gi.baseline_year})",
        "target": f"{number(gi.target_value, decimals)} ({gi.target_year})",
        "direction": _label(Direction, gi.direction),
        "latest": f"{format_number(gi.latest_value, decimals)} ({gi.latest_year})"
        if gi.latest_value is not None
        else "–",
        "change": signed(gi.change_since_baseline, decimals),
        "reached": gi.target_reached,
    }


def _measure(measure: frozen.Measure, statuses: Statuses) -> dict[str, Any]:
    progress = _progress(measure.progress, statuses, "m", measure.id)
    status = progress.status or measure.status
    budget = [measure.budget_line]
    if measure.budget_amount:
        budget.append(f"{format_number(float(measure.budget_amount), 0)} €")
    return {
        "text": measure.text,
        "parties": ", ".join(measure.responsible_parties),
        "schedule": measure.schedule,
        "budget": " ".join(part for part in budget if part),
        "status": status,
        "status_label": _label(MeasureStatus, status) if status else "",
        "progress": progress.text,
        "year": progress.year,
    }


def _goals(goals: list[frozen.Goal], *, language: str, statuses: Statuses) -> list[dict[str, Any]]:
    result = []
    for goal in goals:
        text, text_lang = _text(goal, "text", language)
        progress = _progress(goal.progress, statuses, "g", goal.id)
        result.append(
            {
                "text": text,
                "lang": text_lang,
                "theme": goal.theme,
                "age_group": _label(AgeGroup, goal.age_group) if goal.age_group else "",
                "origin": goal.origin_sv if language == "sv" and goal.origin_sv else goal.origin,
                "origin_lang": "sv" if language == "sv" and goal.origin_sv else "fi",
                "indicators": [_goal_indicator(gi, language) for gi in goal.indicators],
                "measures": [_measure(measure, statuses) for measure in goal.measures],
                "status": progress.status,
                "status_label": _label(MeasureStatus, progress.status) if progress.status else "",
                "progress": progress.text,
                "year": progress.year,
            }
        )
    return result


def _glance(goals: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The plan at a glance for residents: measures by their latest status, and targets reached."""
    measures = [measure for goal in goals for measure in goal["measures"]]
    targets = [gi for goal in goals for gi in goal["indicators"]]
    if not measures and not targets:
        return None
    counts = dict.fromkeys(MeasureStatus, 0)
    for measure in measures:
        counts[MeasureStatus(measure["status"] or MeasureStatus.NOT_STARTED)] += 1
    return {
        "goals": len(goals),
        "measures": len(measures),
        "by_status": [(status.value, status.label, n) for status, n in counts.items() if n],
        "targets": len(targets),
        "reached": sum(1 for gi in targets if gi["reached"] is True),
    }


def _image(block: frozen.Block, language: str, image_src: ImageSource | None) -> dict[str, str] | None:
    if block.image is None or image_src is None:
        return None
    alt = block.alt_sv if language == "sv" and block.alt_sv else block.alt
    return {"src": image_src(block.image), "alt": alt, "lang": "sv" if alt and alt == block.alt_sv else "fi"}


def _sections(
    content: frozen.FrozenReport, *, area_name: str, language: str, image_src: ImageSource | None = None
) -> list[dict[str, Any]]:
    sections = []
    for s_index, section in enumerate(content.sections, start=1):
        section_title, section_lang = _text(section, "title", language)
        if not section_title and section.key:
            section_title, section_lang = _label(OutlineKey, section.key), language
        blocks = []
        for b_index, block in enumerate(section.blocks, start=1):
            indicators = [
                _indicator_block(f"chart-{s_index}-{b_index}-{key}", indicator, area=area_name, language=language)
                for key, indicator in block.indicators.items()
            ]
            text, text_lang = _text(block, "text", language)
            html = render_markdown(text)
            image = _image(block, language, image_src)
            if not html and not block.items and not indicators and image is None:
                continue
            blocks.append(
                {
                    "kind": block.kind,
                    "html": html,
                    "lang": text_lang,
                    "items": block.items,
                    "indicators": indicators,
                    "image": image,
                }
            )
        sections.append(
            {"anchor": f"section-{s_index}", "title": section_title, "lang": section_lang, "blocks": blocks}
        )
    return sections


def build(
    content: frozen.FrozenReport,
    *,
    area_name: str,
    language: str,
    statuses: Statuses | None = None,
    image_src: ImageSource | None = None,
) -> dict[str, Any]:
    """The view model of one frozen version in `language`; `statuses` are the latest annual follow-up's;
    `image_src` gives an image block's address (a URL on the web, a data URL in the PDF)."""
    statuses = statuses or {}
    title, title_lang = _text(content, "title", language)
    sections = _sections(content, area_name=area_name, language=language, image_src=image_src)
    decision = content.decision
    follow_up = content.follow_up
    goals = _goals(content.goals, language=language, statuses=statuses)
    followed = _goals(follow_up.goals, language=language, statuses={}) if follow_up else []
    return {
        "title": title,
        "lang": title_lang,
        "kind": content.kind,
        "kind_label": _label(ReportKind, content.kind),
        "term": (content.term_start, content.term_end),
        "year": content.year,
        "decision_body": decision.body,
        "decision_date": date_format(decision.date, "j.n.Y") if decision.date else "",
        "decision_reference": decision.reference,
        "sections": sections,
        "goals": goals,
        "follow_up": followed,
        "glance": _glance(goals or followed),
        "chart_count": sum(len(b["indicators"]) for s in sections for b in s["blocks"]),
    }


def print_html(context: dict[str, Any], lang: str) -> str:
    """The whole print document (HTML for WeasyPrint) of a version's context."""
    with override(lang):
        return render_to_string("public/report_print.html", {**context, "lang": lang})
