"""Comment rounds on top of the `world` fixture, built through the services: Kemi's draft plan with text in its
first two sections; an open round on it (anonymous comments allowed, a poll of choices on the first section, a
published comment with a reply, the youth council asked for a statement and giving it); an ended round waiting
for its summary; and an open pre-moderated round for the signed in only, with a comment waiting."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AnonymousUser

from hyte.core import clock
from hyte.participation import services
from hyte.reports import services as report_services
from tests.conftest import SYSTEM

FIRST = "Kemissä lasten ja nuorten hyvinvointi on pääosin hyvää. Harrastuksia on tarjolla monipuolisesti."
SECOND = "Ikääntyneiden yksinäisyys on kasvanut. Kotona asumista tuetaan."


def draft_plan(world: Any, title: str = "Hyvinvointisuunnitelma 2025–2029") -> Any:
    plan = report_services.create_report(
        actor=SYSTEM, organisation=world.kemi, kind="broad", title=title, term_start=2025, term_end=2029
    )
    for section, text in zip(plan.sections.order_by("position")[:2], (FIRST, SECOND), strict=True):
        block = section.blocks.filter(kind="text").first() or report_services.add_block(
            actor=SYSTEM, section=section, kind="text"
        )
        report_services.edit_block(
            actor=SYSTEM, block=block, text=text, text_sv=f"SV: {text}", expected_revision=block.revision
        )
    return plan


def open_on(plan: Any, *, days: tuple[int, int] = (-3, 10), **extra: Any) -> Any:
    today = clock.today()
    return services.open_round(
        actor=SYSTEM,
        report=plan,
        sections=list(plan.sections.order_by("position")[:2]),
        title=extra.pop("title", "Kommentoi hyvinvointisuunnitelmaa"),
        title_sv="Kommentera välfärdsplanen",
        opens_on=today + dt.timedelta(days=days[0]),
        closes_on=today + dt.timedelta(days=days[1]),
        **extra,
    )


def build_participation(world: Any) -> dict[str, Any]:
    plan = draft_plan(world)
    open_round = open_on(plan)
    first, _second = open_round.sections.order_by("position")
    services.set_poll(
        actor=SYSTEM,
        section=first,
        kind="choice",
        question="Mikä on tärkeintä?",
        question_sv="Vad är viktigast?",
        choices=[("Liikunta", "Motion"), ("Kulttuuri", "Kultur"), ("Turvallisuus", "Trygghet")],
    )
    comment = services.add_comment(
        actor=AnonymousUser(), section=first, body="Lisää harrastuksia nuorille!", nickname="Nuori", client="c1"
    )
    reply = services.add_comment(
        actor=AnonymousUser(), section=first, body="Samaa mieltä.", nickname="Mummo", parent=comment, client="c2"
    )
    statement = services.request_statement(actor=SYSTEM, round=open_round, author_name="Kemin nuorisovaltuusto")
    services.give_statement(actor=SYSTEM, statement=statement, text_fi="Nuorisovaltuusto kannattaa suunnitelmaa.")
    asked = services.request_statement(actor=SYSTEM, round=open_round, author_name="Vanhusneuvosto")
    change = services.add_change(actor=SYSTEM, section=first, description="Lisättiin harrastustakuu.")
    ended = open_on(draft_plan(world, "Vanha suunnitelma"), days=(-30, -2), title="Päättynyt kierros")
    moderated = open_on(
        draft_plan(world, "Kolmas suunnitelma"), anonymous_allowed=False, premoderated=True, title="Ennakkomoderoitu"
    )
    pending = services.add_comment(
        actor=world.users["reader"], section=moderated.sections.first(), body="Odottaa moderointia.", client="c3"
    )
    return {
        "plan": plan,
        "round": open_round,
        "section": first,
        "comment": comment,
        "reply": reply,
        "statement": statement,
        "asked": asked,
        "change": change,
        "ended": ended,
        "moderated": moderated,
        "pending": pending,
    }


def grow_participation(world: Any, values: dict[str, Any], *, tag: str, n: int) -> None:
    """More of everything a round's pages list (for the query counts): comments with replies, supports, flags,
    answers and changes, removed and waiting ones, poll answers, statements, and another round."""
    from hyte.participation.models import Round, RoundSection

    round_ = Round.objects.get(pk=values["round"])
    sections = list(RoundSection.objects.filter(round=round_))
    for i in range(n):
        for section in sections:
            comment = services.add_comment(
                actor=AnonymousUser(), section=section, body=f"Kommentti {tag}{i}", nickname=f"N{i}"
            )
            services.add_comment(
                actor=world.users["outsider"], section=section, body=f"Vastaus {tag}{i}", parent=comment
            )
            services.support_comment(actor=AnonymousUser(), comment=comment, reader=f"{tag}-{i}")
            services.flag_comment(actor=AnonymousUser(), comment=comment, reason="spam", reader=f"{tag}-{i}")
            change = services.add_change(actor=SYSTEM, section=section, description=f"Muutos {tag}{i}")
            services.answer_comment(actor=SYSTEM, comment=comment, answer="Kiitos", change=change)
            hidden = services.add_comment(actor=AnonymousUser(), section=section, body="Roskaa", nickname="R")
            services.moderate_comment(actor=SYSTEM, comment=hidden, publish=False, reason="spam")
            if section.poll_kind:
                services.answer_poll(actor=AnonymousUser(), section=section, value=i % 3, reader=f"{tag}-{i}")
        statement = services.request_statement(actor=SYSTEM, round=round_, author_name=f"Neuvosto {tag}{i}")
        services.give_statement(actor=SYSTEM, statement=statement, text_fi="Lausunto")
        open_on(draft_plan(world, f"Luonnos {tag}{i}"), title=f"Kierros {tag}{i}")


def many_comments(round_: Any, count: int) -> None:
    """`count` published comments on the round's sections, every fifth a reply, with supports and flags: written
    in bulk (for the query counts and the benchmark; the services are tested elsewhere)."""
    from hyte.participation.models import Comment, Flag, RoundSection, Support

    sections = list(RoundSection.objects.filter(round=round_))
    now = clock.now()
    tops = Comment.objects.bulk_create(
        Comment(
            round=round_,
            section=sections[i % len(sections)],
            nickname=f"Asukas {i}",
            text=f"Kommentti numero {i}: <b>lisää</b> harrastuksia & liikuntaa.",
            status="published",
            created_at=now,
        )
        for i in range(count - count // 5)
    )
    Comment.objects.bulk_create(
        Comment(
            round=round_,
            section=parent.section,
            parent=parent,
            nickname=f"Vastaaja {i}",
            text=f"Vastaus {i}",
            status="published",
            created_at=now,
        )
        for i, parent in enumerate(tops[: count // 5])
    )
    Support.objects.bulk_create(Support(comment=c, reader=f"r{n}") for c in tops[::3] for n in range(3))
    Flag.objects.bulk_create(Flag(comment=c, reader="r", reason="spam", created_at=now) for c in tops[::50])
