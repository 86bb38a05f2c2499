"""Welfare concepts: the existing themes become the default concept, THL's hyte themes; a theme's code is unique
within its concept; a theme of another concept maps to THL's closest themes; an area may choose its concept.
Pohjois-Pohjanmaa's welfare concept (seed 001) is loaded from the bundled file."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

THL = {
    "code": "thl-hyte",
    "name_fi": "THL:n hyte-teemat",
    "name_sv": "THL:s teman för främjande av välfärd och hälsa",
    "name_en": "THL hyte themes",
    "source": "Terveyden ja hyvinvoinnin laitos (THL)",
    "description": (
        "Oletuskäsite: hyvinvoinnin ja terveyden edistämisen teemat, joiden mukaan rekisteri luokittelee toiminnan. "
        "Muiden hyvinvointikäsitteiden teemat rinnastetaan näihin, jotta valtakunnalliset näkymät puhuvat samaa kieltä."
    ),
}


def create_default(apps, schema_editor):
    apps.get_model("actors", "WelfareConcept").objects.update_or_create(
        code=THL["code"], defaults={**THL, "is_default": True}
    )


def assign_themes(apps, schema_editor):
    concept = apps.get_model("actors", "WelfareConcept").objects.get(is_default=True)
    apps.get_model("actors", "Theme").objects.filter(concept__isnull=True).update(concept=concept)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # before the table is altered again


def load_pohjois_pohjanmaa(apps, schema_editor):
    from hyte.actors.concept_file import BUNDLED, parse

    concept_model = apps.get_model("actors", "WelfareConcept")
    theme_model = apps.get_model("actors", "Theme")
    default = concept_model.objects.get(is_default=True)
    targets = {theme.code: theme for theme in theme_model.objects.filter(concept=default)}
    spec = parse(BUNDLED.read_bytes(), default_codes=set(targets), default_concept=default.code)
    concept, _created = concept_model.objects.update_or_create(
        code=spec.code,
        defaults={
            "name_fi": spec.name_fi,
            "name_sv": spec.name_sv,
            "name_en": spec.name_en,
            "source": spec.source,
            "description": spec.description,
        },
    )
    for position, item in enumerate(spec.themes):
        theme, _created = theme_model.objects.update_or_create(
            concept=concept,
            code=item.code,
            defaults={"name_fi": item.name_fi, "name_sv": item.name_sv, "name_en": item.name_en, "position": position},
        )
        theme.maps_to.set([targets[code] for code in item.maps_to])


def unload_pohjois_pohjanmaa(apps, schema_editor):
    concept_model = apps.get_model("actors", "WelfareConcept")
    apps.get_model("actors", "Theme").objects.filter(concept__code="pohjois-pohjanmaa").delete()
    concept_model.objects.filter(code="pohjois-pohjanmaa").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0005_support_paths"),
        ("regions", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="WelfareConcept",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.SlugField(max_length=60, unique=True, verbose_name="code")),
                ("name_fi", models.CharField(max_length=200, verbose_name="name in Finnish")),
                ("name_sv", models.CharField(blank=True, max_length=200, verbose_name="name in Swedish")),
                ("name_en", models.CharField(blank=True, max_length=200, verbose_name="name in English")),
                ("source", models.CharField(blank=True, max_length=500, verbose_name="source")),
                ("description", models.TextField(blank=True, verbose_name="description")),
                ("is_default", models.BooleanField(default=False, verbose_name="the default concept")),
            ],
            options={
                "verbose_name": "welfare concept",
                "verbose_name_plural": "welfare concepts",
                "ordering": ["-is_default", "name_fi"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("is_default", True)), fields=("is_default",), name="one_default"
                    )
                ],
            },
        ),
        migrations.RunPython(create_default, migrations.RunPython.noop),
        migrations.AddField(
            model_name="theme",
            name="concept",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="themes",
                to="actors.welfareconcept",
                verbose_name="welfare concept",
            ),
        ),
        migrations.RunPython(assign_themes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="theme",
            name="concept",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="themes",
                to="actors.welfareconcept",
                verbose_name="welfare concept",
            ),
        ),
        migrations.AlterField(
            model_name="theme",
            name="code",
            field=models.SlugField(max_length=60, verbose_name="code"),
        ),
        migrations.AddConstraint(
            model_name="theme",
            constraint=models.UniqueConstraint(fields=("concept", "code"), name="theme_code_unique_in_concept"),
        ),
        migrations.AddField(
            model_name="theme",
            name="maps_to",
            field=models.ManyToManyField(
                blank=True,
                related_name="mapped_from",
                to="actors.theme",
                verbose_name="closest themes of the default concept",
            ),
        ),
        migrations.AlterModelOptions(
            name="theme",
            options={
                "ordering": ["concept_id", "position", "code"],
                "verbose_name": "theme",
                "verbose_name_plural": "themes",
            },
        ),
        migrations.CreateModel(
            name="AreaConcept",
            fields=[
                (
                    "area",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="welfare_concept",
                        serialize=False,
                        to="regions.area",
                        verbose_name="area",
                    ),
                ),
                ("chosen_at", models.DateTimeField(verbose_name="chosen")),
                (
                    "chosen_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "concept",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="areas",
                        to="actors.welfareconcept",
                        verbose_name="welfare concept",
                    ),
                ),
            ],
            options={
                "verbose_name": "welfare concept of an area",
                "verbose_name_plural": "welfare concepts of areas",
            },
        ),
        migrations.RunPython(load_pohjois_pohjanmaa, unload_pohjois_pohjanmaa),
    ]
