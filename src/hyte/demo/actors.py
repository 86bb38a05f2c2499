"""The demo's register of actors and activities in Kemi and Tornio: invented for the demo (no real people's data,
no real business ids), with several activities linked to Kemi's plan and one gap a coordinator can find: nothing
for young people on mental wellbeing in either town."""

from __future__ import annotations

import csv
from pathlib import Path

from hyte.accounts.models import Organisation
from hyte.actors import services
from hyte.actors.details import ActivityDetails, ActorDetails
from hyte.actors.models import Activity, Actor, TargetGroup, Theme
from hyte.core.actors import DEMO
from hyte.regions.models import Area, AreaKind
from hyte.reports.models import Measure

DATA = Path(__file__).parent
KEMI_SPORT = "Kemin liikuntapalvelut"  # the first actor: its entry says the register is loaded


def _rows(name: str) -> list[dict[str, str]]:
    """A data file of the demo register: `;`-separated, with a header; several values in a cell split by spaces."""
    with (DATA / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file, delimiter=";"))


DRAFTS = {"Mielen hyvinvoinnin ilta", "Kaksikielinen leikkipuisto", "Talkoot ja pihapäivät"}
HIDDEN = {"Rajan yli -retket": "Hinta ja aikataulu vanhentuneet, odottaa järjestäjän päivitystä."}
# Activities that carry out a measure of Kemi's current plan: (title, the measure's text starts with)
MEASURE_LINKS = [
    ("Liikuntaneuvonta", "Liikuntaneuvonnan"),
    ("Senioreiden kuntosali", "Liikuntaneuvonnan"),
    ("Kuntokävely meren rannalla", "Liikuntaneuvonnan"),
    ("Aloittelijoiden kuntosalikurssi", "Liikuntaneuvonnan"),
    ("Nuorisotalo Kuilu avoimet illat", "Nuorten aikuisten"),
    ("Nuorten kokeilukeittiö", "Nuorten aikuisten"),
]
NGO_SLUG = "meripuiston-seniorit"  # the NGO that keeps its own entry (demo/people.py creates it)


def load_demo_register() -> tuple[int, int]:
    """The register, once: (actors, activities) created; nothing when it exists already."""
    if Actor.objects.filter(name=KEMI_SPORT).exists():
        return 0, 0
    areas = {a.code: a for a in Area.objects.filter(kind=AreaKind.MUNICIPALITY, code__in=["240", "851"])}
    ngo = Organisation.objects.filter(slug=NGO_SLUG).first()
    actors = {}
    for row in _rows("register_actors.csv"):
        details = ActorDetails(
            kind=row["kind"],
            name=row["name"],
            name_sv=row["name_sv"],
            area=areas[row["municipality"]],
            contact=row["contact"],
        )
        own = ngo if row["key"] == "k-seniors" else None
        actors[row["key"]] = services.create_actor(actor=DEMO, details=details, organisation=own)
    themes = {t.code: t for t in Theme.objects.all()}
    groups = {g.code: g for g in TargetGroup.objects.all()}
    measures = list(Measure.objects.filter(goal__report__organisation__slug="kemi", goal__report__term_start=2025))
    for number, row in enumerate(_rows("register_activities.csv")):
        provider, title = actors[row["actor"]], row["title"]
        activity_details = ActivityDetails(
            title=title,
            title_sv=row["title_sv"],
            description=f"{title}. {provider.name} järjestää, tervetuloa mukaan!",
            description_sv=f"{row['title_sv']}. Arrangör: {provider.name_sv or provider.name}. Välkommen med!",
            area=provider.area,
            place=row["place"],
            age_groups=row["age_groups"].split(),
            recurring=True,
            schedule=row["schedule"],
            is_free=not row["fee"],
            fee=row["fee"],
            languages=row["languages"].split(),
            join_phone=f"040 000 {1000 + number}",  # not a number in use: 040 000 … is the demo's
            is_published=title not in DRAFTS,
        )
        linked = [m for t, starts in MEASURE_LINKS if t == title for m in measures if m.text.startswith(starts)]
        activity = services.create_activity(
            actor=DEMO,
            details=activity_details,
            providers=[provider],
            themes=[themes[code] for code in row["themes"].split()],
            target_groups=[groups[code] for code in row["target_groups"].split()],
            measures=linked,
        )
        if title in HIDDEN:
            services.hide_activity(actor=DEMO, activity=activity, reason=HIDDEN[title])
    return len(actors), Activity.objects.filter(providers__in=actors.values()).distinct().count()
