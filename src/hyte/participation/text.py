"""Text of a draft's sections as residents read it, and the difference between the draft and the approved text.

A section's text is its blocks' written text (text, strengths, concerns, summary; list items as lines), the same
for the live blocks (`reports.models.Block`) and the frozen ones of an approved version (`reports.content`).
The difference is word by word (difflib), shown with <ins> and <del> and a text label for each, so it is read
the same with or without colours."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

WRITTEN = {"text", "strengths", "concerns", "summary"}
_TOKENS = re.compile(r"^\s+|\S+\s*")  # words with the space after them


def section_text(blocks: Iterable[Any], *, swedish: bool = False) -> str:
    """The written text of a section's blocks, paragraphs apart."""
    parts: list[str] = []
    for block in blocks:
        if block.kind not in WRITTEN:
            continue
        text = (block.text_sv if swedish else block.text) or ""
        if text.strip():
            parts.append(text.strip())
        items = [str(item).strip() for item in (block.items or []) if str(item).strip()]
        if items:
            parts.append("\n".join(f"- {item}" for item in items))
    return "\n\n".join(parts)


@dataclass(frozen=True)
class Piece:
    kind: Literal["same", "added", "removed"]
    text: str


def diff(before: str, after: str) -> list[Piece]:
    """The pieces of `after` compared with `before`, word by word; runs of the same kind joined."""
    old, new = _TOKENS.findall(before or ""), _TOKENS.findall(after or "")
    pieces: list[Piece] = []

    def add(kind: Literal["same", "added", "removed"], tokens: list[str]) -> None:
        text = "".join(tokens)
        if not text:
            return
        if pieces and pieces[-1].kind == kind:
            pieces[-1] = Piece(kind, pieces[-1].text + text)
        else:
            pieces.append(Piece(kind, text))

    # Words are compared without the space after them, so a word that only gained or lost a following space
    # (text added after the last word) is the same word; the same words are shown as in the new text.
    matcher = difflib.SequenceMatcher(
        a=[token.strip() for token in old], b=[token.strip() for token in new], autojunk=False
    )
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            add("same", new[b1:b2])
        else:
            add("removed", old[a1:a2])
            add("added", new[b1:b2])
    return pieces


def changed(pieces: list[Piece]) -> bool:
    return any(piece.kind != "same" for piece in pieces)
