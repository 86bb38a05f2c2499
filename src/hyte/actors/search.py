"""Text search over activities with the database's own full-text search, picked by the connection's vendor.

- SQLite (the embedded default): an FTS5 table `actors_activity_fts` (rowid = the activity's id) made by the
  migration; the services write each activity's document into it. FTS5 has no Finnish stemmer, so a query word
  loses its commonest case ending (`stem`) and matches as a prefix ("senioreille" → "senior*").
- PostgreSQL: `to_tsvector('finnish', search_document)` with Finnish stemming, over a GIN expression index made by
  the migration; each query word is stemmed and matched as a prefix (`to_tsquery('finnish', 'sana:*')`).

Either way the document is `Activity.search_document`, built by `document()` and kept current by the services
(`reindex`): titles and descriptions in every language, the place, the providers, themes and target groups. The
themes are the activity's own and, where they are of another welfare concept than its area uses, the area's
concept's themes it counts under (concepts.py), so that text search finds what the area's theme filter finds; a
change of an area's concept rebuilds its activities' documents (`reindex_many`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import QuerySet
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


def reindex_many(activities: QuerySet[Activity], concept_of_area: dict[int, int]) -> int:
    """Rebuild the documents of many activities (after an area's concept changed); `concept_of_area` gives each
    activity's area's concept id. Returns how many."""
    from hyte.actors.concepts import ThemeMap

    theme_map = ThemeMap.load()
    ids = list(activities.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        chunk = activities.model._default_manager.filter(pk__in=ids[start : start + 500])
        for activity in chunk.prefetch_related("providers", "themes", "target_groups"):
            counterparts = _counterparts(activity, theme_map, concept_of_area[activity.area_id])
            _store(activity, document(activity, counterparts))
    return len(ids)


def _store(activity: Activity, text: str) -> None:
    type(activity)._default_manager.filter(pk=activity.pk).update(search_document=text)
    activity.search_document = text
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [activity.pk])  # noqa: S608
            cursor.execute(f"INSERT INTO {FTS_TABLE} (rowid, body) VALUES (%s, %s)", [activity.pk, text])  # noqa: S608


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


def matching(query: str) -> RawSQL | None:
    """A subquery of the ids of activities matching every word of `query`; None when it has no words."""
    found = words(query)
    if not found:
        return None
    if connection.vendor == "postgresql":
        terms = " & ".join(f"{word}:*" for word in found)
        return RawSQL(
            "SELECT id FROM actors_activity WHERE to_tsvector('finnish', search_document) @@ to_tsquery('finnish', %s)",
            [terms],
        )
    terms = " ".join(f'"{stem(word)}"*' for word in found)
    return RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [terms])  # noqa: S608, S611


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
