"""Kemi's own welfare survey in the demo: 400 synthetic respondents made by a seeded generator (the same every
time), read through LimeSurvey's structure and response export as a real survey would be, and turned into six
indicators (three questions, each by age group and by village) with the small villages' cells suppressed."""

from __future__ import annotations

import datetime as dt
import random

from hyte.accounts.models import Organisation
from hyte.core.actors import DEMO
from hyte.indicators.models import Indicator, IndicatorSource
from hyte.surveys import services
from hyte.surveys.models import Survey

SEED = 2026
TITLE_FI = "Minun arkeni ja elämäni -kysely"
AGES = [("1", "18–29", 0.18), ("2", "30–49", 0.30), ("3", "50–64", 0.27), ("4", "65–", 0.25)]
VILLAGES = [
    ("K1", "Keskusta", 0.42),
    ("K2", "Karihaara", 0.20),
    ("K3", "Sauvosaari", 0.16),
    ("K4", "Syväkangas", 0.14),
    ("K5", "Hepola", 0.075),
    ("K6", "Kivikko", 0.005),  # a hamlet: two or three respondents, suppressed with the next smallest
]
OFTEN = [("A1", "ei koskaan"), ("A2", "harvoin"), ("A3", "joskus"), ("A4", "usein"), ("A5", "aina")]
GOOD = [("1", "hyvä"), ("2", "melko hyvä"), ("3", "keskitasoinen"), ("4", "melko huono"), ("5", "huono")]
YES_NO = [("Y", "kyllä"), ("N", "ei")]
QUESTIONS = [
    ("LONELY", "Koen itseni yksinäiseksi", OFTEN),
    ("HEALTH", "Millaiseksi arvioitte terveydentilanne?", GOOD),
    ("SUPPORT", "Onko teillä joku, jolle voitte puhua huolistanne?", YES_NO),
    ("AGE", "Ikäryhmä", [(code, label) for code, label, _share in AGES]),
    ("VILLAGE", "Asuinalue", [(code, label) for code, label, _share in VILLAGES]),
]


def structure() -> bytes:
    """The survey's structure as LimeSurvey's tab-separated export."""
    rows = [
        ["class", "type/scale", "name", "relevance", "text", "help", "language"],
        ["S", "", "sid", "", "240", "", ""],
    ]
    for code, text, answers in QUESTIONS:
        rows.append(["Q", "L", code, "1", text, "", "fi"])
        rows.extend(["A", "0", answer, "", label, "", "fi"] for answer, label in answers)
    return ("\n".join("\t".join(row) for row in rows) + "\n").encode()


def _pick(rng: random.Random, options: list[tuple[str, str, float]]) -> str:
    return rng.choices([code for code, _label, _share in options], weights=[share for *_rest, share in options])[0]


def responses(n: int = 400) -> bytes:
    """LimeSurvey's response export (CSV, question codes as headings) of `n` synthetic respondents."""
    rng = random.Random(SEED)  # noqa: S311 - synthetic answers, the same every time, not a secret
    header = ["id", "submitdate", "lastpage", "startlanguage", "seed", "LONELY", "HEALTH", "SUPPORT", "AGE", "VILLAGE"]
    lines = [",".join(f'"{cell}"' for cell in header)]
    for number in range(1, n + 1):
        age = _pick(rng, AGES)
        village = _pick(rng, VILLAGES)
        older, young = age == "4", age == "1"
        lonely = rng.choices(["A1", "A2", "A3", "A4", "A5"], weights=[30, 30, 22, 12 + 6 * young, 6 + 4 * older])[0]
        health = rng.choices(["1", "2", "3", "4", "5"], weights=[25, 33, 25, 11 + 6 * older, 6 + 3 * older])[0]
        support = "N" if rng.random() < 0.12 + 0.08 * (lonely in ("A4", "A5")) else "Y"
        if rng.random() < 0.03:
            lonely = ""  # left unanswered: not in the base
        day = dt.date(2026, 3, 1) + dt.timedelta(days=rng.randrange(28))
        cells = [
            str(number),
            f"{day} 12:00:00",
            "4",
            "fi",
            str(rng.randrange(10**8)),
            lonely,
            health,
            support,
            age,
            village,
        ]
        lines.append(",".join(f'"{cell}"' for cell in cells))
    return ("\r\n".join(lines) + "\r\n").encode()


def load_demo_surveys() -> int:
    """Kemi's survey, once: the number of the organisation's indicators it publishes (0 when it exists already)."""
    kemi = Organisation.objects.filter(slug="kemi").first()
    if kemi is None or kemi.area_id is None or Survey.objects.filter(organisation=kemi, title_fi=TITLE_FI).exists():
        return 0
    survey = services.create_survey(
        actor=DEMO,
        organisation=kemi,
        title_fi=TITLE_FI,
        title_sv="Enkäten Min vardag och mitt liv",
        year=2026,
        tool="limesurvey",
        keep_until=dt.date(2027, 12, 31),
        min_cell=5,
    )
    services.set_structure(actor=DEMO, survey=survey, data=structure(), filename="minun-arkeni.txt")
    run = services.start_import(actor=DEMO, survey=survey, data=responses(), filename="minun-arkeni-vastaukset.csv")
    services.confirm_import(actor=DEMO, run=run)
    by_age = services.add_grouping(
        actor=DEMO,
        survey=survey,
        question="AGE",
        dimension="age_group",
        title_fi="Ikäryhmä",
        title_sv="Åldersgrupp",
        groups=[{"key": code, "label_fi": label, "label_sv": label, "values": [code]} for code, label, _s in AGES],
    )
    by_village = services.add_grouping(
        actor=DEMO,
        survey=survey,
        question="VILLAGE",
        dimension="other",
        title_fi="Asuinalue",
        title_sv="Bostadsområde",
        groups=[{"key": code, "label_fi": label, "label_sv": label, "values": [code]} for code, label, _s in VILLAGES],
    )
    groupings = [by_age, by_village]
    for question, counted, title_fi, title_sv, polarity in [
        (
            "LONELY",
            ["A4", "A5"],
            "Yksinäisyyttä usein tai aina kokevat (%)",
            "Känner sig ofta eller alltid ensamma (%)",
            "low_good",
        ),
        (
            "HEALTH",
            ["1", "2"],
            "Terveytensä hyväksi tai melko hyväksi kokevat (%)",
            "Upplever sin hälsa som god eller ganska god (%)",
            "high_good",
        ),
        (
            "SUPPORT",
            ["N"],
            "Ei ketään, jolle puhua huolistaan (%)",
            "Har ingen att tala med om sina bekymmer (%)",
            "low_good",
        ),
    ]:
        services.add_indicator(
            actor=DEMO,
            survey=survey,
            question=question,
            counted=counted,
            title_fi=title_fi,
            title_sv=title_sv,
            polarity=polarity,
            groupings=groupings,
        )
    return Indicator.objects.filter(
        organisation=kemi, source=IndicatorSource.SURVEY, source_id__startswith=f"survey-{survey.pk}-"
    ).count()
