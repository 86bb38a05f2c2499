"""Text written in reports: stored as sanitised Markdown, rendered to safe HTML on output."""

from __future__ import annotations

import markdown as markdown_lib
import nh3
from django.core.exceptions import ValidationError
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

MAX_TEXT = 100_000
ALLOWED_TAGS = {
    "p",
    "br",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "a",
    "h3",
    "h4",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "sup",
    "sub",
    "code",
}


def clean_text(text: str) -> str:
    """Markdown source with any HTML reduced to harmless tags: scripts, styles and event handlers are stripped."""
    if len(text) > MAX_TEXT:
        raise ValidationError(_("The text is longer than %(max)s characters.") % {"max": MAX_TEXT})
    return nh3.clean(text, tags=ALLOWED_TAGS, attributes={"a": {"href"}}, link_rel="noopener noreferrer")


def render_markdown(text: str) -> SafeString:
    html = markdown_lib.markdown(text or "", extensions=["tables", "sane_lists"])
    return mark_safe(nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href"}}))
