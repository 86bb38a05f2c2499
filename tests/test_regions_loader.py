from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from hyte.audit.models import AuditEntry
from hyte.regions.loader import DEFAULT_KEY, ClassificationError
from hyte.regions.models import Area, AreaKind, LanguageStatus, MunicipalityGroup
from hyte.regions.services import load_areas
from tests.conftest import SYSTEM

pytestmark = pytest.mark.django_db
DATA = Path(DEFAULT_KEY).parent


def municipality(code: str) -> Area:
    return Area.objects.select_related("county", "region").get(kind=AreaKind.MUNICIPALITY, code=code)


def current(kind: str) -> int:
    return Area.objects.filter(kind=kind, valid_until__isnull=True).count()


def test_it_loads_every_area_of_finland_in_2026():
    assert current(AreaKind.COUNTRY) == 1
    assert current(AreaKind.MUNICIPALITY) == 308
    assert current(AreaKind.COUNTY) == 23  # 21 counties, Helsinki and Åland
    assert current(AreaKind.REGION) == 19
    assert Area.objects.filter(kind=AreaKind.MUNICIPALITY, outside_reform=True).count() == 16


def test_municipality_codes_are_zero_padded_official_codes():
    assert municipality("020").name_fi == "Akaa"
    assert municipality("091").name_fi == "Helsinki"
    codes = Area.objects.filter(kind=AreaKind.MUNICIPALITY).values_list("code", flat=True)
    assert all(len(code) == 3 and code.isdigit() for code in codes)


def test_municipalities_belong_to_their_county_and_region():
    kemi = municipality("240")
    assert kemi.county.name_fi == "Lapin hyvinvointialue"
    assert kemi.region.name_fi == "Lappi"
    assert municipality("049").county.name_fi == "Länsi-Uudenmaan hyvinvointialue"
    assert municipality("092").county.name_fi == "Vantaan ja Keravan hyvinvointialue"
    assert municipality("091").county.name_fi == "Helsingin kaupunki"
    assert municipality("478").county.outside_reform
    lappi = Area.objects.get(kind=AreaKind.COUNTY, code="21")
    assert lappi.municipalities.filter(valid_until__isnull=True).count() == 21


def test_bilingual_municipalities_have_their_swedish_names():
    assert (municipality("049").name_sv, municipality("049").language_status) == (
        "Esbo",
        LanguageStatus.BILINGUAL_FINNISH,
    )
    assert municipality("638").name_sv == "Borgå"
    assert municipality("905").name_sv == "Vasa"
    assert municipality("478").name_sv == "Mariehamn"
    assert municipality("478").language_status == LanguageStatus.SWEDISH
    statuses = {
        status: Area.objects.filter(
            kind=AreaKind.MUNICIPALITY, language_status=status, valid_until__isnull=True
        ).count()
        for status in LanguageStatus
    }
    assert statuses == {
        LanguageStatus.FINNISH: 259,
        LanguageStatus.BILINGUAL_FINNISH: 18,
        LanguageStatus.SWEDISH: 16,
        LanguageStatus.BILINGUAL_SWEDISH: 15,
    }


def test_municipality_groups_follow_the_classification():
    groups = {
        group: Area.objects.filter(
            kind=AreaKind.MUNICIPALITY, municipality_group=group, valid_until__isnull=True
        ).count()
        for group in MunicipalityGroup
    }
    assert groups == {
        MunicipalityGroup.URBAN: 56,
        MunicipalityGroup.SEMI_URBAN: 67,
        MunicipalityGroup.RURAL: 185,
    }
    assert municipality("091").municipality_group == MunicipalityGroup.URBAN


def test_areas_carry_their_sotkanet_region_ids():
    assert Area.objects.get(kind=AreaKind.COUNTRY).sotkanet_id == 658
    assert Area.objects.get(kind=AreaKind.COUNTY, code="21").sotkanet_id == 968  # Lappi
    assert Area.objects.get(kind=AreaKind.COUNTY, code="90").sotkanet_id == 960  # Helsinki
    assert Area.objects.get(kind=AreaKind.REGION, code="01").sotkanet_id == 488  # Uusimaa
    assert municipality("005").sotkanet_id == 2  # Alajärvi
    assert Area.objects.filter(kind=AreaKind.MUNICIPALITY, sotkanet_id__isnull=True).count() == 0


def test_merged_municipalities_keep_their_own_area():
    pertunmaa = municipality("588")
    assert pertunmaa.valid_until == 2024
    assert pertunmaa.merged_into == municipality("507")
    assert pertunmaa.county.name_fi == "Etelä-Savon hyvinvointialue"
    assert Area.objects.filter(kind=AreaKind.MUNICIPALITY, valid_until__isnull=False).count() == 12


def test_loading_again_changes_nothing():
    result = load_areas(actor=SYSTEM)
    assert (result.created, result.updated, result.retired) == (0, 0, 0)
    assert result.unchanged == Area.objects.count()


def test_it_accepts_the_2025_key():
    result = load_areas(actor=SYSTEM, path=DATA / "municipality-key-2025.csv")
    assert result.year == 2025
    assert result.counts["municipality"] == 308
    assert municipality("049").classification_year == 2025


def _rewrite(tmp_path: Path, name: str, transform) -> Path:
    with DEFAULT_KEY.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fieldnames = list(reader.fieldnames or [])
        rows = list(reader)
    fieldnames, rows = transform(fieldnames, rows)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fieldnames, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / name
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_a_later_years_classification_loads_without_code_changes(tmp_path):
    def merge_kemi_into_tornio(fieldnames, rows):
        rows = [row for row in rows if row["kunta"] != "240"]
        for row in rows:
            row["year"] = "2027.0"
            if row["kunta"] == "851":
                row["municipality_name_fi"] = "Kemi-Tornio"
        return fieldnames, rows

    path = _rewrite(tmp_path, "municipality-key-2027.csv", merge_kemi_into_tornio)
    result = load_areas(actor=SYSTEM, path=path)
    assert result.year == 2027
    assert result.retired == 1
    assert municipality("240").valid_until == 2026
    assert municipality("851").name_fi == "Kemi-Tornio"
    assert current(AreaKind.MUNICIPALITY) == 307
    assert AuditEntry.objects.filter(action="areas.load", object_repr="municipality-key-2027.csv").exists()


def _assert_refused(path: Path, *expected: str) -> None:
    before = list(Area.objects.order_by("pk").values_list("pk", "name_fi", "valid_until"))
    with pytest.raises(ClassificationError) as raised:
        load_areas(actor=SYSTEM, path=path)
    message = str(raised.value)
    assert path.name in message
    for text in expected:
        assert text in message
    assert "nothing was changed" in message
    assert list(Area.objects.order_by("pk").values_list("pk", "name_fi", "valid_until")) == before


def test_a_file_with_a_missing_column_is_refused(tmp_path):
    path = _rewrite(tmp_path, "no-county.csv", lambda f, r: ([c for c in f if c != "hyvinvointialue_code"], r))
    _assert_refused(path, "missing column: hyvinvointialue_code")


def test_a_file_with_a_duplicate_code_is_refused_naming_the_row(tmp_path):
    def duplicate(fieldnames, rows):
        rows[5]["municipality_name_fi"] = "Changed"
        rows.append(dict(rows[0]))
        return fieldnames, rows

    path = _rewrite(tmp_path, "duplicate.csv", duplicate)
    _assert_refused(path, "row 310: duplicate municipality code 020 (first on row 2)")


def test_a_file_with_an_unknown_county_is_refused(tmp_path):
    def unknown_county(fieldnames, rows):
        rows[3]["hyvinvointialue_code"] = "77"
        return fieldnames, rows

    path = _rewrite(tmp_path, "county.csv", unknown_county)
    _assert_refused(path, "row 5: municipality", "unknown county '77'")


def test_every_problem_is_listed_at_once(tmp_path):
    def broken(fieldnames, rows):
        rows[0]["kunta"] = "abc"
        rows[1]["kielisuhde_code"] = "9"
        rows[2]["kuntaryhmitys_code"] = "x"
        return fieldnames, rows

    path = _rewrite(tmp_path, "broken.csv", broken)
    _assert_refused(
        path,
        "row 2: municipality code 'abc' is not a number",
        "row 3: unknown language status code '9'",
        "row 4: unknown municipality group code 'x'",
    )


def test_a_file_in_the_wrong_encoding_is_refused(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(
        DEFAULT_KEY.read_text(encoding="utf-8").encode("latin-1", errors="replace").replace(b"\xe4", b"\xe4\xff")
    )
    _assert_refused(path, "not UTF-8")


def test_a_missing_file_is_refused(tmp_path):
    _assert_refused(tmp_path / "nowhere.csv", "does not exist")


def test_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text(",".join(["kunta"]) + "\n", encoding="utf-8")
    _assert_refused(path, "missing column")
