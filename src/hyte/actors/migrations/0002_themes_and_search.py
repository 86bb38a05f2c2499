"""The default welfare-concept taxonomy (THL's hyte themes) and target groups, and the full-text search index."""

from django.db import migrations

# (code, Finnish, Swedish, English)
THEMES = [
    ("physical-activity", "Liikunta", "Motion", "Physical activity"),
    ("nutrition", "Ravitsemus", "Kost och näring", "Nutrition"),
    ("mental-wellbeing", "Mielen hyvinvointi", "Psykiskt välbefinnande", "Mental wellbeing"),
    ("loneliness", "Yksinäisyys ja sosiaaliset suhteet", "Ensamhet och sociala relationer",
     "Loneliness and social relationships"),
    ("participation", "Osallisuus", "Delaktighet", "Inclusion and participation"),
    ("substances", "Päihteet ja riippuvuudet", "Rusmedel och beroenden", "Substances and addictions"),
    ("safety", "Turvallisuus ja tapaturmien ehkäisy", "Säkerhet och förebyggande av olycksfall",
     "Safety and injury prevention"),
    ("culture", "Kulttuuri ja harrastukset", "Kultur och fritid", "Culture and hobbies"),
    ("functional-capacity", "Toimintakyky ja kotona pärjääminen", "Funktionsförmåga och att klara sig hemma",
     "Functional capacity and managing at home"),
    ("family", "Perheiden hyvinvointi ja vanhemmuus", "Familjers välbefinnande och föräldraskap",
     "Family wellbeing and parenting"),
    ("work-and-livelihood", "Työ, opiskelu ja toimeentulo", "Arbete, studier och utkomst",
     "Work, studies and livelihood"),
    ("sexual-health", "Seksuaaliterveys", "Sexuell hälsa", "Sexual health"),
    ("sleep-and-rest", "Uni ja palautuminen", "Sömn och återhämtning", "Sleep and recovery"),
    ("environment", "Lähiympäristö ja luonto", "Närmiljö och natur", "Local environment and nature"),
]

TARGET_GROUPS = [
    ("informal-carers", "Omaishoitajat", "Närståendevårdare", "Informal carers"),
    ("unemployed", "Työttömät", "Arbetslösa", "Unemployed people"),
    ("immigrants", "Maahan muuttaneet", "Invandrare", "Immigrants"),
    ("disabilities", "Vammaiset henkilöt", "Personer med funktionsnedsättning", "People with disabilities"),
    ("living-alone", "Yksin asuvat", "Ensamboende", "People living alone"),
    ("long-term-illness", "Pitkäaikaissairaat", "Långtidssjuka", "People with long-term illness"),
    ("recovering", "Mielenterveys- ja päihdekuntoutujat", "Rehabiliteringsklienter inom mentalvård och missbruk",
     "People recovering from mental health or substance problems"),
    ("students", "Opiskelijat", "Studerande", "Students"),
]


def load(apps, schema_editor):
    for model_name, rows in (("Theme", THEMES), ("TargetGroup", TARGET_GROUPS)):
        model = apps.get_model("actors", model_name)
        for position, (code, fi, sv, en) in enumerate(rows):
            model.objects.update_or_create(
                code=code, defaults={"name_fi": fi, "name_sv": sv, "name_en": en, "position": position}
            )


def unload(apps, schema_editor):
    apps.get_model("actors", "Theme").objects.filter(code__in=[row[0] for row in THEMES]).delete()
    apps.get_model("actors", "TargetGroup").objects.filter(code__in=[row[0] for row in TARGET_GROUPS]).delete()


def create_index(apps, schema_editor):
    from hyte.actors.search import create_index as create

    create(schema_editor)


def drop_index(apps, schema_editor):
    from hyte.actors.search import drop_index as drop

    drop(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("actors", "0001_initial")]

    operations = [
        migrations.RunPython(load, unload),
        migrations.RunPython(create_index, drop_index),
    ]
