"""The demo's welfare reports for Kemi: the current council term's broad report and plan (2025–2029), approved
and published, with this year's annual report in preparation; and the archive of an earlier term (2013–2016)
with its annual reports. Built through the services, like a user would."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from hyte.accounts.models import Organisation
from hyte.demo.participation import comment_round_on_draft, value_discussion_on_draft
from hyte.indicators.models import Indicator, Observation
from hyte.reports import services
from hyte.reports.models import BlockKind, Measure, OutlineKey, Report, ReportKind, ReportStatus

TEXTS: dict[str, str] = {
    OutlineKey.SUMMARY: (
        "Kemiläisten hyvinvointi on monelta osin parantunut, mutta työttömyys, pienituloisuus ja nuorten "
        "syrjäytymisen riski ovat edelleen maan keskitasoa suurempia. Valtuustokauden painopisteet ovat "
        "**lasten ja nuorten hyvinvointi**, **työllisyys ja osallisuus** sekä **ikääntyneiden toimintakyky**."
    ),
    OutlineKey.BACKGROUND: (
        "Hyvinvointikertomus kokoaa tiedot kuntalaisten hyvinvoinnista ja terveydestä sekä niihin "
        "vaikuttavista tekijöistä. Se on valmisteltu hyvinvointiryhmässä, jossa ovat mukana kaikki "
        "toimialat, järjestöt ja seurakunta (terveydenhuoltolaki 12 §)."
    ),
    OutlineKey.POPULATION_GROUPS: (
        "Väestö vähenee ja ikääntyy: 65–74-vuotiaiden osuus on kasvanut tasaisesti. Työikäisten "
        "sairauspäivärahakaudet ovat yleisempiä kuin maassa keskimäärin."
    ),
    OutlineKey.PLAN: "Suunnitelman tavoitteet ja toimenpiteet on koottu alle. Niitä seurataan vuosittain.",
}

STRENGTHS = ["Monipuolinen järjestö- ja liikuntatoiminta", "Koulutettujen osuus kasvaa"]
CONCERNS = ["Työttömyys ja rakennetyöttömyys", "Nuorten koulutuksen ulkopuolelle jääminen", "Väestön ikääntyminen"]

# Goals: (theme, age group, text, text in Swedish, [(indicator, baseline year, direction, target as a share of
# the baseline)], measures); charts: (section, Sotkanet indicator ids)
CHARTS: dict[str, list[str]] = {
    OutlineKey.POPULATION_GROUPS: ["127", "170", "761", "475", "2358", "4"],
    OutlineKey.STRENGTHS: ["181", "3071", "3219", "3099"],
}

GOALS: list[
    tuple[str, str, str, str, list[tuple[str, int, str, float]], list[tuple[str, list[str], str, str, Decimal | None]]]
] = [
    (
        "Lapset ja nuoret",
        "children",
        "Yhä useampi nuori on koulutuksessa tai työssä.",
        "Allt fler unga studerar eller arbetar.",
        [("3219", 2011, "decrease", 0.85)],
        [
            (
                "Etsivän nuorisotyön ja nuorten työpajojen vahvistaminen",
                ["Nuorisopalvelut", "Työllisyyspalvelut"],
                "2013–2016",
                "Nuorisotyö",
                Decimal("85000"),
            ),
            (
                "Toisen asteen opiskelijahuollon yhteinen malli",
                ["Sivistystoimi", "Lapin ammattiopisto"],
                "2014",
                "",
                None,
            ),
        ],
    ),
    (
        "Työllisyys ja osallisuus",
        "working_age",
        "Työttömyys ja pitkäaikaistyöttömyys vähenevät.",
        "Arbetslösheten och långtidsarbetslösheten minskar.",
        [("181", 2011, "decrease", 0.9), ("3071", 2011, "decrease", 0.9)],
        [
            (
                "Kuntouttavan työtoiminnan paikkojen lisääminen",
                ["Sosiaalipalvelut", "Kemin Työttömät ry"],
                "2013–2016",
                "Työllisyydenhoito",
                Decimal("120000"),
            ),
        ],
    ),
    (
        "Ikääntyneet",
        "older",
        "Ikääntyneet asuvat kotona toimintakykyisinä pidempään.",
        "",
        [("703", 2011, "decrease", 0.95)],
        [
            (
                "Kotikuntoutus ja liikuntaneuvonta 75 vuotta täyttäneille",
                ["Vanhuspalvelut", "Liikuntapalvelut"],
                "2014–2016",
                "Vanhuspalvelut",
                Decimal("60000"),
            ),
        ],
    ),
]

PROGRESS = {
    "Etsivän nuorisotyön ja nuorten työpajojen vahvistaminen": (
        "on_track",
        "Kaksi etsivää nuorisotyöntekijää aloitti; työpajoilla 64 nuorta.",
    ),
    "Toisen asteen opiskelijahuollon yhteinen malli": ("done", "Malli otettiin käyttöön syksyllä 2014."),
    "Kuntouttavan työtoiminnan paikkojen lisääminen": ("at_risk", "Paikkoja lisättiin 15, tavoite 30."),
    "Kotikuntoutus ja liikuntaneuvonta 75 vuotta täyttäneille": ("not_started", "Alkaa vuonna 2015."),
}


def _through_the_council(report: Report, coordinator: User, *, decided: dt.date, reference: str) -> None:
    for status in (ReportStatus.IN_REVIEW, ReportStatus.APPROVED, ReportStatus.PUBLISHED):
        services.change_status(
            actor=coordinator,
            report=report,
            status=status,
            decision_body="Kemin kaupunginvaltuusto",
            decision_date=decided,
            decision_reference=reference,
        )


def load_demo_reports() -> None:
    """Create Kemi's demo reports unless Kemi already has reports (the demo can be loaded again)."""
    kemi = Organisation.objects.filter(slug="kemi").first()
    coordinator = get_user_model().objects.filter(username="koordinaattori").first()
    if kemi is None or coordinator is None or Report.objects.filter(organisation=kemi).exists():
        return
    _earlier_term(kemi, coordinator)
    _current_term(kemi, coordinator)


def _earlier_term(kemi: Organisation, coordinator: User) -> None:
    indicators = {i.source_id: i for i in Indicator.objects.filter(source="sotkanet", organisation=None)}
    plan = services.create_report(
        actor=coordinator,
        organisation=kemi,
        kind=ReportKind.BROAD,
        title="Kemin laaja hyvinvointikertomus ja -suunnitelma 2013–2016",
        term_start=2013,
        term_end=2016,
    )
    for section in plan.sections.prefetch_related("blocks"):
        block = section.blocks.first()
        if section.key in TEXTS and block is not None:
            services.edit_block(
                actor=coordinator, block=block, text=TEXTS[section.key], expected_revision=block.revision
            )
        if section.key == OutlineKey.STRENGTHS:
            for kind, items in ((BlockKind.STRENGTHS, STRENGTHS), (BlockKind.CONCERNS, CONCERNS)):
                added = services.add_block(actor=coordinator, section=section, kind=kind)
                services.edit_block(actor=coordinator, block=added, text="", expected_revision=1, items=items)
        shown = [indicators[i] for i in CHARTS.get(section.key, []) if i in indicators]
        if shown:
            services.add_block(actor=coordinator, section=section, kind=BlockKind.CHART, indicators=shown)
    for theme, age_group, text, text_sv, targets, measures in GOALS:
        goal = services.add_goal(
            actor=coordinator, report=plan, text=text, text_sv=text_sv, theme=theme, age_group=age_group
        )
        for source_id, baseline_year, direction, share in targets:
            baseline = Observation.objects.filter(
                indicator=indicators.get(source_id),
                area=kemi.area,
                year=baseline_year,
                gender="total",
                age_group="",
                period="",
            ).first()
            if baseline is not None and baseline.value is not None:
                services.add_goal_indicator(
                    actor=coordinator,
                    goal=goal,
                    indicator=indicators[source_id],
                    baseline_year=baseline_year,
                    target_year=2016,
                    direction=direction,
                    target_value=round(baseline.value * share, 1),
                )
        for measure_text, parties, schedule, budget_line, amount in measures:
            services.add_measure(
                actor=coordinator,
                goal=goal,
                text=measure_text,
                responsible_parties=parties,
                schedule=schedule,
                budget_line=budget_line,
                budget_amount=amount,
            )
    _through_the_council(plan, coordinator, decided=dt.date(2013, 12, 16), reference="§ 123")

    annual = services.create_report(
        actor=coordinator,
        organisation=kemi,
        kind=ReportKind.ANNUAL,
        title="Kemin hyvinvointikertomus, vuosiraportti 2014",
        term_start=2013,
        term_end=2016,
        year=2014,
        plan_report=plan,
    )
    for entry in annual.progress_entries.select_related("measure"):
        if entry.measure is not None and entry.measure.text in PROGRESS:
            status, text = PROGRESS[entry.measure.text]
            services.record_progress(actor=coordinator, entry=entry, status=status, text=text)
    _through_the_council(annual, coordinator, decided=dt.date(2015, 6, 15), reference="§ 58")

    services.create_report(
        actor=coordinator,
        organisation=kemi,
        kind=ReportKind.ANNUAL,
        title="Kemin hyvinvointikertomus, vuosiraportti 2015",
        term_start=2013,
        term_end=2016,
        year=2015,
        plan_report=plan,
    )


CURRENT_TEXTS: dict[str, str] = {
    OutlineKey.SUMMARY: (
        "Kemiläisten hyvinvoinnin suurimmat haasteet ovat väestön ikääntyminen ja väheneminen sekä "
        "elintapoihin liittyvät sairaudet: diabeteslääkkeisiin oikeutettuja on selvästi enemmän kuin maassa ja "
        "Lapin hyvinvointialueella keskimäärin, ja kunnasta muuttaa pois enemmän kuin sinne muuttaa. "
        "Valtuustokauden 2025–2029 painopisteet ovat **terveet elintavat** ja **elinvoimainen arki**."
    ),
    OutlineKey.BACKGROUND: (
        "Hyvinvointikertomus on valmisteltu hyvinvointiryhmässä yhdessä Lapin hyvinvointialueen, järjestöjen "
        "ja seurakunnan kanssa (laki hyvinvoinnin ja terveyden edistämisestä 612/2021, 6 §)."
    ),
    OutlineKey.PLAN: "Tavoitteita seurataan vuosittain vuosiraportissa ja valtuustokauden lopussa.",
}

CURRENT_GOALS: list[tuple[str, str, str, str, str, int, str, float, list[tuple[str, list[str], str]]]] = [
    (
        "Terveet elintavat",
        "all",
        "Tyypin 2 diabetekseen sairastuvien määrä kääntyy laskuun.",
        "Antalet personer som insjuknar i typ 2-diabetes börjar minska.",
        "683",
        2023,
        "decrease",
        0.95,
        [
            (
                "Liikuntaneuvonnan palveluketju terveydenhuollosta kunnan liikuntapalveluihin",
                ["Liikuntapalvelut", "Lapin hyvinvointialue"],
                "2026–2029",
            ),
            ("Työikäisten terveystarkastuksiin diabeteksen riskitesti", ["Lapin hyvinvointialue"], "2026"),
        ],
    ),
    (
        "Elinvoimainen arki",
        "working_age",
        "Kemiin muuttaa yhtä moni kuin sieltä muuttaa pois.",
        "Lika många flyttar till Kemi som flyttar därifrån.",
        "own-migration",
        2024,
        "increase",
        0.0,
        [("Nuorten aikuisten asumisen ja harrastamisen kokeilut keskustassa", ["Kaupunkikehitys"], "2026–2028")],
    ),
]


# The current plan's measures in the budget (illustrative euros): (measure starts with, year, branch, cost centre,
# part, budgeted, used).
CURRENT_BUDGET = [
    ("Liikuntaneuvonnan", 2026, "Sivistystoimi", "4310 Liikuntapalvelut", "operating", "18 000", None),
    ("Liikuntaneuvonnan", 2025, "Sivistystoimi", "4310 Liikuntapalvelut", "operating", "12 000", "11 420"),
    ("Työikäisten", 2026, "Konsernihallinto", "1120 Hyvinvointikoordinaatio", "operating", "2 500", None),
    ("Nuorten aikuisten", 2026, "Tekninen toimi", "6120 Kaupunkikehitys", "operating", "25 000", None),
    ("Nuorten aikuisten", 2026, "Tekninen toimi", "6510 Tilahankkeet", "investment", "60 000", None),
]


def _budget(plan: Report, coordinator: User) -> None:
    measures = list(Measure.objects.filter(goal__report=plan))
    for starts, year, branch, cost_centre, part, amount, used in CURRENT_BUDGET:
        measure = next(m for m in measures if m.text.startswith(starts))
        services.set_budget_line(
            actor=coordinator,
            measure=measure,
            year=year,
            branch=branch,
            cost_centre=cost_centre,
            part=part,
            amount=amount,
            used=used,
        )


def _current_term(kemi: Organisation, coordinator: User) -> None:
    """The plan of the current council term, with goals on indicators that have recent values."""
    from hyte.demo.indicators import NET_MIGRATION_TITLE

    diabetes = Indicator.objects.filter(source="sotkanet", organisation=None, source_id="683").first()
    migration = Indicator.objects.filter(organisation=kemi, title_fi=NET_MIGRATION_TITLE).first()
    chosen = {"683": diabetes, "own-migration": migration}
    plan = services.create_report(
        actor=coordinator,
        organisation=kemi,
        kind=ReportKind.BROAD,
        title="Kemin laaja hyvinvointikertomus ja -suunnitelma 2025–2029",
        term_start=2025,
        term_end=2029,
    )
    for section in plan.sections.prefetch_related("blocks"):
        block = section.blocks.first()
        if section.key in CURRENT_TEXTS and block is not None:
            services.edit_block(
                actor=coordinator, block=block, text=CURRENT_TEXTS[section.key], expected_revision=block.revision
            )
        if section.key == OutlineKey.POPULATION_GROUPS:
            shown = [i for i in chosen.values() if i is not None]
            if shown:
                services.add_block(actor=coordinator, section=section, kind=BlockKind.CHART, indicators=shown)
    for theme, age_group, text, text_sv, key, baseline_year, direction, target, measures in CURRENT_GOALS:
        goal = services.add_goal(
            actor=coordinator, report=plan, text=text, text_sv=text_sv, theme=theme, age_group=age_group
        )
        indicator = chosen[key]
        if indicator is not None:
            baseline = Observation.objects.filter(
                indicator=indicator, area=kemi.area, year=baseline_year, gender="total", age_group="", period=""
            ).first()
            if baseline is not None and baseline.value is not None:
                target_value = round(baseline.value * target, 1) if key == "683" else target
                services.add_goal_indicator(
                    actor=coordinator,
                    goal=goal,
                    indicator=indicator,
                    baseline_year=baseline_year,
                    target_year=2029,
                    direction=direction,
                    target_value=target_value,
                )
        for measure_text, parties, schedule in measures:
            services.add_measure(
                actor=coordinator, goal=goal, text=measure_text, responsible_parties=parties, schedule=schedule
            )
    round_ = comment_round_on_draft(plan, coordinator)  # residents' comments before approval (demo/participation.py)
    value_discussion_on_draft(plan, coordinator, round_)  # what matters: topics voted on, two became goals
    _through_the_council(plan, coordinator, decided=dt.date(2025, 12, 15), reference="§ 112")
    _budget(plan, coordinator)
    annual = services.create_report(
        actor=coordinator,
        organisation=kemi,
        kind=ReportKind.ANNUAL,
        title="Kemin hyvinvointikertomus, vuosiraportti 2026",
        term_start=2025,
        term_end=2029,
        year=2026,
        plan_report=plan,
    )
    for entry in annual.progress_entries.select_related("measure"):
        if entry.measure is not None and entry.measure.text.startswith("Työikäisten terveystarkastuksiin"):
            services.record_progress(
                actor=coordinator, entry=entry, status="on_track", text="Riskitesti on käytössä kahdella asemalla."
            )
