"""Sotkanet's region list: every region id THL uses, with its category, official code and names.

Hyte keeps areas of four kinds (municipalities, wellbeing services counties, regions and the country); Sotkanet
has fifteen categories. Imports use this list to say what an id they cannot store is ("Sotkanet region 541 is a
sub-region (seutukunta)") instead of "unknown area", and to check a file's region codes and names.
"""

from __future__ import annotations

import csv
import functools
import json
from dataclasses import dataclass
from pathlib import Path

from hyte.regions.models import AreaKind

DATA_DIR = Path(__file__).resolve().parent / "data"

TRACKED: dict[str, AreaKind] = {
    "KUNTA": AreaKind.MUNICIPALITY,
    "HYVINVOINTIALUE": AreaKind.COUNTY,
    "MAAKUNTA": AreaKind.REGION,
    "MAA": AreaKind.COUNTRY,
}

# (a region of this category, regions of this category): for "is a …; Hyte does not track …" in import reasons.
CATEGORY_NAMES: dict[str, tuple[str, str]] = {
    "KUNTA": ("a municipality", "municipalities"),
    "HYVINVOINTIALUE": ("a wellbeing services county", "wellbeing services counties"),
    "MAAKUNTA": ("a region (maakunta)", "regions (maakunta)"),
    "MAA": ("the whole country", "the whole country"),
    "SEUTUKUNTA": ("a sub-region (seutukunta)", "sub-regions (seutukunta)"),
    "SAIRAANHOITOPIIRI": ("a hospital district", "hospital districts"),
    "ERVA": ("a special responsibility area (erva)", "special responsibility areas (erva)"),
    "ALUEHALLINTOVIRASTO": ("a Regional State Administrative Agency area (AVI)", "AVI areas"),
    "ELY-KESKUS": ("an ELY Centre area", "ELY Centre areas"),
    "SUURALUE": ("a major region (suuralue)", "major regions (suuralue)"),
    "YTA": ("a collaborative area (yhteistyöalue)", "collaborative areas (yhteistyöalue)"),
    "NUTS1": ("a NUTS 1 area", "NUTS 1 areas"),
    "EUROOPPA": ("a European country", "European countries"),
    "POHJOISMAAT": ("a Nordic country", "Nordic countries"),
    "EURALUEET": ("an EU area", "EU areas"),
}


@dataclass(frozen=True, slots=True)
class SotkanetRegion:
    id: int
    category: str
    code: str
    name_fi: str
    name_sv: str = ""
    name_en: str = ""

    @property
    def kind(self) -> AreaKind | None:
        """The kind of area Hyte stores this region as, or None when Hyte does not track its category."""
        return TRACKED.get(self.category)

    @property
    def names(self) -> set[str]:
        return {name for name in (self.name_fi, self.name_sv, self.name_en) if name}

    def describe(self) -> str:
        """'a sub-region (seutukunta): Lappeenrannan seutukunta, code 091'."""
        singular = CATEGORY_NAMES.get(self.category, (self.category, self.category))[0]
        return f"{singular}: {self.name_fi}, code {self.code}"

    def untracked_reason(self) -> str:
        """Why an import cannot store values of this region."""
        singular, plural = CATEGORY_NAMES.get(self.category, (self.category, self.category))
        return f"Sotkanet region {self.id} ({self.name_fi}) is {singular}; Hyte does not track {plural}"


def same_code(left: str, right: str) -> bool:
    """Official codes compare without their zero padding: Sotkanet writes '01' or '1', '091' or '91'."""
    return left.strip().lstrip("0") == right.strip().lstrip("0")


@functools.cache
def sotkanet_regions() -> dict[int, SotkanetRegion]:
    """Every Sotkanet region id Hyte knows: the 2016 list, today's wellbeing services counties and the
    collaborative areas."""
    regions: dict[int, SotkanetRegion] = {}
    with (DATA_DIR / "regions-2016.json").open(encoding="utf-8") as handle:
        for item in json.load(handle):
            title = item.get("title") or {}
            regions[int(item["id"])] = SotkanetRegion(
                id=int(item["id"]),
                category=str(item["category"]),
                code=str(item["code"]),
                name_fi=title.get("fi", ""),
                name_sv=title.get("sv", ""),
                name_en=title.get("en", ""),
            )
    with (DATA_DIR / "counties.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            region_id = int(row["uusi_id"])
            regions[region_id] = SotkanetRegion(
                id=region_id, category="HYVINVOINTIALUE", code=row["uusi_code"].zfill(2), name_fi=row["nimi"]
            )
    with (DATA_DIR / "sotkanet-regions-extra.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            region_id = int(row["sotkanet_region_id"])
            regions[region_id] = SotkanetRegion(
                id=region_id,
                category=row["category"],
                code=row["code"],
                name_fi=row["name_fi"],
                name_sv=row["name_sv"],
                name_en=row["name_en"],
            )
    return regions


@functools.cache
def name_variants() -> dict[str, str]:
    """Other names of municipalities (name → municipality code)."""
    with (DATA_DIR / "area-name-variants.csv").open(encoding="utf-8", newline="") as handle:
        return {row["name"]: row["municipality_code"].zfill(3) for row in csv.DictReader(handle)}
