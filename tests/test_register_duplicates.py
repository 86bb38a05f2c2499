"""Duplicate actors: found by business id, near-same name, website, phone or e-mail within a municipality; merged
field by field with a record of where each value came from; or marked "not a duplicate"."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from hyte.actors import services
from hyte.actors.details import ActorDetails
from hyte.actors.duplicates import (
    NAME_SIMILARITY,
    likely_duplicates,
    name_similarity,
    normalised_name,
    phones,
)
from hyte.actors.merge_services import mark_not_duplicate, merge_actors
from hyte.actors.models import Activity, Actor, ActorAlias, NotDuplicate
from hyte.actors.queries import ActivityFilter, find_by_source, public_activities
from hyte.audit.models import AuditEntry
from tests.actors_world import add_activity, build_register, kemi_area, tornio_area
from tests.conftest import SYSTEM

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _actor(name: str, area=None, **fields) -> Actor:
    details = ActorDetails(kind="ngo", name=name, area=area or kemi_area(), **fields)
    return services.create_actor(actor=SYSTEM, details=details)


def _imported(name: str, area=None, **fields) -> Actor:
    """An entry as an import or the admin leaves it: past the services' one-business-id check."""
    return Actor.objects.create(kind="ngo", name=name, area=area or kemi_area(), **fields)


def _reasons(organisation, a: Actor, b: Actor) -> set[str] | None:
    for pair in likely_duplicates(organisation):
        if {pair.first.pk, pair.second.pk} == {a.pk, b.pk}:
            return pair.reasons
    return None


# Normalising and comparing ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Kemin Eläkeläiset r.y.", "kemin elakelaiset"),
        ("KEMIN SENIORIT RY", "kemin seniorit"),
        ("Folkhälsan i Kemi rf.", "folkhalsan i kemi"),
        ("Kemin Liikunta Oy", "kemin liikunta"),
        ("Kemin Martat, rekisteröity yhdistys", "kemin martat"),
        ("Kemin seurakunta", "kemin seurakunta"),  # a parish stays a parish
        ("Oy", "oy"),  # nothing but a legal form: kept as it is
    ],
)
def test_names_are_normalised_before_they_are_compared(name, expected):
    assert normalised_name(name) == expected


def test_near_same_names_pass_the_threshold_and_different_ones_do_not():
    def similar(a: str, b: str) -> float:
        return name_similarity(normalised_name(a), normalised_name(b))

    assert similar("Meripuiston Seniorit ry", "Meripuiston Senioorit") >= NAME_SIMILARITY  # a typo
    assert similar("Seniorit Meripuisto", "Meripuiston seniorit") >= NAME_SIMILARITY  # words reordered, inflected
    assert similar("Kemin Seniorit", "Seniorit Kemin ry") == 1.0  # the words in another order
    assert similar("Kemin kirjasto", "Kemin kirkko") < NAME_SIMILARITY
    assert similar("Kemin seurakunta", "Keminmaan seurakunta") < NAME_SIMILARITY
    assert similar("Kemin Pallo", "Tornion Pallo") < NAME_SIMILARITY


def test_phone_numbers_are_read_in_one_form():
    assert phones("puh. +358 40 123 4567, Kotikatu 5, 94100 Kemi") == {"0401234567"}
    assert phones("040-123 4567 (ti–to)") == {"0401234567"}
    assert phones("kirjasto@kemi.fi, 94100 Kemi") == set()


# Finding pairs --------------------------------------------------------------------------------------------------


def test_pairs_are_found_for_their_reasons_within_the_municipality(world):
    register = build_register(world)
    twin = _actor("KEMIN SENIORIT r.y.")  # the NGO's own entry made again by hand
    martat = _actor("Kemin Martat", website="https://www.kemin-martat.fi/")
    marthas = _actor("Marttayhdistys Kemi", website="http://kemin-martat.fi/yhteystiedot")
    singers = _actor("Kuoro Kemin Laulu", contact="Puh. +358 40 765 4321")
    choir = _actor("Kemin Sekakuoro", contact="Soita: 040-765 4321")
    mail_a = _actor("Kemin Shakki", contact="shakki@example.fi")
    mail_b = _actor("Shakkikerho Ratsu", contact="SHAKKI@example.fi")
    tornio_twin = _actor("Kemin kaupunginkirjasto", area=tornio_area())  # same name, another municipality

    assert _reasons(world.kemi, register["seniors"], twin) == {"name"}
    assert _reasons(world.kemi, martat, marthas) == {"website"}
    assert _reasons(world.kemi, singers, choir) == {"phone"}
    assert _reasons(world.kemi, mail_a, mail_b) == {"email"}
    assert _reasons(world.kemi, register["library"], tornio_twin) is None  # per area: shown to neither
    assert _reasons(world.tornio, register["library"], tornio_twin) is None
    assert _reasons(world.kemi, martat, singers) is None


def test_a_business_id_pairs_entries_across_municipalities(world):
    register = build_register(world)
    kemi_twin = _imported("Seniorit (tuotu)", business_id="0112038-9")
    tornio_twin = _imported("Tornion seniorit", area=tornio_area(), business_id="0112038-9")
    assert _reasons(world.kemi, register["seniors"], kemi_twin) == {"business_id"}
    assert _reasons(world.kemi, kemi_twin, tornio_twin) == {"business_id"}
    assert _reasons(world.tornio, register["seniors"], tornio_twin) == {"business_id"}


def test_a_website_host_or_number_that_many_share_is_not_a_reason(world):
    build_register(world)
    youth = _actor("Kemin nuorisopalvelut", website="https://www.kemi.fi/nuoriso", contact="vaihde 016 259 111")
    sport = _actor("Kemin liikuntapalvelut", website="https://kemi.fi/liikunta", contact="vaihde 016 259 111")
    culture = _actor("Kemin kulttuuripalvelut", website="https://kemi.fi/kulttuuri", contact="vaihde 016 259 111")
    youth_house = _actor("Nuorisotalo Kuilu", website="https://kemi.fi/nuoriso/kuilu")
    assert _reasons(world.kemi, youth, sport) is None
    assert _reasons(world.kemi, sport, culture) is None
    assert _reasons(world.kemi, youth, youth_house) == {"website"}  # the same part of the shared site


def test_two_ngos_own_entries_are_not_suggested(world):
    from hyte.accounts import services as accounts

    register = build_register(world)
    other = accounts.create_organisation(actor=SYSTEM, name="Kemin Seniorit", kind="ngo", slug="ks2", area=kemi_area())
    second_own = services.create_actor(
        actor=SYSTEM, details=ActorDetails(kind="ngo", name="Kemin Seniorit", area=kemi_area()), organisation=other
    )
    assert _reasons(world.kemi, register["seniors"], second_own) is None


# Merging -------------------------------------------------------------------------------------------------------


def test_merging_moves_activities_keeps_the_business_id_and_records_provenance(world, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC))
    register = build_register(world)
    survivor = _actor("Kemin Martat", contact="", website="https://kemin-martat.fi")
    merged = _imported(
        "Kemin Martat ry",
        business_id="0201256-6",
        contact="puh. 040 111 2222",
        source="hsds:lappi",
        external_id="org-17",
        name_sv="Kemi Martha",
    )
    cooking = add_activity(SYSTEM, title="Kokkauskurssi", area=kemi_area(), providers=[merged], is_published=True)
    both = add_activity(SYSTEM, title="Yhteinen ilta", area=kemi_area(), providers=[merged, survivor])
    coordinator = world.users["coordinator"]
    kept = merge_actors(actor=coordinator, survivor=survivor, merged=merged, take={"contact", "name_sv"})

    kept.refresh_from_db()
    assert not Actor.objects.filter(pk=merged.pk).exists()
    assert kept.name == "Kemin Martat"  # its own
    assert kept.contact == "puh. 040 111 2222"  # chosen from the merged entry
    assert kept.name_sv == "Kemi Martha"
    assert kept.business_id == "0201256-6"  # kept, not a choice
    assert kept.website == "https://kemin-martat.fi"
    assert set(kept.activities.all()) == {cooking, both}
    assert list(both.providers.all()) == [kept]
    origin = kept.provenance["fields"]["contact"]
    assert origin["from"] == {"id": merged.pk, "name": "Kemin Martat ry"}
    assert (origin["source"], origin["external_id"], origin["by"]) == ("hsds:lappi", "org-17", "coordinator")
    assert origin["at"].startswith("2026-11-30T")
    assert set(kept.provenance["fields"]) == {"contact", "name_sv", "business_id"}
    assert [m["id"] for m in kept.provenance["merged"]] == [merged.pk]
    # Re-importing the merged entry's source finds the entry that stayed.
    assert find_by_source("hsds:lappi", "org-17") == kept
    assert find_by_source("hsds:lappi", "org-18") is None
    assert find_by_source("", "") is None
    # The audit log has the merge on both entries; search reads the new provider's name.
    actions = AuditEntry.objects.filter(action="actor.merge")
    assert {e.object_id for e in actions} == {str(kept.pk), str(merged.pk)}
    gone = actions.get(object_id=str(merged.pk))
    assert gone.changes["merged_into"] == [None, kept.pk]
    assert gone.changes["business_id"] == [None, "0201256-6"]
    stayed = actions.get(object_id=str(kept.pk))
    assert stayed.changes["merged"] == [None, f"Kemin Martat ry ({merged.pk})"]
    assert stayed.changes["contact"] == ["", "puh. 040 111 2222"]
    assert stayed.changes["activities"] == [None, sorted([cooking.pk, both.pk])]
    assert cooking in public_activities(ActivityFilter(text="Martat"))
    assert register["walking"].providers.get() == register["seniors"]  # others untouched


def test_an_alias_follows_the_entry_into_a_later_merge(world):
    build_register(world)
    first = _imported("Kemin Kuoro", source="csv", external_id="1")
    second = _imported("Kemin kuoro ry", source="csv", external_id="2")
    third = _actor("Kemin Kuoro")
    merge_actors(actor=SYSTEM, survivor=second, merged=first)
    merge_actors(actor=SYSTEM, survivor=third, merged=second)
    assert find_by_source("csv", "1") == third
    assert find_by_source("csv", "2") == third
    assert ActorAlias.objects.filter(actor=third).count() == 2
    third.refresh_from_db()
    assert [m["name"] for m in third.provenance["merged"]] == ["Kemin kuoro ry", "Kemin Kuoro"]


def test_an_ngos_own_entry_stays_and_two_are_not_merged(world):
    from hyte.accounts import services as accounts

    register = build_register(world)
    twin = _actor("Kemin Seniorit")
    coordinator = world.users["coordinator"]
    with translation.override("en"), pytest.raises(ValidationError, match="own entry is the one that stays"):
        merge_actors(actor=coordinator, survivor=twin, merged=register["seniors"])
    other = accounts.create_organisation(actor=SYSTEM, name="Toinen", kind="ngo", slug="toinen", area=kemi_area())
    twin.organisation = other
    twin.save()
    with translation.override("en"), pytest.raises(ValidationError, match="Two NGOs' own entries"):
        merge_actors(actor=coordinator, survivor=twin, merged=register["seniors"])
    assert Actor.objects.filter(pk__in=[twin.pk, register["seniors"].pk]).count() == 2
    assert not AuditEntry.objects.filter(action="actor.merge").exists()


def test_different_business_ids_are_different_actors(world):
    build_register(world)
    a = _actor("Kemin Martat", business_id="0201256-6")
    b = _actor("Kemin Martat ry", business_id="1234567-1")
    with translation.override("en"), pytest.raises(ValidationError, match="different business ids"):
        merge_actors(actor=world.users["coordinator"], survivor=a, merged=b)
    with translation.override("en"), pytest.raises(ValidationError, match="cannot be taken"):
        merge_actors(actor=world.users["coordinator"], survivor=a, merged=_actor("X"), take={"organisation"})


@pytest.mark.parametrize("persona", ["reader", "editor", "outsider", "county"])
def test_only_who_may_edit_both_merges(world, persona):
    register = build_register(world)
    twin = _actor("Kemin kaupunginkirjasto")
    with pytest.raises(PermissionDenied):
        merge_actors(actor=world.users[persona], survivor=register["library"], merged=twin)
    assert Actor.objects.filter(pk=twin.pk).exists()


def test_the_ngos_editor_cannot_merge_the_coordinators_entry_into_its_own(world):
    register = build_register(world)
    twin = _actor("Kemin Seniorit")
    with pytest.raises(PermissionDenied):
        merge_actors(actor=world.users["ngo"], survivor=register["seniors"], merged=twin)


def test_a_value_changed_by_hand_loses_its_record_of_origin(world):
    build_register(world)
    survivor = _actor("Kemin Martat")
    merged = _imported("Kemin Martat ry", contact="puh. 040 111 2222", name_sv="Kemi Martha")
    kept = merge_actors(actor=SYSTEM, survivor=survivor, merged=merged, take={"contact", "name_sv"})
    kept.refresh_from_db()
    details = replace(ActorDetails.of(kept), contact="puh. 040 999 8888")
    services.update_actor(actor=world.users["coordinator"], entry=kept, details=details)
    kept.refresh_from_db()
    assert set(kept.provenance["fields"]) == {"name_sv"}
    assert len(kept.provenance["merged"]) == 1


# "Not a duplicate" ---------------------------------------------------------------------------------------------


def test_a_pair_marked_not_a_duplicate_is_no_longer_suggested(world):
    register = build_register(world)
    twin = _actor("Kemin Seniorit")
    assert _reasons(world.kemi, register["seniors"], twin) == {"name"}
    mark_not_duplicate(actor=world.users["coordinator"], first=twin, second=register["seniors"])
    mark_not_duplicate(actor=world.users["coordinator"], first=register["seniors"], second=twin)  # once is enough
    assert _reasons(world.kemi, register["seniors"], twin) is None
    assert NotDuplicate.objects.count() == 1
    assert AuditEntry.objects.filter(action="actor.not_duplicate").count() == 1
    with pytest.raises(PermissionDenied):
        mark_not_duplicate(actor=world.users["reader"], first=twin, second=register["library"])


def test_not_a_duplicate_carries_over_to_the_entry_that_stays(world):
    build_register(world)
    a, b, c = _actor("Kemin Kuoro"), _imported("Kemin Kuoro ry"), _actor("Kemin kuoro")
    mark_not_duplicate(actor=SYSTEM, first=b, second=c)
    merge_actors(actor=SYSTEM, survivor=a, merged=b)
    assert _reasons(world.kemi, a, c) is None


# The pages ------------------------------------------------------------------------------------------------------


def test_the_coordinator_lists_compares_and_merges(world):
    register = build_register(world)
    twin = _imported("KEMIN SENIORIT r.y.", contact="puh. 040 111 2222", source="csv", external_id="9")
    twin.last_checked_at = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    twin.save()
    add_activity(SYSTEM, title="Muistijumppa", area=kemi_area(), providers=[twin], is_published=True)
    client = world.client_for("coordinator")
    listed = client.get("/o/kemi/register/duplicates/", **EN).content.decode()
    assert "KEMIN SENIORIT r.y." in listed
    assert "near-same name" in listed
    seniors = register["seniors"]
    first, second = sorted([seniors.pk, twin.pk])
    page = client.get(f"/o/kemi/register/duplicates/{first}/{second}/", **EN).content.decode()
    # The NGO's own entry is the only one that can stay; the name offers both, the entry checked later first.
    assert f'name="keep" value="{seniors.pk}"' in page
    assert f'name="keep" value="{twin.pk}"' not in page
    checked = dict(re.findall(r'name="(\w+)" value="(\d+)"[^>]*checked', page))
    assert checked == {"keep": str(seniors.pk), "name": str(seniors.pk), "contact": str(twin.pk)}
    response = client.post(
        f"/o/kemi/register/duplicates/{first}/{second}/",
        {"keep": seniors.pk, "name": seniors.pk, "contact": twin.pk},
        **EN,
    )
    assert response.status_code == 302
    assert response["Location"] == f"/o/kemi/register/actors/{seniors.pk}/"
    seniors.refresh_from_db()
    assert seniors.contact == "puh. 040 111 2222"
    assert seniors.name == "Kemin Seniorit ry"
    assert Activity.objects.get(title="Muistijumppa").providers.get() == seniors
    with translation.override("en"):
        shown = client.get(f"/o/kemi/register/actors/{seniors.pk}/", **EN).content.decode()
    assert "Where each value came from" in shown
    assert f"KEMIN SENIORIT r.y. (entry {twin.pk})" in shown
    assert "source csv, id 9" in shown
    assert "KEMIN SENIORIT" not in client.get("/o/kemi/register/duplicates/", **EN).content.decode()
    # The entry merged away is in Kemi's log; the NGO's own entry that stayed, in the NGO's.
    log = client.get("/o/kemi/audit/", **EN).content.decode()
    assert "duplicate actors merged" in log
    assert "Merged into the entry" in log


def test_the_default_choice_is_the_value_there_is_or_the_one_checked_later(world):
    from hyte.actors.duplicates import pair_of
    from hyte.actors.merge_forms import MergeForm

    build_register(world)
    older = _imported("Kemin Kuoro", contact="", website="https://vanha.example.fi")
    newer = _imported("Kemin Kuoro ry", contact="puh. 040 1", website="https://uusi.example.fi")
    Actor.objects.filter(pk=older.pk).update(last_checked_at=dt.datetime(2023, 1, 1, tzinfo=dt.UTC))
    Actor.objects.filter(pk=newer.pk).update(last_checked_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    form = MergeForm(None, pair=pair_of(world.kemi, older.pk, newer.pk))
    assert form.fields["keep"].initial == str(older.pk)  # the older entry stays unless one is an NGO's own
    assert form.fields["contact"].initial == str(newer.pk)  # the value there is
    assert form.fields["website"].initial == str(newer.pk)  # of two, the one checked later
    assert form.fields["name"].initial == str(newer.pk)
    assert "kind" not in form.fields  # the same in both: no choice


def test_the_pages_are_the_coordinators_and_a_pair_is_not_merged_from_elsewhere(world):
    register = build_register(world)
    twin = _actor("Kemin kaupunginkirjasto")
    first, second = sorted([register["library"].pk, twin.pk])
    assert world.client_for("reader").get("/o/kemi/register/duplicates/").status_code == 404
    assert world.client_for("outsider").get(f"/o/tornio/register/duplicates/{first}/{second}/").status_code == 404
    assert world.client_for("county").get("/o/lappi/register/duplicates/").status_code == 404
    # Two entries that are not both in the register's municipality cannot be compared there.
    tornio = _actor("Tornion kirjasto", area=tornio_area())
    response = world.client_for("coordinator").get(f"/o/kemi/register/duplicates/{register['library'].pk}/{tornio.pk}/")
    assert response.status_code == 404


def test_a_pair_across_municipalities_is_shown_but_merged_only_by_who_keeps_both(world):
    register = build_register(world)
    tornio_twin = _imported("Tornion seniorit", area=tornio_area(), business_id="0112038-9")
    listed = world.client_for("coordinator").get("/o/kemi/register/duplicates/", **EN).content.decode()
    assert "Tornion seniorit" in listed
    assert "only someone who keeps both registers can merge them" in listed
    first, second = sorted([register["seniors"].pk, tornio_twin.pk])
    assert world.client_for("coordinator").get(f"/o/kemi/register/duplicates/{first}/{second}/").status_code == 404
    response = world.client_for("coordinator").post(f"/o/kemi/register/duplicates/{first}/{second}/not-duplicates/")
    assert response.status_code == 302
    assert NotDuplicate.objects.filter(first_id=first, second_id=second).exists()
