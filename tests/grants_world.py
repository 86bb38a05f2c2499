"""NGO grants on top of the `world` fixture, built through the services: Kemi's welfare plan with three goals, its
2026 call open now (three criteria tied to the goals, the 0/2/6 scale, one question), and two NGOs of Kemi with
their entries and activities in the register: Kemin Martat (an editor and a reader) and Kemin Nuoret."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hyte.accounts import services as accounts
from hyte.accounts.models import OrganisationKind
from hyte.accounts.roles import Role
from hyte.actors import services as actor_services
from hyte.actors.details import ActivityDetails, ActorDetails
from hyte.core import clock
from hyte.grants import services
from hyte.reports import services as report_services
from tests.conftest import SYSTEM, make_user

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
SCALE = [(0, "Ei täytä", "Uppfyller inte"), (2, "Täyttää osittain", "Uppfyller delvis"), (6, "Täyttää hyvin", "Väl")]


def call_details(**changes: Any) -> services.CallDetails:
    now = clock.now()
    values: dict[str, Any] = {
        "kind": "general",
        "title": "Hyte-avustukset 2026",
        "title_sv": "Hyte-understöd 2026",
        "budget": "10000",
        "opens_at": now - dt.timedelta(days=10),
        "closes_at": now + dt.timedelta(days=20),
        "eligibility": "Kemiläiset yhdistykset",
        "division_of_work": "Kunta rahoittaa paikallisen toiminnan, hyvinvointialue alueellisen.",
        "required_attachments": "Toimintasuunnitelma\nTalousarvio",
        "scale": SCALE,
        **changes,
    }
    return services.CallDetails(**values)


def _ngo(world: Any, *, slug: str, name: str, business_id: str, users: dict[str, Role]) -> dict[str, Any]:
    area = world.kemi.area
    organisation = accounts.create_organisation(
        actor=SYSTEM, name=name, kind=OrganisationKind.NGO, slug=slug, area=area
    )
    for username, role in users.items():
        if username not in world.users:  # the register's world may have made its NGO's user already
            world.users[username] = make_user(username)
        accounts.add_member(actor=SYSTEM, organisation=organisation, user=world.users[username], role=role)
    entry = actor_services.create_actor(
        actor=SYSTEM,
        details=ActorDetails(
            kind="ngo", name=name, area=area, business_id=business_id, contact=f"Puheenjohtaja, {slug}@example.fi"
        ),
        organisation=organisation,
    )
    activities = [
        actor_services.create_activity(
            actor=SYSTEM,
            details=ActivityDetails(title=title, area=area, description=f"{title} Kemissä", is_published=True),
            providers=[entry],
        )
        for title in (f"{name}: kerho", f"{name}: retket")
    ]
    return {"organisation": organisation, "entry": entry, "activities": activities}


def build_grants(world: Any) -> dict[str, Any]:
    plan = report_services.create_report(
        actor=SYSTEM,
        organisation=world.kemi,
        kind="broad",
        title="Hyvinvointisuunnitelma",
        term_start=2025,
        term_end=2029,
    )
    goals = [
        report_services.add_goal(actor=SYSTEM, report=plan, text=text)
        for text in ("Yksinäisyys vähenee", "Nuoret liikkuvat enemmän", "Ikääntyneet osallistuvat")
    ]
    call = services.create_call(actor=SYSTEM, funder=world.kemi, details=call_details(goals=goals))
    criteria = [
        services.add_criterion(actor=SYSTEM, call=call, title=title, weight=weight, goal=goal)
        for title, weight, goal in (
            ("Vaikuttavuus", 50, goals[0]),
            ("Osallisuus", 30, goals[1]),
            ("Talous", 20, goals[2]),
        )
    ]
    question = services.add_question(actor=SYSTEM, call=call, text="Osallistujia vuodessa", field_type="number")
    services.publish_call(actor=SYSTEM, call=call)
    martat = _ngo(
        world,
        slug="kemin-martat",
        name="Kemin Martat ry",
        business_id="1234560-4",
        users={"ngo": Role.EDITOR, "ngo_reader": Role.READER},
    )
    nuoret = _ngo(
        world, slug="kemin-nuoret", name="Kemin Nuoret ry", business_id="1234561-2", users={"ngo2": Role.EDITOR}
    )
    return {
        "plan": plan,
        "goals": goals,
        "call": call,
        "criteria": criteria,
        "question": question,
        "martat": martat,
        "nuoret": nuoret,
    }


def complete_draft(grants: dict[str, Any], ngo: str = "martat", **changes: Any) -> services.ApplicationDraft:
    question = grants.get("question")
    values: dict[str, Any] = {
        "summary": "Kerhotoimintaa yksinäisille",
        "activities": grants[ngo]["activities"][:1],
        "costs": "3000",
        "amount_applied": "2000",
        "other_funding": "500",
        "self_financing": "500",
        "answers": {str(question.pk): "120"} if question is not None else {},
        **changes,
    }
    return services.ApplicationDraft(**values)


def sent_application(world: Any, grants: dict[str, Any], ngo: str = "martat", user: str = "ngo", **changes: Any) -> Any:
    actor = world.users[user]
    application = services.start_application(actor=actor, call=grants["call"], applicant=grants[ngo]["organisation"])
    services.save_application(actor=actor, application=application, draft=complete_draft(grants, ngo, **changes))
    services.add_attachment(
        actor=actor, application=application, title="Toimintasuunnitelma", data=PDF, filename="s.pdf"
    )
    return services.submit_application(actor=actor, application=application)


def build_grants_matrix(world: Any) -> dict[str, Any]:
    """For the permission matrix: Kemi's published call with Kemin Martat's sent application (and a file), a draft
    of Kemin Nuoret's, and a draft call whose criteria sum to 100 (ready to publish, still to be changed)."""
    grants = build_grants(world)
    application = sent_application(world, grants)
    draft = services.start_application(
        actor=world.users["ngo2"], call=grants["call"], applicant=grants["nuoret"]["organisation"]
    )
    draft_call = services.create_call(actor=SYSTEM, funder=world.kemi, details=call_details(title="Luonnos"))
    criterion = services.add_criterion(actor=SYSTEM, call=draft_call, title="Kaikki", weight=100)
    question = services.add_question(actor=SYSTEM, call=draft_call, text="Kysymys", field_type="text")
    services.add_reviewer(actor=SYSTEM, call=grants["call"], user=world.users["coordinator"])
    closed = _closed_call(world, grants, "Suljettu haku")
    decided = _closed_call(world, grants, "Päätetty haku")
    services.decide(
        actor=SYSTEM,
        call=decided["call"],
        body="Lautakunta",
        date=dt.date(2026, 12, 1),
        section="§ 5",
        granted={decided["application"].pk: services.Granted(amount="1000", reasoning="Hyvä")},
    )
    services.publish_decision(actor=SYSTEM, call=decided["call"])
    send_use_report(world, decided["application"], "ngo2")
    decided["application"].refresh_from_db()
    change = services.start_change(actor=world.users["ngo2"], application=decided["application"])
    services.save_application(
        actor=world.users["ngo2"],
        application=change,
        draft=complete_draft({**grants, "question": None}, "nuoret", costs="2000", amount_applied="1000"),
    )
    services.submit_application(actor=world.users["ngo2"], application=change)
    return {
        "grant_change": change.pk,
        "grant_decided_application": decided["application"].pk,
        "grant_closed_call": closed["call"].pk,
        "grant_closed_application": closed["application"].pk,
        "grant_decided_call": decided["call"].pk,
        "grant_call": grants["call"].pk,
        "grant_draft_call": draft_call.pk,
        "grant_criterion": criterion.pk,
        "grant_question": question.pk,
        "grant_application": application.pk,
        "grant_attachment": application.attachments.get().pk,
        "grant_draft": draft.pk,
        "grant_goal": grants["goals"][0].pk,
    }


def send_use_report(world: Any, application: Any, user: str, money: str = "1000") -> Any:
    """The grant's use report, complete with its ledger extract, sent by `user` of the grantee."""
    from hyte.grants.models import UseReport

    actor = world.users[user]
    report = UseReport.objects.get(application=application)
    draft = services.UseReportDraft(
        done="Kerho kokoontui", participants={"young": "14"}, money_used=money, results="Nuoret liikkuivat"
    )
    services.save_use_report(actor=actor, report=report, draft=draft)
    services.attach_ledger(actor=actor, report=report, data=PDF, filename="kirjanpito.pdf")
    return services.send_use_report(actor=actor, report=report)


def _closed_call(world: Any, grants: dict[str, Any], title: str) -> dict[str, Any]:
    """A call of Kemi that has closed, with Kemin Nuoret's application sent before it did."""
    call = services.create_call(actor=SYSTEM, funder=world.kemi, details=call_details(title=title))
    services.add_criterion(actor=SYSTEM, call=call, title="Kaikki", weight=100)
    services.publish_call(actor=SYSTEM, call=call)
    application = sent_application(world, {**grants, "call": call}, "nuoret", "ngo2")
    now = clock.now()
    services.update_call(
        actor=SYSTEM, call=call, details=call_details(title=title, closes_at=now - dt.timedelta(minutes=1))
    )
    return {"call": call, "application": application}


def with_three_applications(world: Any) -> dict[str, Any]:
    """Three NGOs' applications sent to Kemi's call (2 000, 9 000 and 2 000 € applied), two reviewers."""
    made = build_grants(world)
    made["seurat"] = _ngo(
        world, slug="kemin-seurat", name="Kemin Seurat ry", business_id="1234562-0", users={"ngo3": Role.EDITOR}
    )
    made["a"] = sent_application(world, made)  # Kemin Martat: 2 000 € applied
    made["b"] = sent_application(
        world, made, "nuoret", "ngo2", costs="10000", amount_applied="9000", other_funding="500", self_financing="500"
    )
    made["c"] = sent_application(world, made, "seurat", "ngo3")  # 2 000 € applied
    call = made["call"]
    made["r1"] = services.add_reviewer(actor=SYSTEM, call=call, user=world.users["coordinator"])
    made["r2"] = services.add_reviewer(actor=SYSTEM, call=call, user=world.users["editor"])
    return made


def grow_grants(world: Any, values: dict[str, Any], *, tag: str, n: int) -> None:
    """For the query counts: `n` more NGOs, each with applications sent to the open call and to the decided call's
    like (decided and published), scored by the call's reviewer, and `n` more calls."""
    from hyte.grants.models import Call

    call = Call.objects.get(pk=values["grant_call"])
    reviewer = call.reviewers.get()
    for i in range(n):
        username = f"ngo-{tag}-{i}"
        made = _ngo(world, slug=username, name=f"Yhdistys {tag} {i}", business_id="", users={username: Role.EDITOR})
        application = sent_application(world, {**_plain(call), username: made}, username, username)
        services.declare(actor=SYSTEM, application=application, reviewer=reviewer, disqualified=False)
        services.score(
            actor=SYSTEM,
            application=application,
            reviewer=reviewer,
            points={criterion.pk: 2 for criterion in call.criteria.all()},
        )
        services.create_call(actor=SYSTEM, funder=world.kemi, details=call_details(title=f"Haku {tag} {i}"))
        _granted_call(world, made, username, title=f"Päätetty {tag} {i}", goal_id=values["grant_goal"])


def _granted_call(world: Any, ngo: dict[str, Any], user: str, *, title: str, goal_id: int) -> None:
    """A call for the goal, decided and published with one grant to `ngo`, whose use report has been sent."""
    from hyte.reports.models import Goal

    goal = Goal.objects.get(pk=goal_id)
    call = services.create_call(actor=SYSTEM, funder=world.kemi, details=call_details(title=title, goals=[goal]))
    services.add_criterion(actor=SYSTEM, call=call, title="Kaikki", weight=100, goal=goal)
    services.publish_call(actor=SYSTEM, call=call)
    application = sent_application(world, {**_plain(call), user: ngo}, user, user)
    closed = call_details(title=title, goals=[goal], closes_at=clock.now() - dt.timedelta(minutes=1))
    services.update_call(actor=SYSTEM, call=call, details=closed)
    services.decide(
        actor=SYSTEM,
        call=call,
        body="Lautakunta",
        date=dt.date(2026, 12, 1),
        section="§ 1",
        granted={application.pk: services.Granted(amount="1000", reasoning="Hyvä")},
    )
    services.publish_decision(actor=SYSTEM, call=call)
    send_use_report(world, application, user)


def _plain(call: Any) -> dict[str, Any]:
    return {"call": call, "question": call.questions.first()}
