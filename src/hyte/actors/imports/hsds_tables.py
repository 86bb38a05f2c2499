"""HSDS as a set of tables in one JSON object, as the specification's tabular example gives them
(`{"organizations.csv": [...], "services.csv": [...], ...}`; plain table names and the schema's singular names
are read too): joined by their ids into the compiled services that hsds.py reads."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.utils.translation import gettext as _

from hyte.actors.imports.rows import ImportRefused

# Each table by the names a file may give it: the datapackage's file, the plural and the schema's singular.
TABLES = {
    table: (table, f"{file}.csv", singular)
    for table, file, singular in (
        ("organizations", "organizations", "organization"),
        ("services", "services", "service"),
        ("locations", "locations", "location"),
        ("service_at_locations", "service_at_location", "service_at_location"),
        ("addresses", "addresses", "address"),
        ("schedules", "schedules", "schedule"),
        ("phones", "phones", "phone"),
        ("languages", "languages", "language"),
        ("cost_options", "cost_options", "cost_option"),
        ("attributes", "attributes", "attribute"),
        ("taxonomy_terms", "taxonomy_terms", "taxonomy_term"),
        ("organization_identifiers", "organization_identifiers", "organization_identifier"),
        ("accessibility", "accessibility", "accessibility"),
    )
}


def _table(document: dict[str, Any], name: str) -> list[dict[str, Any]]:
    for key in TABLES[name]:
        if key in document:
            rows = document[key]
            if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
                raise ImportRefused(
                    _("The table %(name)s is not a list of objects: the file is not HSDS.") % {"name": key}
                )
            return rows
    return []


def _by(rows: list[dict[str, Any]], key: str) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if row.get(key):
            grouped[str(row[key])].append(row)
    return grouped


def compile_services(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The services with their organisation, locations, schedules and terms nested, as the compiled schema has
    them. A service that names an organisation or a location the file does not have is refused: the file is
    incomplete."""
    services = _table(document, "services")
    if not services:
        raise ImportRefused(_("The HSDS tables have no services: nothing to import."))
    organisations = {str(o.get("id")): dict(o) for o in _table(document, "organizations")}
    identifiers = _by(_table(document, "organization_identifiers"), "organization_id")
    for organisation_id, organisation in organisations.items():
        organisation["organization_identifiers"] = identifiers.get(organisation_id, [])
    locations = {str(loc.get("id")): dict(loc) for loc in _table(document, "locations")}
    addresses = _by(_table(document, "addresses"), "location_id")
    accessibility = _by(_table(document, "accessibility"), "location_id")
    for location_id, location in locations.items():
        location["addresses"] = addresses.get(location_id, [])
        location["accessibility"] = accessibility.get(location_id, [])
    terms = {str(term.get("id")): term for term in _table(document, "taxonomy_terms")}
    at_locations = _by(_table(document, "service_at_locations"), "service_id")
    schedules = _by(_table(document, "schedules"), "service_id")
    attributes = _by(_table(document, "attributes"), "link_id")
    phones, languages = _by(_table(document, "phones"), "service_id"), _by(_table(document, "languages"), "service_id")
    costs = _by(_table(document, "cost_options"), "service_id")
    compiled = []
    for service in services:
        service_id = str(service.get("id"))
        found = dict(service)
        owner = str(service.get("organization_id") or "")
        if owner:
            if owner not in organisations:
                raise ImportRefused(
                    _("The service %(id)s names the organisation %(org)s, which the file does not have.")
                    % {"id": service_id, "org": owner}
                )
            found["organization"] = organisations[owner]
        found["service_at_locations"] = [_at_location(at, locations) for at in at_locations.get(service_id, [])]
        found["schedules"] = schedules.get(service_id, [])
        found["phones"], found["languages"] = phones.get(service_id, []), languages.get(service_id, [])
        found["cost_options"] = costs.get(service_id, [])
        if attributes or terms:
            found["attributes"] = [_with_term(a, terms) for a in attributes.get(service_id, [])]
        compiled.append(found)
    return compiled


def _at_location(at: dict[str, Any], locations: dict[str, dict[str, Any]]) -> dict[str, Any]:
    location_id = str(at.get("location_id"))
    if location_id not in locations:
        raise ImportRefused(
            _("The service %(id)s is at the location %(location)s, which the file does not have.")
            % {"id": at.get("service_id"), "location": location_id}
        )
    return {**at, "location": locations[location_id]}


def _with_term(attribute: dict[str, Any], terms: dict[str, dict[str, Any]]) -> dict[str, Any]:
    term_id = str(attribute.get("taxonomy_term_id"))
    if term_id not in terms:
        raise ImportRefused(
            _("The service %(id)s has the taxonomy term %(term)s, which the file does not have.")
            % {"id": attribute.get("link_id"), "term": term_id}
        )
    return {**attribute, "taxonomy_term": terms[term_id]}
