"""Events of the Linked Events API as activities. The provider and the municipality are the importer's choice;
an event whose place is in another municipality is rejected. Keywords become themes and groups through the table
below (YSO ids as Linked Events' own importers use them) and, when the keyword is given in full, through its name
matching a theme's name or one of the words listed here."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from hyte.actors.imports.rows import ImportRefused, RowIn, text
from hyte.actors.imports.terms import norm
from hyte.actors.models import Language

HELSINKI = ZoneInfo("Europe/Helsinki")
# YSO (the General Finnish Ontology) ids of keywords → theme codes of the default welfare concept.
YSO_THEMES = {
    "yso:p916": "physical-activity",  # liikunta
    "yso:p965": "physical-activity",  # urheilu
    "yso:p3708": "physical-activity",  # kuntoliikunta
    "yso:p26619": "physical-activity",  # ulkoliikunta
    "yso:p6433": "physical-activity",  # vesiliikunta
    "yso:p27829": "physical-activity",  # tuolijumppa
    "yso:p3093": "physical-activity",  # erityisliikunta
    "yso:p2771": "environment",  # ulkoilu
    "yso:p360": "culture",  # kulttuuritapahtumat
    "yso:p1808": "culture",  # musiikki
    "yso:p2625": "culture",  # teatteritaide
    "yso:p2739": "culture",  # kuvataide
    "yso:p1278": "culture",  # tanssi
    "yso:p1235": "culture",  # elokuvat
    "yso:p10727": "participation",  # osallistuminen
    "yso:p3670": "nutrition",  # ruoka
    "yso:p4363": "family",  # perheet
    "yso:p13050": "family",  # lapsiperheet
}
# Keyword names (fi, sv, en) for themes whose YSO ids this table does not hold.
NAME_THEMES = {
    "yksinäisyys": "loneliness",
    "ensamhet": "loneliness",
    "loneliness": "loneliness",
    "mielenterveys": "mental-wellbeing",
    "psykisk hälsa": "mental-wellbeing",
    "mental health": "mental-wellbeing",
}
# Audience keywords → age groups and target groups.
YSO_AGES = {
    "yso:p4354": "children",  # lapset
    "yso:p13050": "children",  # lapsiperheet
    "yso:p6915": "children",  # leikki-ikäiset
    "yso:p6914": "children",  # kouluikäiset
    "yso:p11617": "young",  # nuoret
    "yso:p5590": "working_age",  # aikuiset
    "yso:p2433": "older",  # ikääntyneet
}
YSO_GROUPS = {
    "yso:p6165": "immigrants",  # maahanmuuttajat
    "yso:p7179": "disabilities",  # vammaiset
    "yso:p10060": "disabilities",  # kehitysvammaiset
    "yso:p4106": "disabilities",  # kuulovammaiset
    "yso:p7708": "unemployed",  # työttömät
    "yso:p12297": "recovering",  # mielenterveyskuntoutujat
    "yso:p23886": "recovering",  # päihdekuntoutujat
    "helsinki:aflfbatkwe": "informal-carers",  # omaishoitoperheet
}
AGES = (("children", 0, 12), ("young", 13, 29), ("working_age", 30, 64), ("older", 65, 200))
VIRTUAL_PLACE = "helsinki:internet"  # Helsinki's place for events on the internet


def parse_linked_events(document: Any, theme_names: dict[str, str]) -> list[RowIn]:
    """`document` is what the client fetched (`{"data": [events…]}`); `theme_names` maps the register's theme
    names and codes (normalised) to codes."""
    items = document.get("data") if isinstance(document, dict) else None
    if not isinstance(items, list):
        raise ImportRefused(_("The answer is not a list of Linked Events events."))
    rows = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise ImportRefused(_("Event %(number)d has no id: the answer is not Linked Events'.") % {"number": number})
        rows.append(_event(number, item, theme_names))
    return rows


def _language(value: Any, code: str) -> str:
    return text(value.get(code)) if isinstance(value, dict) else ""


def _plain(markup: str) -> str:
    return html.unescape(strip_tags(markup.replace("</p>", "</p>\n"))).strip()


def _id(link: Any) -> str:
    """A keyword's or place's id, from the object in full or its link (…/keyword/yso:p916/)."""
    if not isinstance(link, dict):
        return ""
    return text(link.get("id")) or text(link.get("@id")).rstrip("/").rsplit("/", 1)[-1]


def _event(number: int, item: dict[str, Any], theme_names: dict[str, str]) -> RowIn:
    row = RowIn(line=number, key=text(item["id"], 200))
    name = item.get("name")
    activity: dict[str, Any] = {
        "title": (_language(name, "fi") or _language(name, "sv") or _language(name, "en"))[:200]
    }
    for suffix, code in (("", "fi"), ("_sv", "sv"), ("_en", "en")):
        if suffix:
            activity[f"title{suffix}"] = _language(name, code)[:200]
        long = _language(item.get("description"), code) or _language(item.get("short_description"), code)
        activity[f"description{suffix}"] = _plain(long)
    if item.get("deleted"):
        row.problems.append(_("The event is deleted in Linked Events."))
    if item.get("event_status") == "EventCancelled":
        row.problems.append(_("The event is cancelled."))
    for field, key in (("starts_on", "start_time"), ("ends_on", "end_time")):
        activity[field] = _date(item.get(key), row)
    activity.update(_offers(item))
    activity["online"] = bool(item.get("is_virtualevent")) or _id(item.get("location")) == VIRTUAL_PLACE
    if not activity.get("join_url"):
        activity["join_url"] = text(item.get("virtualevent_url")) or _language(item.get("info_url"), "fi")
    activity.update(_place(item.get("location"), row))
    row.activity = activity
    codes = [_id(language) for language in item.get("in_language") or []]
    row.languages = [code for code in codes if code in Language.values]
    keywords = [k for k in item.get("keywords") or [] if isinstance(k, dict)]
    audience = [k for k in item.get("audience") or [] if isinstance(k, dict)]
    row.themes = sorted({found for k in keywords if (found := _theme(k, theme_names))})
    ages = {YSO_AGES[_id(k)] for k in audience + keywords if _id(k) in YSO_AGES}
    ages |= _ages(item.get("audience_min_age"), item.get("audience_max_age"))
    row.age_groups = sorted(ages)
    row.target_groups = sorted({YSO_GROUPS[_id(k)] for k in audience + keywords if _id(k) in YSO_GROUPS})
    return row


def _theme(keyword: dict[str, Any], theme_names: dict[str, str]) -> str:
    found = YSO_THEMES.get(_id(keyword), "")
    for code in ("fi", "sv", "en"):
        word = norm(_language(keyword.get("name"), code))
        found = found or NAME_THEMES.get(word, "") or theme_names.get(word, "")
    return found


def _ages(minimum: Any, maximum: Any) -> set[str]:
    if not isinstance(minimum, int) and not isinstance(maximum, int):
        return set()
    low = minimum if isinstance(minimum, int) else 0
    high = maximum if isinstance(maximum, int) else 200
    return {group for group, start, end in AGES if start <= high and low <= end}


def _date(value: Any, row: RowIn) -> dt.date | None:
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        row.problems.append(_("%(value)s is not a date") % {"value": str(value)[:40]})
        return None
    return moment.astimezone(HELSINKI).date() if moment.tzinfo else moment.date()


def _offers(item: dict[str, Any]) -> dict[str, Any]:
    offers = [offer for offer in item.get("offers") or [] if isinstance(offer, dict)]
    if not offers:
        return {}
    paid = [offer for offer in offers if offer.get("is_free") is False]
    links = [_language(offer.get("info_url"), "fi") for offer in offers]
    found: dict[str, Any] = {"is_free": not paid, "join_url": next((link for link in links if link), "")}
    prices = [_plain(_language(o.get("price"), "fi") or _language(o.get("price"), "sv")) for o in paid]
    found["fee"] = "; ".join(price for price in prices if price)[:200]
    return found


def _place(location: Any, row: RowIn) -> dict[str, Any]:
    if not isinstance(location, dict) or "name" not in location:
        return {}  # only a link to the place: where it is stays the importer's choice
    divisions = [d for d in location.get("divisions") or [] if isinstance(d, dict) and d.get("type") == "muni"]
    row.located_in = _language(divisions[0].get("name"), "fi") if divisions else ""
    row.located_in = row.located_in or _language(location.get("address_locality"), "fi")
    postal = " ".join(p for p in (text(location.get("postal_code")), row.located_in) if p)
    parts = (_language(location.get("name"), "fi"), _language(location.get("street_address"), "fi"), postal)
    found: dict[str, Any] = {"address": ", ".join(p for p in parts if p)[:200]}
    position = location.get("position") or {}
    coordinates = position.get("coordinates") if isinstance(position, dict) else None
    if isinstance(coordinates, list) and len(coordinates) == 2 and all(isinstance(c, int | float) for c in coordinates):
        found["longitude"], found["latitude"] = float(coordinates[0]), float(coordinates[1])
    return found
