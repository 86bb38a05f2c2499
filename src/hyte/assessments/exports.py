"""The assessment's summary for the decision proposal: a PDF (tagged, PDF/UA-1) and a DOCX, the usual attachment
formats of agendas. Both carry the same content as the summary page."""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from hyte.assessments import queries
from hyte.assessments.models import Assessment, Impact
from hyte.core import spreadsheet
from hyte.core.clock import HELSINKI
from hyte.core.pdf import render_pdf


def summary_pdf(assessment: Assessment) -> bytes:
    html = render_to_string(
        "assessments/summary_print.html",
        {"assessment": assessment, "language": translation.get_language() or "fi", **queries.summary(assessment)},
    )
    return render_pdf(html)


def _cell_text(impact: Impact | None) -> str:
    if impact is None:
        return "–"
    parts = [str(impact.get_direction_display())]
    parts += [str(label) for label in (impact.get_size_display(), impact.get_certainty_display()) if label]
    if impact.time_span:
        parts.append(str(impact.get_time_span_display()))
    text = ", ".join(parts)
    if impact.description:
        text += f"\n{impact.description}"
    codes = [indicator.title for indicator in impact.indicators.all()]
    if codes:
        text += "\n" + _("Indicators: %(list)s") % {"list": "; ".join(codes)}
    return text


def summary_docx(assessment: Assessment) -> bytes:
    import docx

    content = queries.summary(assessment)
    options = content["options"]
    document = docx.Document()
    document.core_properties.title = assessment.title
    document.core_properties.language = translation.get_language() or "fi"
    document.add_heading(assessment.title, level=0)
    document.add_paragraph(f"{assessment.get_kind_display()} – {assessment.organisation.name}")
    facts = [
        (_("Case number"), assessment.case_number),
        (_("Preparing body"), assessment.preparing_body),
        (_("Decision-maker"), assessment.decision_maker),
        (_("Preparer"), assessment.preparer.get_full_name() if assessment.preparer else ""),
        (_("Status"), str(assessment.get_status_display())),
    ]
    if assessment.decision_reference:
        facts.append(
            (
                _("Decision"),
                f"{assessment.decision_body} {assessment.decision_date:%d.%m.%Y} {assessment.decision_reference}",
            )
        )
    if assessment.follow_up_date:
        facts.append((_("Follow-up date"), f"{assessment.follow_up_date:%d.%m.%Y}"))
    for label, value in facts:
        if value:
            document.add_paragraph(f"{label}: {value}")
    if assessment.description:
        document.add_heading(_("What is being decided"), level=1)
        document.add_paragraph(assessment.description)
    document.add_heading(_("Options compared"), level=1)
    for option in options:
        document.add_paragraph(
            option.label + (f": {option.description}" if option.description else ""), style="List Bullet"
        )
    document.add_heading(_("Impact matrix"), level=1)
    table = document.add_table(rows=1, cols=len(options) + 1)
    table.style = "Table Grid"
    table.rows[0].cells[0].text = _("Impact area")
    for cell, option in zip(table.rows[0].cells[1:], options, strict=True):
        cell.text = option.label
    for row in content["matrix"]:
        cells = table.add_row().cells
        cells[0].text = str(row.area.label)
        for cell, (_option, impact) in zip(cells[1:], row.cells, strict=True):
            cell.text = _cell_text(impact)
    if assessment.cumulative_effects:
        document.add_heading(_("Cumulative and cross-cutting effects"), level=1)
        document.add_paragraph(assessment.cumulative_effects)
    if content["goal_fit"]:
        document.add_heading(_("Fit with the welfare plan"), level=1)
        table = document.add_table(rows=1, cols=len(options) + 1)
        table.style = "Table Grid"
        table.rows[0].cells[0].text = _("Goal")
        for cell, option in zip(table.rows[0].cells[1:], options, strict=True):
            cell.text = option.label
        for fit in content["goal_fit"]:
            cells = table.add_row().cells
            cells[0].text = fit.goal.text
            for cell, effect in zip(cells[1:], fit.effects, strict=True):
                cell.text = (
                    str(effect.get_effect_display()) + (f"\n{effect.note}" if effect.note else "") if effect else "–"
                )
    if content["hearings"]:
        document.add_heading(_("Hearings"), level=1)
        for hearing in content["hearings"]:
            when = f" ({hearing.heard_on:%d.%m.%Y})" if hearing.heard_on else ""
            document.add_heading(hearing.party + when, level=2)
            document.add_paragraph(hearing.views)
            if hearing.response:
                document.add_paragraph(_("Taken into account: %(response)s") % {"response": hearing.response})
    answered = [item for item in assessment.answers if item["answer"]]
    if answered:
        document.add_heading(_("The method's questions"), level=1)
        for item in answered:
            document.add_heading(item["question"], level=2)
            document.add_paragraph(item["answer"])
    document.add_heading(_("Conclusion"), level=1)
    if assessment.recommended_option:
        document.add_paragraph(_("Recommended option: %(option)s") % {"option": assessment.recommended_option.label})
    document.add_paragraph(assessment.conclusion or "–")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


REGISTER_COLUMNS = (
    "id",
    "title",
    "case_number",
    "kind",
    "status",
    "preparing_body",
    "decision_maker",
    "deadline",
    "created",
    "decision_date",
    "decision_reference",
    "follow_up_date",
)


def register_rows(assessments: Iterable[Assessment]) -> list[dict[str, object]]:
    """The register as plain rows: the same for the CSV download and the API."""
    return [
        {
            "id": a.pk,
            "title": a.title,
            "case_number": a.case_number,
            "kind": a.kind,
            "status": a.status,
            "preparing_body": a.preparing_body,
            "decision_maker": a.decision_maker,
            "deadline": a.deadline.isoformat() if a.deadline else None,
            "created": a.created_at.astimezone(HELSINKI).date().isoformat(),
            "decision_date": a.decision_date.isoformat() if a.decision_date else None,
            "decision_reference": a.decision_reference,
            "follow_up_date": a.follow_up_date.isoformat() if a.follow_up_date else None,
        }
        for a in assessments
    ]


def register_csv(assessments: Iterable[Assessment]) -> str:
    import csv

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=REGISTER_COLUMNS, delimiter=";")
    writer.writeheader()
    for row in register_rows(assessments):
        writer.writerow(spreadsheet.row({key: "" if value is None else value for key, value in row.items()}))
    return buffer.getvalue()
