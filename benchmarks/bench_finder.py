"""Activity finder benchmark: the public finder's search over 20,000 activities (issue 16: median under 100 ms).

    .venv/bin/python benchmarks/bench_finder.py                       # a temporary SQLite file (FTS5)
    .venv/bin/python benchmarks/bench_finder.py --database postgres   # PostgreSQL at 127.0.0.1:5432, hyte_bench_finder

Data: the real areas; 800 actors (associations, parishes, municipal units, companies) in eight municipalities (Kemi,
Tornio, Rovaniemi, Oulu, Vaasa, Porvoo, Jyväskylä, Helsinki); 20,000 activities written from a vocabulary of
Finnish and Swedish titles, descriptions, villages and schedules, with themes, age groups, target groups,
languages, fees and map points varied by a seeded random generator; 90% published, 2% hidden. The activities are
written in bulk and their search documents built by the product's own `search.rebuild`, as an import would.

Measured, for each query (words and filters as a resident would choose them), 30 times after one warm-up:
- the query function the finder uses: `queries.public_page` (the first 25 results with their providers, themes and
  target groups, and the count of all);
- the finder page itself (`/public/fi/activities/?…`) through Django's test client, DEBUG off.
Printed: the median and the 95th percentile of each, per query and over all queries, and the page's SQL queries.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
# The code next to this file, not whatever `hyte` the virtual environment was installed from (a git worktree
# shares the main checkout's environment).
sys.path.insert(0, str(ROOT / "src"))

from hyte.core.actors import SystemActor  # noqa: E402

SYSTEM = SystemActor("benchmark")
ACTORS = 800
REPEAT = 30

# The queries a resident would make: (label, parameters of the finder's address).
QUERIES: list[tuple[str, dict[str, str]]] = [
    ("yksinäisyys", {"q": "yksinäisyys"}),
    ("liikunta senioreille", {"q": "liikunta senioreille"}),
    ("kävelyryhmä", {"q": "kävelyryhmä"}),
    ("perhe", {"q": "perhe"}),
    ("promenad för seniorer (sv)", {"q": "promenad för seniorer"}),
    ("kuoro, in Swedish", {"q": "kuoro", "language": "sv"}),
    ("liikunta, young, free", {"q": "liikunta", "age": "young", "free": "1"}),
    ("older, free of charge", {"age": "older", "free": "1"}),
    ("children in Oulu", {"age": "children", "municipality": "564"}),
    ("everything (no words)", {}),
]

MUNICIPALITIES = {  # code: (villages or districts, centre latitude, longitude)
    "240": (["Keskusta", "Karihaara", "Sauvosaari", "Hepola", "Ajos", "Syväkangas"], 65.736, 24.564),
    "851": (["Keskusta", "Putaa", "Karunki", "Arpela", "Kivirannta", "Röyttä"], 65.848, 24.146),
    "698": (["Keskusta", "Ounasrinne", "Muurola", "Sinettä", "Saarenkylä", "Ylikylä"], 66.503, 25.729),
    "564": (["Keskusta", "Kaakkuri", "Haukipudas", "Kiiminki", "Tuira", "Ritaharju"], 65.012, 25.465),
    "905": (["Centrum", "Gerby", "Sundom", "Vasklot", "Huutoniemi", "Melláinen"], 63.096, 21.616),
    "638": (["Centrum", "Näse", "Kvarnbacken", "Tolkis", "Kerko", "Hinthaara"], 60.393, 25.665),
    "179": (["Keskusta", "Kortepohja", "Palokka", "Vaajakoski", "Huhtasuo", "Korpilahti"], 62.242, 25.747),
    "091": (["Kallio", "Vuosaari", "Malmi", "Kannelmäki", "Lauttasaari", "Herttoniemi"], 60.170, 24.938),
}

# (Finnish title, Swedish title, themes, usual age groups)
KINDS = [
    ("Kävelyryhmä", "Promenadgrupp", ["physical-activity", "loneliness"], ["older", "working_age"]),
    ("Tuolijumppa", "Stolgymnastik", ["physical-activity", "functional-capacity"], ["older"]),
    ("Vesijumppa", "Vattengymnastik", ["physical-activity"], ["older", "working_age"]),
    ("Kuntosaliryhmä", "Gymgrupp", ["physical-activity", "functional-capacity"], ["older", "working_age"]),
    ("Perhekahvila", "Familjecafé", ["family", "loneliness"], ["children"]),
    ("Vauvaryhmä", "Babygrupp", ["family"], ["children"]),
    ("Perheliikunta", "Familjemotion", ["physical-activity", "family"], ["children"]),
    ("Muistikahvila", "Minnescafé", ["functional-capacity", "loneliness"], ["older"]),
    ("Vertaistukiryhmä", "Kamratstödsgrupp", ["mental-wellbeing"], ["working_age", "older"]),
    ("Nuorten iltakerho", "Kvällsklubb för unga", ["participation", "mental-wellbeing"], ["young"]),
    ("Lukupiiri", "Läscirkel", ["culture", "loneliness"], ["working_age", "older"]),
    ("Kuoro", "Kör", ["culture"], ["working_age", "older", "young"]),
    ("Ruokakurssi", "Matlagningskurs", ["nutrition"], ["working_age", "young"]),
    ("Digituki", "Digistöd", ["participation", "functional-capacity"], ["older"]),
    ("Keskusteluryhmä", "Samtalsgrupp", ["loneliness", "mental-wellbeing"], ["older", "working_age"]),
    ("Työnhakuklubi", "Jobbsökarklubb", ["work-and-livelihood"], ["working_age", "young"]),
    ("Kielikahvila", "Språkcafé", ["participation", "loneliness"], ["working_age"]),
    ("Salibandyvuoro", "Innebandyturer", ["physical-activity"], ["young"]),
    ("Tanssiryhmä", "Dansgrupp", ["physical-activity", "culture"], ["young", "older"]),
    ("Luontoretki", "Naturutflykt", ["environment", "physical-activity"], ["children", "working_age"]),
    ("Unikoulu", "Sömnskola", ["sleep-and-rest"], ["working_age"]),
    ("Päihdetyön ryhmä", "Missbruksvårdens grupp", ["substances", "mental-wellbeing"], ["working_age", "young"]),
    ("Läksykerho", "Läxklubb", ["participation"], ["children", "young"]),
    ("Turvallisuusilta", "Säkerhetskväll", ["safety"], ["older"]),
]
FOR_WHOM = {
    "older": ("senioreille", "för seniorer"),
    "working_age": ("työikäisille", "för personer i arbetsför ålder"),
    "young": ("nuorille", "för unga"),
    "children": ("lapsiperheille", "för barnfamiljer"),
}
SENTENCES_FI = [
    "Tule mukaan omaan tahtiisi, aiempaa kokemusta ei tarvita.",
    "Ryhmässä tutustut uusiin ihmisiin ja saat vertaistukea.",
    "Yksinäisyyteen apua: juttutuokio kahvin kera jokaisen kerran lopuksi.",
    "Ohjaajana toimii koulutettu vapaaehtoinen.",
    "Liikunta virkistää ja ylläpitää toimintakykyä.",
    "Tilat ovat esteettömät, ja avustaja voi tulla mukaan maksutta.",
    "Perheet ovat tervetulleita, myös isovanhemmat.",
    "Kävely sopii kaikille, sauvat voi lainata paikan päältä.",
    "Keskustelemme arjen asioista luottamuksellisesti.",
    "Mukana on myös terveydenhoitaja, jolta voi kysyä neuvoa.",
    "Ilmoittautuminen puhelimitse tai paikan päällä.",
    "Toiminta on osa kunnan hyvinvointisuunnitelmaa.",
    "Syödään yhdessä terveellinen välipala.",
    "Nuoret suunnittelevat itse illan ohjelman.",
    "Harjoittelemme älypuhelimen ja verkkopankin käyttöä.",
]
SENTENCES_SV = [
    "Kom med i din egen takt, ingen tidigare erfarenhet behövs.",
    "I gruppen lär du känna nya människor och får kamratstöd.",
    "Hjälp mot ensamhet: en pratstund med kaffe i slutet av varje träff.",
    "Ledaren är en utbildad frivillig.",
    "Motion piggar upp och upprätthåller funktionsförmågan.",
    "Lokalerna är tillgängliga och en assistent kan följa med gratis.",
    "Familjer är välkomna, också far- och morföräldrar.",
    "Promenaden passar alla, stavar kan lånas på plats.",
    "Vi diskuterar vardagliga saker i förtroende.",
    "Anmälan per telefon eller på plats.",
]
SCHEDULES = [
    "ma 10–11",
    "ti 13–14.30",
    "ke 17–19",
    "to 9–10",
    "pe 12–13",
    "la 10–12",
    "su 14–16",
    "joka toinen ti 18–20",
]
ACTOR_KINDS = [("ngo", "ry"), ("ngo", "ry"), ("ngo", "ry"), ("parish", "seurakunta"), ("municipal", "kaupunki")]
ACTOR_WORDS = [
    "Eläkeläiset",
    "Martat",
    "Seniorit",
    "Nuorisoseura",
    "Urheiluseura",
    "Setlementti",
    "Kylätoimikunta",
    "Mielenterveysseura",
    "Omaishoitajat",
    "Perheliitto",
    "Kansalaisopisto",
    "Kirjasto",
    "Liikuntapalvelut",
]


def setup(database: str, name: str) -> None:
    os.environ.update(
        {
            "SECRET_KEY": "benchmark-" + "f" * 60,
            "DEBUG": "false",
            "ALLOWED_HOSTS": "testserver",
            "SECURE_SSL_REDIRECT": "false",
            "LOG_LEVEL": "WARNING",
            "HYTE_DATA_DIR": tempfile.mkdtemp(prefix="hyte-bench-finder-"),
            "DJANGO_SETTINGS_MODULE": "hyte.settings",
        }
    )
    os.environ["STATIC_ROOT"] = os.environ["HYTE_DATA_DIR"] + "/static"
    if database == "postgres":
        import psycopg
        from psycopg import sql

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{os.environ['HYTE_DATA_DIR']}/bench.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # DEBUG off: the pages name hashed files
    from hyte.regions.services import load_areas

    load_areas(actor=SYSTEM)


def build(count: int) -> None:
    from django.db import connection, transaction

    from hyte.actors import search
    from hyte.actors.models import Activity, Actor, AgeGroup, TargetGroup, Theme
    from hyte.regions.models import Area

    rng = random.Random(612)
    started = time.perf_counter()
    areas = {a.code: a for a in Area.objects.filter(kind="municipality", code__in=MUNICIPALITIES)}
    themes = {t.code: t for t in Theme.objects.all()}
    groups = list(TargetGroup.objects.all())
    actors = []
    for number in range(ACTORS):
        code = rng.choice(list(MUNICIPALITIES))
        kind, suffix = rng.choice(ACTOR_KINDS)
        village = rng.choice(MUNICIPALITIES[code][0])
        actors.append(
            Actor(kind=kind, name=f"{village}n {rng.choice(ACTOR_WORDS)} {number} {suffix}", area=areas[code])
        )
    with transaction.atomic():
        actors = Actor.objects.bulk_create(actors)
        by_area: dict[int, list[Actor]] = {}
        for actor in actors:
            by_area.setdefault(actor.area_id, []).append(actor)
        activities, links = [], []
        for _ in range(count):
            title, title_sv, kind_themes, ages = rng.choice(KINDS)
            age = rng.choice(ages)
            who, who_sv = FOR_WHOM[age]
            code = rng.choice(list(MUNICIPALITIES))
            villages, lat, lon = MUNICIPALITIES[code]
            village = rng.choice(villages)
            free = rng.random() < 0.7
            point = rng.random() < 0.6
            languages = ["fi"] + (["sv"] if code in ("905", "638", "091") or rng.random() < 0.1 else [])
            activities.append(
                Activity(
                    title=f"{title} {who} – {village}",
                    title_sv=f"{title_sv} {who_sv} – {village}" if "sv" in languages else "",
                    description=" ".join(rng.sample(SENTENCES_FI, 3)),
                    description_sv=" ".join(rng.sample(SENTENCES_SV, 2)) if "sv" in languages else "",
                    age_groups=sorted({age, *(rng.sample(list(AgeGroup.values), 1) if rng.random() < 0.2 else [])}),
                    area=areas[code],
                    place=village,
                    address=f"{rng.choice(['Kirkko', 'Koulu', 'Ranta', 'Asema', 'Puisto'])}katu {rng.randint(1, 60)}",
                    latitude=lat + rng.uniform(-0.03, 0.03) if point else None,
                    longitude=lon + rng.uniform(-0.06, 0.06) if point else None,
                    recurring=True,
                    schedule=rng.choice(SCHEDULES),
                    is_free=free,
                    fee="" if free else f"{rng.randint(2, 15)} € / kerta",
                    languages=languages,
                    join_phone=f"040 {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
                    is_published=rng.random() < 0.9,
                    is_hidden=rng.random() < 0.02,
                )
            )
            links.append(
                (
                    rng.sample(by_area[areas[code].pk], 1 if rng.random() < 0.85 else 2),
                    [themes[c] for c in kind_themes],
                    rng.sample(groups, 1) if rng.random() < 0.3 else [],
                )
            )
        activities = Activity.objects.bulk_create(activities, batch_size=2000)
        through = Activity.providers.through, Activity.themes.through, Activity.target_groups.through
        rows: tuple[list, list, list] = ([], [], [])
        for activity, (providers, activity_themes, target_groups) in zip(activities, links, strict=True):
            rows[0].extend(through[0](activity_id=activity.pk, actor_id=p.pk) for p in providers)
            rows[1].extend(through[1](activity_id=activity.pk, theme_id=t.pk) for t in activity_themes)
            rows[2].extend(through[2](activity_id=activity.pk, targetgroup_id=g.pk) for g in target_groups)
        for model, made in zip(through, rows, strict=True):
            model.objects.bulk_create(made, batch_size=5000)
        search.rebuild(Activity.objects.all())
    with connection.cursor() as cursor:  # the planner's statistics, as after a day's autovacuum
        cursor.execute("ANALYZE")
    print(f"built {ACTORS} actors and {count:,} activities in {time.perf_counter() - started:.0f} s")


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def measure(repeat: int) -> tuple[list[float], list[float]]:
    from django.db import connection
    from django.test import Client
    from django.test import RequestFactory as Factory
    from django.test.utils import CaptureQueriesContext

    from hyte.actors import queries
    from hyte.public.finder import PER_PAGE, chosen_filter

    client = Client()
    every_function: list[float] = []
    every_page: list[float] = []
    print(f"{'query':<30} {'found':>6}  {'function median / p95':>22}  {'page median / p95':>18}  {'SQL':>3}")
    for label, params in QUERIES:
        address = "/public/fi/activities/" + (f"?{urlencode(params)}" if params else "")
        chosen = chosen_filter(Factory().get(address))

        def function(chosen: queries.ActivityFilter = chosen) -> int:
            page = queries.public_page(chosen, 1, PER_PAGE)
            return page.paginator.count

        found = function()  # warm-up
        assert client.get(address).status_code == 200
        functions, pages = [], []
        for _ in range(repeat):
            started = time.perf_counter()
            function()
            functions.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                response = client.get(address)
            pages.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        every_function += functions
        every_page += pages
        print(
            f"{label:<30} {found:>6}  {statistics.median(functions):>9.1f} / {percentile(functions, 0.95):>6.1f} ms"
            f"  {statistics.median(pages):>6.1f} / {percentile(pages, 0.95):>6.1f} ms  {len(captured):>3}"
        )
    print(
        f"{'all queries':<30} {'':>6}  {statistics.median(every_function):>9.1f} / "
        f"{percentile(every_function, 0.95):>6.1f} ms  {statistics.median(every_page):>6.1f} / "
        f"{percentile(every_page, 0.95):>6.1f} ms"
    )
    return every_function, every_page


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--db-name", default="hyte_bench_finder", help="the throw-away PostgreSQL database (dropped)")
    parser.add_argument("--activities", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=REPEAT, help="requests per query")
    args = parser.parse_args()
    setup(args.database, args.db_name)
    build(args.activities)
    functions, pages = measure(args.repeat)
    target = 100.0
    verdict = "meets" if statistics.median(pages) < target and statistics.median(functions) < target else "misses"
    print(f"{args.database}: the median under {target:.0f} ms — {verdict} the target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
