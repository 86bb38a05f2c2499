"""Files of residents' surveys as the tools write them, made by the tests: LimeSurvey's structure (.lss XML as
LimeSurvey 4 and later export it, and the tab-separated .txt), its response export (CSV, question codes as
headings), and a Webropol-like XLSX with one row per respondent; and a survey set up in Kemi."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence

from hyte.surveys import services
from hyte.surveys.models import Survey
from tests.conftest import SYSTEM

LONELY = [("A1", "never"), ("A2", "rarely"), ("A3", "sometimes"), ("A4", "often"), ("A5", "always")]
AGES = [("1", "18-39"), ("2", "40-64"), ("3", "65-")]
VILLAGES = [("K1", "Kemi centre"), ("K2", "Karihaara"), ("K3", "Tervaharju")]


def lss(questions: Sequence[tuple[str, str, Sequence[tuple[str, str]]]] | None = None) -> bytes:
    """A LimeSurvey survey structure (.lss), texts in the *_l10ns tables as LimeSurvey 4+ writes them."""
    questions = questions or [
        ("LONELY", "I feel lonely", LONELY),
        ("AGE", "Your age", AGES),
        ("VILLAGE", "Where do you live?", VILLAGES),
    ]
    q_rows, q_texts, a_rows, a_texts = [], [], [], []
    aid = 1
    for qid, (code, text, answers) in enumerate(questions, start=1):
        q_rows.append(
            f"<row><qid>{qid}</qid><parent_qid>0</parent_qid><sid>1</sid><gid>1</gid><type>L</type>"
            f"<title>{code}</title><question_order>{qid}</question_order></row>"
        )
        q_texts.append(
            f"<row><id>{qid}</id><qid>{qid}</qid><question><![CDATA[<p>{text}</p>]]></question>"
            "<language>fi</language></row>"
        )
        for order, (answer, label) in enumerate(answers):
            a_rows.append(
                f"<row><aid>{aid}</aid><qid>{qid}</qid><code>{answer}</code><sortorder>{order}</sortorder>"
                "<scale_id>0</scale_id></row>"
            )
            a_texts.append(f"<row><id>{aid}</id><aid>{aid}</aid><answer>{label}</answer><language>fi</language></row>")
            aid += 1
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<document>\n <LimeSurveyDocType>Survey</LimeSurveyDocType>\n'
        " <DBVersion>624</DBVersion>\n <languages><language>fi</language></languages>\n"
        f" <answers><fields><fieldname>aid</fieldname></fields><rows>{''.join(a_rows)}</rows></answers>\n"
        f" <answer_l10ns><rows>{''.join(a_texts)}</rows></answer_l10ns>\n"
        f" <questions><rows>{''.join(q_rows)}</rows></questions>\n"
        f" <question_l10ns><rows>{''.join(q_texts)}</rows></question_l10ns>\n"
        "</document>\n"
    ).encode()


def structure_txt() -> bytes:
    """LimeSurvey's tab-separated survey structure (.txt)."""
    lines = [["class", "type/scale", "name", "relevance", "text", "help", "language"]]
    lines.append(["S", "", "sid", "", "123456", "", ""])
    lines.append(["G", "1", "Background", "1", "", "", "fi"])
    for code, text, answers in [("LONELY", "I feel lonely", LONELY), ("AGE", "Your age", AGES)]:
        lines.append(["Q", "L", code, "1", text, "", "fi"])
        lines.extend(["A", "0", answer, "", label, "", "fi"] for answer, label in answers)
    lines.append(["Q", "F", "HEALTH", "1", "How is your", "", "fi"])
    lines.append(["SQ", "0", "SQ001", "", "physical health", "", "fi"])
    lines.append(["SQ", "0", "SQ002", "", "mental health", "", "fi"])
    lines.extend(["A", "0", str(n), "", f"{n}", "", "fi"] for n in range(1, 4))
    return ("\n".join("\t".join(row) for row in lines) + "\n").encode()


HEADER = ["id", "submitdate", "lastpage", "startlanguage", "seed", "LONELY", "AGE", "VILLAGE"]


def responses_csv(rows: Iterable[Sequence[str]], header: Sequence[str] = HEADER) -> bytes:
    """LimeSurvey's response export: CSV, comma-separated, every field quoted, question codes as headings."""

    def quoted(row: Sequence[str]) -> str:
        return ",".join(f'"{cell}"' for cell in row)

    body = [quoted(header)]
    for index, row in enumerate(rows, start=1):
        body.append(quoted([str(index), "2026-03-01 10:00:00", "3", "fi", "123", *row]))
    return ("\r\n".join(body) + "\r\n").encode()


def respondents(counts: dict[tuple[str, str, str], int]) -> list[list[str]]:
    """Rows of (LONELY, AGE, VILLAGE) answers, `counts` of each."""
    return [list(key) for key, many in counts.items() for _each in range(many)]


def xlsx(rows: Sequence[Sequence[object]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def limesurvey_survey(world, **extra) -> Survey:
    survey = services.create_survey(
        actor=SYSTEM,
        organisation=world.kemi,
        title_fi="Minun arkeni",
        title_sv="Min vardag",
        year=2026,
        tool="limesurvey",
        keep_until=dt.date(2027, 6, 30),
        **extra,
    )
    return services.set_structure(actor=SYSTEM, survey=survey, data=lss(), filename="survey.lss")


def imported(world, rows: list[list[str]], **extra) -> Survey:
    survey = limesurvey_survey(world, **extra)
    run = services.start_import(actor=SYSTEM, survey=survey, data=responses_csv(rows), filename="results.csv")
    services.confirm_import(actor=SYSTEM, run=run)
    survey.refresh_from_db()
    return survey


TABLE_CSV = "Vastaajan ID;Yksinäisyys;Ikä\nr1;1;18-39\nr2;3;65-\nr3;2;65-\n".encode()


def build_surveys(world) -> dict[str, int]:
    """For the permission matrix: Kemi's LimeSurvey survey with its results, a grouping and an indicator, an
    upload of it waiting in preview; a table survey with an upload waiting for its columns."""
    survey = imported(world, respondents({("A4", "1", "K1"): 6, ("A1", "2", "K2"): 6}))
    grouping = services.add_grouping(
        actor=SYSTEM, survey=survey, question="AGE", dimension="age_group", title_fi="Ikä", title_sv="Ålder"
    )
    indicator = services.add_indicator(
        actor=SYSTEM,
        survey=survey,
        question="LONELY",
        counted=["A4"],
        title_fi="Y",
        title_sv="E",
        groupings=[grouping],
    )
    preview = services.start_import(
        actor=SYSTEM, survey=survey, data=responses_csv([["A1", "1", "K1"]]), filename="again.csv"
    )
    table = services.create_survey(
        actor=SYSTEM,
        organisation=world.kemi,
        title_fi="Kysely",
        title_sv="Enkät",
        year=2025,
        tool="table",
        keep_until=dt.date(2027, 1, 1),
    )
    mapping = services.start_import(actor=SYSTEM, survey=table, data=TABLE_CSV, filename="w.csv")
    return {
        "survey": survey.pk,
        "survey_grouping": grouping.pk,
        "survey_indicator": indicator.pk,
        "survey_preview": preview.pk,
        "survey_table": table.pk,
        "survey_mapping": mapping.pk,
    }


def grow_surveys(world, values: dict[str, int], *, tag: str, n: int) -> None:
    """For the query counts: `n` more surveys, and on the matrix's survey more groupings and indicators."""
    survey = Survey.objects.get(pk=values["survey"])
    for i in range(n):
        services.create_survey(
            actor=SYSTEM,
            organisation=world.kemi,
            title_fi=f"Kysely {tag}{i}",
            title_sv=f"Enkät {tag}{i}",
            year=2024,
            tool="table",
            keep_until=dt.date(2027, 1, 1),
        )
        grouping = services.add_grouping(
            actor=SYSTEM,
            survey=survey,
            question="VILLAGE",
            dimension="other",
            title_fi=f"Kylä {tag}{i}",
            title_sv=f"By {tag}{i}",
        )
        services.add_indicator(
            actor=SYSTEM,
            survey=survey,
            question="LONELY",
            counted=["A1", "A2"],
            title_fi=f"Y {tag}{i}",
            title_sv=f"E {tag}{i}",
            groupings=[grouping],
        )
