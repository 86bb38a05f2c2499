"""NGO grants, parts 3 and 4: double funding between a municipality and its county, reviewers' declarations and
scores, conflict flags, the weighted total, ranking and proposal against hand-computed values (issue 17)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from hyte.accounts import services as accounts
from hyte.accounts.permissions import Action, permissions_for
from hyte.accounts.roles import Role
from hyte.audit.models import AuditEntry
from hyte.grants import review_queries, services
from hyte.grants.models import Call
from tests.conftest import SYSTEM
from tests.grants_world import call_details, sent_application, with_three_applications


@pytest.fixture
def grants(world):
    return with_three_applications(world)


def points(grants, *values):
    return {criterion.pk: value for criterion, value in zip(grants["criteria"], values, strict=True)}


def score(world, grants, reviewer, user, application, *values):
    services.declare(actor=world.users[user], application=application, reviewer=grants[reviewer], disqualified=False)
    services.score(
        actor=world.users[user], application=application, reviewer=grants[reviewer], points=points(grants, *values)
    )


def scored(world, grants):
    score(world, grants, "r1", "coordinator", grants["a"], 6, 2, 2)
    score(world, grants, "r2", "editor", grants["a"], 6, 6, 2)
    score(world, grants, "r1", "coordinator", grants["b"], 2, 6, 6)
    score(world, grants, "r2", "editor", grants["b"], 2, 2, 6)
    score(world, grants, "r1", "coordinator", grants["c"], 0, 0, 0)
    services.declare(
        actor=world.users["editor"],
        application=grants["c"],
        reviewer=grants["r2"],
        disqualified=True,
        ground="Hallituksen jäsen",
    )


def test_weighted_totals_ranking_and_the_full_amounts_proposal_by_hand(world, grants):
    scored(world, grants)
    results = review_queries.ranking(grants["call"])
    # A: averages 6, 4, 2 → (50·6 + 30·4 + 20·2) / 100 = 4.6 points = 76.7 % of 6
    # B: averages 2, 4, 6 → (50·2 + 30·4 + 20·6) / 100 = 3.4 points = 56.7 %
    # C: one reviewer (the other disqualified), all 0 → 0
    assert [(r.application.applicant_name, r.total, r.percent, r.rank) for r in results] == [
        ("Kemin Martat ry", Decimal("4.600"), Decimal("76.7"), 1),
        ("Kemin Nuoret ry", Decimal("3.400"), Decimal("56.7"), 2),
        ("Kemin Seurat ry", Decimal("0.000"), Decimal("0.0"), 3),
    ]
    first = results[0]
    assert [first.averages[c.pk] for c in grants["criteria"]] == [Decimal("6.000"), Decimal("4.000"), Decimal("2.000")]
    assert [r.reviewers for r in results] == [2, 2, 1]
    # Budget 10 000: A gets its 2 000; B's 9 000 no longer fits in the 8 000 left; C scored 0.
    assert [r.computed for r in results] == [Decimal("2000.00"), Decimal("0"), Decimal("0")]


def test_the_proportional_proposal_by_hand(world, grants):
    scored(world, grants)
    Call.objects.filter(pk=grants["call"].pk).update(proposal_rule="proportional")
    grants["call"].refresh_from_db()
    results = review_queries.ranking(grants["call"])
    # 10 000 / (2 000 + 9 000) of each amount applied, rounded down to the cent.
    assert [r.computed for r in results] == [Decimal("1818.18"), Decimal("8181.81"), Decimal("0")]


def test_the_preparer_deviates_only_with_a_reason(world, grants):
    scored(world, grants)
    coordinator = world.users["coordinator"]
    with translation.override("en"), pytest.raises(ValidationError, match="Write the reason"):
        services.set_proposal(actor=coordinator, application=grants["b"], amount="8000")
    with pytest.raises(PermissionDenied):
        services.set_proposal(actor=world.users["editor"], application=grants["b"], amount="8000", reason="x")
    services.set_proposal(actor=coordinator, application=grants["b"], amount="8000", reason="Laaja toiminta")
    results = review_queries.ranking(grants["call"])
    assert results[1].proposed == Decimal("8000.00")
    assert results[1].computed == Decimal("0")


def test_a_score_outside_the_scale_or_before_the_declaration_is_refused(world, grants):
    coordinator = world.users["coordinator"]
    with translation.override("en"), pytest.raises(ValidationError, match="Declare first"):
        services.score(
            actor=coordinator, application=grants["a"], reviewer=grants["r1"], points=points(grants, 6, 2, 2)
        )
    services.declare(actor=coordinator, application=grants["a"], reviewer=grants["r1"], disqualified=False)
    with translation.override("en"), pytest.raises(ValidationError, match="3 is not on the call's scale"):
        services.score(
            actor=coordinator, application=grants["a"], reviewer=grants["r1"], points=points(grants, 6, 3, 2)
        )
    with pytest.raises(PermissionDenied):  # another's reviewer assignment
        services.score(
            actor=world.users["editor"], application=grants["a"], reviewer=grants["r1"], points=points(grants, 6, 2, 2)
        )
    assert grants["a"].scores.count() == 0


def test_every_score_and_declaration_is_audited(world, grants):
    score(world, grants, "r1", "coordinator", grants["a"], 6, 2, 2)
    entries = AuditEntry.objects.filter(action__in=["grant.score", "grant.declare"])
    assert sorted(entries.values_list("action", flat=True)) == ["grant.declare"] + ["grant.score"] * 3


def test_a_disqualified_reviewer_sees_only_their_declaration(world, grants):
    editor = world.users["editor"]
    with translation.override("en"), pytest.raises(ValidationError, match="ground"):
        services.declare(actor=editor, application=grants["a"], reviewer=grants["r2"], disqualified=True)
    assert permissions_for(editor).can(Action.VIEW, grants["a"])
    services.declare(actor=editor, application=grants["a"], reviewer=grants["r2"], disqualified=True, ground="Jäsen")
    editor.__dict__.pop("_hyte_permissions", None)
    assert not permissions_for(editor).can(Action.VIEW, grants["a"])
    with pytest.raises(PermissionDenied):
        services.score(actor=editor, application=grants["a"], reviewer=grants["r2"], points=points(grants, 6, 2, 2))
    client = world.client_for("editor")
    page = client.get(f"/o/kemi/grants/applications/{grants['a'].pk}/review/", HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert "You declared yourself disqualified" in text
    assert "Kerhotoimintaa" not in text
    assert "Your scores" not in text
    assert client.get(f"/o/kemi/grants/applications/{grants['a'].pk}/").status_code == 404


def test_others_scores_stay_hidden_until_ones_own_are_in(world, grants):
    score(world, grants, "r1", "coordinator", grants["a"], 6, 2, 2)
    services.declare(actor=world.users["editor"], application=grants["a"], reviewer=grants["r2"], disqualified=False)
    assert review_queries.scores_seen_by(grants["r2"], grants["a"], preparer=False) == []
    services.score(
        actor=world.users["editor"], application=grants["a"], reviewer=grants["r2"], points=points(grants, 2, 2, 2)
    )
    assert len(review_queries.scores_seen_by(grants["r2"], grants["a"], preparer=False)) == 6
    client = world.client_for("coordinator")
    page = client.get(f"/o/kemi/grants/applications/{grants['a'].pk}/review/", HTTP_ACCEPT_LANGUAGE="en")
    assert "editor: Vaikuttavuus 2" in page.content.decode()


def test_a_likely_conflict_is_flagged_from_memberships_and_the_register(world, grants):
    with translation.override("en"):
        assert review_queries.conflicts(world.users["coordinator"], grants["a"]) == []
        accounts.add_member(
            actor=SYSTEM,
            organisation=grants["martat"]["organisation"],
            user=world.users["coordinator"],
            role=Role.ADMIN,
        )
        assert review_queries.conflicts(world.users["coordinator"], grants["a"]) == [
            "You are a member of the applicant's organisation in Hyte (organisation admin)."
        ]
        grants["a"].contact = "Yhteyshenkilö editor@example.fi"
        assert review_queries.conflicts(world.users["editor"], grants["a"]) == [
            "You are named as a contact person of the applicant in the register."
        ]


def test_the_same_activity_applying_to_the_municipality_and_its_county_is_flagged_to_both(world, grants):
    county_call = services.create_call(actor=SYSTEM, funder=world.lappi, details=call_details(title="Lapin avustus"))
    services.add_criterion(actor=SYSTEM, call=county_call, title="Kaikki", weight=100)
    services.publish_call(actor=SYSTEM, call=county_call)
    at_county = sent_application(world, {**grants, "call": county_call, "question": grants["question"]})
    with translation.override("en"):
        to_kemi = review_queries.double_funding(grants["a"])
        to_lappi = review_queries.double_funding(at_county)
    assert [(flag.other.pk, flag.reason) for flag in to_kemi] == [(at_county.pk, "the same activity")]
    assert [(flag.other.pk, flag.reason) for flag in to_lappi] == [(grants["a"].pk, "the same activity")]
    assert review_queries.double_funding(grants["b"]) == []  # Kemin Nuoret applied to Kemi only
