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
    url = f"/api/v1/observations?indicator={values.shared_indicator.pk}&area=municipality:240&year=2011"
    body = client.get(url).json()
    assert body["count"] == 1
    assert body["items"][0] | {} == {
        "indicator": values.shared_indicator.pk,
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
    response = client.get(f"/api/v1/observations.csv?indicator={values.shared_indicator.pk}&area=municipality:851")
    lines = response.content.decode().splitlines()
    assert response["Content-Type"].startswith("text/csv")
    assert lines[0].startswith("indicator;indicator_title;area_kind")
    assert len(lines) == 3
    assert lines[1].endswith("Lähde: THL, Sotkanet.fi (CC BY 4.0)")


def test_an_unknown_area_matches_nothing(values, client):
    body = client.get(f"/api/v1/observations?indicator={values.shared_indicator.pk}&area=municipality:999").json()
    assert body["count"] == 0


def test_indicators_search(values, client):
    body = client.get("/api/v1/indicators?q=127").json()
    assert [i["source_id"] for i in body["items"]] == ["127"]
    own = client.get(f"/api/v1/indicators/{values.own_indicator.pk}")
    assert own.status_code == 404  # anonymous: an organisation's own indicator is not public
    values_client = values.client_for("reader")
    assert values_client.get(f"/api/v1/indicators/{values.own_indicator.pk}").json()["organisation"] == "kemi"
