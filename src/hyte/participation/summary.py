"""The summary Hyte drafts for the coordinator to start from: comments per section, poll results and the most
supported comments. Plain text in the language of the page; the coordinator edits it before closing."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hyte.core.formats import number


def draft_summary(page: dict[str, Any]) -> str:
    """`page` is `queries.round_page(...)`."""
    lines = [
        _("%(n)s comments in all.") % {"n": page["comment_total"]},
        "",
        _("Comments per section:"),
    ]
    for section in page["sections"]:
        lines.append(
            "- "
            + ngettext("%(title)s: %(n)s comment", "%(title)s: %(n)s comments", section.comment_count)
            % {"title": section.title, "n": section.comment_count}
        )
    polls = [section for section in page["sections"] if section.poll and section.poll.total]
    if polls:
        lines += ["", _("Poll results:")]
        for section in polls:
            poll = section.poll
            results = ", ".join(f"{row['label']} {row['count']} ({number(row['percent'], 0)} %)" for row in poll.rows)
            mean = _(", mean %(mean)s") % {"mean": number(poll.mean, 1)} if poll.mean is not None else ""
            lines.append(f"- {poll.question} ({_('%(n)s answers') % {'n': poll.total}}{mean}): {results}")
    if page["most_supported"]:
        lines += ["", _("The most supported comments:")]
        for comment in page["most_supported"]:
            excerpt = " ".join(comment.text.split())[:200]
            lines.append(
                "- "
                + ngettext("“%(text)s” (%(n)s support)", "“%(text)s” (%(n)s supports)", comment.support_count)
                % {"text": excerpt, "n": comment.support_count}
            )
    return "\n".join(lines)
