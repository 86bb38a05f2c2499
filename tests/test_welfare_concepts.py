"""Welfare concepts: THL's hyte themes by default, Pohjois-Pohjanmaa's as shipped, an area's choice (a municipality
inherits its county's), counting and finding through the mapping, the forms, the settings page and the loader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.utils import translation

from hyte.actors.concept_services import choose_concept, load_welfare_concept
from hyte.actors.concepts import concept_for, concept_for_area
from hyte.actors.gaps import gaps_of
from hyte.actors.models import Activity, AreaConcept, Theme, WelfareConcept
from hyte.actors.queries import ActivityFilter, public_activities
from hyte.audit.models import AuditEntry
from tests.actors_world import add_activity, build_register, kemi_area
from tests.conftest import SYSTEM


@pytest.fixture(autouse=True)
def _english():
    """The messages asserted are the English ones (Finnish is the default language)."""
    with translation.override("en"):
        yield


PP = "pohjois-pohjanmaa"


def _concept(code: str) -> WelfareConcept:
    return WelfareConcept.objects.get(code=code)


def _cell(found, theme: str, age: str) -> int:
    row = next(r for r in found.rows if r.theme.code == theme)
    return next(c for c in row.cells if c.age_group == age).count


def test_the_default_is_thl_and_pohjois_pohjanmaa_ships_mapped_to_it(db):
    default = WelfareConcept.objects.get(is_default=True)
    assert default.code == "thl-hyte"
    assert default.themes.count() == 14
    pp = _concept(PP)
    themes = list(pp.themes.order_by("position"))
    assert [t.name_fi for t in themes][:2] == ["Arjen sujuminen ja toimintakyky", "Omat valinnat, elintavat ja terveys"]
    assert "Asuminen, elinympäristö ja turvallisuus" in {t.name_fi for t in themes}  # the seed's own heading
    assert all(t.name_sv and t.name_en for t in themes)
    for theme in themes:  # every theme maps, and only to THL's
        assert theme.maps_to.exists()
        assert set(theme.maps_to.values_list("concept__is_default", flat=True)) == {True}
    mapped = {code for t in themes for code in t.maps_to.values_list("code", flat=True)}
    assert mapped == set(default.themes.values_list("code", flat=True))  # every THL theme has a counterpart


def test_a_themes_code_is_unique_within_its_concept_only(db):
    pp = _concept(PP)
    Theme.objects.create(concept=pp, code="physical-activity", name_fi="Liikunta (PP)")  # THL has the code: fine
    with pytest.raises(IntegrityError), transaction.atomic():
        Theme.objects.create(concept=pp, code="being-heard", name_fi="Kahdesti")


def test_a_municipality_inherits_its_countys_choice_unless_it_has_its_own(world):
    thl, pp = WelfareConcept.objects.get(is_default=True), _concept(PP)
    assert concept_for(world.kemi) == thl
    choose_concept(actor=world.users["county"], area=world.lappi.area, concept=pp)
    assert concept_for(world.lappi) == pp
    assert concept_for(world.kemi) == pp
    assert concept_for(world.tornio) == pp
    choose_concept(actor=world.users["coordinator"], area=world.kemi.area, concept=thl)
    assert concept_for(world.kemi) == thl  # its own choice
    assert concept_for(world.tornio) == pp
    choose_concept(actor=world.users["admin"], area=world.kemi.area, concept=None)
    assert concept_for(world.kemi) == pp  # back to the county's
    choose_concept(actor=world.users["county"], area=world.lappi.area, concept=None)
    assert concept_for(world.kemi) == thl
    assert not AreaConcept.objects.exists()


def test_only_the_areas_own_coordinators_and_admins_switch_and_every_switch_is_audited(world):
    pp = _concept(PP)
    for persona in ("reader", "editor", "outsider", "county"):  # the county's coordinator: not Kemi's choice
        with pytest.raises(PermissionDenied):
            choose_concept(actor=world.users[persona], area=world.kemi.area, concept=pp)
    for persona in ("coordinator", "admin", "outsider"):  # Tornio's admin: not the county's choice
        with pytest.raises(PermissionDenied):
            choose_concept(actor=world.users[persona], area=world.lappi.area, concept=pp)
    assert not AreaConcept.objects.exists()
    choose_concept(actor=world.users["coordinator"], area=world.kemi.area, concept=pp)
    entry = AuditEntry.objects.get(action="welfare_concept.choose")
    assert entry.organisation == world.kemi
    assert entry.actor == world.users["coordinator"]
    assert entry.changes["concept"] == [None, str(pp.pk)]
    choose_concept(actor=world.users["admin"], area=world.kemi.area, concept=None)
    assert AuditEntry.objects.filter(action="welfare_concept.choose").count() == 2
    choose_concept(actor=world.users["county"], area=world.lappi.area, concept=pp)
    assert AuditEntry.objects.filter(action="welfare_concept.choose").order_by("pk").last().organisation == world.lappi


def test_the_gap_view_counts_activities_of_another_concept_through_the_mapping(world):
    register = build_register(world)
    heard = add_activity(
        SYSTEM,
        title="Asukasraati",
        area=kemi_area(),
        providers=[register["library"]],
        themes=Theme.objects.filter(concept__code=PP, code="being-heard"),
        age_groups=["older"],
        is_published=True,
    )
    found = gaps_of(world.kemi)  # THL's themes: the residents' panel counts under inclusion through its mapping
    assert found.concept.is_default
    assert _cell(found, "participation", "older") == 1
    assert found.through_mapping == 1
    choose_concept(actor=world.users["county"], area=world.lappi.area, concept=_concept(PP))
    found = gaps_of(world.kemi)
    assert [row.theme.code for row in found.rows][:2] == ["everyday-life", "lifestyle-and-health"]
    # The seniors' walking group (THL: physical activity, loneliness) counts under every PP theme mapped to them.
    assert _cell(found, "lifestyle-and-health", "older") == 1
    assert _cell(found, "meaningful-pastimes", "older") == 1
    assert _cell(found, "relationships-and-communities", "older") == 1
    assert _cell(found, "being-heard", "older") == 1  # the panel, in its own concept
    assert _cell(found, "work-studies-livelihood", "older") == 0
    assert found.through_mapping == 1  # the walking group; the panel is the area's own now
    walking = Activity.objects.get(pk=register["walking"].pk)
    assert sorted(walking.themes.values_list("code", flat=True)) == ["loneliness", "physical-activity"]  # kept
    assert list(heard.themes.values_list("code", flat=True)) == ["being-heard"]


def test_the_theme_filters_and_text_search_follow_the_areas_concept(world):
    register = build_register(world)
    client = world.client_for("reader")
    assert "Senioreiden kävelyryhmä" not in client.get("/o/kemi/register/activities/?q=elintavat").content.decode()
    choose_concept(actor=world.users["coordinator"], area=world.kemi.area, concept=_concept(PP))
    listed = client.get("/o/kemi/register/activities/?theme=lifestyle-and-health&age=older").content.decode()
    assert "Senioreiden kävelyryhmä" in listed
    assert "Piilotettu tapahtuma" not in listed
    page = client.get("/o/kemi/register/activities/").content.decode()
    assert '<option value="lifestyle-and-health">Omat valinnat, elintavat ja terveys</option>' in page
    assert 'value="physical-activity"' not in page
    # The search document holds the area's concept's names of the walking group's themes.
    assert "Omat valinnat, elintavat ja terveys" in Activity.objects.get(pk=register["walking"].pk).search_document
    assert "Senioreiden kävelyryhmä" in client.get("/o/kemi/register/activities/?q=elintavat").content.decode()
    # The finder: in Kemi, PP's code; without a municipality, THL's; both find the walking group.
    found = public_activities(ActivityFilter(theme="lifestyle-and-health", area_code="240"))
    assert [a.title for a in found] == ["Senioreiden kävelyryhmä"]
    assert not public_activities(ActivityFilter(theme="lifestyle-and-health")).exists()  # not a THL code
    assert public_activities(ActivityFilter(theme="loneliness")).count() == 1


def test_the_api_speaks_thls_terms_and_lists_another_concepts_themes_on_request(world):
    register = build_register(world)
    add_activity(
        SYSTEM,
        title="Asukasraati",
        area=kemi_area(),
        providers=[register["library"]],
        themes=Theme.objects.filter(concept__code=PP, code="being-heard"),
        is_published=True,
    )
    client = world.client_for("anonymous")
    themes = client.get("/api/v1/activity-themes").json()
    assert len(themes) == 14
    pp = client.get(f"/api/v1/activity-themes?concept={PP}").json()
    assert [t["code"] for t in pp][3] == "being-heard"
    assert pp[3]["name_sv"] == "Att bli hörd och accepterad"
    assert client.get("/api/v1/activity-themes?concept=nothing").status_code == 404
    found = client.get("/api/v1/activities?theme=participation").json()["items"]
    assert [a["title"] for a in found] == ["Asukasraati"]


def test_the_form_offers_the_areas_themes_and_keeps_an_activitys_other_themes(world):
    register = build_register(world)
    choose_concept(actor=world.users["coordinator"], area=world.kemi.area, concept=_concept(PP))
    client = world.client_for("coordinator")
    walking = register["walking"]
    page = client.get(f"/o/kemi/register/activities/{walking.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Own choices, lifestyle and health" in page
    assert "Physical activity (THL hyte themes)" in page  # its own theme, named with its concept
    assert "Nutrition (THL hyte themes)" not in page  # THL's other themes are not offered
    new = client.get("/o/kemi/register/activities/new/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Being heard and accepted" in new
    assert "(THL hyte themes)" not in new


def test_the_settings_page_switches_for_coordinators_and_is_not_there_for_others(world):
    client = world.client_for("coordinator")
    page = client.get("/o/kemi/register/concept/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "As the county chooses (now: THL hyte themes)" in page
    assert "Housing, living environment and safety" in page
    response = client.post("/o/kemi/register/concept/", {"concept": PP})
    assert response.status_code == 302
    assert concept_for_area(world.kemi.area).code == PP
    page = client.get("/o/kemi/register/concept/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "classifies activities by the themes of North Ostrobothnia&#x27;s welfare concept." in page
    assert client.post("/o/kemi/register/concept/", {"concept": ""}).status_code == 302
    assert not AreaConcept.objects.filter(area=world.kemi.area).exists()
    for persona in ("reader", "editor", "outsider", "county"):
        assert world.client_for(persona).get("/o/kemi/register/concept/").status_code == 404
        assert world.client_for(persona).post("/o/kemi/register/concept/", {"concept": PP}).status_code == 404
    assert not AreaConcept.objects.exists()
    county = world.client_for("county").get("/o/lappi/register/concept/", HTTP_ACCEPT_LANGUAGE="en")
    assert "The default (THL hyte themes)" in county.content.decode()


# The loader ----------------------------------------------------------------------------------------------------


def _file(tmp_path, **changes) -> str:
    concept = {
        "format": "hyte-welfare-concept",
        "version": 1,
        "code": "kainuu",
        "name": {"fi": "Kainuun hyvinvointikäsite", "sv": "Kajanalands välfärdsbegrepp", "en": "Kainuu's concept"},
        "source": "Testi",
        "themes": [
            {"code": "arki", "name": {"fi": "Arki"}, "maps_to": ["functional-capacity"]},
            {"code": "yhteiso", "name": {"fi": "Yhteisö"}, "maps_to": ["loneliness", "participation"]},
        ],
        **changes,
    }
    path = tmp_path / "concept.json"
    path.write_text(json.dumps(concept), encoding="utf-8")
    return str(path)


def test_the_loader_loads_a_concept_and_loading_it_again_changes_nothing(world, tmp_path, capsys):
    call_command("load_welfare_concept", _file(tmp_path))
    assert "kainuu created: 2 themes added" in capsys.readouterr().out
    concept = _concept("kainuu")
    assert list(concept.themes.values_list("code", flat=True)) == ["arki", "yhteiso"]
    yhteiso = concept.themes.get(code="yhteiso")
    assert sorted(yhteiso.maps_to.values_list("code", flat=True)) == ["loneliness", "participation"]
    entries = AuditEntry.objects.filter(action="welfare_concept.load").count()
    call_command("load_welfare_concept", _file(tmp_path))
    assert "0 themes added, 0 changed, 0 removed" in capsys.readouterr().out
    assert AuditEntry.objects.filter(action="welfare_concept.load").count() == entries
    themes = [{"code": "arki", "name": {"fi": "Arki ja koti"}, "maps_to": ["functional-capacity", "family"]}]
    call_command("load_welfare_concept", _file(tmp_path, themes=themes))  # yhteiso is in no activity: removed
    assert list(concept.themes.values_list("name_fi", flat=True)) == ["Arki ja koti"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"themes": [{"code": "a", "name": {"fi": "A"}, "maps_to": ["loneliness"]}] * 2},
            "Theme codes appear more than once: a.",
        ),
        (
            {"themes": [{"code": "a", "name": {"fi": "A"}, "maps_to": ["loneliness", "happiness"]}]},
            "theme a: maps_to names themes the default concept does not have: happiness.",
        ),
        ({"themes": [{"code": "a", "name": {"sv": "A"}, "maps_to": ["loneliness"]}]}, "the Finnish name is missing"),
        ({"themes": [{"code": "A b", "name": {"fi": "A"}, "maps_to": ["culture"]}]}, "must be a slug"),
        ({"code": "thl-hyte"}, "The default concept is not loaded from a file."),
        ({"format": "something"}, "The file is not a welfare concept"),
    ],
)
def test_a_bad_file_is_refused_whole(world, tmp_path, changes, message):
    with pytest.raises(CommandError) as refused:
        call_command("load_welfare_concept", _file(tmp_path, **changes))
    assert message in str(refused.value)
    assert "nothing was loaded" in str(refused.value)
    assert not WelfareConcept.objects.filter(code="kainuu").exists()
    assert WelfareConcept.objects.count() == 2
    assert not AuditEntry.objects.filter(action="welfare_concept.load").exists()


def test_the_loader_refuses_to_drop_a_theme_an_activity_has(world, tmp_path):
    call_command("load_welfare_concept", _file(tmp_path))
    register = build_register(world)
    add_activity(
        SYSTEM,
        title="Kyläilta",
        area=kemi_area(),
        providers=[register["library"]],
        themes=Theme.objects.filter(concept__code="kainuu", code="yhteiso"),
    )
    themes = [{"code": "arki", "name": {"fi": "Arki"}, "maps_to": ["functional-capacity"]}]
    with pytest.raises(CommandError, match="leaves out themes that activities have: yhteiso"):
        call_command("load_welfare_concept", _file(tmp_path, themes=themes, name={"fi": "Uusi nimi"}))
    assert _concept("kainuu").name_fi == "Kainuun hyvinvointikäsite"  # nothing half-written
    assert _concept("kainuu").themes.count() == 2


def test_loading_a_concept_is_for_the_sites_staff(world, tmp_path):
    from hyte.actors.concept_file import parse

    data = Path(_file(tmp_path)).read_bytes()
    spec = parse(data, default_codes={"functional-capacity", "loneliness", "participation"})
    with pytest.raises(PermissionDenied):
        load_welfare_concept(actor=world.users["admin"], spec=spec)
    assert not WelfareConcept.objects.filter(code="kainuu").exists()
