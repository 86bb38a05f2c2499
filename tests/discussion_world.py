"""A value discussion on top of the comment rounds' world (tests/participation_world.py), built through the
services: Kemi's draft plan discussed by the welfare group, the youth council and residents (opened to them), three
votes each. Topics: the coordinator's joy (welfare group), the reader's worry (youth council), a topic made from a
resident's comment, and a resident's proposal still waiting. Indicators: the shared one confirms the first topic,
Kemi's own (a survey's result) contradicts the second. Votes, counted by hand in `EXPECTED`:

    voter                 group           topics
    coordinator           welfare group   joy, worry
    editor                welfare group   joy
    reader                youth council   worry, comment
    resident r1 (anon.)   residents       joy, comment
    resident r2 (anon.)   residents       comment

A second discussion is still collecting topics (for proposing in the permission matrix)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser

from hyte.participation import services
from tests.conftest import SYSTEM

ANON = AnonymousUser()
GROUPS = [("Hyvinvointiryhmä", "Välfärdsgruppen"), ("Nuorisovaltuusto", "Ungdomsfullmäktige")]
# topic → (welfare group, youth council, residents, total)
EXPECTED = {"joy": (2, 0, 1, 3), "worry": (1, 1, 0, 2), "comment": (0, 1, 2, 3)}


def build_discussion(world: Any, made: dict[str, Any]) -> dict[str, Any]:
    plan, comment = made["plan"], made["comment"]
    discussion = services.start_discussion(
        actor=world.users["coordinator"],
        report=plan,
        title="Mikä on tärkeää?",
        title_sv="Vad är viktigt?",
        groups=GROUPS,
        residents=True,
    )
    welfare, youth, residents = list(discussion.groups.order_by("position"))
    joy = services.propose_topic(
        actor=world.users["coordinator"],
        discussion=discussion,
        kind="joy",
        text="Harrastuksia on monipuolisesti",
        text_sv="Det finns mångsidiga fritidsaktiviteter",
        group=welfare,
    )
    worry = services.propose_topic(
        actor=world.users["reader"], discussion=discussion, kind="worry", text="Nuorten yksinäisyys", group=youth
    )
    from_comment = services.topic_from_comment(
        actor=world.users["coordinator"], discussion=discussion, comment=comment, kind="worry"
    )
    waiting = services.propose_topic(
        actor=ANON, discussion=discussion, kind="worry", text="Bussit kulkevat harvoin", reader="r9"
    )
    services.link_indicator(actor=SYSTEM, topic=joy, indicator=world.shared_indicator, stance="confirms")
    services.link_indicator(actor=SYSTEM, topic=worry, indicator=world.own_indicator, stance="contradicts")
    collecting = services.start_discussion(
        actor=SYSTEM, report=plan, title="Toinen keskustelu", groups=GROUPS[:1], residents=True
    )
    services.set_phase(actor=world.users["coordinator"], discussion=discussion, phase="voting")
    users = world.users
    services.vote(actor=users["coordinator"], discussion=discussion, topics=[joy, worry], group=welfare)
    services.vote(actor=users["editor"], discussion=discussion, topics=[joy], group=welfare)
    services.vote(actor=users["reader"], discussion=discussion, topics=[worry, from_comment], group=youth)
    services.vote(actor=ANON, discussion=discussion, topics=[joy, from_comment], reader="r1")
    services.vote(actor=ANON, discussion=discussion, topics=[from_comment], reader="r2")
    return {
        "discussion": discussion,
        "collecting": collecting,
        "welfare": welfare,
        "youth": youth,
        "residents": residents,
        "joy": joy,
        "worry": worry,
        "comment": from_comment,
        "waiting": waiting,
    }


def grow_discussion(world: Any, values: dict[str, Any], *, tag: str, n: int) -> None:
    """More of everything a discussion's page lists (for the query counts): groups, topics of members and of
    residents (accepted, waiting, removed), topics from comments, indicators linked, goals made, and votes."""
    from hyte.participation.models import Comment, Discussion, Topic

    discussion = Discussion.objects.get(pk=values["discussion"])
    services.set_phase(actor=SYSTEM, discussion=discussion, phase="collecting")
    group = services.add_group(actor=SYSTEM, discussion=discussion, name=f"Ryhmä {tag}")
    comments = list(Comment.objects.filter(round__organisation=discussion.organisation, status="published")[:n])
    made = []
    for i in range(n):
        topic = services.propose_topic(
            actor=world.users["editor"], discussion=discussion, kind="joy", text=f"Ilo {tag}{i}", group=group
        )
        services.link_indicator(actor=SYSTEM, topic=topic, indicator=world.own_indicator, stance="confirms")
        services.link_indicator(actor=SYSTEM, topic=topic, indicator=world.shared_indicator, stance="contradicts")
        waiting = services.propose_topic(actor=ANON, discussion=discussion, kind="worry", text="Huoli", reader=f"{i}")
        removed = services.propose_topic(actor=ANON, discussion=discussion, kind="worry", text="x", reader=f"{i}")
        services.moderate_topic(actor=SYSTEM, topic=removed, accept=False, reason="Sama kuin toinen")
        made += [topic, waiting]
        if i < len(comments):
            made.append(
                services.topic_from_comment(actor=SYSTEM, discussion=discussion, comment=comments[i], kind="joy")
            )
    services.set_phase(actor=SYSTEM, discussion=discussion, phase="voting")
    accepted = list(Topic.objects.filter(discussion=discussion, status="accepted"))
    for i in range(3 * n):
        services.vote(actor=ANON, discussion=discussion, topics=accepted[i % 3 : i % 3 + 2], reader=f"{tag}-v{i}")
    services.topic_to_goal(actor=SYSTEM, topic=made[0], text=f"Tavoite {tag}")
