"""Exports for the council: the report as PDF and DOCX (the usual attachment formats of agendas), the plan as
XLSX."""

from __future__ import annotations

import io
import re
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from hyte.core import clock
from hyte.core.formats import format_number
from hyte.core.pdf import render_pdf
from hyte.core.spreadsheet import xlsx_row
from hyte.reports import content as frozen
from hyte.reports.chart_png import line_chart_png
from hyte.reports.document import build, print_html
from hyte.reports.images import data_uris
from hyte.reports.models import Measure, Report, ReportImage, ReportVersion
from hyte.reports.queries import latest_statuses, snapshot


def _plain(markdown_text: str) -> list[str]:
    """Paragraphs of a Markdown text, without markup."""
    text = re.sub(r"<[^>]+>", "", markdown_text or "")
    text = re.sub(r"[*_`#>]+", "", text)
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def _image_bytes(image_ids: set[int]) -> dict[int, bytes]:
    return {pk: bytes(data) for pk, data in ReportImage.objects.filter(pk__in=image_ids).values_list("pk", "data")}


def _picture(document: Any, data: bytes, *, alt: str) -> None:
    """A picture with its text alternative (Word's "alt text", read by screen readers)."""
    from docx.shared import Cm

    document.add_picture(io.BytesIO(data), width=Cm(15))
    document.inline_shapes[-1]._inline.docPr.set("descr", alt)


def _chart(document: Any, indicator: frozen.ChartIndicator) -> None:
    """A chart as a picture, its values as a table beside it (the same values, readable without the picture)."""
    values = [(year, value) for year, value in indicator.series if value is not None]
    png = line_chart_png(
        title=indicator.title, series=values, decimals=indicator.decimals, source=f"{_('Source')}: {indicator.source}"
    )
    described = "; ".join(f"{year}: {format_number(value, indicator.decimals)}" for year, value in values)
    _picture(document, png, alt=f"{indicator.title}. {described}")
    if values:
        table = document.add_table(rows=2, cols=len(values))
        table.style = "Table Grid"
        for column, (year, value) in enumerate(values):
            table.rows[0].cells[column].text = str(year)
            table.rows[1].cells[column].text = format_number(value, indicator.decimals)


def report_docx(report: Report) -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = report.title
    document.core_properties.language = "fi"
    document.add_heading(report.title, level=0)
    document.add_paragraph(f"{report.organisation.name}, {report.term_start}–{report.term_end}")
    if report.decision_date:
        document.add_paragraph(
            _("Approved: %(body)s, %(date)s, %(reference)s")
            % {
                "body": report.decision_body,
                "date": f"{report.decision_date:%-d.%-m.%Y}",
                "reference": report.decision_reference,
            }
        )
    content = snapshot(report)
    images = _image_bytes(content.image_ids())
    for section in content.sections:
        document.add_heading(section.title, level=1)
        for block in section.blocks:
            if block.image is not None and block.image in images:
                _picture(document, images[block.image], alt=block.alt)
            for paragraph in _plain(block.text):
                document.add_paragraph(paragraph)
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
            for indicator in block.indicators.values():
                _chart(document, indicator)
    goals = list(report.goals.prefetch_related("goal_indicators__indicator", "measures"))
    if goals:
        document.add_heading(_("Goals and measures"), level=1)
        for goal in goals:
            document.add_heading(goal.text, level=2)
            if goal.origin:
                document.add_paragraph(goal.origin)
            for tied in goal.goal_indicators.all():
                document.add_paragraph(
                    _("%(indicator)s: baseline %(baseline)s (%(baseline_year)s), target %(target)s (%(target_year)s)")
                    % {
                        "indicator": tied.indicator.title,
                        "baseline": tied.baseline_value if tied.baseline_value is not None else "–",
                        "baseline_year": tied.baseline_year,
                        "target": tied.target_value if tied.target_value is not None else "–",
                        "target_year": tied.target_year,
                    },
                    style="List Bullet",
                )
            measures = list(goal.measures.all())
            if measures:
                table = document.add_table(rows=1, cols=4)
                table.style = "Table Grid"
                for cell, text in zip(
                    table.rows[0].cells,
                    (_("Measure"), _("Responsible parties"), _("Schedule"), _("Status")),
                    strict=True,
                ):
                    cell.text = text
                for measure in measures:
                    cells = table.add_row().cells
                    cells[0].text = measure.text
                    cells[1].text = ", ".join(measure.responsible_parties)
                    cells[2].text = measure.schedule
                    cells[3].text = str(measure.get_status_display())
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def plan_xlsx(report: Report) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.create_sheet(_("Plan")[:31], 0)
    del workbook[workbook.sheetnames[1]]  # the empty default sheet
    sheet.append(
        [
            _("Goal"),
            _("Age group"),
            _("Measure"),
            _("Responsible parties"),
            _("Schedule"),
            _("Budget line"),
            _("Budget (€)"),
            _("Status"),
        ]
    )
    for goal in report.goals.prefetch_related("measures"):
        measures: list[Measure | None] = [*goal.measures.all()] or [None]
        for measure in measures:
            sheet.append(
                xlsx_row(
                    sheet,
                    [
                        goal.text,
                        str(goal.get_age_group_display()),
                        measure.text if measure else "",
                        ", ".join(measure.responsible_parties) if measure else "",
                        measure.schedule if measure else "",
                        measure.budget_line if measure else "",
                        float(measure.budget_amount) if measure and measure.budget_amount is not None else None,
                        str(measure.get_status_display()) if measure else "",
                    ],
                )
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def report_pdf(report: Report, *, language: str = "fi") -> bytes:
    """The report as it stands now (a draft too), as the same tagged PDF that publication gives."""
    organisation = report.organisation
    draft = ReportVersion(
        report=report, number=report.versions.count() + 1, status=report.status, frozen_at=clock.now()
    )
    content = snapshot(report)
    embedded = data_uris(content.image_ids())
    with translation.override(language):
        area_name = organisation.area.name if organisation.area else organisation.name
        doc = build(
            content,
            area_name=area_name,
            language=language,
            statuses=latest_statuses(report),
            image_src=embedded.__getitem__,
        )
    context = {"organisation": organisation, "report": report, "version": draft, "doc": doc, "unpublished": True}
    return render_pdf(print_html(context, language))
