"""Insert an archive's rows into this instance, inside the caller's transaction: people matched by e-mail (or
created without a usable password), shared rows found by natural key, every primary key new and every reference
remapped. Anything wrong raises `ArchiveRefused`, and the transaction takes back what was written."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from hyte.accounts.models import Organisation
from hyte.actors.models import Activity, TargetGroup, Theme
from hyte.indicators.models import Indicator
from hyte.regions.models import Area
from hyte.transfer import register
from hyte.transfer.codec import Garbled, decode
from hyte.transfer.reader import Archive, ArchiveRefused
from hyte.transfer.tables import TABLES, USER_FIELDS, USERS_MEMBER, Table, User, is_user, position
from hyte.transfer.tables import user_field as _field

BATCH = 1000


@dataclass
class Loaded:
    organisation: Organisation
    rows: int = 0
    people_created: list[Any] = field(default_factory=list)
    people_matched: int = 0
    warnings: list[str] = field(default_factory=list)
    matched: Counter[str] = field(default_factory=Counter)  # register entries found here already, by table


@contextmanager
def _timestamps_as_given() -> Iterator[None]:
    """The archive's times are kept: `auto_now` and `auto_now_add` would stamp every row with today."""
    changed = []
    for model in [table.model for table in TABLES] + [User]:
        for each in model._meta.concrete_fields:
            if getattr(each, "auto_now", False) or getattr(each, "auto_now_add", False):
                changed.append((each, each.auto_now, each.auto_now_add))  # type: ignore[attr-defined]
                each.auto_now = each.auto_now_add = False  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for each, auto_now, auto_now_add in changed:
            each.auto_now, each.auto_now_add = auto_now, auto_now_add  # type: ignore[attr-defined]


def _shared(archive: Archive) -> dict[type[models.Model], dict[tuple[Any, ...], int]]:
    """The shared rows the archive refers to, by natural key; refuses when areas or indicators are missing."""
    areas = {(kind, code): pk for pk, kind, code in Area.objects.values_list("pk", "kind", "code")}
    national = Indicator.objects.filter(organisation__isnull=True).values_list("pk", "source", "source_id")
    indicators = {(source, source_id): pk for pk, source, source_id in national}
    organisations = {(slug,): pk for pk, slug in Organisation.objects.values_list("pk", "slug")}
    themes = {(code,): pk for pk, code in Theme.objects.values_list("pk", "code")}
    target_groups = {(code,): pk for pk, code in TargetGroup.objects.values_list("pk", "code")}
    for model, what, found, advice in (
        (Area, "areas", areas, "load Finland's areas first (hyte load_areas)"),
        (
            Indicator,
            "national indicators",
            indicators,
            "load the national indicator catalogue first (hyte load_indicators or hyte sotkanet)",
        ),
    ):
        missing = sorted(archive.shared[model] - set(found), key=str)
        if missing:
            names = ", ".join(" ".join(str(part) for part in key) for key in missing[:5])
            more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            raise ArchiveRefused(f"the archive refers to {what} missing in this instance: {names}{more}; {advice}")
    return {Area: areas, Indicator: indicators, Organisation: organisations, Theme: themes, TargetGroup: target_groups}


def _people(archive: Archive, loaded: Loaded) -> dict[int, int]:
    """Old person id → this instance's: the person with the same e-mail (or, without one, username), else new."""
    people: dict[int, int] = {}
    fields = {name: _field(name) for name in USER_FIELDS}
    for number, row in archive.rows(USERS_MEMBER):
        try:
            values = {name: decode(each, row[name]) for name, each in fields.items() if name in row}
            old = row["pk"]
            username = values["username"]
        except (Garbled, KeyError) as exc:
            raise ArchiveRefused(f"line {number} of {USERS_MEMBER}: {exc}") from exc
        email = values.get("email", "")
        match = User._default_manager.filter(email__iexact=email) if email else None
        if match is None or not match.exists():
            match = User._default_manager.filter(username=username, email__iexact=email)
        person = match.order_by("pk").first()
        if person is None:
            values["username"] = _free_username(username)
            person = User(**values)
            person.set_unusable_password()  # signs in after a password reset or an invitation
            person.save()
            loaded.people_created.append(person)
        else:
            loaded.people_matched += 1
        people[old] = person.pk
    return people


def _free_username(wanted: str) -> str:
    name, number = wanted, 1
    while User._default_manager.filter(username=name).exists():
        number += 1
        name = f"{wanted[:140]}-{number}"
    return name


class _Load:
    def __init__(self, archive: Archive, loaded: Loaded, slug: str) -> None:
        self.archive = archive
        self.loaded = loaded
        self.slug = slug
        self.shared = _shared(archive)
        self.people = _people(archive, loaded)
        self.remap: dict[type[models.Model], dict[Any, Any]] = {}
        self.deferred: list[tuple[type[models.Model], Any, dict[str, tuple[type[models.Model], Any]]]] = []
        manifest = archive.manifest
        self.register = register.Matcher(str(manifest.get("origin") or f"hyte-archive:{manifest['organisation']}"))

    def table(self, table: Table) -> None:
        fields = table.fields()
        index = position(table.model)
        remap = self.remap.setdefault(table.model, {})
        batch: list[tuple[Any, models.Model, dict[str, Any]]] = []
        for number, row in self.archive.rows(table.member):
            try:
                built = self.build(table, index, fields, row)
                if built is not None and table.has_pk and (row.get("pk") in remap or row.get("pk") is None):
                    raise Garbled("its primary key is missing or repeated")
            except (Garbled, KeyError, TypeError) as exc:
                raise ArchiveRefused(f"line {number} of {table.member}: {exc}") from exc
            if built is not None:
                batch.append((row.get("pk"), *built))
            if len(batch) >= BATCH:
                self.flush(table, batch)
                batch = []
        self.flush(table, batch)

    def build(
        self, table: Table, index: int, fields: list[models.Field[Any, Any]], row: dict[str, Any]
    ) -> tuple[models.Model, dict[str, Any]] | None:
        values: dict[str, Any] = {}
        later: dict[str, tuple[type[models.Model], Any]] = {}
        if table.owner:
            owner: Any = table.model._meta.get_field(table.owner).related_model
            if row.get(table.owner) in self.register.matched[owner]:
                return None  # a link of an entry found here: it keeps its own
        for each in fields:
            if each.name not in row:
                continue  # written before the field existed: its default
            value = row[each.name]
            if each.is_relation and value is not None:
                target: Any = each.related_model
                if is_user(target):
                    value = self.people[value]
                elif isinstance(value, dict):
                    value = self.shared[target].get(tuple(value["key"]))
                    if value is None:  # another organisation or a term not in this instance: an optional link
                        what = target._meta.model_name
                        self.loaded.warnings.append(
                            f"{table.name}: a link to the {what} {row[each.name]['key'][0]} was left out"
                        )
                        if not each.null:
                            return None
                elif position(target) >= index:
                    later[each.attname] = (target, value)
                    value = None
                else:
                    value = self.remap[target][value]
            elif each.get_internal_type() == "BinaryField" and value is not None:
                value = self.archive.file(value["file"])
            else:
                value = decode(each, value)
            if value is None and not each.null:
                raise Garbled(f"{each.name} is empty but may not be")
            values[each.attname] = value
        if table.model is Organisation:
            values["slug"] = self.slug
        return table.model(**values), later

    def flush(self, table: Table, batch: list[tuple[Any, models.Model, dict[str, Any]]]) -> None:
        if not batch:
            return
        if table.model in register.REGISTER:
            batch, found = self.register.split(table.model, batch)
            self.remap[table.model].update(found)
            if found:
                self.loaded.matched[table.name] += len(found)
        objects = [obj for _old, obj, _later in batch]
        if table.model is Organisation:
            for obj in objects:
                obj.save()  # as the admin would: the public site hears of the new organisation
                self.loaded.organisation = obj  # type: ignore[assignment]
        else:
            table.model._default_manager.bulk_create(objects)
        if table.model is Activity:
            self.register.inserted.extend(obj.pk for obj in objects)
        self.loaded.rows += len(objects)
        if table.has_pk:
            remap = self.remap[table.model]
            for old, obj, later in batch:
                remap[old] = obj.pk
                if later:
                    self.deferred.append((table.model, obj.pk, later))

    def finish(self) -> None:
        for model, pk, later in self.deferred:
            try:
                values = {attname: self.remap[target][old] for attname, (target, old) in later.items()}
            except KeyError as exc:
                raise ArchiveRefused(
                    f"a row of {model._meta.label_lower} refers to a row the archive does not hold"
                ) from exc
            model._default_manager.filter(pk=pk).update(**values)
        self.register.reindex()
        self.loaded.warnings += self.register.warnings


def load(archive: Archive, *, slug: str) -> Loaded:
    """Insert the verified archive as the organisation `slug`; call inside a transaction."""
    if Organisation.objects.filter(slug=slug).exists():
        raise ArchiveRefused(
            f"an organisation with the short name {slug!r} exists already in this instance: import it under "
            "another name (--slug) or remove that organisation first"
        )
    loaded = Loaded(organisation=Organisation())
    with _timestamps_as_given():
        load = _Load(archive, loaded, slug)
        for table in TABLES:
            load.table(table)
        load.finish()
    if loaded.organisation.pk is None:
        raise ArchiveRefused("the archive holds no organisation")
    return loaded
