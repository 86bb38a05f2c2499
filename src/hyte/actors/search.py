"""Text search over activities with the database's own full-text search, picked by the connection's vendor.

- SQLite (the embedded default): an FTS5 table `actors_activity_fts` (rowid = the activity's id) made by the
  migration; the services write each activity's document into it. FTS5 has no Finnish stemmer, so a query word
  loses its commonest case ending (`stem`) and matches as a prefix ("senioreille" → "senior*").
- PostgreSQL: `to_tsvector('finnish', search_document)` with Finnish stemming, kept in a stored generated column
  `search_vector` with a GIN index (migration 0008); each query word is stemmed and matched as a prefix
  (`to_tsquery('finnish', 'sana:*')`).

Either way the document is `Activity.search_document`, built by `document()` and kept current by the services
(`reindex`): titles and descriptions in every language, the place, the providers, themes and target groups. The
themes are the activity's own and, where they are of another welfare concept than its area uses, the area's
concept's themes it counts under (concepts.py), so that text search finds what the area's theme filter finds; a
change of an area's concept rebuilds its activities' documents (`rebuild`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

if TYPE_CHECKING:
    from hyte.actors.concepts import ThemeMap
    from hyte.actors.models import Activity, Theme

FTS_TABLE = "actors_activity_fts"
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 8


def document(activity: Activity, counterparts: Iterable[Theme] = ()) -> str:
    """What search reads of an activity (its relations prefetched or fetched here); `counterparts` are the themes
    of its area's concept that it counts under through the mapping."""
    parts: list[str] = [
        activity.title,
        activity.title_sv,
        activity.title_en,
        activity.description,
        activity.description_sv,
        activity.description_en,
        activity.place,
        activity.address,
    ]
    for provider in activity.providers.all():
        parts += [provider.name, provider.name_sv]
    for theme in activity.themes.all():
        parts += [theme.name_fi, theme.name_sv, theme.name_en]
    for theme in counterparts:
        parts += [theme.name_fi, theme.name_sv, theme.name_en]
    for group in activity.target_groups.all():
        parts += [group.name_fi, group.name_sv, group.name_en]
    return "\n".join(part for part in parts if part)


def _counterparts(activity: Activity, theme_map: ThemeMap, concept_id: int) -> list[Theme]:
    own = {theme.pk for theme in activity.themes.all()}
    under = theme_map.counted_under(concept_id, own) - own
    return sorted((theme_map.themes[pk] for pk in under), key=lambda theme: (theme.position, theme.code))


def reindex(activity: Activity) -> None:
    """Store the activity's document and, on SQLite, its row of the FTS table."""
    from hyte.actors.concepts import ThemeMap, concept_for_area

    concept = concept_for_area(activity.area)
    _store(activity, document(activity, _counterparts(activity, ThemeMap.load(), concept.pk)))


def _store(activity: Activity, text: str) -> None:
    type(activity)._default_manager.filter(pk=activity.pk).update(search_document=text)
    activity.search_document = text
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [activity.pk])  # noqa: S608
            cursor.execute(f"INSERT INTO {FTS_TABLE} (rowid, body) VALUES (%s, %s)", [activity.pk, text])  # noqa: S608


def rebuild(activities: QuerySet[Activity], *, chunk: int = 1000) -> int:
    """Rebuild the documents (and SQLite's FTS rows) of many activities at once, a chunk at a time, each with the
    counterparts in its area's concept as `reindex` writes them: after a bulk load or a change of an area's concept,
    where writing them one by one would take a query per activity and relation. Returns how many."""
    from hyte.actors.concepts import ThemeMap, concept_ids_of_areas

    model = activities.model
    theme_map = ThemeMap.load()
    concept_of_area = concept_ids_of_areas(set(activities.values_list("area_id", flat=True)))
    done = 0
    found = activities.order_by("pk").prefetch_related("providers", "themes", "target_groups")
    batch: list[Activity] = []
    for activity in found.iterator(chunk_size=chunk):
        counterparts = _counterparts(activity, theme_map, concept_of_area[activity.area_id])
        activity.search_document = document(activity, counterparts)
        batch.append(activity)
        if len(batch) == chunk:
            done += _write(model, batch)
            batch = []
    return done + (_write(model, batch) if batch else 0)


def _write(model: Any, batch: list[Activity]) -> int:
    model._default_manager.bulk_update(batch, ["search_document"])
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            ids = [(activity.pk,) for activity in batch]
            cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", ids)  # noqa: S608
            rows = [(activity.pk, activity.search_document) for activity in batch]
            cursor.executemany(f"INSERT INTO {FTS_TABLE} (rowid, body) VALUES (%s, %s)", rows)  # noqa: S608
    return len(batch)


# Finnish case and plural endings, longest first: a crude stemmer for FTS5's prefix queries.
_ENDINGS = sorted(
    (
        *("eille", "eilla", "eiden", "itten", "iden", "ille", "illa", "illä", "issa", "issä", "ista", "istä"),
        *("ien", "ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "ksi", "tta", "ttä"),
        *("na", "nä", "an", "än", "en", "in", "on", "un", "yn", "ön", "ta", "tä", "a", "ä", "t", "n"),
    ),
    key=len,
    reverse=True,
)


def stem(word: str) -> str:
    """The word without its case ending, keeping at least four letters."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def words(query: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(query)][:MAX_WORDS]


def narrow(activities: QuerySet[Activity], query: str) -> QuerySet[Activity]:
    """The activities matching every word of `query`; all of them when it has no words.

    On PostgreSQL the condition is on the activity's own row (its stored `search_vector`), so the planner can
    read the GIN index for a rare word and scan the table for a common one without computing any document's
    vector again. On SQLite the FTS5 table answers the ids."""
    found = words(query)
    if not found:
        return activities
    if connection.vendor == "postgresql":
        terms = " & ".join(f"{word}:*" for word in found)
        # Unqualified: the column is the activity table's alone, whatever alias a subquery gives that table.
        matches = RawSQL("search_vector @@ to_tsquery('finnish', %s)", [terms], output_field=BooleanField())
        return activities.filter(matches)
    terms = " ".join(f'"{stem(word)}"*' for word in found)
    return activities.filter(pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [terms]))  # noqa: S608, S611


def create_index(schema_editor: Any) -> None:
    """For the migration: the FTS table on SQLite, the GIN expression index on PostgreSQL."""
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(body, tokenize='unicode61 remove_diacritics 2')"
        )
    elif vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS actors_activity_search ON actors_activity "
            "USING gin (to_tsvector('finnish', search_document))"
        )


def drop_index(schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS actors_activity_search")


# PostgreSQL keeps each activity's vector in a stored generated column with its own GIN index (migration 0008):
# matching against the stored vector costs nothing per row, where the expression index made every row that the
# planner read outside the index compute `to_tsvector` again (300 ms for a common word over 20,000 activities).
VECTOR_SQL = (
    "ALTER TABLE actors_activity ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('finnish', search_document)) STORED",
    "CREATE INDEX IF NOT EXISTS actors_activity_search_vector ON actors_activity USING gin (search_vector)",
    "DROP INDEX IF EXISTS actors_activity_search",
)


def create_vector(schema_editor: Any) -> None:
    """For migration 0008: the stored vector and its index on PostgreSQL (nothing on SQLite)."""
    if schema_editor.connection.vendor == "postgresql":
        for statement in VECTOR_SQL:
            schema_editor.execute(statement)


def drop_vector(schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE actors_activity DROP COLUMN IF EXISTS search_vector")
        create_index(schema_editor)
