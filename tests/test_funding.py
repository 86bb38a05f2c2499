"""The coefficient end to end through the database: the shipped models, the exchange format, results against the
hand computation in tests/funding_world.py, the explanation, what-ifs, scenarios and their privacy."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from hyte.audit.models import AuditEntry
from hyte.funding import queries
from hyte.funding.exchange import check, model_to_json
from hyte.funding.models import CoefficientModel
from hyte.funding.services import import_model, new_version, save_scenario, set_scenario_shared, update_model
from hyte.funding.shipped import load_shipped, shipped_files
from tests.conftest import SYSTEM
from tests.funding_world import KEMI, KEMI_EUROS, ROVANIEMI, TORNIO, area, build_funding, small_model


@pytest.fixture(autouse=True)
def _english():
    """Refusals are read in English here; their Finnish and Swedish are checked by the catalogue test."""
    with translation.override("en"):
        yield


@pytest.fixture
def funding(world):
    return build_funding(world)


def _model(funding):
    return queries.models_queryset().get(pk=funding.model.pk)


def test_the_shipped_models_load_with_their_published_structure(db):
    municipal, county = load_shipped(actor=SYSTEM)
    assert load_shipped(actor=SYSTEM) == []  # a second run stores nothing
    parts = [ind.part for ind in municipal.indicators.all()]
    assert parts.count("process") == 15
    assert parts.count("outcome") == 6
    assert {ind.sector for ind in municipal.indicators.all() if ind.part == "process"} == {
        "kuntajohto",
        "perusopetus",
        "liikunta",
        "kulttuuri",
    }
    assert municipal.base_price == 18.23
    titles = " | ".join(ind.title_fi for ind in county.indicators.all())
    for name in ("tyypin 2 diabeteksen", "mini-interventio", "MPR", "Lonkkamurtumat 65", "NEET", "25–64", "18–34"):
        assert name in titles
    assert {ind.sotkanet_id for ind in county.indicators.all()} >= {699, 234}
    # Every part whose definition a person must confirm is marked, and the model says so.
    assert county.is_provisional
    assert all(ind.provisional_note for ind in county.indicators.all() if ind.provisional)
    assert all(ind.provisional for ind in county.indicators.all() if ind.sotkanet_id is None)


def test_export_and_import_give_an_equal_model(funding):
    model = _model(funding)
    document = model_to_json(model)
    assert check(document) == []
    again = import_model(actor=SYSTEM, data=json.dumps(document))
    assert again.version == 2
    exported = model_to_json(queries.models_queryset().get(pk=again.pk))
    assert {**exported, "version": 1} == document


def test_the_shipped_files_validate_against_the_schema():
    for path in shipped_files():
        assert check(json.loads(path.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"parts": {"process": 0.6, "outcome": 0.6}}, "add up to 1.2, not 1"),
        ({"missing_data": "guess"}, "missing_data"),
        ({"format_version": 2}, "format_version"),
    ],
)
def test_a_bad_model_is_refused_with_its_reasons(db, change, message):
    with pytest.raises(ValidationError) as refused:
        import_model(actor=SYSTEM, data=json.dumps(small_model(**change)))
    assert any(message in text for text in refused.value.messages)
    assert not CoefficientModel.objects.exists()


def test_indicator_weights_that_do_not_add_up_and_unknown_items(db):
    document = small_model()
    document["indicators"][0]["weight"] = 0.7
    document["indicators"][1]["source"] = {"kind": "teaviisari", "sector": "kuntajohto", "item": "nonsense"}
    problems = check(document)
    assert any("process indicators add up to 0.7" in p for p in problems)
    assert any("unknown TEAviisari sector or item kuntajohto/nonsense" in p for p in problems)
    assert check(small_model(euros={"rule": "per_resident"})) == ["euros: the per-resident rule needs a base price."]
    with translation.override("en"):
        assert any("not JSON" in m for m in _refusal(b"{cut"))


def _refusal(data):
    with pytest.raises(ValidationError) as refused:
        import_model(actor=SYSTEM, data=data)
    return refused.value.messages


def test_only_national_administrators_import_and_edit_models(funding, world):
    with pytest.raises(PermissionDenied):
        import_model(actor=world.users["coordinator"], data=json.dumps(small_model()))
    with pytest.raises(PermissionDenied):
        import_model(actor=funding.national_reader, data=json.dumps(small_model()))
    assert import_model(actor=funding.national, data=json.dumps(small_model())).version == 2
    assert AuditEntry.objects.filter(action="coefficient.model_import", actor=funding.national).exists()


def test_results_against_the_hand_computation(funding):
    results = queries.results_for(_model(funding))
    assert results.count == 308
    assert not results.provisional
    kemi, tornio, rovaniemi = (results.for_area(area(code).pk) for code in (KEMI, TORNIO, ROVANIEMI))
    assert (kemi.score, kemi.rank) == (pytest.approx(100), 1)
    assert (tornio.score, tornio.rank) == (pytest.approx(25), 307)
    assert (rovaniemi.score, rovaniemi.rank) == (pytest.approx(25), 307)  # a tie shares the rank
    other = results.for_area(area("091").pk)  # Helsinki: no values, the mean of each (the rule applied visibly)
    assert (other.score, other.rank) == (pytest.approx(50), 2)
    assert other.missing == ["leadership", "outside-education"]
    assert other.euros is None  # no residents, no euros
    assert kemi.euros == pytest.approx(KEMI_EUROS)
    assert results.total_euros == pytest.approx(10 * 105000)
    assert results.rows[0].area.code == KEMI


def test_the_explanation_names_the_largest_gap_to_the_best_third(funding):
    explanation = queries.explain(_model(funding), area(TORNIO))
    assert [c.points for c in explanation.row.contributions] == [pytest.approx(0), pytest.approx(25)]
    assert explanation.row.contributions[0].raw == 40
    assert explanation.row.contributions[0].year == 2023
    # Among the areas with a value (0, 50, 100) the best third begins at the 66.7th percentile, 66.7. Tornio's
    # leadership is 0: half a point of score for each scaled point, so closing the gap gives 33.3 points; its
    # outcome (50) is 16.7 below, worth 8.3 points.
    largest = explanation.largest
    assert largest.indicator.code == "leadership"
    assert (largest.scaled, largest.best_third, largest.points) == (0, pytest.approx(200 / 3), pytest.approx(100 / 3))
    assert [gap.points for gap in explanation.gaps] == [pytest.approx(100 / 3), pytest.approx(25 / 3)]


def test_a_what_if_moves_score_rank_and_euros(funding):
    result = queries.what_if(_model(funding), area(TORNIO), {"leadership": 90})
    # Tornio 90 becomes the best (100), Kemi 80 → (80 − 60) / 30 = 66.7, Rovaniemi 60 → 0; the mean of the three
    # is 55.6, which the other areas get. Tornio: ½·100 + ½·50 = 75.
    assert result.before.score == pytest.approx(25)
    assert result.after.score == pytest.approx(75)
    assert result.after.rank == 2  # Kemi ½·66.7 + ½·100 = 83.3 stays first
    assert result.after.euros > result.before.euros
    assert result.changes == {"leadership": 90.0}


def test_a_saved_scenario_is_private_to_its_organisation_until_shared(funding, world):
    model = _model(funding)
    with pytest.raises(PermissionDenied):
        save_scenario(
            actor=world.users["reader"],
            organisation=world.kemi,
            model=model,
            area=area(KEMI),
            title="x",
            changes={"leadership": 90},
        )
    with pytest.raises(ValidationError):
        save_scenario(
            actor=world.users["editor"],
            organisation=world.kemi,
            model=model,
            area=area(KEMI),
            title="x",
            changes={"leadership": "lots"},
        )
    scenario = save_scenario(
        actor=world.users["editor"],
        organisation=world.kemi,
        model=model,
        area=area(TORNIO),
        title="Kuntajohto 90",
        changes={"leadership": "90"},
    )
    assert scenario.result["after"]["score"] == pytest.approx(75)
    model.refresh_from_db()
    assert model.frozen  # a used version is frozen
    assert [s.pk for s in queries.scenarios_for(world.users["reader"])] == [scenario.pk]
    assert queries.scenarios_for(world.users["outsider"]) == []
    with pytest.raises(PermissionDenied):
        set_scenario_shared(actor=world.users["outsider"], scenario=scenario, shared=True)
    set_scenario_shared(actor=world.users["editor"], scenario=scenario, shared=True)
    assert [s.pk for s in queries.scenarios_for(world.users["outsider"])] == [scenario.pk]


def test_a_frozen_version_is_not_edited_and_a_new_version_copies_it(funding):
    model = _model(funding)
    with pytest.raises(ValidationError) as refused:
        update_model(actor=funding.national, model=model, values={"process_weight": 0.7})
    assert "add up to 1.2" in " ".join(refused.value.messages)
    update_model(actor=funding.national, model=model, values={"process_weight": 0.6, "outcome_weight": 0.4})
    model.refresh_from_db()
    assert model.process_weight == 0.6
    model.frozen = True
    model.save()
    with pytest.raises(ValidationError):
        update_model(actor=funding.national, model=model, values={"missing_rule": "zero"})
    copy = new_version(actor=funding.national, model=queries.models_queryset().get(pk=model.pk))
    assert (copy.version, copy.frozen, copy.indicators.count(), copy.process_weight) == (2, False, 2, 0.6)


def test_a_provisional_model_says_so_in_its_results(funding):
    update_model(
        actor=funding.national, model=_model(funding), values={}, indicators={"leadership": {"provisional": True}}
    )
    assert queries.results_for(_model(funding)).provisional


def test_a_scenario_goes_into_a_report_as_evidence_in_finnish_and_swedish(world, funding):
    """The scenario's own numbers (as saved) with its model version, provisional said, in both languages; only a
    scenario the writer may read, only into a section the writer may edit."""
    from hyte.reports import services as reports
    from hyte.reports.models import Block

    scenario = save_scenario(
        actor=world.users["coordinator"],
        organisation=world.kemi,
        model=funding.model,
        area=area(KEMI),
        title="Kuntajohto 90",
        changes={"leadership": 90},
    )
    plan = reports.create_report(
        actor=SYSTEM, organisation=world.kemi, kind="broad", title="Suunnitelma", term_start=2025, term_end=2029
    )
    section = plan.sections.first()
    client = world.client_for("coordinator")
    page = client.get(f"/o/kemi/reports/{plan.pk}/").content.decode()
    assert f'<option value="{scenario.pk}">Kuntajohto 90' in page
    url = f"/o/kemi/reports/{plan.pk}/sections/{section.pk}/blocks/scenario/"
    assert client.post(url, {"scenario": scenario.pk}).status_code == 302
    block = Block.objects.filter(section=section).latest("pk")
    before, after = scenario.result["before"], scenario.result["after"]
    assert "**Mitä jos: Kuntajohto 90**" in block.text
    assert f"| Pisteet (0–100) | {before['score']:.1f}".replace(".", ",") in block.text
    assert f"| {after['score']:.1f}".replace(".", ",") in block.text
    assert "Kemi" in block.text
    assert "**Tänk om: Kuntajohto 90**" in block.text_sv
    assert ("Malli on alustava" in block.text) is scenario.result["provisional"]
    html = client.get(f"/o/kemi/reports/{plan.pk}/").content.decode()
    assert "<table>" in html  # the comparison rendered as a table
    assert world.client_for("outsider").post(url, {"scenario": scenario.pk}).status_code == 404
    hidden = save_scenario(
        actor=world.users["outsider"],
        organisation=world.tornio,
        model=funding.model,
        area=area(TORNIO),
        title="Tornion oma",
        changes={"leadership": 80},
    )
    count = Block.objects.filter(section=section).count()
    assert client.post(url, {"scenario": hidden.pk}).status_code == 404  # Tornio's private scenario
    assert Block.objects.filter(section=section).count() == count


def test_a_scenario_is_copied_into_an_impact_assessments_evidence(world, funding):
    """Copied into the cell's form (nothing saved until the writer saves it), after what was written there."""
    from hyte.assessments import services as assessments
    from hyte.assessments.models import Impact

    scenario = save_scenario(
        actor=world.users["coordinator"],
        organisation=world.kemi,
        model=funding.model,
        area=area(KEMI),
        title="Kuntajohto 90",
        changes={"leadership": 90},
    )
    assessment = assessments.create_assessment(
        actor=SYSTEM, organisation=world.kemi, title="Liikuntapaikat", kind="full"
    )
    option = assessments.add_option(actor=SYSTEM, assessment=assessment, title="Uusi halli")
    assessments.set_impact(actor=SYSTEM, option=option, area="children", direction="unknown", description="Arvio.")
    client = world.client_for("coordinator")
    url = f"/o/kemi/assessments/{assessment.pk}/options/{option.pk}/impacts/children/"
    page = client.get(url, {"scenario": scenario.pk}, HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert "Arvio.\n\n**Mitä jos: Kuntajohto 90**" in page
    assert Impact.objects.get(option=option, area="children").description == "Arvio."  # not saved yet
    untouched = client.get(url, {"scenario": 999999}).content.decode()
    assert "Mitä jos" not in untouched  # an unknown (or another organisation's private) scenario: nothing copied


def _edit_data(model, **changes):
    data = {
        "process_weight": "0.5",
        "outcome_weight": "0.5",
        "missing_rule": "mean",
        "base_price": "10",
        "funding_pool": "",
        "provisional_note": "",
    }
    for indicator in model.indicators.all():
        data.update(
            {
                f"ind-{indicator.code}-weight": "1",
                f"ind-{indicator.code}-target_value": "",
                f"ind-{indicator.code}-direction": indicator.direction,
                f"ind-{indicator.code}-provisional_note": "",
            }
        )
    data.update(changes)
    return data


def test_a_national_administrator_changes_a_version_on_its_page(funding, client):
    model = _model(funding)
    url = f"/coefficient/{model.pk}/edit/"
    client.force_login(funding.national_reader)
    assert client.get(url).status_code == 404  # a reader of the national body does not administer models
    client.force_login(funding.national)
    page = client.get(url)
    assert page.status_code == 200
    assert b'name="ind-leadership-weight"' in page.content
    refused = client.post(url, _edit_data(model, process_weight="0.7"), HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 200  # the whole model is checked: 0.7 + 0.5 does not add up
    assert "add up to 1.2" in refused.content.decode()
    model.refresh_from_db()
    assert model.process_weight == 0.5
    done = client.post(
        url,
        _edit_data(
            model,
            process_weight="0.6",
            outcome_weight="0.4",
            **{"ind-leadership-provisional": "on", "ind-leadership-provisional_note": "Tarkista kohta"},
        ),
    )
    assert done["Location"] == f"/coefficient/{model.pk}/"
    model.refresh_from_db()
    leadership = model.indicators.get(code="leadership")
    assert (model.process_weight, model.outcome_weight) == (0.6, 0.4)
    assert (leadership.provisional, leadership.provisional_note) == (True, "Tarkista kohta")
    assert AuditEntry.objects.filter(action="coefficient.model_update", object_id=str(model.pk)).exists()
    model.frozen = True
    model.save()
    assert b"make a new version to change it" in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content
    client.post(url, _edit_data(model, process_weight="0.5", outcome_weight="0.5"))
    model.refresh_from_db()
    assert model.process_weight == 0.6  # a frozen version is not changed
