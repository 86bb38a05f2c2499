"""Map points and the finder's map (issue 16): a point must be in Finland and in the activity's municipality
(checked against the real municipality boundaries, with real coordinates); the map appears only where the
deployment names a tile server, and only then does the finder's Content-Security-Policy allow that host."""

from __future__ import annotations

import math

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.utils import translation

from hyte.actors.map_points import check_map_point
from hyte.actors.models import Activity
from hyte.public.finder import tile_source
from hyte.situation import boundaries
from tests.actors_world import build_register, edit_activity, kemi_area, tornio_area
from tests.conftest import SYSTEM
from tests.test_settings import SAFE, run_hyte

KEMI_TOWN_HALL = (65.736, 24.564)  # Valtakatu 26, Kemi
TORNIO_TOWN_HALL = (65.848, 24.146)  # Suensaarenkatu 4, Tornio: on the Torne river, by the Swedish border
HELSINKI_CATHEDRAL = (60.1704, 24.9522)
STOCKHOLM = (59.3293, 18.0686)
TILES = "https://tiles.example.fi/osm/{z}/{x}/{y}.png"


def directives(response) -> dict[str, list[str]]:
    """The response's Content-Security-Policy, directive by directive (their order is not fixed)."""
    parts = [part.split() for part in response["Content-Security-Policy"].split(";") if part.strip()]
    return {name: sources for name, *sources in parts}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_the_boundaries_are_longitude_and_latitude_of_the_real_municipalities():
    assert boundaries.municipality_at(KEMI_TOWN_HALL[1], KEMI_TOWN_HALL[0]) == "240"
    assert boundaries.municipality_at(HELSINKI_CATHEDRAL[1], HELSINKI_CATHEDRAL[0]) == "091"
    assert boundaries.municipality_at(25.7294, 66.5039) == "698"  # Rovaniemi
    assert boundaries.municipality_at(STOCKHOLM[1], STOCKHOLM[0]) is None
    # Simplified for drawing: Tornio's town hall lies just outside its outline, by the river.
    code, distance = boundaries.nearest_municipality(TORNIO_TOWN_HALL[1], TORNIO_TOWN_HALL[0])
    assert code == "851"
    assert distance < 1


def test_a_point_in_the_municipality_is_accepted(world):
    check_map_point(kemi_area(), *KEMI_TOWN_HALL)
    check_map_point(tornio_area(), *TORNIO_TOWN_HALL)  # within the tolerance of its simplified outline
    check_map_point(kemi_area(), None, None)  # no point at all


@pytest.mark.parametrize(
    ("point", "problem"),
    [
        (TORNIO_TOWN_HALL, "The map point is in Tornio, not in Kemi"),
        (HELSINKI_CATHEDRAL, "The map point is in Helsinki, not in Kemi"),
        (STOCKHOLM, "outside Finland"),
        ((65.736, None), "both its latitude and its longitude"),
        ((math.nan, 24.5), "not a place on Earth"),
        ((95.0, 24.5), "not a place on Earth"),
    ],
    ids=["tornio", "helsinki", "stockholm", "half", "nan", "beyond-the-pole"],
)
def test_a_point_elsewhere_is_refused_saying_where_it_is(world, point, problem):
    with pytest.raises(ValidationError, match=problem):
        check_map_point(kemi_area(), *point)


def test_the_form_shows_an_address_outside_the_area_at_its_field_and_saves_nothing(world):
    register = build_register(world)
    walking = register["walking"]
    client = world.client_for("coordinator")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    form = {
        "title": walking.title,
        "providers": [register["seniors"].pk],
        "area": walking.area_id,
        "recurring": "on",
        "schedule": walking.schedule,
        "is_free": "on",
        "latitude": str(TORNIO_TOWN_HALL[0]),
        "longitude": str(TORNIO_TOWN_HALL[1]),
    }
    response = client.post(f"/o/kemi/register/activities/{walking.pk}/", form, HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_latitude_error"' in page
    assert "is in Tornio, not in Kemi" in page
    walking.refresh_from_db()
    assert walking.latitude is None
    form.update(latitude=str(KEMI_TOWN_HALL[0]), longitude=str(KEMI_TOWN_HALL[1]))
    assert client.post(f"/o/kemi/register/activities/{walking.pk}/", form).status_code == 302
    walking.refresh_from_db()
    assert (walking.latitude, walking.longitude) == KEMI_TOWN_HALL


def _placed(world) -> dict:
    register = build_register(world)
    edit_activity(SYSTEM, register["walking"], latitude=KEMI_TOWN_HALL[0], longitude=KEMI_TOWN_HALL[1])
    edit_activity(SYSTEM, register["football"], latitude=TORNIO_TOWN_HALL[0], longitude=TORNIO_TOWN_HALL[1])
    return register


def test_without_a_tile_server_the_finder_is_its_list_and_its_policy_names_no_other_host(world):
    register = _placed(world)
    response = Client().get("/public/fi/activities/")
    page = response.content.decode()
    assert register["walking"].title in page
    assert "finder-map" not in page
    assert "leaflet" not in page
    assert "data-lat" not in page
    assert directives(response)["img-src"] == ["'self'", "data:"]


@override_settings(HYTE_MAP_TILES=TILES)
def test_with_a_tile_server_the_results_are_on_a_map_beside_the_list(world):
    register = _placed(world)
    response = Client().get("/public/en/activities/")
    page = response.content.decode()
    assert '<div class="finder-map-canvas" aria-hidden="true" data-tiles="' + TILES + '"' in page
    assert '<div class="finder-map" id="finder-map" hidden>' in page, "hidden until the script draws it"
    assert 'data-lat="65.736" data-lon="24.564"><a href="/public/en/activities/' + str(register["walking"].pk) in page
    assert page.count("data-lat=") == 2, "only the results with a map point"
    assert '/static/hyte/vendor/leaflet/leaflet.js" defer' in page
    assert '/static/hyte/finder-map.js" defer' in page
    assert '<a href="https://www.openstreetmap.org/copyright" rel="noopener">© OpenStreetMap contributors</a>' in page
    assert "<script>" not in page, "no inline script"
    policy = directives(response)
    assert policy["img-src"] == ["'self'", "data:", "https://tiles.example.fi"]
    assert policy["script-src"] == ["'self'"]
    finnish = Client().get("/public/fi/activities/").content.decode()
    assert 'data-lat="65.736"' in finnish, "not written with a decimal comma in Finnish"
    activity_page = Client().get(f"/public/fi/activities/{register['walking'].pk}/")
    assert directives(activity_page)["img-src"] == ["'self'", "data:"]


@override_settings(HYTE_MAP_TILES=TILES)
def test_no_map_when_no_result_has_a_point(world):
    build_register(world)
    assert not Activity.objects.exclude(latitude=None).exists()
    page = Client().get("/public/fi/activities/").content.decode()
    assert "finder-map" not in page
    assert "leaflet" not in page


def test_the_policy_source_is_the_tile_host_with_subdomains_as_a_wildcard():
    assert tile_source("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png") == "https://*.tile.openstreetmap.org"
    assert tile_source("http://127.0.0.1:8001/tiles/{z}/{x}/{y}.png?key=a") == "http://127.0.0.1:8001"


@pytest.mark.parametrize("template", ["ftp://tiles.example.fi/{z}/{x}/{y}.png", "https://tiles.example.fi/{z}.png"])
def test_a_tile_server_setting_that_is_not_a_template_stops_the_server(template):
    result = run_hyte("check", **SAFE, HYTE_MAP_TILES=template)
    assert result.returncode != 0
    assert "HYTE_MAP_TILES must be an http(s) URL template" in result.stderr
