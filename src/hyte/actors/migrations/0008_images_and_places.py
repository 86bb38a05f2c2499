"""Activities' images; on PostgreSQL the search vector kept in a stored column with its own index (see search.py)."""

import django.db.models.deletion
from django.db import migrations, models

from hyte.actors import search


def create_vector(apps, schema_editor):
    search.create_vector(schema_editor)


def drop_vector(apps, schema_editor):
    search.drop_vector(schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ('actors', '0007_welfare_concepts'),
    ]

    operations = [
        migrations.CreateModel(
            name='ActivityImage',
            fields=[
                ('activity', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='image', serialize=False, to='actors.activity')),
                ('data', models.BinaryField(verbose_name='image')),
                ('content_type', models.CharField(max_length=20)),
                ('width', models.PositiveIntegerField()),
                ('height', models.PositiveIntegerField()),
                ('sha256', models.CharField(max_length=64)),
                ('alt_text', models.CharField(max_length=300, verbose_name='text alternative')),
                ('alt_text_sv', models.CharField(max_length=300, verbose_name='text alternative in Swedish')),
                ('uploaded_at', models.DateTimeField(verbose_name='uploaded')),
            ],
            options={
                'verbose_name': 'activity image',
                'verbose_name_plural': 'activity images',
            },
        ),
        migrations.RunPython(create_vector, drop_vector),
    ]
