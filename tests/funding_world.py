"""The coefficient on top of the `world` fixture: a national body (THL) with a coordinator and a reader, a small
hand-computable municipal model (one TEAviisari process indicator, one Sotkanet outcome indicator), values for
Kemi, Tornio and Rovaniemi and their residents.

Hand computation (tests/test_funding.py relies on it). TEAviisari kuntajohto total 2023: Kemi 80, Tornio 40,
Rovaniemi 60 → min–max 100, 0, 50; every other municipality has none → the mean 50. Outcome (Sotkanet 3219,
lower is better) 2012: Kemi 10, Tornio 20, Rovaniemi 30 → 100, 50, 0; the others 50. Parts ½ and ½: Kemi 100,
Tornio 25, Rovaniemi 25, the 305 others 50. Ranks: Kemi 1, the others 2, Tornio and Rovaniemi 307 (a tie).
Residents 2022: Kemi 20 000, Tornio 21 000, Rovaniemi 64 000 (the others unknown): the population-weighted mean
score is 4 125 000 / 105 000, so Kemi gets 10 € × 20 000 × 100 × 105 000 / 4 125 000.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from hyte.accounts import services as accounts
from hyte.accounts.models import Organisation, OrganisationKind
from hyte.accounts.roles import Role
from hyte.funding.models import CoefficientModel
from hyte.funding.services import import_model, import_teaviisari
from hyte.indicators.parsing import Mapping
from hyte.indicators.services import create_batch, import_bytes, load_catalogue
from hyte.regions.models import Area, AreaKind
from tests.conftest import SYSTEM, make_user

KEMI, TORNIO, ROVANIEMI = "240", "851", "698"
KEMI_EUROS = 10 * 20000 * 100 * 105000 / 4125000


def small_model(**changes: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "format": "hyte-coefficient-model",
        "format_version": 1,
        "key": "test-municipal",
        "kind": "municipal",
        "funding_year": 2024,
        "name": {"fi": "Testimalli", "sv": "Testmodell"},
        "parts": {"process": 0.5, "outcome": 0.5},
        "missing_data": "mean",
        "euros": {"rule": "per_resident", "base_price": 10, "population_year": 2022},
        "provisional": False,
        "sources": [{"title": "Käsin laskettu testi"}],
        "indicators": [
            {
                "code": "leadership",
                "part": "process",
                "title": {"fi": "Kuntajohto", "sv": "Kommunledningen"},
                "source": {"kind": "teaviisari", "sector": "kuntajohto", "item": "total"},
                "data_years": [2023],
                "scaling": {"rule": "minmax"},
                "weight": 1,
                "direction": "higher",
            },
            {
                "code": "outside-education",
                "part": "outcome",
                "title": {"fi": "Koulutuksen ulkopuolella", "sv": "Utanför utbildning"},
                "source": {"kind": "sotkanet", "id": 3219},
                "data_years": [2012],
                "scaling": {"rule": "minmax"},
                "weight": 1,
                "direction": "lower",
            },
        ],
    }
    document.update(changes)
    return document


TEAVIISARI_CSV = (
    b"Aluekoodi;Alue;Toimiala;Vuosi;Ulottuvuus;Pisteet\n"
    b"240;Kemi;Kuntajohto;2023;Kokonaispisteet;80\n"
    b"851;Tornio;Kuntajohto;2023;Kokonaispisteet;40\n"
    b"698;Rovaniemi;Kuntajohto;2023;Kokonaispisteet;60\n"
    b"HV21;Lappi;Kuntajohto;2023;Kokonaispisteet;55\n"
    b"FI;Koko maa;Kuntajohto;2023;Kokonaispisteet;62,5\n"
)


@dataclass
class FundingWorld:
    thl: Organisation
    national: Any  # THL's coordinator: administers models
    national_reader: Any
    model: CoefficientModel


def _values(indicator: str, rows: str) -> None:
    import_bytes(
        actor=SYSTEM,
        batch=create_batch(actor=SYSTEM, organisation=None, source="test"),
        data=f"kunta;arvo;vuosi\n{rows}".encode(),
        mapping=Mapping(area=0, value=1, year=2, indicator_fixed=indicator, area_reading="code"),
        shared=True,
    )


def build_funding(world: Any) -> FundingWorld:
    thl = Organisation.objects.filter(
        slug="thl"
    ).first() or accounts.create_organisation(  # national_world may have made it
        actor=SYSTEM, name="THL", kind=OrganisationKind.NATIONAL, slug="thl"
    )
    national, reader = make_user("thl-coordinator"), make_user("thl-reader")
    accounts.add_member(actor=SYSTEM, organisation=thl, user=national, role=Role.COORDINATOR)
    accounts.add_member(actor=SYSTEM, organisation=thl, user=reader, role=Role.READER)
    load_catalogue(
        actor=SYSTEM,
        entries=[{"id": 3219, "title": {"fi": "Koulutuksen ulkopuolelle jääneet 17–24-vuotiaat", "sv": "", "en": ""}}],
    )
    _values("3219", f"{KEMI};10;2012\n{TORNIO};20;2012\n{ROVANIEMI};30;2012\n")
    _values("127", f"{KEMI};20000;2022\n{TORNIO};21000;2022\n{ROVANIEMI};64000;2022\n")
    import_teaviisari(actor=SYSTEM, data=TEAVIISARI_CSV, filename="teaviisari.csv")
    model = import_model(actor=SYSTEM, data=json.dumps(small_model()))
    world.users["national"] = national
    world.users["national_reader"] = reader
    return FundingWorld(thl=thl, national=national, national_reader=reader, model=model)


def area(code: str) -> Area:
    return Area.objects.get(kind=AreaKind.MUNICIPALITY, code=code)
