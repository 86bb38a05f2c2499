"""Text written in reports: stored as typed (Markdown for blocks, plain text elsewhere), escaped and sanitised
only on output.

Rendering uses markdown-it-py, a CommonMark parser whose running time stays linear in the input, also for the
pathological inputs (thousands of `[`, nested emphasis) that make other renderers quadratic. Its HTML output is
then reduced to a short list of harmless tags by nh3, so raw HTML in the source can never run a script.
"""

from __future__ import annotations

import re
from functools import lru_cache

import nh3
from django.core.exceptions import ValidationError
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt

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
# Control characters other than tab and line feed are never part of written text (NUL breaks PostgreSQL).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """The text as typed, checked: at most MAX_TEXT characters, line ends as `\\n`, no control characters.
    Nothing is escaped here — `&` and `<` are stored as the writer typed them and escaped where shown."""
    if len(text) > MAX_TEXT:
        raise ValidationError(_("The text is longer than %(max)s characters.") % {"max": MAX_TEXT})
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _LONE_SURROGATE.sub("\ufffd", _CONTROL.sub("", text))


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False}).enable("table")


def render_markdown(text: str) -> SafeString:
    """Safe HTML of a block's Markdown source."""
    html = _parser().render(text or "")
    return mark_safe(nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href"}}, link_rel="noopener noreferrer"))
