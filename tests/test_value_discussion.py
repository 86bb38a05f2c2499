"""The value discussion (seed 002, issue 18): where are we → what matters → goals. The whole cycle from starting
a discussion on a draft plan to its topics becoming goals of the plan, the results per group against hand-counted
values, bad input refused with nothing half-saved, and who may do what."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from hyte.audit.models import AuditEntry
from hyte.participation import discussion_queries as queries
from hyte.participation import services
from hyte.participation.models import Topic, TopicStatus, Vote
from hyte.reports.models import Goal
from tests.conftest import SYSTEM, approve_and_publish, kemi_values
from tests.discussion_world import EXPECTED, build_discussion
from tests.participation_world import build_participation, draft_plan

ANON = AnonymousUser()


@pytest.fixture(autouse=True)
def in_english():
    """Service messages are asserted in English; the pages answer in their request's language."""
    with translation.override("en"):
        yield


@pytest.fixture
def made(world):
    rounds = build_participation(world)
    return {**rounds, **build_discussion(world, rounds)}


def _page(made, user=ANON, voter=""):
    return queries.discussion_page(made["discussion"], user=user, voter=voter)


def _url(made, name="participation-discussion", **extra):
    discussion = made["discussion"]
    return reverse(name, kwargs={"slug": "kemi", "discussion_id": discussion.pk, **extra})


def _public(made, lang="fi"):
    return reverse("public-discussion", kwargs={"lang": lang, "slug": "kemi", "discussion_id": made["discussion"].pk})


# The cycle ---------------------------------------------------------------------------------------------------------


def test_the_results_per_group_match_the_hand_counted_votes(world, made):
    page = _page(made, world.users["coordinator"])
    by_topic = {row.topic.pk: row for row in page["results"]}
    for key, (welfare, youth, residents, total) in EXPECTED.items():
        row = by_topic[made[key].pk]
        assert row.per_group == [welfare, youth, residents], key
        assert row.total == total
    # joy and the comment's topic tie with 3 and share the first rank; the worry comes third
    assert [(row.rank, row.total) for row in page["results"]] == [(1, 3), (1, 3), (3, 2)]
    assert [(g.name, n) for g, n in page["voters"]] == [
        ("Hyvinvointiryhmä", 2),
        ("Nuorisovaltuusto", 1),
        ("Asukkaat", 2),
    ]
    assert page["voter_total"] == 5


def test_the_waiting_proposal_is_seen_by_the_coordinators_only(world, made):
    assert made["waiting"].status == TopicStatus.PROPOSED
    assert made["waiting"] in _page(made, world.users["coordinator"])["proposed"]
    assert made["waiting"] not in _page(made, ANON)["topics"]
    assert made["waiting"] not in _page(made, world.users["reader"])["topics"]


def test_a_topic_from_a_comment_keeps_the_comment_and_shows_it(world, made):
    assert made["comment"].comment_id == made["comment"].comment.pk
    assert made["comment"].text == "Lisää harrastuksia nuorille!"
    html = world.client_for("coordinator").get(_url(made)).content.decode()
    assert f"#comment-{made['comment'].comment_id}" in html


def test_the_indicators_are_shown_beside_their_topics_with_their_stance(world, made):
    kemi_values(world, b"240;2023;52\n240;2024;55,5\n")
    page = _page(made, world.users["coordinator"])
    joy = next(t for t in page["topics"] if t.pk == made["joy"].pk)
    worry = next(t for t in page["topics"] if t.pk == made["worry"].pk)
    assert [e.confirms for e in joy.evidence] == [True]
    assert [e.confirms for e in worry.evidence] == [False]
    assert worry.evidence[0].row is not None
    assert worry.evidence[0].row.latest.value == 55.5
    html = world.client_for("coordinator").get(_url(made)).content.decode()
    assert "stance-contradicts" in html
    assert "55,5 (2024)" in html


def test_voting_again_replaces_the_votes(world, made):
    reader = world.users["reader"]
    services.vote(actor=reader, discussion=made["discussion"], topics=[made["joy"]], group=made["youth"])
    services.vote(actor=reader, discussion=made["discussion"], topics=[made["joy"]], group=made["youth"])
    assert Vote.objects.filter(discussion=made["discussion"]).count() == 8 - 2 + 1
    rows = {r.topic.pk: r for r in _page(made, reader)["results"]}
    assert rows[made["joy"].pk].per_group == [2, 1, 1]
    services.vote(actor=reader, discussion=made["discussion"], topics=[], group=made["youth"])  # withdrawn
    assert not Vote.objects.filter(discussion=made["discussion"], group=made["youth"]).exists()


def test_chosen_topics_become_draft_goals_with_their_trail(world, made):
    coordinator = world.users["coordinator"]
    services.set_phase(actor=coordinator, discussion=made["discussion"], phase="closed")
    client = world.client_for("coordinator")
    url = _url(made, "participation-topic-goal", topic_id=made["joy"].pk)
    form = client.get(url).content.decode()
    assert "Harrastuksia on monipuolisesti" in form  # prefilled from the topic
    response = client.post(url, {"text": "Harrastukset kaikille lapsille", "text_sv": "", "age_group": "children"})
    assert response.status_code == 302
    goal = Goal.objects.get(text="Harrastukset kaikille lapsille")
    assert goal.report == made["plan"]
    made["joy"].refresh_from_db()
    assert made["joy"].goal == goal
    assert AuditEntry.objects.filter(action="participation.topic_goal").exists()
    assert AuditEntry.objects.filter(action="report.add_goal", object_id=str(goal.pk)).exists()
    page = client.get(_url(made)).content.decode()
    assert "Harrastukset kaikille lapsille" in page
    plan_page = client.get(reverse("report-detail", kwargs={"slug": "kemi", "report_id": made["plan"].pk}))
    html = plan_page.content.decode()
    assert "Arvokeskustelusta: Harrastuksia on monipuolisesti (ilo, 3 ääntä)" in html  # the page's Finnish
    with pytest.raises(ValidationError):
        services.topic_to_goal(actor=coordinator, topic=made["joy"], text="Uudestaan")


def test_the_public_page_in_finnish_swedish_and_english(world, made):
    client = world.client_for("anonymous")
    for lang in ("fi", "sv", "en"):
        response = client.get(_public(made, lang))
        assert response.status_code == 200
        assert response["Content-Language"] == lang
    html = client.get(_public(made, "sv")).content.decode()
    assert "Det finns mångsidiga fritidsaktiviteter" in html
    assert "Bussit kulkevat harvoin" not in html  # waiting for a coordinator
    assert "Välfärdsgruppen" in html
    listing = client.get(reverse("public-rounds", kwargs={"lang": "fi", "slug": "kemi"})).content.decode()
    assert _public(made) in listing


def test_a_resident_proposes_and_votes_on_the_public_site(world, made):
    client = world.client_for("anonymous")
    collecting = made["collecting"]
    url = reverse("public-discussion", kwargs={"lang": "fi", "slug": "kemi", "discussion_id": collecting.pk})
    response = client.post(url, {"kind": "joy", "text": "Kirjasto on hyvä"})
    assert response.status_code == 302
    assert Topic.objects.get(text="Kirjasto on hyvä").status == TopicStatus.PROPOSED
    votes = reverse(
        "public-discussion-votes", kwargs={"lang": "fi", "slug": "kemi", "discussion_id": made["discussion"].pk}
    )
    client.post(votes, {"topic": [made["joy"].pk, made["worry"].pk]})
    client.post(votes, {"topic": [made["worry"].pk]})  # replaces
    rows = {r.topic.pk: r for r in _page(made)["results"]}
    assert rows[made["worry"].pk].per_group == [1, 1, 1]
    assert rows[made["joy"].pk].per_group == [2, 0, 1]


def test_the_rounds_page_links_the_discussions(world, made):
    html = world.client_for("reader").get(reverse("participation", kwargs={"slug": "kemi"})).content.decode()
    assert _url(made) in html


# Bad input -------------------------------------------------------------------------------------------------------


def _unchanged(test):
    before = (Topic.objects.count(), Vote.objects.count(), Goal.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError) as refused:
        test()
    after = (Topic.objects.count(), Vote.objects.count(), Goal.objects.count(), AuditEntry.objects.count())
    assert before == after, "half-saved"
    return " ".join(refused.value.messages)


def test_empty_and_too_long_topics_are_refused(world, made):
    def propose(text):
        return services.propose_topic(
            actor=world.users["reader"], discussion=made["collecting"], kind="joy", text=text, group=None
        )

    group = made["collecting"].groups.first()

    def empty():
        services.propose_topic(
            actor=world.users["reader"], discussion=made["collecting"], kind="joy", text="  ", group=group
        )

    def too_long():
        services.propose_topic(
            actor=world.users["reader"], discussion=made["collecting"], kind="joy", text="x" * 1001, group=group
        )

    assert "Write the topic" in _unchanged(empty)
    assert "1001" in _unchanged(too_long)


def test_voting_outside_the_voting_phase_is_refused(world, made):
    assert "not open" in _unchanged(
        lambda: services.vote(actor=ANON, discussion=made["collecting"], topics=[], reader="r5")
    )


def test_more_votes_than_allowed_and_a_topic_not_accepted_are_refused(world, made):
    discussion = made["discussion"]
    extra = services.topic_from_comment(
        actor=SYSTEM, discussion=discussion, comment=made["reply"], kind="joy", text="Neljäs"
    )
    four = [made["joy"], made["worry"], made["comment"], extra]
    assert "3" in _unchanged(lambda: services.vote(actor=ANON, discussion=discussion, topics=four, reader="r1"))
    assert "accepted" in _unchanged(
        lambda: services.vote(actor=ANON, discussion=discussion, topics=[made["waiting"]], reader="r1")
    )
    assert "one vote" in _unchanged(
        lambda: services.vote(actor=ANON, discussion=discussion, topics=[extra, extra], reader="r1")
    )
    # the earlier votes of r1 are still there
    assert Vote.objects.filter(discussion=discussion, group=made["residents"]).count() == 3


def test_the_unique_constraint_keeps_one_vote_per_topic_and_voter(world, made):
    from django.db import IntegrityError, transaction

    first = Vote.objects.filter(discussion=made["discussion"]).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(
            discussion=first.discussion,
            topic=first.topic,
            group=first.group,
            voter=first.voter,
            created_at=first.created_at,
        )


def test_the_trail_stays_with_the_goal_in_the_published_plan_and_its_documents(world, made):
    coordinator = world.users["coordinator"]
    goal = services.topic_to_goal(actor=coordinator, topic=made["joy"], text="Harrastukset kaikille lapsille")
    assert goal.origin == "Arvokeskustelusta: Harrastuksia on monipuolisesti (ilo, 3 ääntä)"
    assert goal.origin_sv.startswith("Från värdediskussionen: ")
    assert goal.origin_sv.endswith("(glädje, 3 röster)")
    approve_and_publish(made["plan"], coordinator)
    version = made["plan"].versions.order_by("-number").first()
    frozen = next(g for g in version.frozen.goals if g.id == goal.pk)
    assert frozen.origin == goal.origin
    client = world.client_for("anonymous")
    page = client.get(reverse("public-report", args=["fi", "kemi", made["plan"].pk])).content.decode()
    assert '<p class="goal-origin">Arvokeskustelusta: Harrastuksia on monipuolisesti (ilo, 3 ääntä)</p>' in page
    import io

    import docx

    from hyte.reports.exports import report_docx

    paragraphs = [p.text for p in docx.Document(io.BytesIO(report_docx(made["plan"]))).paragraphs]
    assert goal.origin in paragraphs


def test_a_goal_from_another_organisations_discussion_is_refused(world, made):
    from hyte.reports import services as report_services

    tornio_plan = report_services.create_report(
        actor=SYSTEM, organisation=world.tornio, kind="broad", title="Tornio", term_start=2025, term_end=2029
    )
    tornio = services.start_discussion(actor=SYSTEM, report=tornio_plan, title="Tornio", groups=[("Ryhmä", "")])
    topic = services.propose_topic(
        actor=SYSTEM, discussion=tornio, kind="joy", text="Joki", group=tornio.groups.first()
    )
    with pytest.raises(PermissionDenied):
        services.topic_to_goal(actor=world.users["coordinator"], topic=topic, text="Joki")
    # and Kemi's page does not find Tornio's topic through Kemi's discussion
    response = world.client_for("coordinator").post(
        _url(made, "participation-topic-goal", topic_id=topic.pk), {"text": "Joki", "age_group": "all"}
    )
    assert response.status_code == 404
    assert not Goal.objects.filter(text="Joki").exists()


def test_a_goal_into_an_approved_plan_is_refused(world, made):
    approve_and_publish(made["plan"], world.users["coordinator"])
    made["discussion"].report.refresh_from_db()
    message = _unchanged(
        lambda: services.topic_to_goal(actor=world.users["coordinator"], topic=made["joy"], text="Myöhässä")
    )
    assert "approved" in message


def test_a_comment_of_another_organisation_does_not_become_a_topic(world, made):
    from tests.participation_world import open_on

    tornio_plan = draft_plan(world, "x")
    tornio_plan.organisation = world.tornio  # a round kept by Tornio (built through Kemi's world and moved)
    tornio_plan.save()
    round_ = open_on(tornio_plan)
    comment = services.add_comment(
        actor=ANON, section=round_.sections.first(), body="Tornion kommentti", nickname="T", client="t"
    )
    round_.organisation = world.tornio
    round_.save()
    comment.refresh_from_db()
    assert "comment round of this organisation" in _unchanged(
        lambda: services.topic_from_comment(
            actor=world.users["coordinator"], discussion=made["discussion"], comment=comment, kind="joy"
        )
    )


def test_the_phases_are_the_coordinators_and_voting_needs_accepted_topics(world, made):
    with pytest.raises(PermissionDenied):
        services.set_phase(actor=world.users["editor"], discussion=made["discussion"], phase="closed")
    empty = services.start_discussion(actor=SYSTEM, report=made["plan"], title="Tyhjä", groups=[("R", "")])
    assert "Accept at least one" in _unchanged(
        lambda: services.set_phase(actor=SYSTEM, discussion=empty, phase="voting")
    )


def test_a_discussion_needs_a_draft_plan(world, made):
    plan = draft_plan(world, "Hyväksytty")
    approve_and_publish(plan, world.users["coordinator"])
    with pytest.raises(ValidationError):
        services.start_discussion(actor=SYSTEM, report=plan, title="Myöhässä", groups=[("R", "")])


def test_removing_a_topic_needs_a_reason_or_another_topic(world, made):
    coordinator = world.users["coordinator"]
    assert "reason" in _unchanged(
        lambda: services.moderate_topic(actor=coordinator, topic=made["waiting"], accept=False)
    )
    services.moderate_topic(actor=coordinator, topic=made["waiting"], accept=False, merged_into=made["worry"])
    made["waiting"].refresh_from_db()
    assert made["waiting"].status == TopicStatus.REMOVED
    assert made["waiting"].merged_into == made["worry"]
    with pytest.raises(ValidationError):  # it has votes
        services.moderate_topic(actor=coordinator, topic=made["joy"], accept=False, reason="Ei")


# Permissions -----------------------------------------------------------------------------------------------------


def test_who_sees_the_discussion(world, made):
    url = _url(made)
    for persona, status in [("reader", 200), ("coordinator", 200), ("outsider", 404), ("county", 404)]:
        assert world.client_for(persona).get(url).status_code == status, persona
    closed = made["collecting"]
    services.change_discussion(actor=SYSTEM, discussion=closed, votes_per_participant=3, residents=False)
    public = reverse("public-discussion", kwargs={"lang": "fi", "slug": "kemi", "discussion_id": closed.pk})
    assert world.client_for("anonymous").get(public).status_code == 404


def test_members_vote_in_a_group_of_their_choice_and_residents_as_residents(world, made):
    services.vote(actor=world.users["editor"], discussion=made["discussion"], topics=[made["joy"]])
    assert {v.group for v in Vote.objects.filter(topic=made["joy"])} == {made["welfare"], made["residents"]}
    services.vote(actor=ANON, discussion=made["discussion"], topics=[made["joy"]], group=made["welfare"], reader="r7")
    assert Vote.objects.get(voter="r7").group == made["residents"]
    closed = services.start_discussion(actor=SYSTEM, report=made["plan"], title="Sisäinen", groups=[("R", "")])
    with pytest.raises(PermissionDenied):  # not opened to residents
        services.propose_topic(actor=ANON, discussion=closed, kind="joy", text="x", reader="r8")
    with pytest.raises(ValidationError):  # a member of a discussion without residents chooses a group
        services.propose_topic(actor=world.users["reader"], discussion=closed, kind="joy", text="x")
