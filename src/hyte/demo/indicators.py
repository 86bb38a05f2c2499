"""The bundled real demo data: the Sotkanet catalogue and values (CC BY 4.0)."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hyte.core.actors import CATALOGUE, DEMO
from hyte.indicators.catalogue import CatalogueResult
from hyte.indicators.models import ImportBatch, ImportStatus
from hyte.indicators.parsing import Mapping
from hyte.indicators.services import create_batch, import_bytes, load_catalogue

DATA = Path(__file__).resolve().parent.parent / "indicators" / "data"


@dataclass
class DemoDataResult:
    catalogue: CatalogueResult
    batches: list[ImportBatch] = field(default_factory=list)


def load_demo_indicators(*, on_step: Callable[[str], None] | None = None) -> DemoDataResult:
    catalogue = json.loads((DATA / "indicators-2016.json").read_text(encoding="utf-8"))
    metadata = json.loads((DATA / "indicator-metadata-2025-09.json").read_text(encoding="utf-8"))["indicators"]
    result = DemoDataResult(catalogue=load_catalogue(actor=CATALOGUE, entries=catalogue, metadata=metadata))
    files: list[tuple[str, bytes, Mapping | None]] = [
        (
            "municipal-indicators-1990-2012.csv.gz",
            gzip.decompress((DATA / "municipal-indicators-1990-2012.csv.gz").read_bytes()),
            None,
        ),
        (
            "region-indicators-1990-2012.csv.gz",
            gzip.decompress((DATA / "region-indicators-1990-2012.csv.gz").read_bytes()),
            None,
        ),
        (
            "population-indicator-127-2000-2022.csv",
            (DATA / "population-indicator-127-2000-2022.csv").read_bytes(),
            Mapping(area=0, value=1, year=2, indicator_fixed="127", area_reading="code"),
        ),
        # Recent values with county and country rows (regions of kinds Hyte does not track are rejected).
        (RECENT_DIABETES, (DATA / RECENT_DIABETES).read_bytes(), None),
        (RECENT_COUNTIES, (DATA / RECENT_COUNTIES).read_bytes(), None),
    ]
    for name, data, mapping in files:
        if ImportBatch.objects.filter(source="demo", filename=name, status=ImportStatus.DONE).exists():
            continue  # loaded on an earlier run; the demo's files do not change
        if on_step:
            on_step(name)
        batch = create_batch(actor=DEMO, organisation=None, source="demo", filename=name)
        result.batches.append(import_bytes(actor=DEMO, batch=batch, data=data, mapping=mapping, shared=True))
    migration = _own_net_migration(on_step)
    if migration is not None:
        result.batches.append(migration)
    _demo_sets_and_rules()
    return result


DEMO_SET = "Hyvinvointikertomuksen ydinindikaattorit (demo)"
COUNTY_SET = "Hyvinvointialueen tilannekuva (demo)"
RECENT_DIABETES = "indicator-683-all-region-kinds-2015-2023.csv"
RECENT_COUNTIES = "counties-country-2020-2025.csv"
NET_MIGRATION = "net-migration-per-1000-1990-2024-wide.csv"
NET_MIGRATION_TITLE = "Kuntien välinen nettomuutto / 1 000 asukasta (1990–2024)"


def _own_net_migration(on_step: Callable[[str], None] | None) -> ImportBatch | None:
    """Kemi's own indicator from a wide file (one column per year) that names no indicator: an own import."""
    from hyte.accounts.models import Organisation

    kemi = Organisation.objects.filter(slug="kemi").first()
    if kemi is None or ImportBatch.objects.filter(source="demo", filename=NET_MIGRATION).exists():
        return None
    if on_step:
        on_step(NET_MIGRATION)
    batch = create_batch(actor=DEMO, organisation=kemi, source="demo", filename=NET_MIGRATION)
    return import_bytes(
        actor=DEMO,
        batch=batch,
        data=(DATA / NET_MIGRATION).read_bytes(),
        mapping=Mapping(area=1, area_check=0, indicator_fixed=NET_MIGRATION_TITLE, area_reading="code"),
        create_missing=True,
    )


def _demo_sets_and_rules() -> None:
    """A national set of the indicators with municipal data, and one rule for Kemi."""
    from hyte.accounts.models import Organisation
    from hyte.indicators import services as indicator_services
    from hyte.indicators.models import Indicator, IndicatorSet
    from hyte.situation.models import Rule
    from hyte.situation.services import create_rule

    indicator_set = IndicatorSet.objects.filter(name=DEMO_SET, organisation=None).first()
    if indicator_set is None:
        indicator_set = indicator_services.create_indicator_set(actor=DEMO, organisation=None, name=DEMO_SET)
        with_data = (
            Indicator.objects.filter(
                source="sotkanet", organisation=None, observations__area__kind__in=["municipality", "county"]
            )
            .distinct()
            .order_by("title_fi")
        )
        for indicator in with_data:
            indicator_services.add_to_set(actor=DEMO, indicator_set=indicator_set, indicator=indicator)
    lappi = Organisation.objects.filter(slug="lappi").first()
    if lappi is not None and not IndicatorSet.objects.filter(organisation=lappi).exists():
        # The county's own set: the indicators with values for counties, so that its picture opens filled.
        county_set = indicator_services.create_indicator_set(actor=DEMO, organisation=lappi, name=COUNTY_SET)
        with_county_data = (
            Indicator.objects.filter(source="sotkanet", organisation=None, observations__area__kind="county")
            .distinct()
            .order_by("title_fi")
        )
        for indicator in with_county_data:
            indicator_services.add_to_set(actor=DEMO, indicator_set=county_set, indicator=indicator)
    kemi = Organisation.objects.filter(slug="kemi").first()
    unemployment = Indicator.objects.filter(source="sotkanet", source_id="181").first()
    if kemi is not None and unemployment is not None and not Rule.objects.filter(organisation=kemi).exists():
        create_rule(
            actor=DEMO,
            organisation=kemi,
            indicator=unemployment,
            condition="above",
            threshold=15.0,
            measure="Työllisyyspalveluiden ja nuorten työpajatoiminnan vahvistaminen",
        )
