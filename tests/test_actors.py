"""The register's model and services: business ids, schedules, the resolver's rules, audit and search."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hyte.accounts.permissions import Action, permissions_for
from hyte.actors import queries, services
from hyte.actors.businessid import check_digit, normalise
from hyte.actors.details import ActorDetails
from hyte.actors.models import Activity, Theme
from hyte.audit.models import AuditEntry
from tests.actors_world import add_activity, build_register, edit_activity, kemi_area, tornio_area
from tests.conftest import SYSTEM


@pytest.fixture(autouse=True)
def _english():
    """The refusals are matched in English (Finnish is the default language)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.mark.parametrize("valid", ["0112038-9", "0201256-6", "112038-9"])
def test_valid_business_ids_pass(valid):
    assert normalise(valid) == valid.zfill(9)


@pytest.mark.parametrize("invalid", ["0112038-8", "0201256-5", "1234567", "12345678-9", "abc-1", "0000010-1"])
def test_invalid_business_ids_are_refused(invalid):
    with pytest.raises(ValidationError):
        normalise(invalid)


def test_remainder_one_is_never_a_valid_check_digit():
    # 0000010: 1·4 = 4 … find digits whose weighted sum leaves 1: 0000003 → 3·2 = 6; 0000100 → 8 → r 8; use search
    digits = next(f"{n:07d}" for n in range(10**6) if check_digit(f"{n:07d}") is None)
    assert sum(int(d) * w for d, w in zip(digits, (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11 == 1
    for last in range(10):
        with pytest.raises(ValidationError):
            normalise(f"{digits}-{last}")


def test_an_actor_with_an_invalid_business_id_is_not_written(world):
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match="check digit"):
        services.create_actor(
            actor=world.users["coordinator"],
            details=ActorDetails(kind="ngo", name="X ry", area=kemi_area(), business_id="0112038-1"),
        )
    assert AuditEntry.objects.count() == before
    assert not queries.actors_of(world.kemi).filter(name="X ry").exists()


def test_a_duplicate_business_id_is_refused(world):
    services.create_actor(
        actor=SYSTEM, details=ActorDetails(kind="ngo", name="A ry", area=kemi_area(), business_id="0112038-9")
    )
    with pytest.raises(ValidationError, match="already"):
        services.create_actor(
            actor=SYSTEM, details=ActorDetails(kind="ngo", name="B ry", area=kemi_area(), business_id="0112038-9")
        )


def test_a_schedule_that_ends_before_it_starts_is_refused(world):
    library = services.create_actor(
        actor=SYSTEM, details=ActorDetails(kind="municipal", name="Kirjasto", area=kemi_area())
    )
    with pytest.raises(ValidationError, match="end before it starts"):
        add_activity(
            SYSTEM,
            title="Kurssi",
            area=kemi_area(),
            providers=[library],
            starts_on=dt.date(2026, 5, 1),
            ends_on=dt.date(2026, 4, 30),
        )
    assert not Activity.objects.filter(title="Kurssi").exists()
    activity = add_activity(
        SYSTEM, title="Kurssi", area=kemi_area(), providers=[library], starts_on=dt.date(2026, 5, 1)
    )
    with pytest.raises(ValidationError, match="end before it starts"):
        edit_activity(SYSTEM, activity, ends_on=dt.date(2026, 1, 1))
    activity.refresh_from_db()
    assert activity.ends_on is None


def test_a_fee_or_free_and_a_recurring_schedule_are_required(world):
    library = services.create_actor(
        actor=SYSTEM, details=ActorDetails(kind="municipal", name="Kirjasto", area=kemi_area())
    )
    with pytest.raises(ValidationError, match="costs"):
        add_activity(SYSTEM, title="A", area=kemi_area(), providers=[library], is_free=False)
    with pytest.raises(ValidationError, match="recurring"):
        add_activity(SYSTEM, title="A", area=kemi_area(), providers=[library], recurring=True)
    with pytest.raises(ValidationError, match="provider"):
        add_activity(SYSTEM, title="A", area=kemi_area(), providers=[])


def test_the_coordinator_keeps_the_register_of_the_area(world):
    register = build_register(world)
    perms = permissions_for(world.users["coordinator"])
    assert perms.can(Action.EDIT, register["library"])
    assert perms.can(Action.EDIT, register["seniors"])  # an NGO's entry in Kemi: the coordinator may correct it
    assert perms.can(Action.HIDE, register["walking"])
    assert not perms.can(Action.EDIT, register["tornio_club"])
    assert not perms.can(Action.EDIT, register["football"])
    assert not perms.can(Action.HIDE, register["football"])
    created = services.create_actor(
        actor=world.users["coordinator"], details=ActorDetails(kind="parish", name="Kemin seurakunta", area=kemi_area())
    )
    assert AuditEntry.objects.filter(action="actor.create", object_id=str(created.pk), organisation=world.kemi).exists()
    with pytest.raises(PermissionDenied):
        services.create_actor(
            actor=world.users["coordinator"], details=ActorDetails(kind="parish", name="Tornio", area=tornio_area())
        )


def test_editors_and_readers_of_the_municipality_read_but_do_not_edit(world):
    register = build_register(world)
    for persona in ("editor", "reader"):
        perms = permissions_for(world.users[persona])
        assert perms.can(Action.VIEW, register["library"])
        assert not perms.can(Action.EDIT, register["library"])
        assert perms.can(Action.VIEW, register["walking"])
        assert not perms.can(Action.VIEW, register["draft"]), "drafts are for those who may edit"
        assert not perms.can(Action.VIEW, register["hidden"])
    outsider = permissions_for(world.users["outsider"])
    assert not outsider.can(Action.VIEW, register["library"])
    assert outsider.can(Action.EDIT, register["football"])  # Tornio's admin keeps Tornio's register


def test_an_ngo_edits_only_its_own_entry_and_activities(world):
    register = build_register(world)
    ngo_user = world.users["ngo"]
    perms = permissions_for(ngo_user)
    assert perms.can(Action.EDIT, register["seniors"])
    assert perms.can(Action.EDIT, register["walking"])
    assert perms.can(Action.VIEW, register["draft"])
    assert not perms.can(Action.EDIT, register["library"])
    assert not perms.can(Action.EDIT, register["reading"])
    assert not perms.can(Action.HIDE, register["walking"]), "hiding is the municipality's"
    services.update_actor(
        actor=ngo_user,
        entry=register["seniors"],
        details=replace(ActorDetails.of(register["seniors"]), contact="puheenjohtaja@example.fi"),
    )
    activity = add_activity(ngo_user, title="Tuolijumppa", area=kemi_area(), providers=[register["seniors"]])
    assert not activity.is_published
    with pytest.raises(PermissionDenied):
        add_activity(ngo_user, title="X", area=kemi_area(), providers=[register["library"]])
    with pytest.raises(PermissionDenied):
        edit_activity(ngo_user, register["reading"], title="Muutettu")
    reader = permissions_for(world.users["ngo_reader"])
    assert reader.can(Action.VIEW, register["seniors"])
    assert not reader.can(Action.EDIT, register["seniors"])
    assert not reader.can(Action.VIEW, register["draft"])


def test_hiding_keeps_the_reason_in_the_log_and_leaves_the_finder(world):
    register = build_register(world)
    walking = register["walking"]
    assert walking in queries.public_activities()
    with pytest.raises(ValidationError, match="reason"):
        services.hide_activity(actor=world.users["coordinator"], activity=walking, reason="  ")
    services.hide_activity(actor=world.users["coordinator"], activity=walking, reason="Vanhentunut ilmoitus")
    entry = AuditEntry.objects.filter(action="activity.hide", object_id=str(walking.pk)).get()
    assert entry.changes["hidden_reason"] == ["", "Vanhentunut ilmoitus"]
    assert entry.organisation == world.kemi
    assert walking not in queries.public_activities()
    with pytest.raises(PermissionDenied):
        services.unhide_activity(actor=world.users["ngo"], activity=walking)
    services.unhide_activity(actor=world.users["admin"], activity=walking)
    assert walking in queries.public_activities()


def test_the_register_lists_drafts_only_to_those_who_keep_it(world):
    register = build_register(world)
    coordinator = queries.activities_of(permissions_for(world.users["coordinator"]), world.kemi)
    reader = queries.activities_of(permissions_for(world.users["reader"]), world.kemi)
    ngo = queries.activities_of(permissions_for(world.users["ngo"]), register["ngo"])
    assert set(coordinator) == {register[k] for k in ("walking", "draft", "reading", "hidden")}
    assert set(reader) == {register["walking"], register["reading"]}
    assert set(ngo) == {register["walking"], register["draft"]}
    hidden = queries.activities_of(
        permissions_for(world.users["coordinator"]), world.kemi, queries.ActivityFilter(status="hidden")
    )
    assert list(hidden) == [register["hidden"]]


def test_every_write_is_audited_and_search_follows_edits(world):
    register = build_register(world)
    walking = register["walking"]
    edit_activity(
        world.users["coordinator"],
        walking,
        title="Kuntokävely",
        themes=Theme.objects.filter(code="nutrition"),
    )
    entry = AuditEntry.objects.filter(action="activity.update", object_id=str(walking.pk)).latest("pk")
    assert entry.changes["title"] == ["Senioreiden kävelyryhmä", "Kuntokävely"]
    assert "themes" in entry.changes
    assert list(queries.public_activities(queries.ActivityFilter(text="kuntokävely"))) == [walking]
    assert list(queries.public_activities(queries.ActivityFilter(text="kävelyryhmä"))) == []
    assert list(queries.public_activities(queries.ActivityFilter(text="ravitsemus"))) == [walking]


def test_text_search_is_the_database_s_own(world):
    """FTS5 on SQLite, to_tsvector('finnish', …) on PostgreSQL; inflected Finnish words find their activity."""
    from django.db import connection

    register = build_register(world)
    sql = str(queries.search.narrow(Activity.objects.all(), "yksinäisyys").query)
    assert ("MATCH" if connection.vendor == "sqlite" else "search_vector @@ to_tsquery('finnish'") in sql
    assert queries.search.narrow(Activity.objects.all(), " ,; ").query.where.children == []  # no words: no condition
    for text in ("yksinäisyys", "kävelyryhmään", "senioreille", "Promenadgrupp", "Kemin Seniorit", "Karihaara"):
        assert register["walking"] in queries.public_activities(queries.ActivityFilter(text=text)), text
    assert list(queries.public_activities(queries.ActivityFilter(text="jalkapallo nuorille"))) == [register["football"]]
    assert not queries.public_activities(queries.ActivityFilter(text="muistikahvila")).exists(), "a draft"
    assert not queries.public_activities(queries.ActivityFilter(text='"); DROP TABLE x; --')).exists()
