"""Cooperation structures on each member organisation's page; withdrawing an invitation to a meeting; the
checkers told when the minutes are shared."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from hyte.audit.actions import AuditAction
from hyte.audit.models import AuditEntry
from hyte.cooperation import services
from hyte.cooperation.models import Meeting, Party, Structure, StructureMember
from hyte.notifications.models import Notification
from tests.conftest import SYSTEM
from tests.cooperation_world import build_cooperation

pytestmark = pytest.mark.django_db


def test_a_structure_is_shown_on_each_member_organisations_page(world):
    network = services.create_structure(
        actor=world.users["county"], keeper=world.lappi, name="Hyvinvointikoordinaattorien verkosto", kind="network"
    )
    services.add_structure_member(
        actor=world.users["county"], structure=network, organisation=world.kemi, name="Kaisa Koordinaattori"
    )
    with translation.override("en"), pytest.raises(ValidationError, match="member already"):
        services.add_structure_member(
            actor=world.users["county"], structure=network, organisation=world.kemi, name="kaisa koordinaattori"
        )
    with pytest.raises(PermissionDenied):  # Kemi's coordinator does not keep Lappi's network
        services.add_structure_member(
            actor=world.users["coordinator"], structure=network, organisation=world.kemi, name="Toinen"
        )
    assert StructureMember.objects.count() == 1
    kemi_page = world.client_for("reader").get("/o/kemi/").content.decode()
    assert "Hyvinvointikoordinaattorien verkosto" in kemi_page
    lappi_page = world.client_for("county").get("/o/lappi/").content.decode()
    assert "Hyvinvointikoordinaattorien verkosto" in lappi_page
    tornio_page = world.client_for("outsider").get("/o/tornio/").content.decode()
    assert "Hyvinvointikoordinaattorien verkosto" not in tornio_page  # no member there
    structure_page = world.client_for("reader").get(f"/o/kemi/cooperation/structures/{network.pk}/")
    assert structure_page.status_code == 200
    assert structure_page.context["can_edit"] is False
    assert world.client_for("outsider").get(f"/o/tornio/cooperation/structures/{network.pk}/").status_code == 404


def test_a_municipality_keeps_its_own_structures_and_an_ngo_none(world):
    group = services.create_structure(
        actor=world.users["coordinator"], keeper=world.kemi, name="Kumppanuusryhmä", kind="group"
    )
    assert group.keeper == world.kemi
    with pytest.raises(PermissionDenied):
        services.create_structure(actor=world.users["editor"], keeper=world.kemi, name="Toinen", kind="group")
    with translation.override("en"), pytest.raises(ValidationError, match="kind"):
        services.create_structure(actor=world.users["coordinator"], keeper=world.kemi, name="X", kind="club")
    assert Structure.objects.count() == 1


def test_withdrawing_an_invitation(world):
    made = build_cooperation(world)
    meeting = Meeting.objects.get(pk=made["coop_meeting"])
    ngo_party = meeting.parties.get(organisation=made["ngo"])
    convener = meeting.parties.get(organisation=world.lappi)
    kemi = meeting.parties.get(organisation=world.kemi)
    with translation.override("en"):
        with pytest.raises(ValidationError, match="convener"):
            services.remove_party(actor=world.users["county"], party=convener)
        with pytest.raises(ValidationError, match="owns agreed actions"):
            services.remove_party(actor=world.users["county"], party=kemi)
        with pytest.raises(PermissionDenied):
            services.remove_party(actor=world.users["coordinator"], party=ngo_party)
        final = Meeting.objects.get(pk=made["coop_previous"])
        with pytest.raises(ValidationError, match="final"):
            services.remove_party(actor=world.users["county"], party=final.parties.get(organisation=made["ngo"]))
        shared = Meeting.objects.get(pk=made["coop_shared"])
        with pytest.raises(ValidationError, match="being checked"):
            services.remove_party(actor=world.users["county"], party=shared.parties.get(organisation=made["ngo"]))
    assert meeting.parties.count() == 3
    services.remove_party(actor=world.users["county"], party=ngo_party)
    assert not Party.objects.filter(pk=ngo_party.pk).exists()
    assert AuditEntry.objects.filter(action=AuditAction.PARTY_REMOVE, organisation=world.lappi).count() == 1


def test_the_checkers_are_told_when_the_minutes_are_shared(world):
    made = build_cooperation(world)
    meeting = Meeting.objects.get(pk=made["coop_meeting"])
    services.share_minutes(actor=world.users["county"], meeting=meeting)
    told = Notification.objects.filter(url__endswith=f"/cooperation/meetings/{meeting.pk}/minutes/")
    # the checkers of Kemi and the NGO; the county's checker shared the minutes and is not told of its own act
    assert sorted(n.user.username for n in told) == sorted(["coordinator", "ngo-checker"])
    kemi = told.get(user=world.users["coordinator"])
    assert kemi.url == f"/o/kemi/cooperation/meetings/{meeting.pk}/minutes/"
    assert meeting.title in kemi.text
    services.reopen_minutes(actor=world.users["county"], meeting=meeting)
    services.share_minutes(actor=SYSTEM, meeting=meeting)  # a new round: told again, and the county's checker too
    assert Notification.objects.filter(url__endswith=f"/meetings/{meeting.pk}/minutes/").count() == 5
