"""A service chain's diagram drawn from its data: a server-rendered SVG (no script), a vertical flow of the steps
in order, each box marked with its organisation's colour and a legend of the organisations, the text wrapped to
the box. Its `viewBox` scales it to any width (a phone's 375 px as a desktop's column). The SVG is `role="img"`
named by its `<title>` and `<desc>`; the page also gives the steps as an ordered list, the text alternative."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

WIDTH = 480
MARGIN = 8
PAD = 12
STRIPE = 10
GAP = 34  # between boxes: the arrow
TITLE_SIZE, SMALL_SIZE = 17, 13
TITLE_LINE, SMALL_LINE = 22, 17
# Light fills with a strong stripe per organisation; the text is dark on every fill (contrast over 12:1).
PALETTE = [
    ("#e3effa", "#0b5394"),
    ("#e6f4ea", "#1e6b34"),
    ("#fdf0dc", "#9a5b00"),
    ("#f3e8f7", "#6a2c8a"),
    ("#fde8e8", "#a11d1d"),
    ("#e8f4f4", "#11676b"),
]
INK = "#1a1a1a"


def _chars(size: int) -> int:
    """How many characters fit on one line of the box at a font size (an average glyph is ~0.55 em)."""
    return max(12, int((WIDTH - 2 * MARGIN - 2 * PAD - STRIPE) / (size * 0.56)))


def _wrap(value: str, size: int) -> list[str]:
    return textwrap.wrap(value, _chars(size), break_long_words=True) or [""]


def _text(x: int, y: int, value: str, size: int, *, bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return f'<text x="{x}" y="{y}" font-size="{size}"{weight} fill="{INK}">{escape(value)}</text>'


def _step_lines(step: Any) -> tuple[list[str], list[str]]:
    """Small lines (phase and age group; organisation and unit) and the title's lines."""
    head = capfirst(str(step.get_phase_display()))
    if step.age_group:
        head += f" · {step.age_group_label}"
    small = _wrap(head, SMALL_SIZE)
    who = step.organisation.display_name + (f" – {step.display_unit}" if step.display_unit else "")
    small += _wrap(who, SMALL_SIZE)
    return small, _wrap(step.display_title, TITLE_SIZE)


def svg(chain: Any, steps: Sequence[Any], *, ident: str = "") -> SafeString:
    """The chain's diagram; `ident` makes the ids of its title and description unique on the page."""
    ident = ident or f"chain-{chain.pk}"
    colours: dict[int, tuple[str, str]] = {}
    for step in steps:
        colours.setdefault(step.organisation_id, PALETTE[len(colours) % len(PALETTE)])
    parts: list[str] = []
    y = MARGIN
    # The legend: the organisations with their colours.
    names = {step.organisation_id: step.organisation.display_name for step in steps}
    for organisation_id, (fill, stripe) in colours.items():
        parts.append(f'<rect x="{MARGIN}" y="{y}" width="16" height="16" fill="{fill}" stroke="{stripe}"/>')
        parts.append(f'<rect x="{MARGIN}" y="{y}" width="5" height="16" fill="{stripe}"/>')
        for number, each in enumerate(_wrap(names[organisation_id], SMALL_SIZE)):
            parts.append(_text(MARGIN + 24, y + 13 + number * SMALL_LINE, each, SMALL_SIZE))
        y += max(22, len(_wrap(names[organisation_id], SMALL_SIZE)) * SMALL_LINE + 5)
    y += 8
    inner = WIDTH - 2 * MARGIN
    x = MARGIN + STRIPE + PAD
    for number, step in enumerate(steps, start=1):
        small, title = _step_lines(step)
        height = PAD * 2 + len(small) * SMALL_LINE + len(title) * TITLE_LINE
        fill, stripe = colours[step.organisation_id]
        parts.append(
            f'<rect x="{MARGIN}" y="{y}" width="{inner}" height="{height}" rx="6" fill="{fill}" stroke="{stripe}"/>'
        )
        parts.append(f'<rect x="{MARGIN}" y="{y}" width="{STRIPE}" height="{height}" rx="3" fill="{stripe}"/>')
        line_y = y + PAD + SMALL_SIZE
        for each in small:
            parts.append(_text(x, line_y, each, SMALL_SIZE))
            line_y += SMALL_LINE
        line_y += TITLE_LINE - SMALL_LINE + 2
        for index, each in enumerate(title):
            parts.append(_text(x, line_y, f"{number}. {each}" if index == 0 else each, TITLE_SIZE, bold=True))
            line_y += TITLE_LINE
        y += height
        if number < len(steps):
            middle = WIDTH // 2
            parts.append(f'<path d="M{middle} {y + 3}V{y + GAP - 10}" stroke="{INK}" stroke-width="2"/>')
            tip = y + GAP - 2
            head = f"M{middle - 7} {tip - 10}L{middle} {tip}L{middle + 7} {tip - 10}Z"
            parts.append(f'<path d="{head}" fill="{INK}"/>')
            y += GAP
    height = y + MARGIN
    summary = " → ".join(f"{n}. {s.display_title} ({s.organisation.display_name})" for n, s in enumerate(steps, 1))
    description = _("The chain has no steps yet.")
    if steps:
        description = _("The steps in order: %(steps)s.") % {"steps": summary}
    opening = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chain-diagram" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif">'
        f'<title id="{ident}-title">{escape(_("Service chain: %(name)s") % {"name": chain.display_name})}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>'
    )
    return mark_safe(opening + "".join(parts) + "</svg>")  # every text escaped above
