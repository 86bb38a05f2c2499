"""A frozen report version made readable: the view model shared by the public page, its PDF and the static export.

Everything comes from the version's frozen content, so the page shows the values of the moment of approval
and later data never changes it. Swedish text is used where the organisation wrote it; elsewhere the Finnish
text is shown and marked `lang="fi"` so that screen readers pronounce it right.
"""

from __future__ import annotations

from typing import Any

from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hyte.core.templatetags.hyte import format_number, number, signed
from hyte.indicators.models import AgeGroup
from hyte.reports.models import Direction, MeasureStatus, OutlineKey, ReportKind
from hyte.reports.queries import render_markdown
from hyte.situation.charts import line_chart


def _text(item: dict[str, Any], field: str, language: str) -> tuple[str, str]:
    """The text of `field` in the page's language where written, else in Finnish, with its language code."""
    if language == "sv" and item.get(f"{field}_sv"):
        return item[f"{field}_sv"], "sv"
    return item.get(field) or "", "fi"


def _label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _indicator_block(key: str, indicator: dict[str, Any], *, area: str, language: str) -> dict[str, Any]:
    title, title_lang = _text(indicator, "title", language)
    decimals = indicator.get("decimals", 1)
    series = [(int(year), value) for year, value in indicator.get("series", [])]
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
        "source": indicator.get("source", ""),
        "description": description,
        "chart": line_chart(
            chart_id=key, title=title, description=description, series=[(area, series)], decimals=decimals
        ),
        "rows": [(year, format_number(value, decimals) if value is not None else "–") for year, value in series],
    }


def _goals(goals: list[dict[str, Any]], *, language: str, statuses: dict[tuple[str, int], Any]) -> list[dict[str, Any]]:
    result = []
    for goal in goals:
        text, text_lang = _text(goal, "text", language)
        indicators = []
        for gi in goal["indicators"]:
            name, name_lang = _text(gi, "indicator", language)
            decimals = 1
            indicators.append(
                {
                    "name": name,
                    "lang": name_lang,
                    "source": gi.get("source", ""),
                    "baseline": f"{number(gi.get('baseline_value'), decimals)} ({gi['baseline_year']})",
                    "target": f"{number(gi.get('target_value'), decimals)} ({gi['target_year']})",
                    "direction": _label(Direction, gi["direction"]),
                    "latest": f"{format_number(gi['latest_value'], decimals)} ({gi['latest_year']})"
                    if gi.get("latest_value") is not None
                    else "–",
                    "change": signed(gi.get("change_since_baseline"), decimals),
                    "reached": gi.get("target_reached"),
                }
            )
        measures = []
        for measure in goal["measures"]:
            progress = measure.get("progress") or statuses.get(("m", measure.get("id")))
            status = (progress or {}).get("status") or measure.get("status", "")
            measures.append(
                {
                    "text": measure["text"],
                    "parties": ", ".join(measure.get("responsible_parties") or []),
                    "schedule": measure.get("schedule", ""),
                    "budget": " ".join(
                        part
                        for part in [
                            measure.get("budget_line", ""),
                            f"{format_number(float(measure['budget_amount']), 0)} €"
                            if measure.get("budget_amount")
                            else "",
                        ]
                        if part
                    ),
                    "status": status,
                    "status_label": _label(MeasureStatus, status) if status else "",
                    "progress": (progress or {}).get("text", ""),
                    "year": (progress or {}).get("year"),
                }
            )
        progress = goal.get("progress") or statuses.get(("g", goal.get("id")))
        result.append(
            {
                "text": text,
                "lang": text_lang,
                "theme": goal.get("theme", ""),
                "age_group": _label(AgeGroup, goal.get("age_group", "")) if goal.get("age_group") else "",
                "indicators": indicators,
                "measures": measures,
                "status": (progress or {}).get("status", ""),
                "status_label": _label(MeasureStatus, progress["status"]) if progress else "",
                "progress": (progress or {}).get("text", ""),
                "year": (progress or {}).get("year"),
            }
        )
    return result


def build(
    content: dict[str, Any], *, area_name: str, language: str, statuses: dict[tuple[str, int], Any] | None = None
) -> dict[str, Any]:
    """The view model of one frozen version in `language`; `statuses` are the latest annual follow-up's."""
    statuses = statuses or {}
    title, title_lang = _text(content, "title", language)
    sections = []
    for s_index, section in enumerate(content["sections"], start=1):
        section_title, section_lang = _text(section, "title", language)
        if not section_title and section.get("key"):
            section_title, section_lang = _label(OutlineKey, section["key"]), language
        blocks = []
        for b_index, block in enumerate(section["blocks"], start=1):
            indicators = [
                _indicator_block(f"chart-{s_index}-{b_index}-{key}", indicator, area=area_name, language=language)
                for key, indicator in block.get("indicators", {}).items()
            ]
            text, text_lang = _text(block, "text", language)
            html = render_markdown(text)
            if not html and not block.get("items") and not indicators:
                continue
            blocks.append(
                {
                    "kind": block["kind"],
                    "html": html,
                    "lang": text_lang,
                    "items": block.get("items") or [],
                    "indicators": indicators,
                }
            )
        sections.append(
            {"anchor": f"section-{s_index}", "title": section_title, "lang": section_lang, "blocks": blocks}
        )
    decision = content.get("decision") or {}
    decided = parse_date(decision["date"]) if decision.get("date") else None
    follow_up = content.get("follow_up")
    return {
        "title": title,
        "lang": title_lang,
        "kind": content.get("kind", ""),
        "kind_label": _label(ReportKind, content.get("kind", "")),
        "term": content.get("term"),
        "year": content.get("year"),
        "decision_body": decision.get("body", ""),
        "decision_date": date_format(decided, "j.n.Y") if decided else "",
        "decision_reference": decision.get("reference", ""),
        "sections": sections,
        "goals": _goals(content.get("goals", []), language=language, statuses=statuses),
        "follow_up": _goals(follow_up["goals"], language=language, statuses={}) if follow_up else [],
        "chart_count": sum(len(b["indicators"]) for s in sections for b in s["blocks"]),
    }
