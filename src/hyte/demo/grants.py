"""NGO grants in the demo (issue 17): Kemi's hyte grant call of this year with three criteria tied to its plan
goals, six applications from NGOs in Hyte (one of them also applying to Lappi county for the same activity), two
reviewers, one disqualification, a published decision and the grants' use reports (sent, accepted, picked for a
closer check, one overdue), which feed the annual report's goals; and Kemi's small-grant call open now, to which
the demo NGO (Meripuiston Seniorit ry, user `jarjesto`) can apply. Dates are relative to the day the demo is
loaded, so the story holds whenever it runs. Built through the services, once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from hyte.accounts import services as accounts
from hyte.accounts.models import Organisation, OrganisationKind
from hyte.actors import services as actor_services
from hyte.actors.details import ActivityDetails, ActorDetails
from hyte.actors.models import Activity, Actor, Theme
from hyte.core import clock
from hyte.core.actors import DEMO
from hyte.grants import services
from hyte.grants.models import Application, Call, UseReport
from hyte.reports.models import Goal, Report, ReportKind

LEDGER = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"  # the ledger extract's stand-in
SCALE = [
    (0, "Ei täytä kriteeriä", "Uppfyller inte kriteriet"),
    (2, "Täyttää osittain", "Uppfyller delvis"),
    (6, "Täyttää hyvin", "Uppfyller väl"),
]
# slug, name, name in Swedish, business id, the activity applied for, its age groups, its theme
NGOS = [
    (
        "kemin-martat",
        "Kemin Martat ry",
        "Kemi marthor rf",
        "2345671-3",
        "Ruokakurssit yksin asuville",
        ["older"],
        "nutrition",
    ),
    ("kemin-nuorisoseura", "Kemin Nuorisoseura ry", "", "2345672-1", "Nuorten iltakahvila", ["young"], "loneliness"),
    (
        "perameren-liikkujat",
        "Perämeren Liikkujat ry",
        "",
        "2345674-8",
        "Matalan kynnyksen kuntopiiri",
        ["working_age", "older"],
        "physical-activity",
    ),
    (
        "kemin-omaishoitajat",
        "Kemin seudun omaishoitajat ry",
        "Kemi nejdens närståendevårdare rf",
        "2345675-6",
        "Omaishoitajien vertaisryhmä",
        ["working_age", "older"],
        "loneliness",
    ),
    (
        "kulttuuriyhdistys-pohjola",
        "Kulttuuriyhdistys Pohjola ry",
        "",
        "2345676-4",
        "Kulttuurikaveritoiminta",
        ["older"],
        "culture",
    ),
]
# applied, granted (€) per NGO in the order above, then Meripuiston Seniorit's
APPLIED = ["4000", "6000", "3000", "5000", "2500", "3500"]
GRANTED = ["4000", "5000", "3000", "4000", "0", "2500"]


@transaction.atomic
def load_demo_grants() -> int:
    """The grants' story, once: the number of applications made (0 when it exists)."""
    kemi = Organisation.objects.filter(slug="kemi").first()
    lappi = Organisation.objects.filter(slug="lappi").first()
    seniors = Organisation.objects.filter(slug="meripuiston-seniorit").first()
    plan = Report.objects.filter(organisation=kemi, kind=ReportKind.BROAD, term_start=2025).first()
    if kemi is None or lappi is None or seniors is None or plan is None:
        return 0
    today = clock.today()
    title = f"Kemin hyte-avustukset {today.year}"
    if Call.objects.filter(funder=kemi, title=title).exists():
        return 0
    goals = list(Goal.objects.filter(report=plan, retired_by=None).order_by("position", "id")[:3])
    applicants = [_ngo(kemi, row) for row in NGOS]
    seniors_activity = Activity.objects.filter(providers__organisation=seniors).order_by("id").first()
    if seniors_activity is None or not goals:
        return 0
    applicants.append((seniors, seniors_activity))
    now = clock.now().replace(minute=0, second=0, microsecond=0)
    days = dt.timedelta(days=1)
    with clock.at(now - 160 * days):
        call = _call(kemi, title, goals, opens=now - 150 * days, closes=now - 120 * days)
    with clock.at(now - 130 * days):
        applications = [
            _apply(call, organisation, activity, applied)
            for (organisation, activity), applied in zip(applicants, APPLIED, strict=True)
        ]
    with clock.at(now - 110 * days):
        _review(call, applications)
    with clock.at(now - 90 * days):
        _decide(call, applications, due=today + 60 * days)
    with clock.at(now - 10 * days):
        _use_reports(applications, today)
        county_call = _county_call(lappi, now)
    with clock.at(now - 2 * days):
        _apply(county_call, *applicants[2], "3000")
    with clock.at(now - 5 * days):
        _call(
            kemi,
            f"Kemin pienavustukset {today.year + 1}",
            goals[:1],
            opens=now - 5 * days,
            closes=now + 45 * days,
            kind="small",
            budget="5000",
        )
    return len(applications) + 1


def _ngo(kemi: Organisation, row: tuple[str, str, str, str, str, list[str], str]) -> tuple[Organisation, Activity]:
    slug, name, name_sv, business_id, title, ages, theme = row
    area = kemi.area
    if area is None:
        raise ValueError("the demo's Kemi has its area")
    organisation = Organisation.objects.filter(slug=slug).first() or accounts.create_organisation(
        actor=DEMO,
        name=name,
        name_sv=name_sv,
        kind=OrganisationKind.NGO,
        slug=slug,
        area=area,
        business_id=business_id,
    )
    entry = Actor.objects.filter(organisation=organisation).first() or actor_services.create_actor(
        actor=DEMO,
        details=ActorDetails(
            kind="ngo",
            name=name,
            name_sv=name_sv,
            area=area,
            business_id=business_id,
            contact=f"{slug}@demo.invalid",
        ),
        organisation=organisation,
    )
    activity = Activity.objects.filter(providers=entry).first() or actor_services.create_activity(
        actor=DEMO,
        details=ActivityDetails(
            title=title,
            area=area,
            description=f"{title}: {name} järjestää Kemissä.",
            age_groups=ages,
            recurring=True,
            schedule="tiistaisin 17–19",
            is_published=True,
        ),
        providers=[entry],
        themes=Theme.objects.filter(code=theme),
    )
    return organisation, activity


def _call(
    funder: Organisation,
    title: str,
    goals: list[Goal],
    *,
    opens: dt.datetime,
    closes: dt.datetime,
    kind: str = "general",
    budget: str = "20000",
) -> Call:
    call = services.create_call(
        actor=DEMO, funder=funder, details=_details(title, goals, opens, closes, kind=kind, budget=budget)
    )
    if kind == "small":
        services.add_criterion(actor=DEMO, call=call, title="Vaikuttavuus", weight=100, goal=goals[0])
    else:
        for number, (criterion, weight) in enumerate((("Vaikuttavuus", 50), ("Osallisuus", 30), ("Yhteistyö", 20))):
            goal = goals[number % len(goals)]
            services.add_criterion(actor=DEMO, call=call, title=criterion, weight=weight, goal=goal)
    services.publish_call(actor=DEMO, call=call)
    return call


def _details(
    title: str, goals: list[Goal], opens: dt.datetime, closes: dt.datetime, *, kind: str, budget: str
) -> services.CallDetails:
    return services.CallDetails(
        kind=kind,
        title=title,
        title_sv=title.replace("Kemin hyte-avustukset", "Kemis hyte-understöd").replace(
            "Kemin pienavustukset", "Kemis små understöd"
        ),
        description="Avustuksia kemiläisten yhdistysten hyvinvointia ja terveyttä edistävään toimintaan.",
        description_sv="Understöd för Kemiföreningars verksamhet som främjar välfärd och hälsa.",
        budget=budget,
        opens_at=opens,
        closes_at=closes,
        eligibility="Kemiläiset rekisteröidyt yhdistykset",
        eligibility_sv="Registrerade föreningar i Kemi",
        division_of_work="Kaupunki rahoittaa paikallisen toiminnan, hyvinvointialue alueellisen.",
        division_of_work_sv="Staden finansierar lokal verksamhet, välfärdsområdet regional.",
        scale=SCALE,
        goals=goals,
    )


def _apply(call: Call, organisation: Organisation, activity: Activity, applied: str) -> Application:
    application = services.start_application(actor=DEMO, call=call, applicant=organisation)
    amount = Decimal(applied)
    services.save_application(
        actor=DEMO,
        application=application,
        draft=services.ApplicationDraft(
            summary=f"{activity.title}: avustus ohjaajien palkkioihin, tiloihin ja tarvikkeisiin.",
            activities=[activity],
            costs=str(amount + 1000),
            amount_applied=applied,
            other_funding="500",
            self_financing="500",
            other_funding_declaration="Jäsenmaksut ja talkootyö.",
        ),
    )
    return services.submit_application(actor=DEMO, application=application)


def _decide(call: Call, applications: list[Application], *, due: dt.date) -> None:
    granted = {
        application.pk: services.Granted(
            amount=amount,
            reasoning="Toiminta tukee hyvinvointisuunnitelman tavoitteita."
            if amount != "0"
            else "Toiminta ei täytä haun kriteerejä riittävästi.",
            reasoning_sv="Verksamheten stöder välfärdsplanens mål."
            if amount != "0"
            else "Verksamheten uppfyller inte ansökans kriterier tillräckligt.",
        )
        for application, amount in zip(applications, GRANTED, strict=True)
    }
    services.decide(
        actor=DEMO,
        call=call,
        body="Hyvinvointilautakunta",
        date=clock.today(),
        section="§ 34",
        granted=granted,
        use_reports_due=due,
    )
    services.publish_decision(actor=DEMO, call=call)


def _review(call: Call, applications: list[Application]) -> None:
    """Kemi's coordinator and admin review; the admin is disqualified from the youth association's application
    (a board member of it); each scores the rest."""
    users = get_user_model().objects.filter(username__in=["koordinaattori", "admin"]).order_by("username")
    reviewers = {user.username: services.add_reviewer(actor=DEMO, call=call, user=user) for user in users}
    criteria = list(call.criteria.all())
    points = [(6, 6, 2), (6, 2, 2), (2, 6, 6), (6, 2, 6), (0, 2, 0), (2, 2, 6)]
    for number, application in enumerate(applications):
        for name, reviewer in reviewers.items():
            disqualified = name == "admin" and number == 1
            services.declare(
                actor=DEMO,
                application=application,
                reviewer=reviewer,
                disqualified=disqualified,
                ground="Nuorisoseuran hallituksen jäsen" if disqualified else "",
            )
            if not disqualified:
                given = {c.pk: p for c, p in zip(criteria, points[number], strict=True)}
                services.score(actor=DEMO, application=application, reviewer=reviewer, points=given)


def _use_reports(applications: list[Application], today: dt.date) -> None:
    """Martat's accepted; the seniors' sent; the sports club's sent with 70 % used (picked for a closer check);
    the carers' overdue; the youth association's still to come."""
    reports = {r.application_id: r for r in UseReport.objects.filter(application__in=applications)}
    martat, _youth, sports, carers, _culture, seniors = applications
    for application, used, participants in (
        (martat, "3950", {"older": 46}),
        (seniors, "2500", {"older": 31}),
        (sports, "2100", {"working_age": 18, "older": 12}),
    ):
        report = reports[application.pk]
        services.save_use_report(
            actor=DEMO,
            report=report,
            draft=services.UseReportDraft(
                done="Toimintaa järjestettiin suunnitellusti kevät- ja syyskaudella.",
                participants={group: str(n) for group, n in participants.items()},
                money_used=used,
                results="Osallistujat kertoivat palautteessa yksinäisyyden vähentyneen ja arjen rytmin parantuneen.",
            ),
        )
        services.attach_ledger(actor=DEMO, report=report, data=LEDGER, filename="kirjanpito.pdf")
        services.send_use_report(actor=DEMO, report=report)
    services.check_use_report(
        actor=DEMO,
        report=reports[martat.pk],
        ticked=["activities", "money", "ledger", "participants", "results"],
        note="Kunnossa.",
        accept=True,
    )
    services.set_use_report_due(actor=DEMO, report=reports[carers.pk], due_on=today - dt.timedelta(days=5))


def _county_call(lappi: Organisation, now: dt.datetime) -> Call:
    """Lappi county's call open now, to which the sports club applies for the same activity Kemi already funds."""
    goals = list(
        Goal.objects.filter(report__organisation=lappi, retired_by=None).exclude(report__kind=ReportKind.ANNUAL)[:1]
    )
    call = services.create_call(
        actor=DEMO,
        funder=lappi,
        details=services.CallDetails(
            kind="project",
            title=f"Lapin hyvinvointialueen järjestöavustukset {now.year + 1}",
            title_sv=f"Lapplands välfärdsområdes organisationsunderstöd {now.year + 1}",
            budget="50000",
            opens_at=now - dt.timedelta(days=10),
            closes_at=now + dt.timedelta(days=30),
            division_of_work="Hyvinvointialue rahoittaa alueellista toimintaa, kunnat paikallista.",
            scale=SCALE,
            goals=goals,
        ),
    )
    services.add_criterion(actor=DEMO, call=call, title="Alueellinen vaikuttavuus", weight=100)
    services.publish_call(actor=DEMO, call=call)
    return call
