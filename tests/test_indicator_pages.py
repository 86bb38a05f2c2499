"""Indicators, sets and imports as a coordinator uses them in the browser."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from hyte.indicators.catalogue import guess_age_group, guess_polarity, guess_value_type
from hyte.indicators.models import ImportBatch, ImportStatus, Indicator, IndicatorSetItem, Observation
from hyte.indicators.services import load_catalogue
from tests.conftest import SYSTEM


def test_a_coordinator_uploads_a_survey_maps_its_columns_and_sees_the_result(world, django_capture_on_commit_callbacks):
    client = world.client_for("coordinator")
    survey = (
        "Alue;Vuosi;Ikäryhmä;Indikaattori;Arvo\n"
        "Kemi;2024;13-17;Koettu hyvinvointi, hyvä tai erittäin hyvä (%);61,5\n"
        "Kemi;2024;65-;Koettu hyvinvointi, hyvä tai erittäin hyvä (%);72,0\n"
        "Kemi;2024;65-;Koettu hyvinvointi, hyvä tai erittäin hyvä (%);ei tietoa\n"
    ).encode()
    response = client.post("/o/kemi/imports/", {"file": SimpleUploadedFile("kysely.csv", survey)})
    batch = ImportBatch.objects.filter(filename="kysely.csv").latest("id")
    assert response["Location"] == f"/o/kemi/imports/{batch.pk}/columns/"
    preview = client.get(response["Location"]).content.decode()
    assert "Koettu hyvinvointi" in preview
    assert '<option value="0" selected>1: Alue</option>' in preview  # guessed from the header
    with django_capture_on_commit_callbacks(execute=True):  # the background task runs when the request commits
        response = client.post(
            f"/o/kemi/imports/{batch.pk}/columns/",
            {"header_row": 1, "area": 0, "year": 1, "age_group": 2, "indicator": 3, "value": 4},
        )
    assert response["Location"] == f"/o/kemi/imports/{batch.pk}/"
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DONE
    assert (batch.rows_created, batch.rows_rejected) == (2, 1)
    assert batch.upload is None
    page = client.get(f"/o/kemi/imports/{batch.pk}/").content.decode()
    assert "bad number &#x27;ei tietoa&#x27;" in page
    assert Observation.objects.get(indicator=world.own_indicator, age_group="65-").value == 72.0


def test_a_mapping_without_indicator_or_year_is_answered_clearly(world):
    client = world.client_for("coordinator")
    response = client.post(f"/o/kemi/imports/{world.batch.pk}/columns/", {"header_row": 1, "area": 0, "value": 2})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Valitse indikaattorisarake" in content or "Choose the indicator column" in content
    world.batch.refresh_from_db()
    assert world.batch.status == ImportStatus.QUEUED


def test_an_empty_upload_is_refused(world):
    response = world.client_for("coordinator").post("/o/kemi/imports/", {"file": SimpleUploadedFile("e.csv", b" \n")})
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()


def test_a_municipality_cannot_overwrite_shared_sotkanet_data(world, django_capture_on_commit_callbacks):
    data = b"indicator;region;year;gender;primary value;absolute value\n127;117;2009;total;1;\n"
    with django_capture_on_commit_callbacks(execute=True):
        world.client_for("coordinator").post("/o/kemi/imports/", {"file": SimpleUploadedFile("s.csv", data)})
    batch = ImportBatch.objects.latest("id")
    assert batch.status == ImportStatus.FAILED
    assert "only site administrators" in batch.error
    assert not Observation.objects.exists()


def test_indicator_search_and_detail(world):
    client = world.client_for("reader")
    listing = client.get("/o/kemi/indicators/?q=Väestö").content.decode()
    assert "Väestö 31.12." in listing
    assert "Koettu hyvinvointi" not in listing
    detail = client.get(f"/o/kemi/indicators/{world.own_indicator.pk}/").content.decode()
    assert "Koettu hyvinvointi" in detail
    assert 'name="polarity"' not in detail  # readers do not edit


def test_a_coordinator_sets_polarity_and_a_later_catalogue_load_keeps_it(world):
    client = world.client_for("coordinator")
    client.post(f"/o/kemi/indicators/{world.own_indicator.pk}/", {"polarity": "low_good"})
    world.own_indicator.refresh_from_db()
    assert world.own_indicator.polarity == "low_good"
    shared = world.shared_indicator
    Indicator.objects.filter(pk=shared.pk).update(polarity="high_good", polarity_set_by_user=True)
    load_catalogue(actor=SYSTEM, entries=[{"id": 127, "title": {"fi": "Väestö 31.12."}}])
    shared.refresh_from_db()
    assert shared.polarity == "high_good"


def test_shared_indicator_polarity_is_for_site_staff_only(world):
    response = world.client_for("coordinator").post(
        f"/o/kemi/indicators/{world.shared_indicator.pk}/", {"polarity": "low_good"}
    )
    assert response.status_code == 404


def test_a_coordinator_builds_and_reorders_an_indicator_set(world):
    client = world.client_for("coordinator")
    url = f"/o/kemi/indicator-sets/{world.indicator_set.pk}/change/"
    client.post(url, {"indicator": world.shared_indicator.pk, "action": "add"})
    client.post(url, {"indicator": world.own_indicator.pk, "action": "add"})

    def order():
        return list(
            IndicatorSetItem.objects.filter(indicator_set=world.indicator_set)
            .order_by("position")
            .values_list("indicator_id", flat=True)
        )

    assert order() == [world.shared_indicator.pk, world.own_indicator.pk]
    client.post(url, {"indicator": world.own_indicator.pk, "action": "up"})
    assert order() == [world.own_indicator.pk, world.shared_indicator.pk]
    response = client.post(url, {"indicator": world.own_indicator.pk, "action": "add"}, follow=True)
    assert "jo joukossa" in response.content.decode() or "already in the set" in response.content.decode()
    client.post(url, {"indicator": world.shared_indicator.pk, "action": "remove"})
    assert order() == [world.own_indicator.pk]


def test_title_based_defaults():
    assert guess_polarity("Kuolleisuus / 100 000 asukasta") == "low_good"
    assert guess_polarity("Työttömät, % työvoimasta") == "low_good"
    assert guess_polarity("Elinajanodote, miehet") == "high_good"
    assert guess_polarity("Väestö 31.12.") == "none"
    assert guess_value_type("Kuolleisuus / 100 000 asukasta") == "per_100000"
    assert guess_value_type("Mielenterveyden häiriöihin sairaalahoitoa saaneet 0 - 17-vuotiaat / 1 000") == "per_1000"
    assert guess_value_type("Työttömät, % työvoimasta") == "percent"
    assert guess_age_group("Mielenterveyden häiriöihin sairaalahoitoa saaneet 0 - 17-vuotiaat") == "children"
    assert guess_age_group("Kotona asuvat 75 vuotta täyttäneet, % vastaavanikäisestä väestöstä") == "older"
