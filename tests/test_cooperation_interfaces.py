"""The county's register of interfaces with its municipalities and the counterpart pairs: the default list of
seed 001 added once, the pairs refused outside the interface's organisations or with their dates the wrong way,
a municipality's counterparts at a glance and the county's gaps, and who may see and change what."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from hyte.accounts import services as accounts
from hyte.accounts.models import OrganisationKind
from hyte.audit.actions import AuditAction
from hyte.audit.models import AuditEntry
from hyte.cooperation import services
from hyte.cooperation.models import CounterpartPair, Interface, InterfaceOwner
from hyte.core import clock
from hyte.regions.models import Area
from tests.conftest import SYSTEM
from tests.interface_world import build_interfaces

pytestmark = pytest.mark.django_db


def test_default_list_is_added_once_in_finnish_and_swedish(world):
    created = services.add_default_interfaces(actor=world.users["county"], county=world.lappi)
    assert len(created) == 13
    assert created[2].name == "Ehkäisevä päihdetyö"
    assert created[2].name_sv == "Förebyggande missbruksarbete"
    assert all(interface.name_sv for interface in created)
    services.update_interface(actor=world.users["county"], interface=created[0], name="Lapsiperheet")
    again = services.add_default_interfaces(actor=world.users["county"], county=world.lappi)
    assert again == []  # the renamed one is still the seed's entry: nothing twice
    assert Interface.objects.filter(county=world.lappi).count() == 13
    assert AuditEntry.objects.filter(action=AuditAction.INTERFACE_DEFAULTS).count() == 2


def test_only_the_countys_coordinators_keep_the_register(world):
    for persona in ("coordinator", "admin", "outsider", "reader"):
        with pytest.raises(PermissionDenied):
            services.add_default_interfaces(actor=world.users[persona], county=world.lappi)
    with pytest.raises(PermissionDenied):  # a municipality keeps no register
        services.create_interface(actor=world.users["coordinator"], county=world.kemi, name="Oma")
    with translation_en(), pytest.raises(ValidationError, match="county"):
        services.create_interface(actor=SYSTEM, county=world.kemi, name="Oma")
    assert not Interface.objects.exists()


def test_names_must_be_given_and_unique(world):
    county = world.users["county"]
    services.create_interface(actor=county, county=world.lappi, name="Liikuntaneuvonta", name_sv="Motionsrådgivning")
    with translation_en(), pytest.raises(ValidationError, match="already"):
        services.create_interface(actor=county, county=world.lappi, name="liikuntaneuvonta")
    with pytest.raises(ValidationError):
        services.create_interface(actor=county, county=world.lappi, name="  ")
    assert Interface.objects.count() == 1


def test_a_pair_outside_the_interfaces_organisations_is_refused_and_nothing_is_saved(world):
    interface = services.create_interface(actor=world.users["county"], county=world.lappi, name="Ehkäisevä päihdetyö")
    good = {
        "interface": interface,
        "municipality": world.kemi,
        "county_person": world.users["county"],
        "municipality_person": world.users["coordinator"],
        "starts_on": dt.date(2026, 1, 1),
    }
    cases = [
        ({"municipality_person": world.users["outsider"]}, "municipality's counterpart must be a member of Kemi"),
        (
            {"county_person": world.users["coordinator"]},
            "county's counterpart must be a member of Lapin hyvinvointialue",
        ),
        ({"municipality": world.lappi}, "municipalities of"),
        ({"ends_on": dt.date(2025, 12, 31)}, "ends before it starts"),
        ({"starts_on": None}, "valid"),
        ({"county_person": None}, "Name the county's counterpart"),
    ]
    for change, message in cases:
        with translation_en(), pytest.raises(ValidationError, match=message):
            services.add_pair(actor=world.users["county"], **{**good, **change})
    other = accounts.create_organisation(
        actor=SYSTEM,
        name="Helsinki",
        kind=OrganisationKind.MUNICIPALITY,
        slug="helsinki-x",
        area=Area.objects.get(kind="municipality", code="091"),
    )
    with translation_en(), pytest.raises(ValidationError, match="municipalities of"):
        services.add_pair(actor=world.users["county"], **{**good, "municipality": other})
    assert not CounterpartPair.objects.exists()
    pair = services.add_pair(actor=world.users["county"], **good)
    assert pair.valid_on(dt.date(2026, 6, 1))
    assert not pair.valid_on(dt.date(2025, 6, 1))


def test_the_database_refuses_a_period_ending_before_it_starts(world):
    from django.db import IntegrityError

    interface = services.create_interface(actor=world.users["county"], county=world.lappi, name="X")
    with pytest.raises(IntegrityError), transaction.atomic():
        CounterpartPair.objects.create(
            interface=interface,
            municipality=world.kemi,
            starts_on=dt.date(2026, 2, 1),
            ends_on=dt.date(2026, 1, 1),
            created_at=clock.now(),
        )


def test_owners_set_changed_and_removed(world):
    interface = services.create_interface(actor=world.users["county"], county=world.lappi, name="X")
    services.set_owner(actor=world.users["county"], interface=interface, municipality=world.kemi, owner="Liikunta")
    services.set_owner(actor=world.users["county"], interface=interface, municipality=world.kemi, owner="Hyte")
    assert InterfaceOwner.objects.get().owner == "Hyte"
    services.set_owner(actor=world.users["county"], interface=interface, municipality=world.kemi, owner="")
    assert not InterfaceOwner.objects.exists()
    with pytest.raises(ValidationError):
        services.set_owner(actor=world.users["county"], interface=interface, municipality=world.lappi, owner="X")


def test_a_retired_interface_takes_no_pairs_and_leaves_the_gaps(world):
    made = build_interfaces(world)
    interface = Interface.objects.get(pk=made["coop_interface_other"])
    services.retire_interface(actor=world.users["county"], interface=interface)
    with translation_en(), pytest.raises(ValidationError, match="retired"):
        services.add_pair(
            actor=world.users["county"],
            interface=interface,
            municipality=world.kemi,
            county_person=world.users["county"],
            municipality_person=world.users["coordinator"],
            starts_on=dt.date(2026, 1, 1),
        )
    page = world.client_for("county").get("/o/lappi/cooperation/interfaces/gaps/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.context["interfaces"] == list(Interface.objects.filter(county=world.lappi, is_retired=False))
    assert len(page.context["interfaces"]) == 12


def test_counterparts_at_a_glance_and_the_gap_view(world):
    made = build_interfaces(world)
    page = world.client_for("reader").get("/o/kemi/cooperation/counterparts/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    entries = {entry.interface.pk: entry for entry in page.context["counterparts"]}
    assert len(entries) == 13
    assert entries[made["coop_interface"]].valid
    assert entries[made["coop_interface"]].pair.pk == made["coop_pair"]
    ended = entries[made["coop_interface_other"]]
    assert ended.pair is not None
    assert not ended.valid
    assert sum(entry.valid for entry in entries.values()) == 1
    assert "not valid now" in page.content.decode()
    gaps = world.client_for("county").get("/o/lappi/cooperation/interfaces/gaps/", HTTP_ACCEPT_LANGUAGE="en")
    rows = {row.municipality.slug: row for row in gaps.context["rows"]}
    assert rows["kemi"].missing == 12
    assert rows["tornio"].missing == 13
    assert gaps.context["missing"] == 25
    # a municipality has no gap view; Tornio's admin reads the register of its own county, not Kemi's page
    assert world.client_for("reader").get("/o/kemi/cooperation/interfaces/gaps/").status_code == 404
    assert world.client_for("outsider").get("/o/tornio/cooperation/interfaces/").status_code == 200
    assert world.client_for("outsider").get("/o/kemi/cooperation/counterparts/").status_code == 404


def test_the_register_through_the_pages(world):
    client = world.client_for("county")
    assert client.post("/o/lappi/cooperation/interfaces/defaults/").status_code == 302
    interface = Interface.objects.get(county=world.lappi, default_key="substance")
    response = client.post(
        f"/o/lappi/cooperation/interfaces/{interface.pk}/pairs/",
        {
            "municipality": world.kemi.pk,
            "county_person": world.users["county"].pk,
            "municipality_person": world.users["reader"].pk,
            "starts_on": "2026-01-01",
            "ends_on": "2025-01-01",
        },
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    assert "ends before it starts" in response.content.decode()
    assert not CounterpartPair.objects.exists()
    client.post(
        f"/o/lappi/cooperation/interfaces/{interface.pk}/pairs/",
        {
            "municipality": world.kemi.pk,
            "county_person": world.users["county"].pk,
            "municipality_person": world.users["reader"].pk,
            "starts_on": "2026-01-01",
        },
    )
    assert CounterpartPair.objects.get().municipality_person == world.users["reader"]
    # Kemi's members read the page but get no forms; a POST of theirs is a 404 and writes nothing
    page = world.client_for("coordinator").get(f"/o/kemi/cooperation/interfaces/{interface.pk}/")
    assert page.status_code == 200
    assert page.context["form"] is None
    assert [row["municipality"].slug for row in page.context["rows"]] == ["kemi"]
    refused = world.client_for("coordinator").post(
        f"/o/kemi/cooperation/interfaces/{interface.pk}/retire/", {"retired": "1"}
    )
    assert refused.status_code == 404
    assert not Interface.objects.get(pk=interface.pk).is_retired


def translation_en():
    from django.utils import translation

    return translation.override("en")


def test_interfaces_due_for_review_are_on_the_prefilled_agenda(world):
    from hyte.cooperation.models import ItemKind, Series
    from tests.cooperation_world import at, build_cooperation, meeting_on

    build_cooperation(world)  # Lappi's series with Kemi and an NGO; its meetings have no interface item yet
    made = build_interfaces(world)
    series = Series.objects.get(convener=world.lappi)
    later = Interface.objects.get(pk=made["coop_interface_other"])
    services.update_interface(
        actor=SYSTEM, interface=later, name=later.name, next_review=clock.today() + dt.timedelta(days=800)
    )
    retired = Interface.objects.get(county=world.lappi, default_key="culture")
    services.update_interface(actor=SYSTEM, interface=retired, name=retired.name, next_review=clock.today())
    services.retire_interface(actor=SYSTEM, interface=retired)
    when = at(clock.today().year + 1, 3, 10)
    meeting = meeting_on(series, when, "Neuvottelu")
    assert meeting.agenda_items.filter(kind=ItemKind.INTERFACES).count() == 1
    page = world.client_for("coordinator").get(f"/o/kemi/cooperation/meetings/{meeting.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    entry = next(e for e in page.context["agenda"] if e.item.kind == ItemKind.INTERFACES)
    # due by the meeting: the substance abuse work (due today); not the one due in 800 days, not the retired one
    assert [due.interface.pk for due in entry.interfaces] == [made["coop_interface"]]
    rows = entry.interfaces[0].rows
    assert [(m.slug, pair.pk if pair else None, valid) for m, pair, valid in rows] == [
        ("kemi", made["coop_pair"], True)
    ]  # only the invited municipalities: Tornio is not invited
    assert "Ehkäisevä päihdetyö" in page.content.decode()
    # a county without a register gets no such item
    from hyte.cooperation.models import Meeting

    assert not Meeting.objects.filter(
        series=series, starts_at__lt=when, agenda_items__kind=ItemKind.INTERFACES
    ).exists()


def test_the_demo_register_has_two_interfaces_with_pairs_for_kemi_and_tornio(db):
    from hyte.cooperation.interface_queries import gaps, interfaces, municipalities_of
    from hyte.cooperation.models import StructureMember
    from hyte.demo.cooperation_interfaces import load_demo_interfaces
    from hyte.demo.people import load_demo

    load_demo()
    assert load_demo_interfaces() == 4
    assert load_demo_interfaces() == 0  # once: running the demo again duplicates nothing
    lappi = Interface.objects.get(default_key="substance").county
    assert Interface.objects.filter(county=lappi).count() == 13
    rows = {
        row.municipality.slug: row.missing
        for row in gaps(list(interfaces(lappi)), municipalities_of(lappi), dt.date(2026, 6, 1))
        if row.municipality.slug in ("kemi", "tornio")
    }
    assert rows == {"kemi": 11, "tornio": 12}  # Tornio's lifestyle counselling pair ended in 2025
    assert StructureMember.objects.filter(structure__keeper=lappi).count() == 3
