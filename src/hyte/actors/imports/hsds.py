"""Open Referral HSDS 3.0 (https://docs.openreferral.org): services with their organisation, locations, schedules,
costs, languages and taxonomy terms. Accepted as a list of services in the "compiled" shape (each with its
`organization` nested, as the API's `/services/{id}` answers), a page of them (`{"contents": [...]}`), one
service, or a set of tables (`{"organizations": [...], "services": [...], ...}`, see hsds_tables.py)."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _

from hyte.actors.imports.hsds_tables import TABLES, compile_services
from hyte.actors.imports.rows import ImportRefused, ProviderIn, RowIn, a_date, text
from hyte.actors.models import Language

STATUSES = ("active", "inactive", "defunct", "temporarily closed")
REQUIRED = {"service": ("id", "name", "status"), "organization": ("id", "name")}
# Age groups by the ages they span: a service for ages 12–100 is for everyone from children to older people.
AGES = (("children", 0, 12), ("young", 13, 29), ("working_age", 30, 64), ("older", 65, 200))
_BUSINESS_ID = re.compile(r"^\d{6,7}-\d$")


def services_of(document: Any) -> list[dict[str, Any]]:
    """The compiled services of any accepted shape; refuses what is not HSDS, naming what is missing."""
    if isinstance(document, dict) and "status" in document and not isinstance(document.get("services"), list):
        services = [document]  # one service: its nested lists (phones, schedules …) share the tables' names
    elif isinstance(document, dict) and any(key in document for names in TABLES.values() for key in names):
        services = compile_services(document)
    elif isinstance(document, dict) and isinstance(document.get("contents"), list):
        services = document["contents"]
    elif isinstance(document, list):
        services = document
    else:
        raise ImportRefused(
            _("The JSON is not Open Referral HSDS: expected a list of services, a page of them or a set of tables.")
        )
    for number, service in enumerate(services, start=1):
        _check(service, "service", number)
        if service.get("organization") is not None:
            _check(service["organization"], "organization", number)
    return services


def _check(item: Any, kind: str, number: int) -> None:
    if not isinstance(item, dict):
        raise ImportRefused(_("Service %(number)d is not a JSON object: the file is not HSDS.") % {"number": number})
    missing = [key for key in REQUIRED[kind] if not isinstance(item.get(key), str) or not item[key].strip()]
    if missing:
        raise ImportRefused(
            _("Service %(number)d: its %(kind)s lacks %(keys)s, which HSDS requires; nothing was imported.")
            % {"number": number, "kind": kind, "keys": ", ".join(missing)}
        )
    if kind == "service" and item["status"] not in STATUSES:
        raise ImportRefused(
            _("Service %(number)d has the status %(status)s, which HSDS does not know; nothing was imported.")
            % {"number": number, "status": str(item["status"])[:40]}
        )


def parse_hsds(document: Any) -> list[RowIn]:
    return [_service(number, service) for number, service in enumerate(services_of(document), start=1)]


def _service(number: int, service: dict[str, Any]) -> RowIn:
    row = RowIn(line=number, key=text(service["id"], 200))
    activity: dict[str, Any] = {
        "title": text(service["name"], 200),
        "description": text(service.get("description")),
        "join_url": text(service.get("url")),
        "join_phone": _phone(service.get("phones")),
    }
    if service["status"] != "active":
        activity["is_published"] = False
    activity.update(_cost(service))
    activity.update(_when(service.get("schedules") or _at_locations(service, "schedules"), row))
    activity.update(_where(row, _at_locations(service, "location")))
    row.activity = activity
    row.languages = [code for code in _codes(service.get("languages")) if code in Language.values]
    row.age_groups = _ages(service.get("minimum_age"), service.get("maximum_age"))
    if "attributes" in service:
        row.terms = [_spellings(a.get("taxonomy_term")) for a in service["attributes"] or [] if _is_term(a)]
    if service.get("organization"):
        row.provider = _organisation(service["organization"])
    return row


def _phone(phones: Any) -> str:
    for phone in phones or []:
        number = text(phone.get("number")).strip('"')
        if number:
            return number[:40]
    return ""


def _cost(service: dict[str, Any]) -> dict[str, Any]:
    options = [o for o in service.get("cost_options") or [] if isinstance(o, dict)]
    paid = [o for o in options if isinstance(o.get("amount"), int | float) and o["amount"] > 0]
    described = text(service.get("fees_description"))
    if not paid and not described:
        return {"is_free": True, "fee": ""} if options else {}
    fee = "; ".join(
        " ".join(text(o.get(k)) for k in ("option", "amount", "currency", "amount_description") if o.get(k))
        for o in paid
    )
    return {"is_free": False, "fee": (fee or described)[:200]}


def _when(schedules: list[dict[str, Any]], row: RowIn) -> dict[str, Any]:
    if not schedules:
        return {}
    schedule = schedules[0]
    found: dict[str, Any] = {}
    for name, key in (("starts_on", "valid_from"), ("ends_on", "valid_to")):
        try:
            found[name] = a_date(schedule.get(key))
        except ValueError as exc:
            row.problems.append(str(exc.args[0]))
    hours = "–".join(text(schedule.get(k))[:5] for k in ("opens_at", "closes_at") if schedule.get(k))
    said = text(schedule.get("description")) or " ".join(p for p in (text(schedule.get("byday")), hours) if p)
    found["schedule"] = said[:200]
    found["recurring"] = bool(schedule.get("freq")) and bool(said)
    return found


def _at_locations(service: dict[str, Any], key: str) -> list[Any]:
    found = []
    for at in service.get("service_at_locations") or []:
        value = at.get(key) if isinstance(at, dict) else None
        if isinstance(value, list):
            found += value
        elif value:
            found.append(value)
    return found


def _where(row: RowIn, locations: list[dict[str, Any]]) -> dict[str, Any]:
    physical = [loc for loc in locations if loc.get("location_type") != "virtual"]
    found: dict[str, Any] = {"online": any(loc.get("location_type") == "virtual" for loc in locations)}
    if not physical:
        return found
    location = physical[0]
    address = next(iter(location.get("addresses") or []), None) or {}
    row.municipality = text(address.get("city"))
    street = ", ".join(
        p
        for p in (
            text(location.get("name")),
            text(address.get("address_1")),
            " ".join(p for p in (text(address.get("postal_code")), row.municipality) if p),
        )
        if p
    )
    found["address"] = street[:200]
    found["place"] = text(address.get("address_2"), 120)
    latitude, longitude = location.get("latitude"), location.get("longitude")
    if isinstance(latitude, int | float) and isinstance(longitude, int | float):
        found["latitude"], found["longitude"] = float(latitude), float(longitude)
    found["accessibility"] = "\n".join(text(a.get("description")) for a in location.get("accessibility") or [])
    return found


def _codes(languages: Any) -> list[str]:
    return [text(language.get("code")).lower() for language in languages or [] if isinstance(language, dict)]


def _ages(minimum: Any, maximum: Any) -> list[str] | None:
    if not isinstance(minimum, int | float) and not isinstance(maximum, int | float):
        return None
    low = minimum if isinstance(minimum, int | float) else 0
    high = maximum if isinstance(maximum, int | float) else 200
    return [group for group, start, end in AGES if start <= high and low <= end]


def _is_term(attribute: Any) -> bool:
    return isinstance(attribute, dict) and isinstance(attribute.get("taxonomy_term"), dict)


def _spellings(term: dict[str, Any]) -> tuple[str, ...]:
    return tuple(text(term.get(key)) for key in ("code", "name") if text(term.get(key)))


def _organisation(organisation: dict[str, Any]) -> ProviderIn:
    identifiers = organisation.get("organization_identifiers") or []
    business_id = next(
        (
            text(i.get("identifier"))
            for i in identifiers
            if isinstance(i, dict)
            and (
                text(i.get("identifier_scheme")).upper() in ("FI-PRO", "FI-YTJ")
                or "y-tunnus" in text(i.get("identifier_type")).lower()
                or "business id" in text(i.get("identifier_type")).lower()
            )
        ),
        "",
    )
    tax_id = text(organisation.get("tax_id"))
    if not business_id and _BUSINESS_ID.match(tax_id):
        business_id = tax_id
    address = next((a for loc in organisation.get("locations") or [] for a in loc.get("addresses") or []), None) or {}
    contact = "\n".join(p for p in (text(organisation.get("email")), _phone(organisation.get("phones"))) if p)
    return ProviderIn(
        name=text(organisation["name"], 200),
        external_id=text(organisation["id"], 200),
        business_id=business_id,
        contact=contact,
        website=text(organisation.get("website") or organisation.get("url"), 200),
        municipality=text(address.get("city")),
    )
