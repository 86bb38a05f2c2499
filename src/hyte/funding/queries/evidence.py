"""A saved what-if scenario written out as evidence (Markdown), for a report's section or an impact assessment:
what was changed, the score, rank and euros before and after, under which model version, and whether the model is
provisional. The numbers are the scenario's own (those it had when saved), so the evidence does not move later."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _

from hyte.core import clock
from hyte.core.formats import number
from hyte.funding.models import Scenario


def _number(value: object, decimals: int) -> str:
    return number(value, decimals) if isinstance(value, int | float) else "–"


def scenario_text(scenario: Scenario) -> str:
    """The scenario as Markdown, in the active language."""
    model = scenario.model
    titles = {indicator.code: indicator.title for indicator in model.indicators.all()}
    before, after = scenario.result.get("before", {}), scenario.result.get("after", {})
    saved = formats.date_format(scenario.created_at.astimezone(clock.HELSINKI).date(), "SHORT_DATE_FORMAT")
    what_if, changed, now, with_change = _("What-if"), _("Values changed"), _("Now"), _("With the change")
    score, rank, euros, result = _("Score (0–100)"), _("Rank"), _("Euros"), _("Result")
    lines = [
        f"**{what_if}: {scenario.title}**",
        "",
        _("%(area)s under the HYTE coefficient model %(model)s (funding year %(year)s, version %(version)s).")
        % {"area": scenario.area.name, "model": model.name, "year": model.funding_year, "version": model.version},
    ]
    if scenario.result.get("provisional"):
        lines.append(_("The model is provisional: a part of it still waits for a person to confirm it."))
    lines += ["", f"{changed}:", ""]
    lines += [f"- {titles.get(code, code)}: {_number(value, 1)}" for code, value in scenario.changes.items()]
    lines += [
        "",
        f"| {result} | {now} | {with_change} |",
        "|---|---|---|",
        f"| {score} | {_number(before.get('score'), 1)} | {_number(after.get('score'), 1)} |",
        f"| {rank} | {before.get('rank', '–')} | {after.get('rank', '–')} |",
        f"| {euros} | {_number(before.get('euros'), 0)} | {_number(after.get('euros'), 0)} |",
        "",
        _("Source: a what-if scenario saved in Hyte on %(day)s by %(organisation)s.")
        % {"day": saved, "organisation": scenario.organisation.display_name},
    ]
    return "\n".join(lines)
