"""A round's exports: every comment (with its section, source, status, supports, answer and change) and the
statements as XLSX; the summary with the counts, polls, changes and statements as a PDF (WeasyPrint, as the
other PDFs)."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from hyte.core.actors import Viewer
from hyte.core.clock import HELSINKI
from hyte.core.pdf import render_pdf
from hyte.core.spreadsheet import xlsx_row
from hyte.participation import queries
from hyte.participation.models import CommentStatus, Round


def round_xlsx(round_: Round, *, user: Viewer) -> bytes:
    from openpyxl import Workbook

    page = queries.round_page(round_, user=user)
    titles = {section.pk: section.title for section in page["sections"]}
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    sheet = workbook.create_sheet(_("Comments")[:31])
    sheet.append(
        xlsx_row(
            sheet,
            [
                _("Number"),
                _("Section"),
                _("Reply to"),
                _("Written"),
                _("Nickname"),
                _("Source"),
                _("Status"),
                _("Reason"),
                _("Quoted passage"),
                _("Comment"),
                _("Supports"),
                _("Flags"),
                _("Official answer"),
                _("Change it caused"),
            ],
        )
    )
    for comment in queries.comments_of(round_, moderator=page["moderator"]):
        hidden = comment.status == CommentStatus.HIDDEN and not page["moderator"]
        sheet.append(
            xlsx_row(
                sheet,
                [
                    comment.pk,
                    titles.get(comment.section_id, ""),
                    comment.parent_id or "",
                    comment.created_at.astimezone(HELSINKI).strftime("%Y-%m-%d %H:%M"),
                    "" if hidden else comment.nickname,
                    comment.get_source_display(),
                    comment.get_status_display(),
                    comment.get_hidden_reason_display(),
                    "" if hidden else comment.quote,
                    "" if hidden else comment.text,
                    comment.support_count,  # type: ignore[attr-defined]
                    comment.flag_count,  # type: ignore[attr-defined]
                    comment.answer,
                    comment.change.description if comment.change else "",
                ],
            )
        )
    statements = workbook.create_sheet(_("Statements")[:31])
    statements.append(xlsx_row(statements, [_("Council or organisation"), _("Requested"), _("Given"), _("Statement")]))
    for statement in page["statements"]:
        statements.append(
            xlsx_row(
                statements,
                [
                    statement.author_name,
                    statement.requested_at.astimezone(HELSINKI).strftime("%Y-%m-%d"),
                    statement.given_at.astimezone(HELSINKI).strftime("%Y-%m-%d") if statement.given_at else "",
                    statement.text,
                ],
            )
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def summary_pdf(round_: Round, *, user: Viewer) -> bytes:
    language = translation.get_language() or "fi"
    page = queries.round_page(round_, user=user, swedish=language == "sv")
    html = render_to_string("participation/summary_print.html", {**page, "language": language})
    return render_pdf(html)
