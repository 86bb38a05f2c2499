"""The register as open data: HSDS 3.0 validated against the vendored schema, CSV and XLSX read back, only what
the finder shows, in Finnish, Swedish and English, and a fixed number of queries however large the register."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import typing

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from pydantic import BaseModel

from hyte.actors import services
from hyte.actors.details import ActorDetails
from hyte.actors.hsds import documents, uid
from hyte.actors.models import TargetGroup, Theme
from hyte.actors.opendata import ACTIVITY_COLUMNS, ACTOR_COLUMNS, LICENCE_URL
from tests.actors_world import add_activity, build_register, kemi_area, tornio_area
from tests.conftest import SYSTEM
from tests.hsds import errors, schema

FILES = "/public/activities/"


@pytest.fixture
def register(world):
    """The small register, and a Kemi activity with every field filled, two providers and a formula-like text."""
    made = build_register(world)
    club = services.create_actor(
        actor=SYSTEM,
        details=ActorDetails(
            kind="ngo",
            name="Kemin Mielenterveysseura ry",
            name_sv="Kemi mentalvårdsförening rf",
            area=kemi_area(),
            business_id="0201256-6",
            register_number="123.456",
            website="https://mielenterveysseura.example.fi/",
            contact="Puheenjohtaja, puh. 040 765 4321",
        ),
    )
    made["club"] = club
    made["cafe"] = add_activity(
        SYSTEM,
        title="Vertaistukikahvila",
        title_sv="Kamratstödskafé",
        title_en="Peer support café",
        description='=HYPERLINK("http://paha.example") Kahvia ja juttuseuraa.',
        description_sv="Kaffe och sällskap.",
        description_en="Coffee and company.",
        area=kemi_area(),
        place="Keskusta",
        address="Valtakatu 26, 94100 Kemi",
        latitude=65.7364,
        longitude=24.5637,
        online=True,
        starts_on=dt.date(2026, 1, 7),
        ends_on=dt.date(2026, 12, 16),
        recurring=True,
        schedule="Keskiviikkoisin 14–16",
        is_free=False,
        fee="3 € (kahvi)",
        languages=["fi", "sv", "fse"],
        accessibility="Esteetön sisäänkäynti, induktiosilmukka.",
        join_url="https://mielenterveysseura.example.fi/kahvila",
        join_phone="040 765 4321",
        age_groups=["working_age", "older"],
        providers=[club, made["library"]],
        themes=Theme.objects.filter(code__in=["mental-wellbeing", "loneliness"]),
        target_groups=TargetGroup.objects.filter(code__in=["recovering", "living-alone"]),
        is_published=True,
    )
    return made


def _get(path: str) -> typing.Any:
    response = Client().get(path)
    assert response.status_code == 200, (path, response.status_code, response.content[:300])
    return response


def _hsds(path: str) -> dict[str, typing.Any]:
    return json.loads(_get(path).content)


def _ids(document: dict[str, typing.Any]) -> set[str]:
    return {service["id"] for service in document["contents"]}


def test_a_municipality_s_hsds_file_is_valid_hsds_and_holds_only_what_the_finder_shows(register):
    document = _hsds(FILES + "240.hsds.json")
    assert errors(document) == []
    expected = {str(uid("activity", register[key].pk)) for key in ("walking", "reading", "cafe")}
    assert _ids(document) == expected, "drafts, hidden activities and Tornio's are left out"
    assert (document["total_items"], document["size"], document["empty"], document["last_page"]) == (3, 3, False, True)
    assert (document["licence"], document["licence_url"]) == ("CC BY 4.0", LICENCE_URL)
    assert document["attribution"] == "Kemin kaupunki, Hyte (CC BY 4.0)"
    assert document["hsds_version"] == "3.0"


def test_an_activity_becomes_a_service_with_every_field_hsds_has_for_it(register):
    document = _hsds(FILES + "240.hsds.json")
    cafe = next(s for s in document["contents"] if s["id"] == str(uid("activity", register["cafe"].pk)))
    assert errors(cafe, "service.json") == []
    assert (cafe["name"], cafe["alternate_name"]) == ("Vertaistukikahvila", "Kamratstödskafé")
    assert cafe["url"] == "https://mielenterveysseura.example.fi/kahvila"
    assert cafe["status"] == "active"
    assert cafe["fees_description"] == "3 € (kahvi)"
    assert cafe["cost_options"][0]["amount_description"] == "3 € (kahvi)"
    assert cafe["phones"][0]["number"] == "040 765 4321"
    assert [lang["code"] for lang in cafe["languages"]] == ["fi", "sv", "fse"]
    [schedule] = cafe["schedules"]
    assert (schedule["valid_from"], schedule["valid_to"], schedule["description"]) == (
        "2026-01-07",
        "2026-12-16",
        "Keskiviikkoisin 14–16",
    )
    place, online = (at["location"] for at in cafe["service_at_locations"])
    assert (place["location_type"], place["latitude"], place["longitude"]) == ("physical", 65.7364, 24.5637)
    [address] = place["addresses"]
    assert (address["address_1"], address["postal_code"], address["city"], address["country"]) == (
        "Valtakatu 26",
        "94100",
        "Kemi",
        "FI",
    )
    assert address["state_province"] == "Lappi"
    assert place["accessibility"][0]["description"] == "Esteetön sisäänkäynti, induktiosilmukka."
    assert (online["location_type"], online["url"]) == ("virtual", "https://mielenterveysseura.example.fi/kahvila")
    assert cafe["service_areas"][0]["description"].endswith("240")
    # The first provider by name is the organization; the other is named as a co-provider.
    assert cafe["organization"]["name"] == "Kemin Mielenterveysseura ry"
    [identifier, number] = cafe["organization"]["organization_identifiers"]
    assert (identifier["identifier_scheme"], identifier["identifier"]) == ("FI-PRO", "0201256-6")
    assert number["identifier"] == "123.456"
    assert "Puheenjohtaja" in cafe["organization"]["description"]
    terms = {(a["taxonomy_term"]["taxonomy_id"], a["taxonomy_term"]["code"]): a for a in cafe["attributes"]}
    assert {code for _taxonomy, code in terms} == {
        "mental-wellbeing",
        "loneliness",
        "working_age",
        "older",
        "recovering",
        "living-alone",
        "co-provider",
    }
    co_provider = terms[(str(uid("taxonomy", "roles")), "co-provider")]
    assert co_provider["value"] == str(uid("actor", register["library"].pk))
    assert co_provider["value"] in {o["id"] for o in document["organizations"]}
    theme = terms[(str(uid("taxonomy", "themes")), "loneliness")]["taxonomy_term"]
    assert theme["id"] == str(uid("themes", "loneliness")), "a term's id comes from its code"
    assert "sv: Ensamhet och sociala relationer" in theme["description"]
    assert cafe["assured_date"] == cafe["last_modified"][:10]


def test_the_swedish_and_english_documents_are_in_their_language(register):
    swedish = _hsds(FILES + "240.sv.hsds.json")
    english = _hsds(FILES + "240.en.hsds.json")
    for document in (swedish, english):
        assert errors(document) == []
    cafe = str(uid("activity", register["cafe"].pk))
    walking = str(uid("activity", register["walking"].pk))
    by_id = {s["id"]: s for s in swedish["contents"]}
    assert (by_id[cafe]["name"], by_id[cafe]["alternate_name"]) == ("Kamratstödskafé", "Vertaistukikahvila")
    assert by_id[cafe]["description"] == "Kaffe och sällskap."
    assert by_id[cafe]["organization"]["name"] == "Kemi mentalvårdsförening rf"
    assert by_id[walking]["name"] == "Promenadgrupp för seniorer"
    by_id = {s["id"]: s for s in english["contents"]}
    assert (by_id[cafe]["name"], by_id[cafe]["description"]) == ("Peer support café", "Coffee and company.")
    assert by_id[walking]["name"] == "Senioreiden kävelyryhmä", "no English title: the Finnish one"
    assert (swedish["language"], english["language"]) == ("sv", "en")
    assert _ids(swedish) == _ids(english) == _ids(_hsds(FILES + "240.hsds.json")), "the same ids in every language"


def test_a_county_s_file_covers_its_municipalities(register):
    county = _hsds(FILES + "21.hsds.json")
    assert errors(county) == []
    assert str(uid("activity", register["football"].pk)) in _ids(county)
    assert str(uid("activity", register["walking"].pk)) in _ids(county)
    assert county["publisher"] == "Lapin hyvinvointialue"
    tornio = _hsds(FILES + "851.hsds.json")
    assert _ids(tornio) == {str(uid("activity", register["football"].pk))}
    assert tornio["publisher"] == "Tornion kaupunki"


def test_a_missing_required_field_breaks_the_schema(register):
    """The validation is real: each field HSDS requires, taken away, is reported."""
    document = _hsds(FILES + "240.hsds.json")
    cuts = {
        "contents/0: 'name' is a required property": ("contents", 0, "name"),
        "contents/0: 'status' is a required property": ("contents", 0, "status"),
        "organizations/0: 'description' is a required property": ("organizations", 0, "description"),
        "contents/0/attributes/0/taxonomy_term: 'description' is a required property": (
            "contents",
            0,
            "attributes",
            0,
            "taxonomy_term",
            "description",
        ),
    }
    for expected, path in cuts.items():
        broken = copy.deepcopy(document)
        node = broken
        for step in path[:-1]:
            node = node[step]
        del node[path[-1]]
        assert expected in errors(broken), expected
    broken = copy.deepcopy(document)
    broken["contents"][0]["nmae"] = "kirjoitusvirhe"
    assert any("nmae" in error for error in errors(broken)), "a misspelt field is caught too"
    broken["contents"][0]["id"] = "240-1"
    broken["contents"][0]["url"] = "ei osoite"
    assert any("is not a 'uuid'" in error for error in errors(broken))
    assert any("is not a 'uri'" in error for error in errors(broken)), "formats are checked"


DOCUMENTS = {
    documents.Service: "service.json",
    documents.Organization: "organization.json",
    documents.OrganizationIdentifier: "organization_identifier.json",
    documents.Location: "location.json",
    documents.Address: "address.json",
    documents.Accessibility: "accessibility.json",
    documents.ServiceAtLocation: "service_at_location.json",
    documents.ServiceArea: "service_area.json",
    documents.Schedule: "schedule.json",
    documents.Phone: "phone.json",
    documents.HsdsLanguage: "language.json",
    documents.CostOption: "cost_option.json",
    documents.Attribute: "attribute.json",
    documents.TaxonomyTerm: "taxonomy_term.json",
    documents.Taxonomy: "taxonomy.json",
}


@pytest.mark.parametrize(("model", "name"), DOCUMENTS.items(), ids=DOCUMENTS.values())
def test_the_typed_documents_require_what_hsds_requires_and_invent_nothing(model: type[BaseModel], name: str):
    hsds = schema(name)
    required = {field for field, info in model.model_fields.items() if info.is_required()}
    assert set(hsds["required"]) <= required, f"{model.__name__} may leave out what HSDS requires"
    assert set(model.model_fields) <= set(hsds["properties"]), f"{model.__name__} has fields HSDS does not"


def test_the_csv_reads_back_with_its_byte_order_mark_licence_and_languages(register):
    response = _get(FILES + "240.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Link"] == f'<{LICENCE_URL}>; rel="license"'
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert list(rows[0]) == list(ACTIVITY_COLUMNS)
    assert {row["nimi"] for row in rows} == {"Senioreiden kävelyryhmä", "Satutunti lapsille", "Vertaistukikahvila"}
    cafe = next(row for row in rows if row["nimi"] == "Vertaistukikahvila")
    assert (cafe["nimi_sv"], cafe["nimi_en"], cafe["kuvaus_en"]) == (
        "Kamratstödskafé",
        "Peer support café",
        "Coffee and company.",
    )
    assert cafe["kuvaus"].startswith("'=HYPERLINK"), "a formula stays text"
    assert cafe["järjestäjät"] == "Kemin Mielenterveysseura ry; Kemin kaupunginkirjasto"
    assert cafe["järjestäjä_id"] == f"{register['club'].pk}; {register['library'].pk}"
    assert cafe["teemakoodit"] == "mental-wellbeing; loneliness"
    assert cafe["kohderyhmäkoodit"] == "living-alone; recovering"
    assert (cafe["ikäryhmäkoodit"], cafe["kielikoodit"]) == ("working_age; older", "fi; sv; fse")
    assert (cafe["kuntakoodi"], cafe["leveysaste"]) == ("240", "65.7364")
    assert (cafe["verkossa"], cafe["maksuton"]) == ("kyllä", "ei")
    assert (cafe["alkaa"], cafe["päättyy"]) == ("2026-01-07", "2026-12-16")
    assert cafe["sivu"] == f"http://testserver/public/fi/activities/{register['cafe'].pk}/"
    assert all(row["lisenssi"] == "Kemin kaupunki, Hyte (CC BY 4.0)" for row in rows)


def test_the_workbook_has_the_activities_the_actors_and_the_licence(register):
    response = _get(FILES + "21.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["toiminnot", "toimijat", "lisenssi"]
    activities = list(workbook["toiminnot"].values)
    assert list(activities[0]) == list(ACTIVITY_COLUMNS)
    assert {row[2] for row in activities[1:]} == {
        "Senioreiden kävelyryhmä",
        "Satutunti lapsille",
        "Vertaistukikahvila",
        "Jalkapallo nuorille",
    }
    actors = list(workbook["toimijat"].values)
    assert list(actors[0]) == list(ACTOR_COLUMNS)
    by_name = {row[2]: dict(zip(actors[0], row, strict=True)) for row in actors[1:]}
    assert set(by_name) == {
        "Kemin Seniorit ry",
        "Kemin kaupunginkirjasto",
        "Tornion Pallo ry",
        "Kemin Mielenterveysseura ry",
    }
    assert by_name["Kemin kaupunginkirjasto"]["toimintoja"] == 2, "the story time and the café; not the hidden one"
    assert by_name["Kemin Mielenterveysseura ry"]["y_tunnus"] == "0201256-6"
    licence = dict(workbook["lisenssi"].values)
    assert "CC BY 4.0" in licence.values()
    assert LICENCE_URL in licence.values()
    assert "Lapin hyvinvointialue, Hyte (CC BY 4.0)" in licence.values()
    assert "toimijat: y_tunnus" in licence


def test_unknown_areas_and_names_are_not_found(register):
    for name in ("999.csv", "240.sv.csv", "240.de.hsds.json", "kemi.csv", "240.json", "240.hsds.json.zip"):
        assert Client().get(FILES + name).status_code == 404, name


def test_the_open_data_page_lists_each_county_and_municipality_and_the_finder_links_to_it(register):
    page = _get("/public/en/activities/open-data/").content.decode()
    for name in ("21.hsds.json", "21.csv", "21.xlsx", "240.sv.hsds.json", "240.csv", "851.xlsx"):
        assert f'href="{FILES}{name}"' in page, name
    assert "Lapland" in page or "Lappi" in page
    assert f'href="{LICENCE_URL}"' in page
    assert 'href="/public/en/activities/open-data/"' in _get("/public/en/activities/").content.decode()


def test_the_api_answers_hsds_a_page_at_a_time(register):
    first = _hsds("/api/v1/activities/hsds?area=240&per_page=2")
    second = _hsds("/api/v1/activities/hsds?area=240&per_page=2&page=2&language=sv")
    for document in (first, second):
        assert errors(document) == []
    assert (first["total_items"], first["total_pages"], first["size"], first["last_page"]) == (3, 2, 2, False)
    assert (second["page_number"], second["size"], second["last_page"], second["language"]) == (2, 1, True, "sv")
    assert not _ids(first) & _ids(second)
    assert _ids(first) | _ids(second) == _ids(_hsds(FILES + "240.hsds.json"))
    assert Client().get("/api/v1/activities/hsds?area=999").status_code == 404
    assert Client().get("/api/v1/activities/hsds?area=kemi").status_code == 422


def _queries(path: str) -> int:
    with CaptureQueriesContext(connection) as done:
        _get(path)
    return len(done)


@pytest.mark.parametrize(
    "path", [FILES + "21.hsds.json", FILES + "240.csv", FILES + "21.xlsx", "/api/v1/activities/hsds?area=21"]
)
def test_the_files_do_not_ask_the_database_once_per_activity(register, path: str):
    _queries(path)  # once to warm what a process reads once
    before = _queries(path)
    for i in range(5):
        actor = services.create_actor(
            actor=SYSTEM, details=ActorDetails(kind="ngo", name=f"Yhdistys {i}", area=tornio_area())
        )
        add_activity(
            SYSTEM,
            title=f"Toiminta {i}",
            area=tornio_area() if i % 2 else kemi_area(),
            providers=[actor, register["club"]],
            themes=Theme.objects.all()[:3],
            target_groups=TargetGroup.objects.all()[:2],
            is_published=True,
        )
    assert _queries(path) == before


def test_the_command_writes_each_format(register, tmp_path, capsys):
    call_command("export_register", "--area", "240", "--format", "hsds", "--language", "sv")
    document = json.loads(capsys.readouterr().out)
    assert errors(document) == []
    assert document["language"] == "sv"
    call_command("export_register", "--area", "21", "--format", "csv", "--out", str(tmp_path / "lappi.csv"))
    rows = list(csv.DictReader(io.StringIO((tmp_path / "lappi.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == 4
    call_command("export_register", "--area", "851", "--format", "xlsx", "--out", str(tmp_path / "tornio.xlsx"))
    assert load_workbook(tmp_path / "tornio.xlsx")["toiminnot"].max_row == 2
    with pytest.raises(CommandError, match="--out"):
        call_command("export_register", "--area", "240", "--format", "xlsx")
    with pytest.raises(CommandError, match="no municipality or county"):
        call_command("export_register", "--area", "999", "--format", "csv")
