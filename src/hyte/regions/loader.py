"""Loading Finland's areas from Statistics Finland's municipality key and Sotkanet's region list.

The classification is data: a later year's key loads with `hyte load_areas --file key-2027.csv` and no code
change. Every row is checked before anything is written; a file with any problem is refused whole with
every problem listed (file, row, what is wrong), and the database is left as it was.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from hyte.regions.models import Area, AreaKind, LanguageStatus, MunicipalityGroup

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_KEY = DATA_DIR / "municipality-key-2026.csv"
SOTKANET_REGIONS = DATA_DIR / "regions-2016.json"
COUNTIES = DATA_DIR / "counties.csv"
MERGERS = DATA_DIR / "municipality-mergers.csv"

COUNTRY_CODE = "FI"
COUNTRY_SOTKANET_ID = 658
ALAND_COUNTY_CODE = "91"
ALAND_REGION_CODE = "21"
SOTKANET_SOURCE_YEAR = 2016

REQUIRED_COLUMNS = (
    "kunta",
    "municipality_name_fi",
    "municipality_name_sv",
    "municipality_name_en",
    "kielisuhde_code",
    "kuntaryhmitys_code",
    "maakunta_code",
    "maakunta_name_fi",
    "maakunta_name_sv",
    "maakunta_name_en",
    "hyvinvointialue_code",
    "hyvinvointialue_name_fi",
    "hyvinvointialue_name_sv",
    "hyvinvointialue_name_en",
)

LANGUAGE_STATUS_BY_CODE = {
    "0": LanguageStatus.FINNISH,
    "1": LanguageStatus.BILINGUAL_FINNISH,
    "2": LanguageStatus.SWEDISH,
    "3": LanguageStatus.BILINGUAL_SWEDISH,
}
MUNICIPALITY_GROUP_BY_CODE = {
    "1": MunicipalityGroup.URBAN,
    "2": MunicipalityGroup.SEMI_URBAN,
    "3": MunicipalityGroup.RURAL,
}


class ClassificationError(Exception):
    """The classification file was refused; `problems` lists every one found."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        listed = "\n".join(f"  {problem}" for problem in problems[:50])
        more = f"\n  … and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{path.name}: refused, nothing was changed.\n{listed}{more}")


@dataclass
class LoadResult:
    year: int
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0
    counts: dict[str, int] = field(default_factory=dict)


def _code(raw: str, width: int) -> str:
    """'20' or '20.0' → '020'. Statistics Finland's keys store codes as integers, sometimes as floats."""
    text = raw.strip()
    if re.fullmatch(r"\d+(\.0+)?", text) is None:
        raise ValueError(raw)
    return str(int(float(text))).zfill(width)


@dataclass
class _CountyRef:
    code: str
    name_fi: str
    sotkanet_id: int | None


def _read_counties(path: Path) -> dict[str, _CountyRef]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            _code(row["uusi_code"], 2): _CountyRef(
                code=_code(row["uusi_code"], 2),
                name_fi=row["nimi"].strip(),
                sotkanet_id=int(row["uusi_id"]) if row["uusi_id"].strip() else None,
            )
            for row in csv.DictReader(handle)
        }


def _read_sotkanet_regions(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def _year_of(path: Path, rows: list[dict[str, str]], explicit: int | None) -> int:
    if explicit is not None:
        return explicit
    years = {row.get("year", "").strip() for row in rows if row.get("year", "").strip()}
    if len(years) == 1:
        return int(float(years.pop()))
    match = re.search(r"(19|20)\d{2}", path.name)
    if match:
        return int(match.group(0))
    raise ClassificationError(path, ["the classification year is not in the file; give it with --year"])


@dataclass
class _Municipality:
    code: str
    names: tuple[str, str, str]
    language_status: str
    municipality_group: str
    region_code: str
    region_names: tuple[str, str, str]
    county_code: str
    county_names: tuple[str, str, str]


def parse_classification(
    path: Path, counties: dict[str, _CountyRef], year: int | None = None
) -> tuple[int, list[_Municipality]]:
    """Check every row of a municipality key; raise ClassificationError listing every problem."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            rows = list(reader)
    except UnicodeDecodeError as exc:
        raise ClassificationError(path, [f"the file is not UTF-8 text ({exc.reason} at byte {exc.start})"]) from exc
    except FileNotFoundError as exc:
        raise ClassificationError(path, ["the file does not exist"]) from exc
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise ClassificationError(path, [f"missing column: {column}" for column in missing])
    if not rows:
        raise ClassificationError(path, ["the file has no municipalities"])

    problems: list[str] = []
    seen: dict[str, int] = {}
    parsed: list[_Municipality] = []
    for line, row in enumerate(rows, start=2):
        municipality, row_problems = _parse_row(line, row, counties, seen)
        problems.extend(row_problems)
        if municipality is not None:
            parsed.append(municipality)
    if problems:
        raise ClassificationError(path, problems)
    return _year_of(path, rows, year), parsed


def _parse_row(
    line: int, row: dict[str, str], counties: dict[str, _CountyRef], seen: dict[str, int]
) -> tuple[_Municipality | None, list[str]]:
    """One row of the key: the municipality, or the problems that keep it out."""
    try:
        code = _code(row["kunta"], 3)
    except ValueError:
        return None, [f"row {line}: municipality code {row['kunta']!r} is not a number"]
    if code in seen:
        return None, [f"row {line}: duplicate municipality code {code} (first on row {seen[code]})"]
    seen[code] = line
    problems = []
    try:
        county_code = _code(row["hyvinvointialue_code"], 2)
    except ValueError:
        county_code = row["hyvinvointialue_code"].strip()
    if county_code not in counties:
        problems.append(
            f"row {line}: municipality {code} belongs to unknown county {county_code!r} "
            f"({row['hyvinvointialue_name_fi'].strip()})"
        )
    language = LANGUAGE_STATUS_BY_CODE.get(row["kielisuhde_code"].strip().split(".")[0])
    if language is None:
        problems.append(f"row {line}: unknown language status code {row['kielisuhde_code']!r}")
    group = MUNICIPALITY_GROUP_BY_CODE.get(row["kuntaryhmitys_code"].strip().split(".")[0])
    if group is None:
        problems.append(f"row {line}: unknown municipality group code {row['kuntaryhmitys_code']!r}")
    try:
        region_code = _code(row["maakunta_code"], 2)
    except ValueError:
        problems.append(f"row {line}: region code {row['maakunta_code']!r} is not a number")
    if not row["municipality_name_fi"].strip():
        problems.append(f"row {line}: municipality {code} has no Finnish name")
    if problems or language is None or group is None:
        return None, problems
    return _Municipality(
        code=code,
        names=_names(row, "municipality_name"),
        language_status=language,
        municipality_group=group,
        region_code=region_code,
        region_names=_names(row, "maakunta_name"),
        county_code=county_code,
        county_names=_names(row, "hyvinvointialue_name"),
    ), []


def _names(row: dict[str, str], prefix: str) -> tuple[str, str, str]:
    return (row[f"{prefix}_fi"].strip(), row[f"{prefix}_sv"].strip(), row[f"{prefix}_en"].strip())


class _Upserter:
    """update_or_create by (kind, code) that counts what really changed."""

    def __init__(self, result: LoadResult) -> None:
        self.result = result
        self.existing = {(a.kind, a.code): a for a in Area.objects.all()}

    def __call__(self, kind: str, code: str, **values: Any) -> Area:
        area = self.existing.get((kind, code))
        if area is None:
            area = Area.objects.create(kind=kind, code=code, **values)
            self.existing[(kind, code)] = area
            self.result.created += 1
            return area
        changed = [name for name, value in values.items() if getattr(area, name) != value]
        if changed:
            for name in changed:
                setattr(area, name, values[name])
            area.save(update_fields=changed)
            self.result.updated += 1
        else:
            self.result.unchanged += 1
        return area


def write_areas(
    *,
    path: Path = DEFAULT_KEY,
    year: int | None = None,
    sotkanet_regions_path: Path = SOTKANET_REGIONS,
    counties_path: Path = COUNTIES,
    mergers_path: Path = MERGERS,
) -> LoadResult:
    """Load (or update) the country, counties, regions and municipalities from a municipality key, all or nothing.
    Called by `services.load_areas`, which checks the actor and audits the load."""
    counties = _read_counties(counties_path)
    year, municipalities = parse_classification(path, counties, year)
    sotkanet = _read_sotkanet_regions(sotkanet_regions_path)
    sotkanet_municipalities = {r["code"]: r for r in sotkanet if r["category"] == "KUNTA"}
    sotkanet_regions = {r["code"]: r for r in sotkanet if r["category"] == "MAAKUNTA"}
    sotkanet_region_codes_by_id = {r["id"]: r["code"] for r in sotkanet_regions.values()}

    result = LoadResult(year=year)
    with transaction.atomic():
        upsert = _Upserter(result)
        upsert(
            AreaKind.COUNTRY,
            COUNTRY_CODE,
            name_fi="Koko maa",
            name_sv="Hela landet",
            name_en="Whole country",
            sotkanet_id=COUNTRY_SOTKANET_ID,
            classification_year=year,
        )
        county_areas: dict[str, Area] = {}
        for m in municipalities:
            if m.county_code in county_areas:
                continue
            ref = counties[m.county_code]
            county_areas[m.county_code] = upsert(
                AreaKind.COUNTY,
                m.county_code,
                name_fi=m.county_names[0],
                name_sv=m.county_names[1],
                name_en=m.county_names[2],
                sotkanet_id=ref.sotkanet_id,
                outside_reform=m.county_code == ALAND_COUNTY_CODE,
                classification_year=year,
                valid_until=None,
            )
        region_areas: dict[str, Area] = {}
        for m in municipalities:
            if m.region_code in region_areas:
                continue
            sotkanet_region = sotkanet_regions.get(m.region_code)
            region_areas[m.region_code] = upsert(
                AreaKind.REGION,
                m.region_code,
                name_fi=m.region_names[0],
                name_sv=m.region_names[1],
                name_en=m.region_names[2],
                sotkanet_id=sotkanet_region["id"] if sotkanet_region else None,
                outside_reform=m.region_code == ALAND_REGION_CODE,
                classification_year=year,
                valid_until=None,
            )
        current_codes = set()
        for m in municipalities:
            current_codes.add(m.code)
            sotkanet_municipality = sotkanet_municipalities.get(m.code)
            upsert(
                AreaKind.MUNICIPALITY,
                m.code,
                name_fi=m.names[0],
                name_sv=m.names[1],
                name_en=m.names[2],
                county=county_areas[m.county_code],
                region=region_areas[m.region_code],
                language_status=m.language_status,
                municipality_group=m.municipality_group,
                sotkanet_id=sotkanet_municipality["id"] if sotkanet_municipality else None,
                outside_reform=m.county_code == ALAND_COUNTY_CODE,
                classification_year=year,
                valid_until=None,
            )
        result.retired = _retire_missing(upsert, current_codes, year)
        _load_former_municipalities(
            upsert=upsert,
            current_codes=current_codes,
            sotkanet_municipalities=sotkanet_municipalities,
            sotkanet_region_codes_by_id=sotkanet_region_codes_by_id,
            mergers_path=mergers_path,
            year=year,
        )
        for kind in AreaKind:
            result.counts[kind.value] = Area.objects.filter(kind=kind, valid_until__isnull=True).count()
    return result


def _load_former_municipalities(
    *,
    upsert: _Upserter,
    current_codes: set[str],
    sotkanet_municipalities: dict[str, dict[str, Any]],
    sotkanet_region_codes_by_id: dict[int, str],
    mergers_path: Path,
    year: int,
) -> None:
    """Municipalities in Sotkanet's list that have merged since: kept so their history stays theirs."""
    with mergers_path.open(encoding="utf-8", newline="") as handle:
        mergers = {_code(row["code"], 3): row for row in csv.DictReader(handle)}
    for code, region in sotkanet_municipalities.items():
        if code in current_codes:
            continue
        merger = mergers.get(code)
        known = upsert.existing.get((AreaKind.MUNICIPALITY, code))
        if merger:
            valid_until = int(merger["last_year"])
        elif known is not None and known.valid_until is not None:
            valid_until = known.valid_until
        else:
            valid_until = min(year - 1, SOTKANET_SOURCE_YEAR)
        successor = upsert.existing.get((AreaKind.MUNICIPALITY, _code(merger["merged_into"], 3))) if merger else None
        region_code = next(
            (sotkanet_region_codes_by_id[i] for i in region.get("memberOf", []) if i in sotkanet_region_codes_by_id),
            None,
        )
        upsert(
            AreaKind.MUNICIPALITY,
            code,
            name_fi=region["title"]["fi"],
            name_sv=region["title"].get("sv", ""),
            name_en=region["title"].get("en", ""),
            county=successor.county if successor else None,
            merged_into=successor,
            region=upsert.existing.get((AreaKind.REGION, region_code)) if region_code else None,
            sotkanet_id=region["id"],
            valid_until=valid_until,
        )


def _retire_missing(upsert: _Upserter, current_codes: set[str], year: int) -> int:
    """A municipality that was current but is missing from this year's key has merged: it ends last year."""
    retired = 0
    for (kind, code), area in upsert.existing.items():
        if kind == AreaKind.MUNICIPALITY and area.valid_until is None and code not in current_codes:
            area.valid_until = year - 1
            area.save(update_fields=["valid_until"])
            retired += 1
    return retired
