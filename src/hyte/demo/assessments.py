"""The demo's impact assessments for Kemi: a child impact assessment (LAVA) of the youth centre's opening hours,
with real Sotkanet indicators as evidence and the youth council heard, and a screening that found no need."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction

from hyte.accounts.models import Organisation
from hyte.assessments import services
from hyte.assessments.models import Assessment
from hyte.core import clock
from hyte.core.actors import DEMO
from hyte.demo.participation import comment_round_on_assessment
from hyte.reports import services as report_services
from hyte.reports.models import Goal, Report, ReportKind

TITLE = "Nuorisotalo Kipinän aukioloaikojen muutos"


def _plan_goal(kemi: Organisation) -> Goal:
    """A goal of Kemi's welfare plan; the demo report is started for it when Kemi has none yet."""
    report = Report.objects.filter(organisation=kemi, kind=ReportKind.BROAD).order_by("-term_start", "-id").first()
    if report is None:
        report = report_services.create_report(
            actor=DEMO,
            organisation=kemi,
            kind=ReportKind.BROAD,
            title="Kemin hyvinvointikertomus ja -suunnitelma 2025–2029",
            term_start=2025,
            term_end=2029,
        )
    goal = report.goals.filter(age_group="children").first() or report.goals.first()
    if goal is None:
        goal = report_services.add_goal(
            actor=DEMO,
            report=report,
            text="Lasten ja nuorten osallisuus ja mielekäs vapaa-aika vahvistuvat",
            theme="Osallisuus ja harrastaminen",
            age_group="children",
        )
    return goal


@transaction.atomic
def load_demo_assessments() -> Assessment | None:
    kemi = Organisation.objects.filter(slug="kemi").first()
    if kemi is None or Assessment.objects.filter(organisation=kemi, title=TITLE).exists():
        return None
    editor = get_user_model().objects.filter(username="editori").first()
    goal = _plan_goal(kemi)
    today = clock.today()
    assessment = services.create_assessment(
        actor=DEMO,
        organisation=kemi,
        title=TITLE,
        case_number="KEMI/1234/12.00.00/2026",
        preparing_body="Sivistyslautakunta, nuorisopalvelut",
        decision_maker="Sivistyslautakunta",
        deadline=today + dt.timedelta(days=30),
        description=(
            "Säästöohjelman vuoksi esitetään nuorisotalo Kipinän arki-iltojen aukioloajan lyhentämistä "
            "klo 21:stä klo 19:ään."
        ),
        preparer=editor,
    )
    services.save_answers(
        actor=DEMO,
        assessment=assessment,
        screening=True,
        answers=[
            "Kyllä: nuorten vapaa-ajan turvallinen kohtaamispaikka.",
            "Kyllä: vaikutukset kohdistuvat 13–17-vuotiaisiin, erityisesti pienituloisten perheiden nuoriin.",
            "Kyllä.",
            "Kyllä: nuorisopalveluiden saavutettavuus iltaisin.",
            "Kyllä: tavoite lasten ja nuorten osallisuudesta ja vapaa-ajasta.",
            "Vaikutukset voivat olla pitkäkestoisia.",
        ],
    )
    services.record_screening(
        actor=DEMO,
        assessment=assessment,
        full_assessment_needed=True,
        reason="Päätös vaikuttaa suoraan lapsiin ja nuoriin: tehdään lapsivaikutusten arviointi (LAVA).",
        method="child",
    )
    no_change = assessment.options.get(is_no_change=True)
    shorter = services.add_option(
        actor=DEMO,
        assessment=assessment,
        title="Arki-illat lyhenevät klo 19:ään",
        description="Säästö noin 38 000 € vuodessa (ohjaajien iltatyö).",
    )
    weekends = services.add_option(
        actor=DEMO,
        assessment=assessment,
        title="Aukiolo siirtyy perjantai- ja lauantai-iltoihin",
        description="Arkena klo 14–19, pe ja la klo 18–23; kustannusneutraali.",
    )
    cells = [
        (no_change, "young_people", "none", "", "", "", "Nykyinen palvelu jatkuu.", []),
        (no_change, "economy", "negative", "small", "high", "short", "Säästötavoite jää toteutumatta.", ["3177"]),
        (
            shorter,
            "young_people",
            "negative",
            "large",
            "medium",
            "long",
            "Turvallinen iltapaikka katoaa arki-iltoina juuri silloin, kun nuoria on eniten liikkeellä. "
            "Koulutuksen ulkopuolelle jääneiden nuorten osuus on Kemissä maan keskiarvoa suurempi.",
            ["3219"],
        ),
        (
            shorter,
            "children",
            "negative",
            "moderate",
            "medium",
            "long",
            "Yläkouluikäisten ohjattu vapaa-aika vähenee; riski mielenterveyden ongelmien varhaisen "
            "tunnistamisen heikkenemisestä.",
            ["4"],
        ),
        (
            shorter,
            "minorities",
            "negative",
            "small",
            "low",
            "long",
            "Maahan muuttaneiden perheiden nuorille nuorisotalo on tärkeä kohtaamispaikka.",
            ["187"],
        ),
        (shorter, "economy", "positive", "small", "high", "short", "Säästö noin 38 000 € vuodessa.", ["3177"]),
        (
            shorter,
            "organisation",
            "negative",
            "small",
            "high",
            "short",
            "Ohjaajien työaikoja järjestellään; yksi osa-aikainen tehtävä jää täyttämättä.",
            [],
        ),
        (
            weekends,
            "young_people",
            "positive",
            "moderate",
            "medium",
            "long",
            "Viikonloppuillat ovat nuorisovaltuuston mukaan nuorille tärkeimmät; arki-illat lyhenevät.",
            ["3219"],
        ),
        (weekends, "children", "unknown", "", "", "", "Vaikutus alakouluikäisiin on epäselvä.", []),
        (weekends, "economy", "none", "", "", "", "Kustannusneutraali.", []),
        (
            weekends,
            "organisation",
            "negative",
            "small",
            "medium",
            "long",
            "Viikonlopputyö lisääntyy; vaatii työvuorojen uudelleenjärjestelyn.",
            [],
        ),
    ]
    for option, area, direction, size, certainty, time_span, description, codes in cells:
        services.set_impact(
            actor=DEMO,
            option=option,
            area=area,
            direction=direction,
            size=size,
            certainty=certainty,
            time_span=time_span,
            description=description,
            sources="Sotkanet (THL), nuorisopalveluiden kävijätilastot 2025",
            indicator_codes=codes,
        )
    services.set_goal_effect(
        actor=DEMO, option=shorter, goal=goal, effect="works_against", note="Nuorten mielekäs vapaa-aika vähenee."
    )
    services.set_goal_effect(actor=DEMO, option=weekends, goal=goal, effect="supports", note="Nuorten toive toteutuu.")
    services.set_goal_effect(actor=DEMO, option=no_change, goal=goal, effect="none")
    comment_round_on_assessment(assessment, part_keys=["description", f"option-{shorter.pk}"])
    services.update_assessment(
        actor=DEMO,
        assessment=assessment,
        description=assessment.description
        + " Asukkaiden kommenttien perusteella vertailuun otettiin aukiolon siirtäminen perjantai- ja "
        "lauantai-iltoihin.",
    )
    services.add_hearing(
        actor=DEMO,
        assessment=assessment,
        party="Kemin nuorisovaltuusto",
        heard_on=today - dt.timedelta(days=7),
        views=(
            "Nuorisovaltuusto vastustaa arki-iltojen lyhentämistä. Perjantai- ja lauantai-illat ovat nuorille "
            "tärkeimmät, ja niihin toivotaan lisää aukioloa."
        ),
        response="Viikonloppuvaihtoehto lisättiin vertailuun nuorisovaltuuston ehdotuksesta.",
    )
    services.update_assessment(
        actor=DEMO,
        assessment=assessment,
        other_participants="Nuorisopalveluiden esihenkilö\nKoulukuraattori, Kemin yläkoulu",
        cumulative_effects=(
            "Samaan aikaan valmistellaan kirjaston iltojen lyhentämistä: nuorten maksuttomat iltapaikat "
            "vähenisivät yhtä aikaa."
        ),
        conclusion=(
            "Lapsen edun kannalta paras on aukiolon siirtäminen viikonloppuiltoihin: se on kustannusneutraali "
            "ja vastaa nuorten omaa toivetta. Arki-iltojen lyhentäminen toimii hyvinvointisuunnitelman "
            "tavoitetta vastaan."
        ),
        recommended_option=weekends,
    )
    services.save_answers(
        actor=DEMO,
        assessment=assessment,
        answers=[
            "Arki-iltojen lyhentäminen vähentäisi nuorten turvallisia iltapaikkoja heti; pitkällä aikavälillä "
            "riskinä on nuorten jääminen ilman aikuisen tukea.",
            "Nuorisovaltuusto kuultiin 12.10. ja kävijöille tehtiin kysely (84 vastausta): nuoret toivoivat "
            "mieluummin viikonloppuiltoja kuin lyhyempiä arki-iltoja.",
            "Ohjaajat painottivat arki-iltojen merkitystä läksyjen ja harrastusten jälkeen; ristiriita ratkaistiin "
            "pitämällä yksi pitkä arki-ilta.",
            "Haitta kohdistuisi pienituloisten perheiden nuoriin, joilla on vähiten maksuttomia vaihtoehtoja.",
            "Kävijämäärät tunnetaan; vaikutusta nuorten kokemaan turvallisuuteen ei tiedetä ennen seurantaa.",
            "Aukiolon siirtäminen viikonloppuiltoihin.",
        ],
    )
    services.mark_ready(actor=DEMO, assessment=assessment)

    screened = services.create_assessment(
        actor=DEMO,
        organisation=kemi,
        title="Kaupungintalon kokoustilojen varausjärjestelmän uusiminen",
        case_number="KEMI/987/02.08.00/2026",
        preparing_body="Konsernipalvelut",
        decision_maker="Kaupunginhallitus",
        preparer=editor,
    )
    services.record_screening(
        actor=DEMO,
        assessment=screened,
        full_assessment_needed=False,
        reason="Sisäinen tietojärjestelmämuutos: ei vaikutuksia asukkaiden hyvinvointiin tai terveyteen.",
    )
    return assessment
