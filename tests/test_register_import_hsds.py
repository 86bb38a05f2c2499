"""Importing Open Referral HSDS 3.0 into the register: compiled services with their organisation nested (as the
specification's `service_full.json` example), a page of them, and the same data as tables (as its
`tabular.json` example); taxonomy terms as themes, target groups and age groups; files refused whole."""

from __future__ import annotations

import copy
import datetime as dt
import json
import uuid
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from hyte.actors.imports.services import confirm_import, start_import
from hyte.actors.models import Activity, Actor, RegisterImport
from hyte.audit.models import AuditEntry
from tests.actors_world import build_register


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _id(name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://hsds.example.fi/{name}"))


ORGANISATION = {
    "id": _id("martat"),
    "name": "Kemin Martat ry",
    "description": "Kotitalousneuvontaa ja yhdessäoloa.",
    "email": "info@martat.example.fi",
    "website": "https://martat.example.fi",
    "organization_identifiers": [
        {
            "id": _id("martat-ytunnus"),
            "identifier_scheme": "FI-PRO",
            "identifier_type": "Y-tunnus",
            "identifier": "0201256-6",
        }
    ],
}


def _location(name: str, city: str, *, latitude: float = 65.7364, longitude: float = 24.5636) -> dict[str, Any]:
    return {
        "id": _id(f"location-{name}"),
        "location_type": "physical",
        "name": name,
        "latitude": latitude,
        "longitude": longitude,
        "addresses": [
            {
                "id": _id(f"address-{name}"),
                "address_1": "Valtakatu 12",
                "address_2": "Keskusta",
                "city": city,
                "state_province": "Lappi",
                "postal_code": "94100",
                "country": "FI",
                "address_type": "physical",
            }
        ],
        "accessibility": [{"id": _id(f"access-{name}"), "description": "Esteetön sisäänkäynti."}],
    }


def _term(code: str, name: str) -> dict[str, Any]:
    return {
        "id": _id(f"attribute-{code}-{name}"),
        "link_type": "service",
        "link_entity": "service",
        "taxonomy_term": {"id": _id(f"term-{code}-{name}"), "code": code, "name": name, "description": name},
    }


def _service(key: str, name: str, *, city: str = "Kemi", terms: Any = (), **extra: Any) -> dict[str, Any]:
    service = {
        "id": _id(key),
        "name": name,
        "description": f"{name}: kaikille avoin.",
        "url": f"https://martat.example.fi/{key}",
        "status": "active",
        "minimum_age": 65,
        "phones": [{"id": _id(f"phone-{key}"), "number": "040 123 4567"}],
        "schedules": [
            {
                "id": _id(f"schedule-{key}"),
                "freq": "WEEKLY",
                "byday": "TU",
                "opens_at": "10:00:00",
                "closes_at": "11:00:00",
                "valid_from": "2026-09-01",
                "valid_to": "2026-12-15",
            }
        ],
        "service_at_locations": [{"id": _id(f"at-{key}"), "location": _location(f"Talo {key}", city)}],
        "languages": [
            {"id": _id(f"fi-{key}"), "name": "Finnish", "code": "fi"},
            {"id": _id(f"ur-{key}"), "name": "Urdu", "code": "ur"},
        ],
        "cost_options": [{"id": _id(f"cost-{key}"), "amount": 0, "currency": "EUR"}],
        "attributes": [_term(code, term) for code, term in terms],
        "organization": copy.deepcopy(ORGANISATION),
    }
    service.update(extra)
    return service


def services() -> list[dict[str, Any]]:
    return [
        _service(
            "jumppa",
            "Tuolijumppa",
            terms=[("physical-activity", "Physical activity"), ("", "Omaishoitajat"), ("older", "Older people")],
        ),
        _service(
            "ruoka",
            "Ruokakurssi nuorille",
            terms=[("", "Ravitsemus")],
            status="inactive",
            minimum_age=13,
            maximum_age=29,
            cost_options=[{"id": _id("c"), "amount": 10, "currency": "EUR", "amount_description": "per kerta"}],
        ),
        _service("tuntematon", "Ruoka-apu", terms=[("10-1000", "Food Pantry")]),
        _service("oulu", "Kävelyryhmä Oulussa", city="Oulu"),
        _service("linkki", "Lukupiiri", url="martat.example.fi/lukupiiri"),
    ]


def as_tables(compiled: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The same data as the specification's tabular example: one list per table, joined by ids."""
    tables: dict[str, list[dict[str, Any]]] = {
        name: []
        for name in (
            "organizations.csv",
            "organization_identifiers.csv",
            "services.csv",
            "service_at_location.csv",
            "locations.csv",
            "addresses.csv",
            "accessibility.csv",
            "schedules.csv",
            "phones.csv",
            "languages.csv",
            "cost_options.csv",
            "attributes.csv",
            "taxonomy_terms.csv",
        )
    }
    for service in copy.deepcopy(compiled):
        organisation = service.pop("organization")
        for identifier in organisation.pop("organization_identifiers"):
            tables["organization_identifiers.csv"].append({**identifier, "organization_id": organisation["id"]})
        if organisation not in tables["organizations.csv"]:
            tables["organizations.csv"].append(organisation)
        for at in service.pop("service_at_locations"):
            location = at.pop("location")
            for key, table in (("addresses", "addresses.csv"), ("accessibility", "accessibility.csv")):
                tables[table] += [{**row, "location_id": location["id"]} for row in location.pop(key)]
            tables["locations.csv"].append(location)
            tables["service_at_location.csv"].append({**at, "service_id": service["id"], "location_id": location["id"]})
        for key in ("schedules", "phones", "languages", "cost_options"):
            tables[f"{key}.csv"] += [{**row, "service_id": service["id"]} for row in service.pop(key)]
        for attribute in service.pop("attributes"):
            term = attribute.pop("taxonomy_term")
            tables["taxonomy_terms.csv"].append(term)
            tables["attributes.csv"].append({**attribute, "link_id": service["id"], "taxonomy_term_id": term["id"]})
        tables["services.csv"].append({**service, "organization_id": organisation["id"]})
    return tables


def _import(world: Any, document: Any, persona: str = "coordinator") -> RegisterImport:
    user = world.users[persona]
    run = start_import(
        actor=user,
        organisation=world.kemi,
        file_format="hsds",
        filename="palvelut.json",
        data=json.dumps(document).encode(),
    )
    return confirm_import(actor=user, run=run)


def _outcome(run: RegisterImport) -> dict[int, str]:
    return {row["row"]: row["reason"] for row in run.rejected}


def test_compiled_services_become_activities_of_their_organisation(world):
    build_register(world)
    run = _import(world, services())

    assert (run.rows_read, run.rows_created, run.rows_rejected, run.actors_created) == (5, 2, 3, 1)
    assert "Unknown taxonomy term Food Pantry." in _outcome(run)[3]
    assert "Oulu is outside Kemin kaupunki" in _outcome(run)[4]
    assert "The link martat.example.fi/lukupiiri is not a web address" in _outcome(run)[5]
    martat = Actor.objects.get(source="hsds", external_id=ORGANISATION["id"])
    assert (martat.name, martat.business_id, martat.website) == (
        "Kemin Martat ry",
        "0201256-6",
        "https://martat.example.fi",
    )
    chair = Activity.objects.get(source="hsds", external_id=_id("jumppa"))
    assert list(chair.providers.all()) == [martat]
    assert {t.code for t in chair.themes.all()} == {"physical-activity"}
    assert [g.code for g in chair.target_groups.all()] == ["informal-carers"]
    assert chair.age_groups == ["older"]
    assert chair.languages == ["fi"]
    assert (chair.starts_on, chair.ends_on, chair.recurring) == (dt.date(2026, 9, 1), dt.date(2026, 12, 15), True)
    assert chair.schedule == "TU 10:00–11:00"
    assert chair.is_free
    assert chair.address == "Talo jumppa, Valtakatu 12, 94100 Kemi"
    assert chair.place == "Keskusta"
    assert (chair.latitude, chair.longitude, chair.join_phone) == (65.7364, 24.5636, "040 123 4567")
    assert chair.accessibility == "Esteetön sisäänkäynti."
    assert chair.area.code == "240"
    food = Activity.objects.get(source="hsds", external_id=_id("ruoka"))
    assert (food.is_free, food.fee, food.age_groups, food.is_published) == (False, "10 EUR per kerta", ["young"], False)
    assert [t.code for t in food.themes.all()] == ["nutrition"]


@pytest.mark.parametrize("shape", ["page", "tables", "tables by the schema's names"])
def test_a_page_of_services_and_the_same_data_as_tables_import_alike(world, shape):
    build_register(world)
    if shape == "page":
        document: Any = {
            "total_items": 5,
            "total_pages": 1,
            "page_number": 1,
            "size": 5,
            "first_page": True,
            "last_page": True,
            "empty": False,
            "contents": services(),
        }
    else:
        document = as_tables(services())
        if shape == "tables by the schema's names":
            document = {
                name.removesuffix(".csv").replace("service_at_location", "service_at_locations"): rows
                for name, rows in document.items()
            }
    run = _import(world, document)

    assert (run.rows_created, run.rows_rejected, run.actors_created) == (2, 3, 1)
    chair = Activity.objects.get(source="hsds", external_id=_id("jumppa"))
    assert {t.code for t in chair.themes.all()} == {"physical-activity"}
    assert chair.address == "Talo jumppa, Valtakatu 12, 94100 Kemi"
    assert chair.schedule == "TU 10:00–11:00"
    assert Actor.objects.get(source="hsds").business_id == "0201256-6"


def test_importing_again_updates_the_services_and_their_organisation(world):
    build_register(world)
    _import(world, services())
    changed = services()
    for service in changed:
        service["organization"]["name"] = "Kemin Martat - Kemi Martha ry"
    changed[0]["name"] = "Tuolijumppa ja venyttely"

    run = _import(world, changed)

    assert (run.rows_created, run.rows_updated, run.rows_unchanged, run.actors_created) == (0, 2, 0, 0)
    martat = Actor.objects.get(source="hsds")
    assert martat.name == "Kemin Martat - Kemi Martha ry"
    assert Activity.objects.filter(source="hsds").count() == 2
    assert Activity.objects.get(external_id=_id("jumppa")).title == "Tuolijumppa ja venyttely"
    assert AuditEntry.objects.filter(action="actor.update", object_id=str(martat.pk)).count() == 1
    third = _import(world, changed)
    assert (third.rows_updated, third.rows_unchanged) == (0, 2)


def _without(key: str, where: str = "service") -> Any:
    document = services()
    target = document[1] if where == "service" else document[1]["organization"]
    del target[key]
    return json.dumps(document).encode()


REFUSED = [
    ("JSON cut short", lambda: json.dumps(services()).encode()[:-300], "The JSON is cut short or broken at line 1"),
    ("a service without its status", lambda: _without("status"), "Service 2: its service lacks status"),
    ("a service without its name", lambda: _without("name"), "Service 2: its service lacks name"),
    (
        "an organisation without its name",
        lambda: _without("name", "organization"),
        "Service 2: its organization lacks name",
    ),
    (
        "an unknown status",
        lambda: json.dumps([{**services()[0], "status": "maybe"}]).encode(),
        "has the status maybe, which HSDS does not know",
    ),
    ("not HSDS but another JSON", lambda: b'{"meta": {"count": 0}, "data": []}', "The JSON is not Open Referral HSDS"),
    (
        "tables naming an organisation they lack",
        lambda: json.dumps({**as_tables(services()), "organizations.csv": []}).encode(),
        "names the organisation",
    ),
    ("a service that is not an object", lambda: b'["Tuolijumppa"]', "Service 1 is not a JSON object"),
    (
        "JSON in Latin-1",
        lambda: json.dumps(services(), ensure_ascii=False).encode("latin-1", errors="replace"),
        "not UTF-8",
    ),
    ("a spreadsheet claiming to be HSDS", lambda: b"Otsikko;Kunta\nTuolijumppa;Kemi\n", "The file is not JSON"),
]


@pytest.mark.parametrize(("case", "make", "message"), REFUSED, ids=[case for case, _m, _s in REFUSED])
def test_a_file_that_is_not_valid_hsds_is_refused_whole(world, case, make, message):
    build_register(world)
    log_before = AuditEntry.objects.count()

    with pytest.raises(ValidationError) as refused:
        start_import(actor=world.users["coordinator"], organisation=world.kemi, file_format="hsds", data=make())

    assert message in " ".join(refused.value.messages)
    assert not RegisterImport.objects.exists()
    assert AuditEntry.objects.count() == log_before


def test_a_service_without_an_organisation_is_rejected_for_want_of_a_provider(world):
    build_register(world)
    lone = services()[0]
    del lone["organization"]
    run = _import(world, [lone, services()[1]])

    assert (run.rows_created, run.rows_rejected) == (1, 1)
    assert _outcome(run) == {1: "Name the provider."}


def test_one_service_alone_is_read_as_a_service_though_its_lists_share_the_tables_names(world):
    """As the specification's examples/service_full.json: one compiled service, whose phones, schedules and
    languages are named as the tables of a bundle would be."""
    build_register(world)
    run = _import(world, _service("yksi", "Tuolijumppa yksin"))

    assert (run.rows_read, run.rows_created, run.rows_rejected) == (1, 1, 0)
    assert Activity.objects.filter(title="Tuolijumppa yksin").exists()
