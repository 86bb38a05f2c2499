"""The Sotkanet indicator catalogue: titles, metadata and sensible defaults for what the API does not say.

The 2016 catalogue gives titles only; full metadata (`/indicators/<id>`) adds descriptions, value type,
decimals and the data range. Polarity, age group and value type come from the reviewed list
(`data/reviewed-indicators.csv`: who confirmed them, when and why) where an indicator is in it; elsewhere they are
guessed from the title and marked unconfirmed, so that the situation picture makes no better/worse judgement on a
guess. A person's choice of polarity is never overwritten by a later sync.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from hyte.indicators.models import (
    SOTKANET_ATTRIBUTION,
    AgeGroup,
    Indicator,
    IndicatorKind,
    IndicatorSource,
    Polarity,
    ValueType,
)

VALUE_TYPE_BY_SOTKANET_CODE = {
    "PROSENTTI": ValueType.PERCENT,
    "PROS": ValueType.PERCENT,
    "PROMILLE": ValueType.PER_1000,
    "PER1000": ValueType.PER_1000,
    "PER10000": ValueType.PER_10000,
    "PER100000": ValueType.PER_100000,
    "INDEKSI": ValueType.INDEX,
    "LUKUMAARA": ValueType.COUNT,
    "EUROA": ValueType.EUROS,
    "SUHDE": ValueType.RATIO,
}

# Words in Finnish titles that tell which way is better. Checked in order; the first match wins.
_LOW_IS_GOOD = (
    "kuollei",
    "kuolem",
    "sairastav",
    "työttöm",
    "toimeentulotu",
    "huostaan",
    "lastensuojelu",
    "rikok",
    "väkivalt",
    "tapaturm",
    "itsemurh",
    "alkoholi",
    "humala",
    "tupak",
    "päihte",
    "huume",
    "lihav",
    "ylipain",
    "yksinäi",
    "kiusa",
    "masennu",
    "ahdistu",
    "sairaus",
    "sairau",
    "työkyvyttömyys",
    "pienituloi",
    "köyhyy",
    "asunnottom",
    "ulkopuolella",
    "keskeyt",
    "velka",
    "syrjäyt",
    "sairaalahoi",
    "sairauspoiss",
    "vamma",
    "diabet",
    "mielenterveyden häiriö",
    "liikuntaa harrastamattom",
    "vähän liikkuv",
    "huono",
    "koulutuksen ulkopuol",
    "toimeentulovaike",
    "riski",
    "rokottamatt",
)
_HIGH_IS_GOOD = (
    "elinajanodote",
    "koulutusaste",
    "koulutustaso",
    "tutkinnon suorittaneet",
    "työllisyysaste",
    "työlliset",
    "hyvä",
    "tyytyväi",
    "liikkuu",
    "liikkuvat",
    "harrast",
    "osallisuu",
    "luottamu",
    "rokotuskattav",
    "suotuisat",
    "terveeksi kokevat",
    "hyvinvointi",
    "läheinen ystävä",
    "turvallise",
)
_CHILDREN = re.compile(
    r"\b(0\s*-\s*1[0-9]|lapset|lasten|nuoret|nuorten|koulu|peruskoulu|lukio|ammatillisen|"
    r"8\. ja 9\.|4\. ja 5\.|alakoulu|yläkoulu|raskaana|äitiys|neuvola|[0-9]+\s*-\s*(1[0-9]|2[0-4])\s*-v)",
    re.IGNORECASE,
)
_OLDER = re.compile(
    r"(65|75|80|85)\s*(vuotta täyttäneet|\+|-vuotiaat|\s*v)|vanhu|ikääntyn|ikäihmi|omaishoi", re.IGNORECASE
)
_WORKING_AGE = re.compile(r"(1[5-9]|2[0-9]|3[0-9])\s*-\s*(6[0-9]|5[0-9])|työikäi|työttöm|työlli", re.IGNORECASE)
_PROCESS = (
    "toteutu",
    "käytössä",
    "on laadittu",
    "teaviisari",
    "toimintakäytän",
    "hyvinvointikertomu",
    "kunnassa on",
    "käyttää",
    "järjestää",
)


def guess_value_type(title_fi: str) -> str:
    title = title_fi.lower()
    if "/ 100 000" in title or "/100 000" in title or "100 000 " in title:
        return ValueType.PER_100000
    if "/ 10 000" in title or "/10 000" in title:
        return ValueType.PER_10000
    if "/ 1 000" in title or "/1 000" in title or "/ 1000" in title or "‰" in title:
        return ValueType.PER_1000
    if "%" in title or "osuus" in title or "prosentti" in title:
        return ValueType.PERCENT
    if "indeksi" in title:
        return ValueType.INDEX
    if "euroa" in title or "€" in title or "euro/" in title:
        return ValueType.EUROS
    if "lukumäärä" in title or "väkiluku" in title or "määrä" in title:
        return ValueType.COUNT
    return ValueType.OTHER


def guess_polarity(title_fi: str) -> str:
    title = title_fi.lower()
    if any(word in title for word in _LOW_IS_GOOD):
        return Polarity.LOW_IS_GOOD
    if any(word in title for word in _HIGH_IS_GOOD):
        return Polarity.HIGH_IS_GOOD
    return Polarity.NO_JUDGEMENT


def guess_age_group(title_fi: str) -> str:
    if _CHILDREN.search(title_fi):
        return AgeGroup.CHILDREN
    if _OLDER.search(title_fi):
        return AgeGroup.OLDER
    if _WORKING_AGE.search(title_fi):
        return AgeGroup.WORKING_AGE
    return AgeGroup.ALL


def guess_kind(title_fi: str) -> str:
    title = title_fi.lower()
    return IndicatorKind.PROCESS if any(word in title for word in _PROCESS) else IndicatorKind.OUTCOME


def _text(value: Any, language: str) -> str:
    if isinstance(value, dict):
        return (value.get(language) or "").strip()
    return ""


REVIEWED = Path(__file__).resolve().parent / "data" / "reviewed-indicators.csv"


@dataclass(frozen=True)
class Review:
    polarity: str
    age_group: str
    value_type: str
    reviewed_by: str
    reviewed_on: dt.date


@cache
def reviewed() -> dict[str, Review]:
    """The reviewed list by Sotkanet id."""
    with REVIEWED.open(encoding="utf-8", newline="") as handle:
        return {
            row["sotkanet_id"]: Review(
                polarity=Polarity(row["polarity"]).value,
                age_group=AgeGroup(row["age_group"]).value,
                value_type=ValueType(row["value_type"]).value,
                reviewed_by=row["reviewed_by"],
                reviewed_on=dt.date.fromisoformat(row["reviewed_on"]),
            )
            for row in csv.DictReader(handle)
        }


@dataclass
class CatalogueResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


_FIELDS = [
    "title_fi",
    "title_sv",
    "title_en",
    "description_fi",
    "description_sv",
    "description_en",
    "interpretation_fi",
    "interpretation_sv",
    "interpretation_en",
    "limits_fi",
    "limits_sv",
    "limits_en",
    "value_type",
    "decimals",
    "polarity",
    "age_group",
    "kind",
    "genders",
    "range_start",
    "range_end",
    "data_updated",
    "producer",
    "source_text",
    "licence",
    "subjects",
    "theme",
    "reviewed_by",
    "reviewed_on",
]


def indicator_values(entry: Mapping[str, Any], metadata: Mapping[str, Any] | None) -> dict[str, Any]:
    """Field values for one catalogue entry, richer where full metadata is given."""
    merged = {**entry, **(metadata or {})}
    title = merged.get("title") or {}
    title_fi = _text(title, "fi") or f"Sotkanet {merged['id']}"
    value_type_code = ((merged.get("primaryValueType") or {}).get("code") or "").upper()
    sexes = ((merged.get("classifications") or {}).get("sex") or {}).get("values") or []
    range_ = merged.get("range") or {}
    updated = merged.get("data-updated")
    subjects = [s for s in merged.get("subjects") or [] if isinstance(s, dict)]
    sources = merged.get("sources") or []
    organisation = merged.get("organization") or {}
    values: dict[str, Any] = {
        "title_fi": title_fi[:500],
        "title_sv": _text(title, "sv")[:500],
        "title_en": _text(title, "en")[:500],
        "value_type": VALUE_TYPE_BY_SOTKANET_CODE.get(value_type_code) or guess_value_type(title_fi),
        "decimals": int(merged["decimals"]) if str(merged.get("decimals", "")).isdigit() else 1,
        "polarity": guess_polarity(title_fi),
        "age_group": guess_age_group(title_fi),
        "kind": guess_kind(title_fi),
        "genders": [s for s in ("total", "male", "female") if s in sexes],
        "range_start": range_.get("start"),
        "range_end": range_.get("end"),
        "data_updated": dt.date.fromisoformat(updated) if updated else None,
        "producer": _text(organisation.get("title"), "fi")[:300],
        "source_text": "; ".join(_text(s.get("title"), "fi") for s in sources if isinstance(s, dict))[:500]
        or SOTKANET_ATTRIBUTION,
        "licence": "CC BY 4.0",
        "subjects": [{k: s.get(k, "") for k in ("fi", "sv", "en")} for s in subjects],
        "theme": _text(subjects[0], "fi")[:200] if subjects else "",
    }
    for name in ("description", "interpretation", "limits"):
        for language in ("fi", "sv", "en"):
            values[f"{name}_{language}"] = _text(merged.get(name), language)
    review = reviewed().get(str(merged["id"]))
    values["reviewed_by"] = review.reviewed_by if review else ""
    values["reviewed_on"] = review.reviewed_on if review else None
    if review is not None:
        values.update(polarity=review.polarity, age_group=review.age_group, value_type=review.value_type)
    return values


def write_catalogue(
    entries: Iterable[Mapping[str, Any]], metadata: Mapping[str, Mapping[str, Any]] | None = None
) -> CatalogueResult:
    """Create or update the shared Sotkanet indicators. Idempotent. Called by `services.load_catalogue`, which
    checks the actor and audits the load."""
    metadata = metadata or {}
    existing = {
        i.source_id: i for i in Indicator.objects.filter(source=IndicatorSource.SOTKANET, organisation__isnull=True)
    }
    result = CatalogueResult()
    to_create, to_update = [], []
    entries = list(entries)
    listed = {str(entry["id"]) for entry in entries}
    # Fuller metadata of indicators newer than the catalogue adds them: the metadata is a catalogue entry too.
    entries += [{"id": int(key)} for key in metadata if key not in listed and str(key).isdigit()]
    for entry in entries:
        source_id = str(entry["id"])
        values = indicator_values(entry, metadata.get(source_id))
        indicator = existing.get(source_id)
        if indicator is None:
            to_create.append(Indicator(source=IndicatorSource.SOTKANET, source_id=source_id, **values))
            continue
        if indicator.polarity_set_by_user:
            values.pop("polarity")
        if not metadata.get(source_id):
            # Without full metadata keep what a richer earlier load stored.
            values = {k: v for k, v in values.items() if v not in ("", None, []) or k.startswith("title")}
        changed = [name for name, value in values.items() if getattr(indicator, name) != value]
        if changed:
            for name in changed:
                setattr(indicator, name, values[name])
            to_update.append(indicator)
        else:
            result.unchanged += 1
    Indicator.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        Indicator.objects.bulk_update(to_update, _FIELDS, batch_size=500)
    result.created, result.updated = len(to_create), len(to_update)
    return result
