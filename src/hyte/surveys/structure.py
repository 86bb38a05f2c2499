"""A survey's structure from LimeSurvey: its .lss file (XML, the survey export) or its tab-separated .txt export.
Either gives the questions by code, their texts and their answer scales, as a list of
{"code", "text", "answers": [{"code", "label"}]}. An array question's subquestions become questions of their own,
coded as LimeSurvey's response export heads their columns ("Q1[SQ001]"), with the parent's scale."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import Any

from django.utils.translation import gettext as _

from hyte.indicators.parsing.values import FileRefused

MAX_STRUCTURE = 20 * 1024 * 1024
# The fixed scales of LimeSurvey's question types that have no answer options of their own.
FIXED_SCALES: dict[str, list[tuple[str, str]]] = {
    "5": [(str(n), str(n)) for n in range(1, 6)],  # 5 point choice
    "Y": [("Y", "Yes"), ("N", "No")],
    "G": [("F", "Female"), ("M", "Male")],
    "A": [(str(n), str(n)) for n in range(1, 6)],  # array (5 point choice)
    "B": [(str(n), str(n)) for n in range(1, 11)],  # array (10 point choice)
    "C": [("Y", "Yes"), ("N", "No"), ("U", "Uncertain")],  # array (yes/no/uncertain)
    "E": [("I", "Increase"), ("S", "Same"), ("D", "Decrease")],  # array (increase/same/decrease)
}
_TAGS = re.compile(r"<[^>]*>")


def _plain(text: str) -> str:
    return " ".join(_TAGS.sub(" ", text or "").split())[:500]


def read_structure(data: bytes) -> list[dict[str, Any]]:
    """The questions of a LimeSurvey structure file; a file that is neither refused whole."""
    if len(data) > MAX_STRUCTURE:
        raise FileRefused(_("The structure file is larger than 20 MB."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileRefused(_("The structure file is not UTF-8 text: export it from LimeSurvey again.")) from exc
    questions = _from_lss(text) if text.lstrip().startswith("<") else _from_txt(text)
    if not questions:
        raise FileRefused(_("The structure file has no questions: is it LimeSurvey's .lss or .txt export?"))
    return questions


def _rows(root: ET.Element, table: str) -> list[dict[str, str]]:
    return [{child.tag: (child.text or "") for child in row} for row in root.findall(f"./{table}/rows/row")]


def _from_lss(text: str) -> list[dict[str, Any]]:
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise FileRefused(_("The structure file declares a DOCTYPE or entities, which a LimeSurvey export never does."))
    try:
        root = ET.fromstring(text)  # noqa: S314 - no DOCTYPE, so no entities to expand
    except ET.ParseError as exc:
        raise FileRefused(
            _("The structure file is not whole XML (%(error)s): it may have been cut off.") % {"error": exc}
        ) from exc
    if root.tag != "document" or (root.findtext("LimeSurveyDocType") or "").strip() != "Survey":
        raise FileRefused(_("The XML file is not a LimeSurvey survey structure (.lss)."))
    language = (root.findtext("./languages/language") or "").strip()
    # LimeSurvey 4 and later keep the texts in *_l10ns tables; earlier versions in the rows themselves.
    question_texts = _texts(_rows(root, "question_l10ns"), "qid", "question", language)
    answer_texts = _texts(_rows(root, "answer_l10ns"), "aid", "answer", language)
    questions = [row for row in _rows(root, "questions") if not row.get("language") or row["language"] == language]
    subquestions = [
        row for row in _rows(root, "subquestions") if not row.get("language") or row["language"] == language
    ]
    answers: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in sorted(_rows(root, "answers"), key=lambda r: int(r.get("sortorder") or 0)):
        if (row.get("language") and row["language"] != language) or (row.get("scale_id") or "0") != "0":
            continue
        label = row.get("answer") or answer_texts.get(row.get("aid", ""), "")
        answers[row.get("qid", "")].append((row.get("code", ""), _plain(label) or row.get("code", "")))
    subs: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in sorted(subquestions, key=lambda r: int(r.get("question_order") or 0)):
        subs[row.get("parent_qid", "")].append(row)
    found: list[dict[str, Any]] = []
    for row in sorted(questions, key=lambda r: (int(r.get("gid") or 0), int(r.get("question_order") or 0))):
        if (row.get("parent_qid") or "0") != "0":
            subs[row["parent_qid"]].append(row)  # older exports list subquestions among the questions
            continue
        qid, kind = row.get("qid", ""), row.get("type", "")
        scale = answers.get(qid) or FIXED_SCALES.get(kind, [])
        text = _plain(row.get("question") or question_texts.get(qid, ""))
        children = subs.get(qid) or []
        if not children:
            found.append(_question(row.get("title", ""), text, scale))
        for child in children:
            sub_text = _plain(child.get("question") or question_texts.get(child.get("qid", ""), ""))
            found.append(_question(f"{row.get('title', '')}[{child.get('title', '')}]", f"{text}: {sub_text}", scale))
    return [q for q in found if q["code"]]


def _texts(rows: list[dict[str, str]], key: str, field: str, language: str) -> dict[str, str]:
    texts: dict[str, str] = {}
    for row in rows:
        if not language or row.get("language") in ("", language) or row.get(key, "") not in texts:
            texts[row.get(key, "")] = row.get(field, "")
    return texts


def _question(code: str, text: str, scale: list[tuple[str, str]]) -> dict[str, Any]:
    return {"code": code.strip(), "text": text, "answers": [{"code": c, "label": label} for c, label in scale]}


def _from_txt(text: str) -> list[dict[str, Any]]:
    """LimeSurvey's tab-separated structure: a header row (class, type/scale, name, relevance, text, …) and rows
    of class S (survey), G (group), Q (question), SQ (subquestion) and A (answer option)."""
    reader = csv.reader(io.StringIO(text), delimiter="\t")
    header = [cell.strip().lower() for cell in next(reader, [])]
    if "class" not in header or "name" not in header or "text" not in header:
        raise FileRefused(
            _(
                "The file is neither a LimeSurvey .lss file nor its tab-separated structure (.txt): no class, "
                "name and text columns."
            )
        )
    at = {name: header.index(name) for name in ("class", "type/scale", "name", "text", "language") if name in header}

    def cell(row: list[str], name: str) -> str:
        index = at.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""

    first_language = ""
    found: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    current_kind = ""
    children: list[dict[str, Any]] = []

    def close() -> None:
        if current is None:
            return
        scale = current["answers"] or [{"code": c, "label": label} for c, label in FIXED_SCALES.get(current_kind, [])]
        if children:
            for child in children:
                found.append(
                    {
                        "code": f"{current['code']}[{child['code']}]",
                        "text": f"{current['text']}: {child['text']}",
                        "answers": scale,
                    }
                )
        else:
            found.append({**current, "answers": scale})

    for row in reader:
        kind = cell(row, "class")
        language = cell(row, "language")
        if kind in ("Q", "SQ", "A") and language:
            first_language = first_language or language
            if language != first_language:
                continue
        if kind == "Q":
            close()
            current, current_kind, children = (
                {"code": cell(row, "name"), "text": _plain(cell(row, "text")), "answers": []},
                cell(row, "type/scale"),
                [],
            )
        elif kind == "SQ" and current is not None:
            children.append({"code": cell(row, "name"), "text": _plain(cell(row, "text"))})
        elif kind == "A" and current is not None:
            current["answers"].append(
                {"code": cell(row, "name"), "label": _plain(cell(row, "text")) or cell(row, "name")}
            )
    close()
    return [q for q in found if q["code"]]
