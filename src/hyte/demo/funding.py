"""The demo's HYTE coefficient: the shipped municipal and county models, computed for every municipality and county
from the bundled Sotkanet data, with SYNTHETIC TEAviisari values (invented by a seeded generator, stored as
synthetic and labelled so wherever they are shown: THL's real results are not bundled), and a saved what-if
scenario for Kemi ("if our physical activity resources score rose from 62 to 80")."""

from __future__ import annotations

import random

from django.contrib.auth import get_user_model

from hyte.accounts.models import Organisation
from hyte.core.actors import DEMO
from hyte.funding import queries
from hyte.funding.models import CoefficientModel, Scenario, TeaviisariValue
from hyte.funding.sectors import TOTAL
from hyte.funding.services import import_teaviisari, save_scenario
from hyte.funding.shipped import load_shipped
from hyte.regions.models import Area, AreaKind

SCENARIO_TITLE = "Liikunnan voimavarat 62 → 80 (demo)"
KEMI_CHANGE = {"tea-liikunta-voimavarat": 80.0}
KEMI_PHYSICAL_ACTIVITY = 62.0
SURVEY_YEARS = {"kuntajohto": 2023, "perusopetus": 2022, "liikunta": 2022, "kulttuuri": 2023, "hyvinvointialue": 2023}


def _synthetic_teaviisari(model: CoefficientModel) -> bytes:
    """A TEAviisari file in THL's layout with invented scores for every municipality, county and the country."""
    rng = random.Random(2026)  # noqa: S311 (invented demo values, not secrets)
    items: dict[str, set[str]] = {}
    for ind in model.indicators.all():
        if ind.source == "teaviisari":
            items.setdefault(ind.sector, {TOTAL}).add(ind.item)
    lines = ["Aluekoodi;Alue;Toimiala;Vuosi;Ulottuvuus;Pisteet"]
    municipalities = Area.objects.filter(kind=AreaKind.MUNICIPALITY, valid_until__isnull=True).order_by("code")
    sums: dict[tuple[str, str], list[float]] = {}
    for area in municipalities:
        level = rng.uniform(35, 85)  # a municipality's own level, so its sectors go together somewhat
        for sector, codes in sorted(items.items()):
            for item in sorted(codes):
                value = KEMI_PHYSICAL_ACTIVITY if area.code == "240" and sector == "liikunta" else level
                value = max(
                    0.0, min(100.0, value + (0 if area.code == "240" and sector == "liikunta" else rng.gauss(0, 12)))
                )
                sums.setdefault((sector, item), []).append(value)
                lines.append(f"{area.code};{area.name_fi};{sector};{SURVEY_YEARS[sector]};{item};{value:.1f}")
    for (sector, item), values in sorted(sums.items()):
        lines.append(f"FI;Koko maa;{sector};{SURVEY_YEARS[sector]};{item};{sum(values) / len(values):.1f}")
    for county in Area.objects.filter(kind=AreaKind.COUNTY, valid_until__isnull=True).order_by("code"):
        lines.append(f"HV{county.code};{county.name_fi};hyvinvointialue;2023;total;{rng.uniform(40, 80):.1f}")
    return ("\n".join(lines) + "\n").encode()


def load_demo_funding() -> int:
    """Idempotent: the models once, the synthetic TEAviisari values once, Kemi's scenario once. Returns the number
    of areas the municipal model covers."""
    load_shipped(actor=DEMO)
    municipal = queries.models_queryset().filter(key="municipal").order_by("version").first()
    if municipal is None:
        return 0
    if not TeaviisariValue.objects.filter(synthetic=True).exists():
        import_teaviisari(
            actor=DEMO, data=_synthetic_teaviisari(municipal), filename="teaviisari-demo.csv", synthetic=True
        )
    for model in queries.latest_models():
        queries.results_for(model)  # computed once here, so the first page is served from the cache
    kemi = Organisation.objects.filter(slug="kemi").first()
    coordinator = get_user_model().objects.filter(username="koordinaattori").first()
    if kemi is not None and kemi.area is not None and not Scenario.objects.filter(title=SCENARIO_TITLE).exists():
        save_scenario(
            actor=coordinator or DEMO,
            organisation=kemi,
            model=municipal,
            area=kemi.area,
            title=SCENARIO_TITLE,
            changes=KEMI_CHANGE,
            shared=True,
        )
    return len(queries.load(municipal).areas)
