"""The demo's comment rounds (src/hyte/demo/participation.py), built on the test world: the closed round on a draft
plan with its 30 comments, poll, statement, three changes and summary, and the open round on an annual report."""

from __future__ import annotations

from django.urls import reverse

from hyte.demo.participation import comment_round_on_draft, load_demo_participation, value_discussion_on_draft
from hyte.participation.models import Comment, RoundState, Vote
from hyte.reports import services as reports
from tests.conftest import approve_and_publish


def test_the_demo_rounds(world):
    coordinator = world.users["coordinator"]
    plan = reports.create_report(
        actor=coordinator, organisation=world.kemi, kind="broad", title="Suunnitelma", term_start=2025, term_end=2029
    )
    for section in plan.sections.filter(key__in=["summary", "background", "plan"]):
        block = section.blocks.order_by("position").first()
        reports.edit_block(actor=coordinator, block=block, text=f"Luonnos: {section.title}.", expected_revision=1)
    round_ = comment_round_on_draft(plan, coordinator)
    assert round_.state == RoundState.CLOSED
    discussion = value_discussion_on_draft(plan, coordinator, round_)
    assert discussion.phase == "closed"
    assert discussion.topics.count() == 6
    assert discussion.topics.filter(comment__round=round_).count() == 2
    assert Vote.objects.filter(discussion=discussion).count() == 22 + 18  # the welfare group's, the youth council's
    became = discussion.topics.filter(goal__isnull=False).select_related("goal")
    assert sorted(len(t.goal.text) > 0 and t.goal.report_id == plan.pk for t in became) == [True, True]
    assert Comment.objects.filter(round=round_).count() == 30
    assert Comment.objects.filter(round=round_).exclude(source="web").count() == 7
    assert round_.changes.count() == 3
    assert Comment.objects.filter(round=round_, change__isnull=False).count() == 5
    assert round_.statements.get().author_name == "Kemin nuorisovaltuusto"
    approve_and_publish(plan, coordinator)
    page = world.client_for("anonymous").get(
        reverse("public-round", kwargs={"lang": "fi", "slug": "kemi", "round_id": round_.pk})
    )
    html = page.content.decode()
    assert html.count("<ins>") >= 3
    assert "lasten ja nuorten harrastukset" in html
    annual = reports.create_report(
        actor=coordinator,
        organisation=world.kemi,
        kind="annual",
        title="Vuosiraportti 2026",
        term_start=2025,
        term_end=2029,
        year=2026,
        plan_report=plan,
    )
    assert load_demo_participation() == 1
    assert load_demo_participation() == 0  # once
    open_round = annual.comment_rounds.get()
    assert open_round.state == RoundState.OPEN
    assert open_round.comments.count() == 2
