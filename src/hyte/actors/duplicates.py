"""Finding likely duplicate actors in a municipality's register (reads only; merging is merge_services.py).

Two entries are a likely pair, for a reason shown to the coordinator, when they have
- the same business id (in any municipality: a business id names one legal person);
- near-same names in the same municipality: names are compared after `normalised_name` (case folded, every
  diacritic folded — å, ä and ö too, since imports often come without them —, punctuation gone and the legal-form
  words such as "ry", "r.y.", "rf", "oy", "ab" dropped) by difflib's ratio, in word order and with the words
  sorted; `NAME_SIMILARITY` or more is near-same. "seurakunta", "kunta" and the like stay: they tell a parish
  from a club of the same town;
- the same website (its host without "www."; on a host that more than two entries of the municipality use, such as
  the municipality's own site or Facebook, the host and the first part of the path), the same phone number or the
  same e-mail address in the contact, again in the same municipality and unless more than two entries share it.

Pairs of two NGOs' own entries (both kept by an organisation in Hyte) are not suggested (they are not merged),
nor pairs a keeper has marked "not a duplicate". Everything is read in three queries; the comparison of names is
quadratic in the municipality's actors but cheap (difflib's upper bounds first).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import combinations
from typing import Any
from urllib.parse import urlsplit

from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from hyte.accounts.models import Organisation
from hyte.actors.models import Actor, NotDuplicate

NAME_SIMILARITY = 0.9  # difflib ratio of the normalised names; 1.0 is the same name
SHARED_BY_MORE_THAN = 2  # a website host, phone or e-mail this common in the area is not the entry's own

# Legal-form words, after folding and punctuation: "r.y." becomes "r y". Whole words only.
LEGAL_FORMS = frozenset({"ry", "rf", "oy", "oyj", "ab", "abp", "ky", "kb", "tmi", "ay", "osk", "sr", "rs"})
LEGAL_PHRASES = ("r y", "r f", "rekisteroity yhdistys", "registrerad forening")

REASONS = {
    "business_id": _("same business id"),
    "name": _("near-same name"),
    "website": _("same website"),
    "phone": _("same phone number"),
    "email": _("same e-mail address"),
}

_PHONE = re.compile(r"(?<![\d+])(?:\+|00)?\d[\d \-()]{5,16}\d(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_NOT_WORD = re.compile(r"[^\w]+")


def normalised_name(name: str) -> str:
    """The name as the comparison reads it: "Kemin Eläkeläiset r.y." → "kemin elakelaiset"."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    text = " " + " ".join(_NOT_WORD.sub(" ", folded).replace("_", " ").split()) + " "
    for phrase in LEGAL_PHRASES:
        text = text.replace(f" {phrase} ", " ")
    words = [w for w in text.split() if w not in LEGAL_FORMS]
    return " ".join(words) or text.strip()


def name_similarity(a: str, b: str) -> float:
    """difflib's ratio of two normalised names, in word order or with the words sorted, whichever is higher."""
    best = 0.0
    for left, right in ((a, b), (" ".join(sorted(a.split())), " ".join(sorted(b.split())))):
        matcher = SequenceMatcher(None, left, right, autojunk=False)
        if matcher.real_quick_ratio() < NAME_SIMILARITY or matcher.quick_ratio() < NAME_SIMILARITY:
            continue
        best = max(best, matcher.ratio())
    return best


def phones(contact: str) -> set[str]:
    """The phone numbers in a contact text, as digits in the national form (+358 40 … → 040…)."""
    found = set()
    for match in _PHONE.findall(contact):
        digits = re.sub(r"\D", "", match)
        if match.startswith(("+", "00")):
            digits = digits.removeprefix("00")
            digits = "0" + digits[3:] if digits.startswith("358") else "+" + digits
        if len(digits.lstrip("+")) >= 7:
            found.add(digits)
    return found


def emails(contact: str) -> set[str]:
    return {address.casefold() for address in _EMAIL.findall(contact)}


def _site(website: str) -> tuple[str, str]:
    """(host, host/first-path-part) of a website, without "www."; empty for none."""
    if not website.strip():
        return "", ""
    parts = urlsplit(website.strip() if "//" in website else f"//{website.strip()}")
    host = (parts.hostname or "").removeprefix("www.")
    first = next((p for p in parts.path.split("/") if p), "")
    return host, f"{host}/{first.casefold()}" if host else ""


@dataclass
class Pair:
    first: Actor  # the one with the smaller id
    second: Actor
    reasons: set[str] = field(default_factory=set)
    similarity: float = 0.0

    @property
    def reason_labels(self) -> list[str]:
        return [str(REASONS[r]) for r in REASONS if r in self.reasons]

    @property
    def across_municipalities(self) -> bool:
        return self.first.area_id != self.second.area_id

    @property
    def mergeable(self) -> bool:
        return self.first.organisation_id is None or self.second.organisation_id is None


def _keys(actor: Actor) -> dict[str, set[str]]:
    host, host_path = _site(actor.website)
    return {
        "website": {host} if host else set(),
        "website_path": {host_path} if host_path else set(),
        "phone": phones(actor.contact),
        "email": emails(actor.contact),
    }


def _shared_keys(actors: list[Actor], keys: dict[int, dict[str, set[str]]]) -> list[tuple[str, Actor, Actor]]:
    """(reason, a, b) for entries sharing a website, phone or e-mail that is not common to many in the area."""
    found = []
    counts: dict[tuple[str, str], list[Actor]] = defaultdict(list)
    for actor in actors:
        for kind, values in keys[actor.pk].items():
            for value in values:
                counts[(kind, value)].append(actor)
    for (kind, _value), holders in counts.items():
        if kind == "website_path" or len(holders) > SHARED_BY_MORE_THAN:
            continue
        found += [(kind, a, b) for a, b in combinations(holders, 2)]
    # On a host many share, the host and the first part of the path must be the same.
    for (kind, value), holders in counts.items():
        host = value.split("/", 1)[0]
        shared_host = len(counts.get(("website", host), ())) > SHARED_BY_MORE_THAN
        if kind == "website_path" and shared_host and len(holders) <= SHARED_BY_MORE_THAN:
            found += [("website", a, b) for a, b in combinations(holders, 2)]
    return found


def _dismissed(ids: Iterable[int]) -> set[tuple[int, int]]:
    ids = list(ids)
    rows = NotDuplicate.objects.filter(Q(first_id__in=ids) | Q(second_id__in=ids))
    return set(rows.values_list("first_id", "second_id"))


def likely_duplicates(organisation: Organisation) -> list[Pair]:
    """The likely pairs in a municipality's register, those with most reasons first."""
    if organisation.area_id is None:
        return []
    actors = list(Actor.objects.filter(area_id=organisation.area_id).select_related("area", "organisation"))
    ids = {a.pk for a in actors}
    business_ids = {a.business_id for a in actors if a.business_id}
    elsewhere = list(
        Actor.objects.filter(business_id__in=business_ids).exclude(pk__in=ids).select_related("area", "organisation")
    )
    pairs: dict[tuple[int, int], Pair] = {}

    def add(a: Actor, b: Actor, reason: str, similarity: float = 0.0) -> None:
        first, second = (a, b) if a.pk < b.pk else (b, a)
        pair = pairs.setdefault((first.pk, second.pk), Pair(first, second))
        pair.reasons.add(reason)
        pair.similarity = max(pair.similarity, similarity)

    by_business_id: dict[str, list[Actor]] = defaultdict(list)
    for actor in actors + elsewhere:
        if actor.business_id:
            by_business_id[actor.business_id].append(actor)
    for holders in by_business_id.values():
        for a, b in combinations(holders, 2):
            if a.pk in ids or b.pk in ids:  # not a pair of two other municipalities' entries
                add(a, b, "business_id")
    names = {a.pk: normalised_name(a.name) for a in actors}
    for a, b in combinations(actors, 2):
        similarity = name_similarity(names[a.pk], names[b.pk])
        if similarity >= NAME_SIMILARITY:
            add(a, b, "name", similarity)
    keys = {a.pk: _keys(a) for a in actors}
    for reason, a, b in _shared_keys(actors, keys):
        add(a, b, reason)
    dismissed = _dismissed(ids)
    found = [p for key, p in pairs.items() if key not in dismissed and p.mergeable]
    return sorted(found, key=lambda p: (-len(p.reasons), -p.similarity, p.first.name.casefold(), p.second.pk))


def pair_of(organisation: Organisation, first_id: int, second_id: int) -> Pair | None:
    """One of the municipality's likely pairs (or, asked by its ids, any two of its entries that a keeper wants
    to compare); None when either is not in its register or they are the same."""
    if first_id == second_id or organisation.area_id is None:
        return None
    for pair in likely_duplicates(organisation):
        if {pair.first.pk, pair.second.pk} == {first_id, second_id}:
            return pair
    found = list(
        Actor.objects.filter(pk__in=[first_id, second_id], area_id=organisation.area_id)
        .select_related("area", "organisation")
        .order_by("pk")
    )
    if len(found) != 2 or not (found[0].organisation_id is None or found[1].organisation_id is None):
        return None
    return Pair(found[0], found[1])


@dataclass(frozen=True)
class Origin:
    label: str  # the field's name, or the merged entry's
    name: str  # the entry the value came from
    entry_id: int
    source: str
    external_id: str
    at: dt.datetime | None
    by: str


def _origin(label: str, record: dict[str, Any]) -> Origin:
    came_from = record.get("from") or {"id": record.get("id"), "name": record.get("name")}
    try:
        at = dt.datetime.fromisoformat(record.get("at") or "")
    except ValueError:
        at = None
    return Origin(
        label=label,
        name=str(came_from.get("name") or ""),
        entry_id=int(came_from.get("id") or 0),
        source=str(record.get("source") or ""),
        external_id=str(record.get("external_id") or ""),
        at=at,
        by=str(record.get("by") or ""),
    )


def field_label(name: str) -> str:
    """An actor field's name as the pages show it."""
    return capfirst(str(getattr(Actor._meta.get_field(name), "verbose_name", name)))


def provenance_of(entry: Actor) -> dict[str, list[Origin]]:
    """What the actor's page shows of where its values came from: each value taken from a merged entry, and the
    entries merged into it."""
    recorded = entry.provenance or {}
    fields = [_origin(field_label(name), origin) for name, origin in recorded.get("fields", {}).items()]
    merged = [_origin(str(record.get("name") or ""), record) for record in recorded.get("merged", [])]
    return {"fields": fields, "merged": merged}
