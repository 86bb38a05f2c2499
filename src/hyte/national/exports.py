"""The survey's results as an XLSX file: one row per organisation asked, the fixed questions and the added ones."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _

from hyte.national.models import Structure, SurveyRound
from hyte.national.queries import Results


def results_xlsx(survey: SurveyRound, found: Results) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet: Any = workbook.active
    sheet.title = str(survey.year)
    questions = [question for question, _tally in found.extra]
    sheet.append(
        [
            _("Organisation"),
            _("Area code"),
            _("A hyte coordinator is named"),
            _("The coordinator"),
            _("Person-years"),
            *[str(label) for label in Structure.labels],
            _("Cooperation agreed with the county"),
            *[question.text for question in questions],
            _("Submitted"),
        ]
    )
    for answer in found.answers:
        named = answer.coordinator_named
        sheet.append(
            [
                answer.organisation.name,
                answer.organisation.area.code if answer.organisation.area else "",
                "" if named is None else (_("yes") if named else _("no")),
                answer.coordinator_name,
                float(answer.person_years) if answer.person_years is not None else None,
                *[_("yes") if code in answer.structures else "" for code in Structure.values],
                answer.county_cooperation,
                *[_cell(answer.extra.get(str(question.pk))) for question in questions],
                answer.submitted_at.date().isoformat() if answer.submitted_at else "",
            ]
        )
    sheet.append([])
    sheet.append([_("Organisations asked"), found.asked])
    sheet.append([_("Answers submitted"), found.submitted])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value
