"""TEAviisari results and official results: files in THL's layout (CSV and XLSX), every rejected row with its
reason, good rows kept, a refused file leaves nothing, re-import never duplicates; the results shown beside the
computed and on the situation picture."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from hyte.funding import queries
from hyte.funding.models import OfficialResult, TeaviisariValue
from hyte.funding.sectors import band
from hyte.funding.services import import_official_results, import_teaviisari
from tests.conftest import SYSTEM
from tests.funding_world import KEMI, TEAVIISARI_CSV, TORNIO, area, build_funding
from tests.spreadsheets import xlsx


@pytest.fixture
def funding(world):
    return build_funding(world)


def test_bad_rows_are_reported_one_by_one_and_the_good_ones_kept(funding):
    data = (
        b"Aluekoodi;Toimiala;Vuosi;Ulottuvuus;Pisteet\n"
        b"240;Perusopetus;2022;Osallisuus;71,5\n"  # good
        b"240;Sirkus;2022;Osallisuus;50\n"  # unknown sector
        b"240;Perusopetus;2022;Onnellisuus;50\n"  # unknown item
        b"240;Perusopetus;2022;Sitoutuminen;101\n"  # outside 0–100
        b"999;Perusopetus;2022;Sitoutuminen;50\n"  # no such municipality
        b"Narnia;Perusopetus;2022;Sitoutuminen;50\n"  # not an area code
        b"851;Perusopetus;2022;Osallisuus;-1\n"  # outside 0–100
        b"851;Perusopetus;2022;Sitoutuminen;40\n"  # good
    )
    with translation.override("en"):
        outcome = import_teaviisari(actor=funding.national, data=data, filename="t.csv")
    assert (outcome.created, outcome.updated) == (2, 0)
    assert outcome.rejected == [
        (3, "unknown sector Sirkus"),
        (4, "unknown item Onnellisuus"),
        (5, "the score 101 is not between 0 and 100"),
        (6, "unknown area 999"),
        (7, "unknown area Narnia"),
        (8, "the score -1 is not between 0 and 100"),
    ]
    kemi = TeaviisariValue.objects.get(area=area(KEMI), sector="perusopetus", item="osallisuus")
    assert (kemi.survey_year, kemi.value, kemi.synthetic) == (2022, 71.5, False)


def test_a_re_import_updates_and_never_duplicates(funding):
    before = TeaviisariValue.objects.count()
    again = import_teaviisari(actor=funding.national, data=TEAVIISARI_CSV.replace(b";80\n", b";85\n"))
    assert (again.created, again.updated, again.rejected) == (0, 1, [])
    assert TeaviisariValue.objects.count() == before
    assert TeaviisariValue.objects.get(area=area(KEMI), sector="kuntajohto", item="total").value == 85


def test_an_xlsx_in_the_same_layout(funding):
    data = xlsx(
        [
            ["Kuntakoodi", "Kunta", "Toimiala", "Vuosi", "Ulottuvuus", "Pisteet"],
            [240, "Kemi", "Liikunta", 2022, "Voimavarat", 64],
        ]
    )
    outcome = import_teaviisari(actor=funding.national, data=data)
    assert (outcome.created, outcome.rejected) == (1, [])
    assert TeaviisariValue.objects.get(area=area(KEMI), sector="liikunta").value == 64


@pytest.mark.parametrize(
    "data",
    [
        b"Aluekoodi;Toimiala;Vuosi;Pisteet\n240;Kuntajohto;2023;50\n",  # no item column
        b"Aluekoodi;Toimiala;Vuosi;Ulottuvuus;Pisteet\n240;Kuntajohto;2023;Johtaminen;5",  # cut off mid-line
        b"",
    ],
)
def test_an_unreadable_file_is_refused_whole(funding, data):
    before = TeaviisariValue.objects.count()
    with pytest.raises(ValidationError):
        import_teaviisari(actor=funding.national, data=data)
    assert TeaviisariValue.objects.count() == before


def test_only_national_administrators_import(funding, world):
    for persona in ("coordinator", "county", "national_reader"):
        with pytest.raises(PermissionDenied):
            import_teaviisari(actor=world.users[persona], data=TEAVIISARI_CSV)


def test_official_results_beside_the_computed_with_the_difference(funding):
    model = queries.models_queryset().get(pk=funding.model.pk)
    data = b"Aluekoodi;Kerroin;Euroa\n240;98,5;500000\n851;25;\nHV21;50;1\n999;1;1\n240;1;1\n"
    with translation.override("en"):
        outcome = import_official_results(actor=funding.national, model=model, data=data, filename="official.csv")
    assert outcome.created == 2
    assert outcome.rejected == [
        (4, "unknown area 21 for this model"),  # a county in a municipal model
        (5, "unknown area 999 for this model"),
        (6, "the same area twice in the file"),
    ]
    model.refresh_from_db()
    assert model.frozen  # compared with official results: the version stays as it is
    results = queries.results_for(queries.models_queryset().get(pk=model.pk))
    assert results.has_official
    kemi = results.for_area(area(KEMI).pk)
    assert kemi.official_score == 98.5
    assert kemi.score_difference == pytest.approx(1.5)
    assert kemi.euro_difference == pytest.approx(kemi.euros - 500000)
    tornio = results.for_area(area(TORNIO).pk)
    assert (tornio.official_euros, tornio.euro_difference, tornio.score_difference) == (None, None, pytest.approx(0))
    # Again: nothing duplicated.
    import_official_results(actor=funding.national, model=model, data=data)
    assert OfficialResult.objects.filter(model=model).count() == 2


def test_the_bands_and_the_situation_picture(funding, world):
    assert [band(v) for v in (0, 24.9, 25, 74.9, 75, 100, None)] == [
        "weak",
        "weak",
        "middle",
        "middle",
        "good",
        "good",
        "",
    ]
    panel = queries.teaviisari_for(area(KEMI))
    (row,) = panel.rows
    assert (row.sector, row.survey_year, row.value, row.band) == ("kuntajohto", 2023, 80, "good")
    assert (row.county, row.country, row.cycle_years) == (55, 62.5, 2)
    page = world.client_for("reader").get("/o/kemi/situation/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "TEAviisari: health promotion activity" in page
    assert "band-good" in page
    assert "Synthetic demo values" not in page
    import_teaviisari(actor=SYSTEM, data=TEAVIISARI_CSV, synthetic=True)
    page = world.client_for("reader").get("/o/kemi/situation/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Synthetic demo values" in page
