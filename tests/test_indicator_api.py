from __future__ import annotations

import pytest

from hyte.indicators.services import create_batch, import_bytes
from hyte.regions.models import Area
from tests.conftest import SYSTEM


@pytest.fixture
def values(world):
    kemi, tornio = (Area.objects.get(kind="municipality", code=c) for c in ("240", "851"))
    data = b"indicator;region;year;gender;primary value;absolute value\n" + b"".join(
        b"127;%d;%d;total;%d;\n" % (a.sotkanet_id, y, 1000 + y) for a in (kemi, tornio) for y in (2010, 2011)
    )
    import_bytes(
        actor=SYSTEM, batch=create_batch(actor=SYSTEM, organisation=None, source="test"), data=data, shared=True
    )
    return world


def test_observations_filter_by_area_and_year(values, client):
    url = "/api/v1/observations?indicator=sotkanet:127&area=municipality:240&year=2011"
    body = client.get(url).json()
    assert body["count"] == 1
    assert body["items"][0] | {} == {
        "indicator": values.shared_indicator.pk,
        "source": "sotkanet",
        "source_id": "127",
        "area_kind": "municipality",
        "area_code": "240",
        "year": 2011,
        "period": "",
        "gender": "total",
        "age_group": "",
        "value": 3011.0,
        "absolute_value": None,
        "ci_low": None,
        "ci_high": None,
        "missing_reason": "",
    }


def test_observations_as_csv_carry_their_source(values, client):
    response = client.get("/api/v1/observations.csv?indicator=sotkanet:127&area=municipality:851")
    lines = response.getvalue().decode().splitlines()
    assert response["Content-Type"].startswith("text/csv")
    assert lines[0].startswith("indicator;indicator_title;area_kind")
    assert len(lines) == 3
    assert lines[1].endswith("THL, Sotkanet.fi (CC BY 4.0)")


def test_an_unknown_area_matches_nothing(values, client):
    body = client.get("/api/v1/observations?indicator=sotkanet:127&area=municipality:999").json()
    assert body["count"] == 0


def test_indicators_search(values, client):
    body = client.get("/api/v1/indicators?q=127").json()
    assert [i["source_id"] for i in body["items"]] == ["127"]
    own = client.get(f"/api/v1/indicators/{values.own_indicator.pk}")
    assert own.status_code == 404  # anonymous: an organisation's own indicator is not public
    values_client = values.client_for("reader")
    assert values_client.get(f"/api/v1/indicators/{values.own_indicator.pk}").json()["organisation"] == "kemi"


def test_the_kind_of_an_indicator_id_is_explicit(values, client):
    """Sotkanet's ids and Hyte's overlap: a bare number silently meant Hyte's indicator of that id."""
    own_pk = values.own_indicator.pk
    refused = client.get(f"/api/v1/observations?indicator={values.shared_indicator.pk}")
    assert refused.status_code == 400
    assert "sotkanet:" in refused.json()["detail"]
    by_hyte_id = client.get(f"/api/v1/observations?indicator=id:{values.shared_indicator.pk}").json()
    by_sotkanet_id = client.get("/api/v1/observations?indicator=sotkanet:127").json()
    assert by_hyte_id["count"] == by_sotkanet_id["count"] == 4
    assert client.get("/api/v1/observations?indicator=sotkanet:683").status_code == 404  # not in this catalogue
    assert client.get("/api/v1/observations?indicator=own:KH1").status_code == 404  # anonymous: not Kemi's own
    assert client.get(f"/api/v1/observations?indicator=id:{own_pk}").status_code == 404
    assert client.get("/api/v1/observations?indicator=size:7").status_code == 400


@pytest.mark.django_db
def test_an_organisations_indicator_sets_are_listed_for_the_situation_endpoint(world, client):
    client.force_login(world.users["reader"])
    sets = client.get("/api/v1/organisations/kemi/indicator-sets").json()
    own = next(s for s in sets if s["id"] == world.indicator_set.pk)
    assert own["national"] is False
    assert own["indicators"] == list(
        world.indicator_set.items.order_by("position").values_list("indicator_id", flat=True)
    )
    picture = client.get(f"/api/v1/organisations/kemi/situation?set={own['id']}").json()
    assert picture["indicator_set"]["id"] == own["id"]
    client.logout()
    assert client.get("/api/v1/organisations/kemi/indicator-sets").status_code == 401


def test_the_csv_is_cut_into_pages_with_a_link_to_the_next(values, client):
    """An anonymous request cannot ask for the whole table at once (31 MB from 856 bytes): at most 50,000 rows
    a request, and the Link header leads on."""
    first = client.get("/api/v1/observations.csv?indicator=sotkanet:127&limit=1")
    assert len(first.getvalue().decode().splitlines()) == 2
    link = first["Link"]
    assert link.endswith('>; rel="next"')
    assert "offset=1" in link
    following = client.get(link[1 : link.index(">")])
    assert following.status_code == 200
    assert len(following.getvalue().decode().splitlines()) == 2
    too_many = client.get("/api/v1/observations.csv?indicator=sotkanet:127&limit=50001")
    assert too_many.status_code == 422


def test_anonymous_api_use_is_rate_limited(values, client, settings):
    from hyte.api.throttling import AnonymousThrottle

    assert AnonymousThrottle().num_requests == 120  # the default: 120 a minute
    answers = [client.get("/api/v1/areas?limit=1").status_code for _ in range(121)]
    assert answers[:120] == [200] * 120
    assert answers[120] == 429
    limited = client.get("/api/v1/areas?limit=1")
    assert int(limited["Retry-After"]) > 0
