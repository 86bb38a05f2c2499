"""Which area a file's area key means: a Sotkanet region id, a municipality code or a name.

Keys are resolved exactly (never fuzzily: Lappi, Lappo and Loppi are three places), checked against the name,
code or category the file gives beside them, and every key that cannot be stored gets a reason that says what
it is ("Sotkanet region 541 (Lappeenrannan seutukunta) is a sub-region (seutukunta); Hyte does not track …").
A column of numbers is read as municipality codes or as Sotkanet region ids only when the reading is certain;
when both are possible the import stops and asks (`choose_reading`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from hyte.indicators.parsing import ParsedRow
from hyte.regions.models import Area, AreaKind
from hyte.regions.sotkanet import TRACKED, SotkanetRegion, name_variants, same_code, sotkanet_regions

COUNTRY_NAMES = ("koko maa", "whole country", "hela landet", "suomi", "finland", "maa")
KIND_NAMES = {
    AreaKind.MUNICIPALITY: "the municipality",
    AreaKind.COUNTY: "the wellbeing services county",
    AreaKind.REGION: "the region",
    AreaKind.COUNTRY: "the country",
}
# Headers that say what a column of numbers holds, in the file's own words.
CODE_HEADERS = {
    "kuntakoodi",
    "kunnan numero",
    "kuntanumero",
    "kunnan koodi",
    "kunta_koodi",
    "municipality_code",
    "municipality code",
    "kommunkod",
    "kommunnummer",
    "region.code",
}
SOTKANET_HEADERS = {"sotkanet_id", "sotkanet region", "sotkanet_region_id", "sotkanet region id", "region_id"}
READING_NAMES = {
    "code": "municipality codes",
    "sotkanet": "Sotkanet region ids",
    "name": "names",
}


def norm(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(str(text).split())).casefold()


@dataclass(frozen=True, slots=True)
class Unresolved:
    """Why a key cannot be stored. `known`: the key is valid in its reading (e.g. a sub-region's id), it is only
    not an area Hyte tracks."""

    reason: str
    known: bool = False


Resolution = int | Unresolved


def _fits(resolution: Resolution) -> bool:
    return isinstance(resolution, int) or resolution.known


class AreaIndex:
    """Every area Hyte tracks, by Sotkanet id, municipality code and every name (fi/sv/en, Sotkanet's titles and
    known variants), and Sotkanet's other regions by id and name. Built once per import."""

    def __init__(self) -> None:
        rows = list(
            Area.objects.values("id", "kind", "code", "name_fi", "name_sv", "name_en", "sotkanet_id", "valid_until")
        )
        self.areas: dict[int, dict[str, Any]] = {row["id"]: dict(row) for row in rows}
        self.regions = sotkanet_regions()
        self.by_sotkanet: dict[int, int] = {row["sotkanet_id"]: row["id"] for row in rows if row["sotkanet_id"]}
        self.municipality_by_code = {
            row["code"].zfill(3): row["id"] for row in rows if row["kind"] == AreaKind.MUNICIPALITY
        }
        self.names: dict[int, set[str]] = {}
        self.codes: dict[int, set[str]] = {}  # Hyte's code and Sotkanet's (the country is FI and 358)
        for row in rows:
            names = {row["name_fi"], row["name_sv"], row["name_en"]}
            self.codes[row["id"]] = {row["code"]}
            region = self.regions.get(row["sotkanet_id"] or 0)
            if region is not None:
                names |= region.names
                self.codes[row["id"]].add(region.code)
            if row["kind"] == AreaKind.COUNTRY:
                names |= set(COUNTRY_NAMES)
            self.names[row["id"]] = {norm(name) for name in names if name}
        for name, code in name_variants().items():
            area_id = self.municipality_by_code.get(code)
            if area_id is not None:
                self.names[area_id].add(norm(name))
        self.by_name: dict[str, list[int]] = {}
        for area_id, names in self.names.items():
            for name in names:
                self.by_name.setdefault(name, []).append(area_id)
        self.untracked_by_name: dict[str, list[SotkanetRegion]] = {}
        for region in self.regions.values():
            if region.kind is None:
                for name in region.names:
                    self.untracked_by_name.setdefault(norm(name), []).append(region)

    # --- one key in one reading ---------------------------------------------------------------------------

    def describe(self, area_id: int) -> str:
        area = self.areas[area_id]
        return f"{KIND_NAMES[AreaKind(area['kind'])]} {area['name_fi']} ({area['code']})"

    def sotkanet(self, key: str) -> Resolution:
        if not key.isdigit():
            return Unresolved(f"{key!r} is not a Sotkanet region id (a whole number)")
        if key.startswith("0"):
            return Unresolved(
                f"{key!r} is not a Sotkanet region id: those have no leading zeros (is the column municipality codes?)"
            )
        area_id = self.by_sotkanet.get(int(key))
        if area_id is not None:
            return area_id
        region = self.regions.get(int(key))
        if region is None:
            return Unresolved(
                f"Sotkanet region {key} is not in the region list Hyte knows (Sotkanet's list of 2016 and today's "
                "counties); it may be a region that no longer exists"
            )
        if region.kind is None:
            return Unresolved(region.untracked_reason(), known=True)
        return Unresolved(f"Sotkanet region {key} ({region.name_fi}) is not among this installation's areas", True)

    def code(self, key: str) -> Resolution:
        if re.fullmatch(r"\d{1,3}", key) is None:
            return Unresolved(f"{key!r} is not a municipality code (one to three digits)")
        area_id = self.municipality_by_code.get(key.zfill(3))
        if area_id is None:
            return Unresolved(f"no municipality has the code {key.zfill(3)}")
        return area_id

    def name(self, key: str) -> Resolution:
        ids = self.by_name.get(norm(key))
        if ids:
            chosen = self._one(ids)
            if chosen is not None:
                return chosen
            places = " and ".join(self.describe(i) for i in ids)
            return Unresolved(f"the name {key!r} is ambiguous: it is {places}; give the area's code", True)
        untracked = self.untracked_by_name.get(norm(key))
        if untracked:
            return Unresolved(untracked[0].untracked_reason(), known=True)
        if key.isdigit():
            return Unresolved(f"{key!r} is a number, not a name; choose what the area column holds")
        return Unresolved(f"no area is called {key!r}")

    def _one(self, ids: list[int]) -> int | None:
        """The area among several of the same name: the only one, or the only one that still exists."""
        if len(set(ids)) == 1:
            return ids[0]
        current = {i for i in ids if self.areas[i]["valid_until"] is None}
        return current.pop() if len(current) == 1 else None

    def code_and_name(self, code: str, name: str) -> Resolution:
        """The web site's exports give each region's official code and name, not its kind: the name picks the
        area among those with that code (091 is Helsinki and Lappeenrannan seutukunta)."""
        ids = [i for i in self.by_name.get(norm(name), []) if self._has_code(i, code)]
        chosen = self._one(ids) if ids else None
        if chosen is not None:
            return chosen
        for region in self.untracked_by_name.get(norm(name), []):
            if same_code(region.code, code):
                return Unresolved(region.untracked_reason(), known=True)
        named = self.by_name.get(norm(name))
        if named:
            codes = ", ".join(sorted({self.areas[i]["code"] for i in named}))
            return Unresolved(f"the name {name!r} and the code {code} do not belong together ({name}: {codes})")
        if code.isdigit() and len(code) == 3 and code in self.municipality_by_code:
            found = self.describe(self.municipality_by_code[code])
            return Unresolved(f"the name {name!r} is not the name of the area with the code {code} ({found})")
        return Unresolved(f"unknown area {name!r} ({code})")

    def _has_code(self, area_id: int, code: str) -> bool:
        return any(same_code(own, code) for own in self.codes[area_id])

    def resolve(self, reading: str, key: str) -> Resolution:
        return {"code": self.code, "sotkanet": self.sotkanet, "name": self.name}[reading](key)

    # --- what the file says beside the key ------------------------------------------------------------------

    def check(self, area_id: int, *, name: str = "", code: str = "", category: str = "") -> str:
        """'' when the row's own name, code and category agree with the area, else why not."""
        area = self.areas[area_id]
        if category and TRACKED.get(category) != area["kind"]:
            return f"the row says {category} but the area is {self.describe(area_id)}"
        if code and not self._has_code(area_id, code):
            return f"the row's code {code} is not the code of {self.describe(area_id)}"
        if name and norm(name) not in self.names[area_id]:
            return f"the row's name {name!r} is not the name of {self.describe(area_id)}"
        return ""

    def agrees(self, resolution: Resolution, name: str) -> bool:
        if isinstance(resolution, int):
            return norm(name) in self.names[resolution]
        return False


def choose_reading(index: AreaIndex, keys: Iterable[tuple[str, str]], *, column: str = "") -> str | Unresolved:
    """What an area column holds, from its distinct (key, name beside it) pairs: 'name', 'code' or 'sotkanet',
    or why it cannot be told. Numbers are read one way only when exactly one reading explains them, or when the
    names beside them agree with exactly one reading."""
    pairs = sorted(set(keys))
    header = norm(column)
    column = f"the area column {column!r}" if column else "the area column"
    if not pairs:
        return "name"
    if any(not key.isdigit() for key, _name in pairs):
        return "name"
    readings = ("code", "sotkanet")
    resolved = {reading: {key: index.resolve(reading, key) for key, _name in pairs} for reading in readings}
    named = [(key, name) for key, name in pairs if name]
    if named:
        agreeing = {
            reading: sum(index.agrees(resolved[reading][key], name) for key, name in named) for reading in readings
        }
        best = max(readings, key=lambda reading: agreeing[reading])
        other = next(reading for reading in readings if reading != best)
        if agreeing[best] >= 0.9 * len(named) and agreeing[other] < agreeing[best]:
            return best
        key, name = named[0]
        return Unresolved(
            f"{column} and the names beside it disagree whichever way it is read: {key} is "
            f"{_as(index, resolved['code'][key])} as a municipality code and "
            f"{_as(index, resolved['sotkanet'][key])} as a Sotkanet region id, but the row names {name!r}"
        )
    fitting = [reading for reading in readings if all(_fits(r) for r in resolved[reading].values())]
    if len(fitting) == 1:
        return fitting[0]
    if "code" in fitting and header in CODE_HEADERS:
        return "code"
    if "sotkanet" in fitting and header in SOTKANET_HEADERS:
        return "sotkanet"
    if not fitting:
        bad = [key for key, _name in pairs if not any(_fits(resolved[r][key]) for r in readings)]
        return Unresolved(
            f"{len(bad)} of the {len(pairs)} values of {column} are neither municipality codes nor Sotkanet "
            f"region ids (e.g. {bad[0] if bad else pairs[0][0]!r}); say what the column holds"
        )
    example = next((key for key, _name in pairs if resolved["code"][key] != resolved["sotkanet"][key]), pairs[0][0])
    return Unresolved(
        f"{column} holds numbers that could be municipality codes or Sotkanet region ids, and the file has no "
        f"names to tell which: {example} is {_as(index, resolved['code'][example])} as a municipality code but "
        f"{_as(index, resolved['sotkanet'][example])} as a Sotkanet region id. Say what the column holds"
    )


def _as(index: AreaIndex, resolution: Resolution) -> str:
    if isinstance(resolution, int):
        return index.describe(resolution)
    return "nothing Hyte knows"


def area_resolver(index: AreaIndex, reading: str) -> Callable[[ParsedRow], Resolution]:
    """Resolve each row's area in one reading ('sotkanet', 'code', 'name', or 'code+name' for the web site's
    exports), checked against the name, code and category the row gives; one lookup per distinct key."""
    cache: dict[tuple[str, str, str, str], Resolution] = {}

    def resolve(row: ParsedRow) -> Resolution:
        key = (row.area, row.area_name, row.area_code, row.area_category)
        found = cache.get(key)
        if found is None:
            if reading == "code+name":
                found = index.code_and_name(row.area_code or row.area, row.area_name)
            else:
                found = index.resolve(reading, row.area)
            if isinstance(found, int):
                problem = index.check(found, name=row.area_name, code=row.area_code, category=row.area_category)
                if problem:
                    found = Unresolved(problem)
            elif row.area_category and row.area_category not in TRACKED and not found.known:
                found = Unresolved(f"{found.reason} (the row says {row.area_category})")
            cache[key] = found
        return found

    return resolve
