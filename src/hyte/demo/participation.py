"""The demo's comment rounds (issue 18), invented for the demo. Kemi's draft plan for 2025–2029 was open for
residents' comments in October–November 2025: 30 comments (some replies, some given on paper or at an event),
supports, a poll on the plan's priorities, the youth council's statement, three changes made to the text after
feedback with the comments that led to them answered, and the summary; the round was closed before the council
approved the plan, so its public page shows what changed after feedback. The annual report of 2026 is open for
comments now. Built through the services; the residents' comments are entered by the demo loader (`DEMO`), which
may write outside a round's period."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hyte.core import clock
from hyte.core.actors import DEMO
from hyte.participation import services
from hyte.participation.models import Round
from hyte.reports import services as reports
from hyte.reports.models import OutlineKey, Report, ReportKind

OPENED = ["summary", "background", "plan"]
# (section key, nickname, text, source, supports, reply to the comment at this index or None)
COMMENTS: list[tuple[str, str, str, str, int, int | None]] = [
    (
        "summary",
        "Kemiläinen äiti",
        "Lasten ja nuorten harrastusmahdollisuudet puuttuvat painopisteistä kokonaan.",
        "web",
        14,
        None,
    ),
    ("summary", "Eläkeläinen", "Ikääntyneiden yksinäisyys pitäisi nostaa omaksi painopisteekseen.", "web", 11, None),
    ("summary", "Nuori", "Samaa mieltä harrastuksista, ilmaisia harrastuksia tarvitaan lisää.", "web", 6, 0),
    ("summary", "Työtön", "Työttömyys mainitaan, mutta miten työttömien terveyttä tuetaan?", "web", 5, None),
    ("summary", "Omaishoitaja", "Omaishoitajien jaksaminen ei näy suunnitelmassa lainkaan.", "web", 9, None),
    ("summary", "Pyöräilijä", "Kevyen liikenteen väylät ovat huonossa kunnossa talvella.", "web", 3, None),
    ("summary", "Kirjastonkäyttäjä", "Kirjasto on tärkeä kohtaamispaikka, se kannattaa mainita.", "web", 4, None),
    ("summary", "Isä", "Terveet elintavat ovat hyvä painopiste, kunhan koulujen liikunta lisääntyy.", "web", 2, None),
    ("summary", "Mummo", "Samaa mieltä yksinäisyydestä, kotiin tarvitaan vierailijoita.", "event", 3, 1),
    ("summary", "Yrittäjä", "Elinvoimainen arki tarvitsee myös palveluja keskustan ulkopuolelle.", "web", 2, None),
    (
        "summary",
        "Opettaja",
        "Nuorten mielenterveys on huolestuttava, kouluun tarvitaan lisää kuraattoreita.",
        "web",
        8,
        None,
    ),
    ("summary", "Nimetön", "Hyvä että diabetes on nostettu esiin.", "paper", 1, None),
    (
        "background",
        "Järjestöaktiivi",
        "Järjestöt olisi hyvä mainita valmistelijoiden joukossa nimeltä.",
        "web",
        7,
        None,
    ),
    (
        "background",
        "Seurakunnan työntekijä",
        "Seurakunnan diakoniatyö tavoittaa paljon yksinäisiä, tehdään yhteistyötä.",
        "web",
        5,
        None,
    ),
    ("background", "Asukas", "Miten asukkaat otettiin mukaan valmisteluun?", "web", 6, None),
    ("background", "Nuorisovaltuutettu", "Nuorisovaltuusto haluaa olla mukana jo valmistelun alussa.", "web", 9, None),
    ("background", "Asukas 2", "Kyselyä asukkaille tarvittaisiin ennen seuraavaa kertomusta.", "web", 4, 14),
    ("background", "Vammaisneuvoston jäsen", "Vammaisneuvosto puuttuu yhteistyötahojen luettelosta.", "email", 6, None),
    ("background", "Veteraani", "Kiitos selkeästä tekstistä.", "paper", 0, None),
    ("background", "Sosiaalityöntekijä", "Tietopohjaan kannattaa lisätä kouluterveyskyselyn tulokset.", "web", 3, None),
    ("plan", "Valtuutettu", "Seurannan lisäksi tarvitaan selkeät vastuuhenkilöt.", "web", 8, None),
    ("plan", "Kuntalainen", "Vuosiraportti pitäisi julkaista myös selkokielellä.", "web", 10, None),
    ("plan", "Isoäiti", "Selkokieli auttaisi monia ikääntyneitä.", "event", 5, 21),
    ("plan", "Nuori 2", "Seurannan tulokset voisi kertoa myös somessa nuorille.", "web", 4, None),
    (
        "plan",
        "Asukasyhdistys",
        "Kylien asukasyhdistykset voisivat kertoa, miten toimet näkyvät arjessa.",
        "web",
        3,
        None,
    ),
    (
        "plan",
        "Terveydenhoitaja",
        "Mittareiksi kannattaa valita myös kokemusta kuvaavia indikaattoreita.",
        "web",
        7,
        None,
    ),
    ("plan", "Liikuntaneuvoja", "Liikuntaneuvonnan asiakasmäärät sopisivat seurantaan.", "web", 2, None),
    ("plan", "Nimetön 2", "Tavoitteita on liian vähän.", "paper", 1, None),
    ("plan", "Eläkeläinen 2", "Seurannasta pitäisi kertoa myös kylätilaisuuksissa.", "event", 2, None),
    ("plan", "Opiskelija", "Tavoitteet ovat hyviä, kiitos.", "web", 1, None),
]
# (section key, the text after feedback, what changed, in Swedish, the comments (indexes) that led to it)
CHANGES: list[tuple[str, str, str, str, list[int]]] = [
    (
        "summary",
        "Kemiläisten hyvinvoinnin suurimmat haasteet ovat väestön ikääntyminen ja väheneminen, ikääntyneiden "
        "yksinäisyys sekä elintapoihin liittyvät sairaudet: diabeteslääkkeisiin oikeutettuja on selvästi enemmän "
        "kuin maassa ja Lapin hyvinvointialueella keskimäärin, ja kunnasta muuttaa pois enemmän kuin sinne "
        "muuttaa. Valtuustokauden 2025–2029 painopisteet ovat **terveet elintavat**, **elinvoimainen arki** ja "
        "**lasten ja nuorten harrastukset**.",
        "Lasten ja nuorten harrastukset lisättiin painopisteeksi ja ikääntyneiden yksinäisyys haasteisiin.",
        "Barns och ungas fritidsaktiviteter lades till som tyngdpunkt och äldres ensamhet bland utmaningarna.",
        [0, 1],
    ),
    (
        "background",
        "Hyvinvointikertomus on valmisteltu hyvinvointiryhmässä yhdessä Lapin hyvinvointialueen, järjestöjen, "
        "seurakunnan, nuorisovaltuuston, vanhusneuvoston ja vammaisneuvoston kanssa (laki hyvinvoinnin ja "
        "terveyden edistämisestä 612/2021, 6 §). Luonnos oli asukkaiden kommentoitavana lokakuussa 2025.",
        "Vaikuttamistoimielimet lisättiin valmistelijoihin ja asukkaiden kommenttikierros mainittiin.",
        "Påverkansorganen lades till bland beredarna och invånarnas kommentarsrunda nämndes.",
        [15, 17],
    ),
    (
        "plan",
        "Tavoitteita seurataan vuosittain vuosiraportissa ja valtuustokauden lopussa. Vuosiraportista julkaistaan "
        "selkokielinen tiivistelmä.",
        "Vuosiraportista luvattiin selkokielinen tiivistelmä.",
        "En lättläst sammanfattning av årsrapporten utlovades.",
        [21],
    ),
]
SUMMARY = (
    "Luonnosta kommentoi 30 asukasta verkossa, paperilla ja tilaisuuksissa. Eniten tukea saivat ehdotukset "
    "lasten ja nuorten harrastuksista ja ikääntyneiden yksinäisyydestä; kyselyssä tärkeimmäksi nousi liikunta. "
    "Nuorisovaltuusto antoi lausunnon. Palautteen perusteella tekstiä muutettiin kolmessa luvussa."
)
SUMMARY_SV = (
    "30 invånare kommenterade utkastet på webben, på papper och vid evenemang. Mest stöd fick förslagen om barns "
    "och ungas fritidsaktiviteter och om äldres ensamhet. Ungdomsfullmäktige gav ett utlåtande. Texten ändrades i "
    "tre kapitel efter responsen."
)


def _sections(report: Report, keys: list[str]) -> list[Any]:
    return [s for s in report.sections.order_by("position") if s.key in keys]


def comment_round_on_draft(plan: Report, coordinator: Any) -> Round:
    """The closed round on the draft plan, before the council approves it (called by the reports' demo)."""
    round_ = services.open_round(
        actor=coordinator,
        report=plan,
        sections=_sections(plan, OPENED),
        title="Kommentoi Kemin hyvinvointisuunnitelmaa 2025–2029",
        title_sv="Kommentera Kemis välfärdsplan 2025–2029",
        introduction="Mitä mieltä olet suunnitelman painopisteistä? Kommentoi lukuja ja vastaa kyselyyn.",
        introduction_sv="Vad tycker du om planens tyngdpunkter? Kommentera kapitlen och svara på enkäten.",
        opens_on=dt.date(2025, 10, 1),
        closes_on=dt.date(2025, 11, 14),
    )
    sections = {s.key: s for s in round_.sections.all()}
    services.set_poll(
        actor=coordinator,
        section=sections["summary"],
        kind="choice",
        question="Mikä näistä on sinulle tärkein?",
        question_sv="Vilket av dessa är viktigast för dig?",
        choices=[
            ("Liikunta", "Motion"),
            ("Yksinäisyyden vähentäminen", "Mindre ensamhet"),
            ("Työllisyys", "Sysselsättning"),
        ],
    )
    for reader, value in enumerate([0] * 21 + [1] * 17 + [2] * 9):
        services.answer_poll(actor=DEMO, section=sections["summary"], value=value, reader=f"demo-reader-{reader}")
    made: list[Any] = []
    for key, nickname, text, source, supports, reply_to in COMMENTS:
        if source == "web":
            parent = made[reply_to] if reply_to is not None else None
            comment = services.add_comment(
                actor=DEMO, section=sections[key], body=text, nickname=nickname, parent=parent
            )
        else:
            comment = services.add_offline_comment(
                actor=coordinator, section=sections[key], body=text, source=source, nickname=nickname
            )
        for reader in range(supports):
            services.support_comment(actor=DEMO, comment=comment, reader=f"demo-reader-{reader}")
        made.append(comment)
    statement = services.request_statement(
        actor=coordinator, round=round_, author_name="Kemin nuorisovaltuusto", author_name_sv="Kemi ungdomsfullmäktige"
    )
    services.give_statement(
        actor=coordinator,
        statement=statement,
        text_fi="Nuorisovaltuusto esittää, että lasten ja nuorten harrastukset nostetaan suunnitelman painopisteeksi "
        "ja että nuorisovaltuusto otetaan mukaan jo valmistelun alussa.",
        text_sv="Ungdomsfullmäktige föreslår att barns och ungas fritidsaktiviteter blir en tyngdpunkt i planen.",
    )
    blocks = {s.key: s.blocks.order_by("position").first() for s in _sections(plan, OPENED)}
    for key, new_text, what, what_sv, indexes in CHANGES:
        block = blocks[key]
        reports.edit_block(actor=coordinator, block=block, text=new_text, expected_revision=block.revision)
        change = services.add_change(actor=coordinator, section=sections[key], description=what, description_sv=what_sv)
        for index in indexes:
            services.answer_comment(
                actor=coordinator,
                comment=made[index],
                answer="Kiitos ehdotuksesta! Muutimme tekstiä sen mukaisesti.",
                answer_sv="Tack för förslaget! Vi ändrade texten enligt det.",
                change=change,
            )
    services.answer_comment(
        actor=coordinator, comment=made[3], answer="Työttömien terveystarkastukset ovat mukana toimenpiteissä."
    )
    services.write_summary(actor=coordinator, round=round_, summary=SUMMARY, summary_sv=SUMMARY_SV)
    services.close_round(actor=coordinator, round=round_)
    return round_


ASSESSMENT_COMMENTS = [
    ("Nuori", "Arki-illat ovat ainoa aika, jolloin pääsen nuorisotalolle harrastusten jälkeen."),
    ("Äiti", "Kipinä on monelle nuorelle turvallinen paikka illalla. Älkää lyhentäkö aukioloa."),
    ("Ohjaaja", "Perjantai- ja lauantai-illat olisivat nuorille tärkeämpiä kuin myöhäiset arki-illat."),
    ("Kemiläinen", "Säästö on pieni verrattuna siihen, mitä nuorten iltojen tyhjyys maksaa myöhemmin."),
]
ASSESSMENT_SUMMARY = (
    "Neljä kommenttia. Kolme vastusti arki-iltojen lyhentämistä; yksi ehdotti aukioloa viikonloppuiltoihin. "
    "Ehdotus otettiin vertailuun omana vaihtoehtonaan, ja valmisteltavan asian kuvaukseen lisättiin se."
)


def comment_round_on_assessment(assessment: Any, *, part_keys: list[str]) -> Round:
    """The youth centre's assessment was open for residents' comments a month ago: four comments, the summary,
    the round closed (which recorded the residents' hearing); the description then took in their proposal."""
    now = clock.now()
    with clock.at(now - dt.timedelta(days=40)):
        today = clock.today()
        round_ = services.open_assessment_round(
            actor=DEMO,
            assessment=assessment,
            parts=part_keys,
            title="Kerro mielipiteesi nuorisotalo Kipinän aukioloajoista",
            title_sv="Säg din åsikt om ungdomsgården Kipinäs öppettider",
            introduction="Lapsivaikutusten arviointi on valmisteilla. Miten muutos vaikuttaisi sinuun?",
            introduction_sv="Bedömningen av konsekvenserna för barn bereds. Hur skulle ändringen påverka dig?",
            opens_on=today,
            closes_on=today + dt.timedelta(days=21),
        )
    first = round_.sections.order_by("position")[0]
    for day, (nickname, body) in enumerate(ASSESSMENT_COMMENTS):
        with clock.at(now - dt.timedelta(days=38 - 3 * day)):
            services.add_comment(actor=DEMO, section=first, body=body, nickname=nickname)
    with clock.at(now - dt.timedelta(days=15)):
        services.write_summary(actor=DEMO, round=round_, summary=ASSESSMENT_SUMMARY)
        services.close_round(actor=DEMO, round=round_)
    return round_


def load_demo_participation() -> int:
    """The open round on the annual report of 2026, once: the number of rounds created (0 when it exists)."""
    annual = Report.objects.filter(organisation__slug="kemi", kind=ReportKind.ANNUAL, year=2026).first()
    if annual is None or annual.status not in ("draft", "in_review") or Round.objects.filter(report=annual).exists():
        return 0
    wanted = (OutlineKey.FOLLOW_UP, OutlineKey.NEXT_STEPS)
    sections = [s for s in annual.sections.order_by("position") if s.key in wanted]
    if not sections:
        sections = list(annual.sections.order_by("position")[:2])
    today = clock.today()
    round_ = services.open_round(
        actor=DEMO,
        report=annual,
        sections=sections,
        title="Kommentoi vuosiraporttia 2026",
        title_sv="Kommentera årsrapporten 2026",
        introduction="Miten suunnitelman toimet ovat mielestäsi edenneet?",
        introduction_sv="Hur tycker du att planens åtgärder har framskridit?",
        opens_on=today - dt.timedelta(days=7),
        closes_on=today + dt.timedelta(days=21),
    )
    services.set_poll(
        actor=DEMO,
        section=round_.sections.order_by("position")[0],
        kind="scale",
        question="Kuinka hyvin toimet ovat edenneet (1–5)?",
        question_sv="Hur väl har åtgärderna framskridit (1–5)?",
    )
    first = round_.sections.order_by("position")[0]
    services.add_comment(actor=DEMO, section=first, body="Liikuntaneuvonta on toiminut hyvin.", nickname="Asukas")
    services.add_comment(actor=DEMO, section=first, body="Riskitestistä en ole kuullut mitään.", nickname="Kemiläinen")
    return 1


# The value discussion on the draft plan (seed 002): topics of joy and worry of the welfare group and of the youth
# council, and two from the residents' comments of the round (by their index in COMMENTS); their indicators by
# Sotkanet id (those loaded); the votes of each group as (welfare group, youth council) per topic.
# (kind, text, text in Swedish, group: 0 welfare group / 1 youth council / None from a comment, comment index,
#  [(Sotkanet id, stance)], (votes of the welfare group, of the youth council), the goal it became or "")
TOPICS: list[tuple[str, str, str, int | None, int | None, list[tuple[str, str]], tuple[int, int], str]] = [
    (
        "worry",
        "Diabetes ja muut elintapasairaudet ovat yleisempiä kuin muualla.",
        "Diabetes och andra livsstilssjukdomar är vanligare än på andra håll.",
        0,
        None,
        [("683", "confirms")],
        (7, 2),
        "Elintapasairauksien ehkäisy: diabeteslääkkeisiin oikeutettujen osuus kääntyy laskuun vuoteen 2029 mennessä.",
    ),
    (
        "joy",
        "Kirjasto ja järjestöt kokoavat ihmisiä yhteen.",
        "Biblioteket och föreningarna för samman folk.",
        0,
        None,
        [],
        (3, 1),
        "",
    ),
    ("worry", "Nuorten mielenterveys huolestuttaa.", "Ungas psykiska hälsa oroar.", 1, None, [], (2, 5), ""),
    (
        "joy",
        "Harrastuksia on paljon, kun niihin pääsee.",
        "Det finns många fritidsaktiviteter för den som når dem.",
        1,
        None,
        [],
        (1, 3),
        "",
    ),
    (
        "worry",
        "Lasten ja nuorten harrastusmahdollisuudet puuttuvat painopisteistä.",
        "Barns och ungas fritidsaktiviteter saknas bland tyngdpunkterna.",
        None,
        0,
        [],
        (5, 6),
        "Jokaisella lapsella ja nuorella on mahdollisuus mieluisaan harrastukseen.",
    ),
    (
        "worry",
        "Ikääntyneiden yksinäisyys on kasvanut.",
        "Äldres ensamhet har ökat.",
        None,
        1,
        [],
        (4, 1),
        "",
    ),
]


def value_discussion_on_draft(plan: Report, coordinator: Any, round_: Round) -> Any:
    """The closed value discussion on the draft plan, after the comment round (called by the reports' demo):
    topics collected, linked to indicators, voted on by the welfare group and the youth council, and the two most
    voted turned into goals of the plan."""
    from hyte.indicators.models import Indicator

    discussion = services.start_discussion(
        actor=coordinator,
        report=plan,
        title="Arvokeskustelu: mikä Kemissä on tärkeää?",
        title_sv="Värdediskussion: vad är viktigt i Kemi?",
        introduction="Hyvinvointiryhmä ja nuorisovaltuusto keskustelivat ilon ja huolen aiheista tilannekuvan "
        "pohjalta.",
        introduction_sv="Välfärdsgruppen och ungdomsfullmäktige diskuterade glädje- och orosämnen utifrån lägesbilden.",
        groups=[("Hyvinvointiryhmä", "Välfärdsgruppen"), ("Nuorisovaltuusto", "Ungdomsfullmäktige")],
        votes_per_participant=3,
    )
    groups = list(discussion.groups.order_by("position"))
    comments = list(round_.comments.order_by("created_at", "pk"))
    indicators = {i.source_id: i for i in Indicator.objects.filter(source="sotkanet", organisation=None)}
    made = []
    for kind, text, text_sv, group, comment, links, _votes, _goal in TOPICS:
        if comment is not None:
            topic = services.topic_from_comment(
                actor=coordinator,
                discussion=discussion,
                comment=comments[comment],
                kind=kind,
                text=text,
                text_sv=text_sv,
            )
        else:
            topic = services.propose_topic(
                actor=coordinator,
                discussion=discussion,
                kind=kind,
                text=text,
                text_sv=text_sv,
                group=groups[group or 0],
            )
        for source_id, stance in links:
            if source_id in indicators:
                services.link_indicator(actor=coordinator, topic=topic, indicator=indicators[source_id], stance=stance)
        made.append(topic)
    services.set_phase(actor=coordinator, discussion=discussion, phase="voting")
    for index, voters in enumerate(groups):
        # each participant gives up to three votes: the voters of a group walk the topics, three at a time
        ballots: list[list[Any]] = []
        wanted = [(topic, spec[6][index]) for topic, spec in zip(made, TOPICS, strict=True)]
        while any(n for _topic, n in wanted):
            ballot = [topic for topic, n in sorted(wanted, key=lambda w: -w[1]) if n][:3]
            wanted = [(topic, n - 1 if topic in ballot else n) for topic, n in wanted]
            ballots.append(ballot)
        for number, ballot in enumerate(ballots):
            services.vote(
                actor=DEMO, discussion=discussion, topics=ballot, group=voters, reader=f"demo-{voters.pk}-{number}"
            )
    for topic, spec in zip(made, TOPICS, strict=True):
        if spec[7]:
            services.topic_to_goal(actor=coordinator, topic=topic, text=spec[7], theme="Hyvinvointikeskustelu")
    services.set_phase(actor=coordinator, discussion=discussion, phase="closed")
    return discussion
