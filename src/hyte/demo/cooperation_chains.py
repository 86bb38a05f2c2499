"""The demo's service chain and cooperation agreement (the agreement: `load_demo_agreement` below).

The chain: physical-activity counselling in Lappi with Kemi (issue 15, seed 001). The county's
health care finds the people who would benefit (entry routes by age group) and refers them; Kemi's sports services
counsel; the NGO's and the city's groups continue the support; the counselling follows up. Kept by Lappi county,
published in Finnish and Swedish, linked to the register's activities where the demo has them. Invented for the
demo; built through the services as the county's coordinator would."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from hyte.accounts.models import Organisation
from hyte.actors.models import Activity
from hyte.cooperation.agreement_models import Agreement
from hyte.cooperation.chain_models import ServiceChain
from hyte.cooperation.services import agreements
from hyte.cooperation.services import chains as services

NAME = "Liikuntaneuvonnan palveluketju"
COORDINATOR = "alue"
# (phase, age group, organisation, title, title_sv, unit, unit_sv, hand-off, hand-off_sv, contact, activity title)
STEPS = [
    (
        "entry",
        "young",
        "lappi",
        "Opiskeluterveydenhuolto tunnistaa liikkumattoman nuoren",
        "Studerandehälsovården känner igen en ung person som rör sig för lite",
        "Opiskeluterveydenhuolto",
        "Studerandehälsovården",
        "Nuori ei liiku suositusten mukaisesti ja haluaa muutosta.",
        "Den unga rör sig inte enligt rekommendationerna och vill ändra på det.",
        "Opiskeluterveydenhuolto, p. 016 000 0001",
        "",
    ),
    (
        "entry",
        "working_age",
        "lappi",
        "Terveysaseman vastaanotto tunnistaa liikunnan tarpeen",
        "Hälsostationens mottagning känner igen behovet av motion",
        "Kemin terveysasema",
        "Kemi hälsostation",
        "Pitkäaikaissairaus tai sen riski (esim. tyypin 2 diabetes, verenpainetauti) ja vähäinen liikunta.",
        "Långvarig sjukdom eller risk för en (t.ex. typ 2-diabetes, högt blodtryck) och lite motion.",
        "Kemin terveysasema, p. 016 000 0002",
        "",
    ),
    (
        "entry",
        "older",
        "lappi",
        "Kotihoito ja muistihoitaja tunnistavat heikentyvän toimintakyvyn",
        "Hemvården och minnesskötaren känner igen en försämrad funktionsförmåga",
        "Kotihoito ja muistipoliklinikka",
        "Hemvården och minnespolikliniken",
        "Toimintakyky heikkenee tai kaatumisen riski kasvaa.",
        "Funktionsförmågan försämras eller risken att falla ökar.",
        "Kotihoito, p. 016 000 0003",
        "",
    ),
    (
        "referral",
        "",
        "lappi",
        "Lähete liikuntaneuvontaan",
        "Remiss till motionsrådgivning",
        "Lapin hyvinvointialueen perusterveydenhuolto",
        "Lapplands välfärdsområdes primärvård",
        "Lähete kulkee sähköisesti; asiakas antaa luvan tietojen siirtoon kunnalle.",
        "Remissen skickas elektroniskt; klienten ger sitt samtycke till att uppgifterna överförs till kommunen.",
        "",
        "",
    ),
    (
        "counselling",
        "",
        "kemi",
        "Liikuntaneuvonta",
        "Motionsrådgivning",
        "Kemin liikuntapalvelut",
        "Kemi idrottstjänster",
        "Neuvonnassa tehdään liikuntasuunnitelma; asiakas ohjataan sopivaan ryhmään.",
        "I rådgivningen görs en motionsplan; klienten hänvisas till en lämplig grupp.",
        "Liikuntaneuvoja, p. 040 000 0004",
        "Liikuntaneuvonta",
    ),
    (
        "continuation",
        "older",
        "meripuiston-seniorit",
        "Senioreiden kävelyryhmä jatkaa tukea",
        "Promenadgruppen för seniorer fortsätter stödet",
        "Vertaisohjaajat",
        "Kamratledare",
        "",
        "",
        "Meripuiston Seniorit ry, p. 040 000 0005",
        "Senioreiden kävelyryhmä",
    ),
    (
        "continuation",
        "working_age",
        "kemi",
        "Aloittelijoiden ja senioreiden kuntosaliryhmät",
        "Gymgrupper för nybörjare och seniorer",
        "Kemin liikuntapalvelut",
        "Kemi idrottstjänster",
        "",
        "",
        "Liikuntapalvelut, p. 040 000 0006",
        "Senioreiden kuntosali",
    ),
    (
        "follow_up",
        "",
        "kemi",
        "Seuranta kuuden kuukauden kuluttua",
        "Uppföljning efter sex månader",
        "Kemin liikuntapalvelut",
        "Kemi idrottstjänster",
        "Liikuntaneuvoja kysyy, miten liikkuminen on jatkunut, ja kertoo tuloksen lähettäjälle.",
        "Motionsrådgivaren frågar hur motionen har fortsatt och meddelar den som remitterade.",
        "",
        "",
    ),
]


def load_demo_chains() -> int:
    """The chain, once: the number of its steps created (0 when it exists already or its people are missing)."""
    slugs = {"lappi", "kemi", "meripuiston-seniorit"}
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=slugs)}
    coordinator = get_user_model().objects.filter(username=COORDINATOR).first()
    if len(organisations) < len(slugs) or coordinator is None or ServiceChain.objects.filter(name=NAME).exists():
        return 0
    activities = {a.title: a for a in Activity.objects.filter(area=organisations["kemi"].area, is_published=True)}
    chain = services.create_chain(
        actor=coordinator,
        keeper=organisations["lappi"],
        details=services.ChainDetails(
            name=NAME,
            name_sv="Servicekedjan för motionsrådgivning",
            description=(
                "Liikuntaneuvonta Lapin hyvinvointialueen ja Kemin kaupungin yhteistyönä: hyvinvointialueen "
                "terveydenhuolto ohjaa, kaupungin liikuntapalvelut neuvovat ja järjestöjen ryhmät jatkavat tukea."
            ),
            description_sv=(
                "Motionsrådgivning i samarbete mellan Lapplands välfärdsområde och Kemi stad: välfärdsområdets "
                "hälso- och sjukvård hänvisar, stadens idrottstjänster ger råd och föreningarnas grupper fortsätter."
            ),
            participants=[organisations["kemi"], organisations["meripuiston-seniorit"]],
            indicators_text=(
                "Liikuntaneuvontaan ohjattujen määrä vuodessa\n"
                "Neuvonnan jälkeen ryhmään jatkaneiden osuus\n"
                "Vapaa-ajan liikuntaa harrastavien osuus (FinSote/HYTE-indikaattori)"
            ),
            is_published=True,
        ),
    )
    for phase, age, slug, title, title_sv, unit, unit_sv, handoff, handoff_sv, contact, activity in STEPS:
        services.add_step(
            actor=coordinator,
            chain=chain,
            details=services.StepDetails(
                phase=phase,
                age_group=age,
                organisation=organisations[slug],
                title=title,
                title_sv=title_sv,
                unit=unit,
                unit_sv=unit_sv,
                handoff=handoff,
                handoff_sv=handoff_sv,
                contact=contact,
                activity=activities.get(activity) if activity else None,
            ),
        )
    return len(STEPS)


AGREEMENT = "Lapin hyvinvointialueen ja kuntien strateginen hyte-yhteistyösopimus"
# Invented business ids (valid check digits, no real organisation's), the decisions of each party.
DECISIONS = {
    "lappi": ("2345678-0", "Aluevaltuusto", dt.date(2025, 11, 24), "§ 101"),
    "kemi": ("1234567-1", "Kemin kaupunginvaltuusto", dt.date(2025, 12, 8), "§ 88"),
    "tornio": ("7654321-2", "Tornion kaupunginvaltuusto", dt.date(2025, 12, 15), "§ 93"),
}
TEXT = {
    "background": (
        "Hyvinvointialue ja kunnat edistävät asukkaidensa hyvinvointia ja terveyttä yhdessä (laki 612/2021 6–7 §, "
        "laki 611/2021 14 §). Sopimus kokoaa yhteiset tavoitteet, toimet ja yhteistyön rakenteet valtuustokaudelle."
    ),
    "goals": (
        "Lasten ja nuorten liikkuminen lisääntyy.\nIkääntyneet asuvat kotona pidempään toimintakykyisinä.\n"
        "Elintapaohjauksen palveluketjut ovat yhtenäiset koko alueella."
    ),
    "actions": (
        "Liikuntaneuvonnan palveluketju käyttöön kaikissa kunnissa.\n"
        "Yhteinen hyvinvointikatsaus kunnille vuosittain.\nKotona asumista tukevien palvelujen yhteinen kartoitus."
    ),
    "indicators": (
        "Vapaa-ajan liikuntaa harrastavien osuus\nKotona asuvat 75 vuotta täyttäneet (%)\n"
        "Liikuntaneuvontaan ohjattujen määrä"
    ),
    "structures": (
        "Hyte-neuvottelu kerran vuodessa (612/2021 7 §)\nHyvinvointikoordinaattorien verkosto\n"
        "Hyte-yhteistyöpooli\nYhdyspintatyöryhmät (lapset ja perheet, elintapaohjaus, ikääntyneet)"
    ),
    "rules": "Osapuolet valmistelevat yhteiset asiat yhdessä ja tiedottavat toisilleen muutoksista ajoissa.",
    "follow_up": "Sopimuksen toteutumista seurataan vuosittain hyte-neuvottelussa ja hyvinvointikertomuksissa.",
}


def load_demo_agreement() -> int:
    """Lappi's cooperation agreement with Kemi and Tornio, once: version 1 approved by the three councils, version
    2 in preparation with a changed goal (to compare). The number of versions created."""
    slugs = ("lappi", "kemi", "tornio")
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=slugs)}
    coordinator = get_user_model().objects.filter(username=COORDINATOR).first()
    if len(organisations) < len(slugs) or coordinator is None or Agreement.objects.filter(title=AGREEMENT).exists():
        return 0
    content = agreements.AgreementText(term_start=dt.date(2026, 1, 1), term_end=dt.date(2029, 12, 31), **TEXT)
    agreement = agreements.create_agreement(
        actor=coordinator,
        keeper=organisations["lappi"],
        title=AGREEMENT,
        parties=[organisations["kemi"], organisations["tornio"]],
        content=content,
    )
    first = agreement.versions.get()
    for party in first.parties.select_related("organisation"):
        business_id, body, date, reference = DECISIONS[party.organisation.slug]
        agreements.record_decision(
            actor=coordinator, party=party, body=body, date=date, reference=reference, business_id=business_id
        )
    agreements.approve_version(actor=coordinator, version=first)
    second = agreements.new_version(actor=coordinator, agreement=agreement)
    content.goals = TEXT["goals"] + "\nNuorten osallisuus ja mielen hyvinvointi vahvistuvat."
    content.structures = TEXT["structures"] + "\nNuorisovaltuustojen yhteinen foorumi"
    agreements.edit_version(actor=coordinator, version=second, content=content)
    return 2
