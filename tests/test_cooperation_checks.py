"""Bad input to the negotiations is refused with a clear message and nothing half-saved; the calendar file parses
back as RFC 5545 with stable UIDs; the public page shows only what the convener published; the API reads for
participants and writes for those responsible."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from icalendar import Calendar
from PIL import Image

from hyte.audit.models import AuditEntry
from hyte.cooperation import services
from hyte.cooperation.files import MAX_BYTES
from hyte.cooperation.models import AgendaItem, AgreedAction, Confirmation, Material, Meeting
from hyte.core.clock import HELSINKI
from tests.conftest import SYSTEM
from tests.cooperation_world import PDF, at, build_cooperation


@pytest.fixture(autouse=True)
def _english():
    """The messages asserted are the English ones (Finnish is the default language)."""
    with translation.override("en"):
        yield


pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def coop(world) -> dict[str, Any]:
    return build_cooperation(world)


def _messages(response: Any) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def _unchanged(before: int) -> None:
    """No audit row but those of signing in (each test client signs its persona in afresh)."""
    grown = AuditEntry.objects.exclude(action="user.login").count()
    assert grown == before, "refused, but the audit log grew"


def _log() -> int:
    return AuditEntry.objects.exclude(action="user.login").count()


def test_a_meeting_that_ends_before_it_starts_is_refused(world, coop):
    meetings, log = Meeting.objects.count(), _log()
    response = world.client_for("county").post(
        f"/o/lappi/cooperation/series/{coop['coop_series']}/meetings/",
        {"new-title": "Väärin päin", "new-date": "2026-05-05", "new-starts": "14:00", "new-ends": "10:00"},
        follow=True,
        **EN,
    )
    assert "The meeting must end after it starts" in _messages(response)
    assert Meeting.objects.count() == meetings
    _unchanged(log)
    answer = world.client_for("county").post(
        f"/api/v1/organisations/lappi/negotiations/{coop['coop_series']}/meetings",
        {"title": "Väärin päin", "starts_at": "2026-05-05T14:00:00", "ends_at": "2026-05-04T10:00:00"},
        content_type="application/json",
        **EN,
    )
    assert answer.status_code == 400
    assert "must end after it starts" in answer.json()["detail"]
    assert Meeting.objects.count() == meetings


def test_an_agreed_action_without_an_owner_is_refused(world, coop):
    meeting = Meeting.objects.get(pk=coop["coop_meeting"])
    actions, log = AgreedAction.objects.count(), _log()
    response = world.client_for("county").post(
        f"/o/lappi/cooperation/meetings/{meeting.pk}/actions/",
        {"text": "Kenen tämä on?", "owner_person": "Joku"},
        follow=True,
        **EN,
    )
    assert "Name the organisation that owns the agreed action." in _messages(response)
    for values, message in (
        ({"owner": world.kemi, "owner_person": ""}, "Name the person responsible"),
        ({"owner": world.tornio, "owner_person": "Tuula"}, "must be one of the organisations invited"),
        ({"owner": world.kemi, "owner_person": "Kaisa", "due_date": dt.date(2026, 1, 1)}, "before the negotiation"),
    ):
        with pytest.raises(ValidationError, match=message):
            services.add_action(actor=SYSTEM, meeting=meeting, text="Tehdään", **values)
    assert AgreedAction.objects.count() == actions
    _unchanged(log)


def test_only_a_named_checker_confirms_the_minutes(world, coop):
    shared = Meeting.objects.get(pk=coop["coop_shared"])
    log = _log()
    for persona in ("reader", "editor", "admin"):  # Kemi's members, but its checker is the coordinator
        response = world.client_for(persona).post(
            f"/o/kemi/cooperation/meetings/{shared.pk}/minutes/confirm/", {"decision": "confirmed"}, follow=True, **EN
        )
        assert "Only the checker named by each invited organisation can confirm the minutes" in _messages(response)
    answer = world.client_for("editor").post(
        f"/api/v1/organisations/kemi/meetings/{shared.pk}/confirmation",
        {"decision": "confirmed"},
        content_type="application/json",
        **EN,
    )
    assert answer.status_code == 400
    assert "Only the checker" in answer.json()["detail"]
    outsider = world.client_for("outsider").post(
        f"/o/tornio/cooperation/meetings/{shared.pk}/minutes/confirm/", {"decision": "confirmed"}
    )
    assert outsider.status_code == 404
    with translation.override("en"), pytest.raises(ValidationError, match="Write the corrections"):
        services.confirm_minutes(actor=world.users["coordinator"], meeting=shared, decision="corrections")
    assert not Confirmation.objects.filter(party__meeting=shared).exists()
    _unchanged(log)
    # The checker proposes corrections: recorded, and the minutes stay shared; then the others confirm, and Kemi
    # confirms too once it has read the corrected minutes.
    services.confirm_minutes(
        actor=world.users["coordinator"], meeting=shared, decision="corrections", corrections="Lisää nimet."
    )
    for user in (world.users["county"], coop["ngo_user"]):
        services.confirm_minutes(actor=user, meeting=shared, decision="confirmed")
    shared.refresh_from_db()
    assert shared.minutes_status == "shared"
    services.confirm_minutes(actor=world.users["coordinator"], meeting=shared, decision="confirmed")
    shared.refresh_from_db()
    assert shared.minutes_status == "final"


def test_the_minutes_are_shared_only_with_every_checker_named_and_then_hold_still(world, coop):
    meeting = Meeting.objects.get(pk=coop["coop_meeting"])
    kemi = meeting.parties.get(organisation=world.kemi)
    services.set_checker(actor=SYSTEM, party=kemi, checker=None)
    item = meeting.agenda_items.first()
    services.save_minutes(actor=SYSTEM, meeting=meeting, minutes={item.pk: "Pöytäkirja."})
    with pytest.raises(ValidationError, match="Name a checker of the minutes for every invited organisation first"):
        services.share_minutes(actor=SYSTEM, meeting=meeting)
    with pytest.raises(ValidationError, match="must be a member of Kemin kaupunki"):
        services.set_checker(actor=SYSTEM, party=kemi, checker=world.users["outsider"])
    services.set_checker(actor=SYSTEM, party=kemi, checker=world.users["coordinator"])
    services.share_minutes(actor=SYSTEM, meeting=meeting)
    for attempt in (
        lambda: services.save_minutes(actor=SYSTEM, meeting=meeting, minutes={item.pk: "Muutettu."}),
        lambda: services.add_item(actor=SYSTEM, meeting=meeting, title="Myöhästynyt asia"),
        lambda: services.move_item(actor=SYSTEM, item=item, offset=1),
    ):
        with pytest.raises(ValidationError, match="take them back for corrections"):
            attempt()
    assert AgendaItem.objects.get(pk=item.pk).minutes == "Pöytäkirja."
    services.reopen_minutes(actor=SYSTEM, meeting=meeting)
    services.save_minutes(actor=SYSTEM, meeting=meeting, minutes={item.pk: "Korjattu."})
    assert AgendaItem.objects.get(pk=item.pk).minutes == "Korjattu."


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 80, 138)).save(buffer, format="PNG")
    return buffer.getvalue()


def _bomb() -> bytes:
    """A small Word file whose one part says it unpacks to 300 MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * (300 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("esityslista.pdf", _png(), "named .pdf but its content is not a PDF file"),
        ("kuva.png", PDF, "named .png but its content is not a PNG file"),
        ("muistio.docx", b"PK\x03\x04 not really", "named .docx but its content is not a Word file"),
        ("ohjelma.exe", b"MZ\x90\x00", "Files of this kind are not accepted"),
        ("tyhja.pdf", b"", "empty"),
        ("iso.pdf", b"%PDF-" + b"0" * MAX_BYTES, "larger than 20 MB"),
        ("pommi.docx", _bomb(), "unpack to more than 200 MB"),
        ("latin1.csv", "kunta;arvo\nKemi;ä\n".encode("latin-1"), "must be UTF-8 text"),
    ],
    ids=["png-as-pdf", "pdf-as-png", "not-docx", "exe", "empty", "too-big", "zip-bomb", "latin1-csv"],
)
def test_a_file_that_is_not_what_it_claims_is_refused(world, coop, name, content, message):
    materials, log = Material.objects.count(), _log()
    response = world.client_for("county").post(
        f"/o/lappi/cooperation/meetings/{coop['coop_meeting']}/materials/",
        {"title": "Liite", "file": SimpleUploadedFile(name, content)},
        follow=True,
        **EN,
    )
    assert message in _messages(response)
    assert Material.objects.count() == materials
    _unchanged(log)


def test_a_good_file_and_a_link_are_kept_and_only_those_invited_download_the_file(world, coop):
    county = world.client_for("county")
    county.post(
        f"/o/lappi/cooperation/meetings/{coop['coop_meeting']}/materials/",
        {"title": "Kuva", "file": SimpleUploadedFile("kartta.png", _png())},
    )
    county.post(
        f"/o/lappi/cooperation/meetings/{coop['coop_meeting']}/materials/",
        {"title": "THL:n ohje", "url": "https://thl.fi/hyte"},
    )
    image = Material.objects.get(title="Kuva")
    assert image.content_type == "image/png"
    assert image.size > 0
    assert Material.objects.get(title="THL:n ohje").data is None
    path = f"/o/kemi/cooperation/meetings/{coop['coop_meeting']}/materials/{coop['coop_material']}/"
    download = world.client_for("reader").get(path)
    assert download.status_code == 200
    assert download.content == PDF
    assert download["Content-Disposition"].startswith("attachment")
    assert world.client_for("outsider").get(path.replace("/o/kemi/", "/o/tornio/")).status_code == 404


def test_the_calendar_parses_back_with_stable_uids(world, coop):
    path = f"/o/kemi/cooperation/series/{coop['coop_series']}/meetings.ics"
    response = world.client_for("reader").get(path)
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    every = calendar.walk("VEVENT")
    events = {str(e["SUMMARY"]): e for e in every if not str(e["UID"]).startswith("action-")}
    assert set(events) == {"Hyte-neuvottelu 2025", "Hyte-neuvottelu 2026", "Syysneuvottelu 2026"}
    # The agreed actions' due dates are all-day events of the same file, each with its own stable UID.
    dues = [e for e in every if str(e["UID"]).startswith("action-")]
    action = AgreedAction.objects.get(due_date=dt.date(2025, 12, 31))
    assert [e.decoded("DTSTART") for e in dues] == [dt.date(2025, 12, 31)]
    assert str(dues[0]["SUMMARY"]) == f"Määräaika: {action.text}"
    assert str(dues[0]["UID"]) == f"action-{action.pk}-{action.meeting.uid}@hyte"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Helsinki"
    meeting = Meeting.objects.get(pk=coop["coop_meeting"])
    event = events[meeting.title]
    assert str(event["UID"]) == f"{meeting.uid}@hyte"
    assert event.decoded("DTSTART") == at(2026, 3, 11)
    assert str(event.decoded("DTSTART").tzinfo) == "Europe/Helsinki"
    assert event["LOCATION"] == "Rovaniemi"
    first_item = meeting.agenda_items.order_by("position").first()
    assert f"1. {first_item.title}" in str(event["DESCRIPTION"])
    # Moved by an hour: the same UID with a higher SEQUENCE, so calendars update their copy.
    services.update_meeting(
        actor=SYSTEM,
        meeting=meeting,
        title=meeting.title,
        starts_at=at(2026, 3, 11, 10),
        ends_at=at(2026, 3, 11, 13),
        place=meeting.place,
    )
    moved = Calendar.from_ical(world.client_for("reader").get(path).content)
    again = next(e for e in moved.walk("VEVENT") if str(e["SUMMARY"]) == meeting.title)
    assert str(again["UID"]) == str(event["UID"])
    assert int(again["SEQUENCE"]) == int(event["SEQUENCE"]) + 1
    assert again.decoded("DTSTART").astimezone(HELSINKI).hour == 10
    assert world.client_for("outsider").get(path.replace("/o/kemi/", "/o/tornio/")).status_code == 404


def test_the_public_page_shows_only_what_the_convener_published(world, coop):
    previous = Meeting.objects.get(pk=coop["coop_previous"])
    client = world.client_for("anonymous")
    page = client.get(f"/public/en/lappi/negotiations/{previous.pk}/").content.decode()
    assert "Käytiin läpi tavoitteet." in page  # the minutes of a public item
    assert "Liikuntaneuvonnan palveluketju käyttöön" in page
    assert "in progress" in page
    assert "Kaisa Koordinaattori" not in page  # people stay on the signed-in pages
    # An item marked internal leaves the public page, with the actions decided under it.
    internal = previous.agenda_items.order_by("position").first()
    AgendaItem.objects.filter(pk=internal.pk).update(is_public=False)  # as the coordinator left it before sharing
    AgreedAction.objects.filter(meeting=previous, owner=world.kemi).update(agenda_item=internal)
    page = client.get(f"/public/en/lappi/negotiations/{previous.pk}/").content.decode()
    assert "Käytiin läpi tavoitteet." not in page
    assert "Liikuntaneuvonnan palveluketju käyttöön" not in page
    assert "Yhteinen hyvinvointikatsaus kunnille" in page
    for meeting_id in (coop["coop_meeting"], coop["coop_shared"]):  # not final, not published
        assert client.get(f"/public/fi/lappi/negotiations/{meeting_id}/").status_code == 404
    assert client.get(f"/public/fi/kemi/negotiations/{previous.pk}/").status_code == 404  # not Kemi's to publish


def test_the_api_reads_for_participants_and_writes_for_those_responsible(world, coop):
    meeting_id = coop["coop_meeting"]
    read = world.client_for("reader").get(f"/api/v1/organisations/kemi/meetings/{meeting_id}").json()
    assert {p["organisation"]["slug"] for p in read["parties"]} == {"lapin-jarjestot", "lappi", "kemi"}
    assert {p["checker"] for p in read["parties"]} == {"county", "coordinator", "ngo-checker"}
    assert read["agenda"][0]["kind"] == "actions"
    assert read["materials"][0]["filename"] == "lista.pdf"
    county = world.client_for("county")
    created = county.post(
        f"/api/v1/organisations/lappi/meetings/{meeting_id}/actions",
        {"text": "Järjestöjen yhteinen kalenteri", "owner": "lapin-jarjestot", "owner_person": "Jaana"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    action_id = created.json()["id"]
    refused = world.client_for("coordinator").post(
        f"/api/v1/organisations/kemi/meetings/{meeting_id}/actions",
        {"text": "Kemi ei kirjaa", "owner": "kemi", "owner_person": "Kaisa"},
        content_type="application/json",
    )
    assert refused.status_code == 404  # only the convener records actions
    progress = world.client_for("editor").put(
        f"/api/v1/organisations/kemi/agreed-actions/{coop['coop_kemi_action']}/progress",
        {"status": "done", "progress_note": "Valmis."},
        content_type="application/json",
    )
    assert progress.status_code == 200
    assert progress.json()["status"] == "done"
    not_theirs = world.client_for("editor").put(
        f"/api/v1/organisations/kemi/agreed-actions/{action_id}/progress",
        {"status": "done"},
        content_type="application/json",
    )
    assert not_theirs.status_code == 404  # the NGO's action: not Kemi's to follow up
    answer = world.client_for("coordinator").post(
        f"/api/v1/organisations/kemi/meetings/{coop['coop_shared']}/confirmation",
        {"decision": "confirmed"},
        content_type="application/json",
    )
    assert answer.status_code == 201
    assert answer.json()["minutes_status"] == "shared"  # the county and the NGO have not answered yet


def test_a_negotiation_per_municipality_invites_only_the_municipality_chosen(world):
    from hyte.cooperation import services
    from hyte.cooperation.forms import next_meeting
    from hyte.cooperation.models import Meeting
    from tests.cooperation_world import at, meeting_on

    series = services.create_series(
        actor=SYSTEM,
        convener=world.lappi,
        kind="hyte_yearly",
        arrangement="per_municipality",
        title="Hyte-neuvottelut kunnittain",
        members=[world.kemi, world.tornio],
    )
    client = world.client_for("county")
    response = client.post(
        f"/o/lappi/cooperation/series/{series.pk}/meetings/",
        {
            "new-title": "Hyte-neuvottelu Kemin kanssa 2026",
            "new-date": "2026-03-12",
            "new-starts": "09:00",
            "new-ends": "12:00",
            "new-invited": [world.kemi.pk],
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(title="Hyte-neuvottelu Kemin kanssa 2026")
    assert sorted(p.organisation.slug for p in meeting.parties.all()) == ["kemi", "lappi"]
    # Left empty, every member is invited; an organisation outside the series is refused, nothing saved.
    joint = meeting_on(series, at(2026, 5, 4), "Yhteinen")
    assert sorted(p.organisation.slug for p in joint.parties.all()) == ["kemi", "lappi", "tornio"]
    with translation.override("en"), pytest.raises(ValidationError, match="Only the series' members"):
        services.create_meeting(
            actor=SYSTEM,
            series=series,
            title="Väärä",
            starts_at=at(2026, 6, 1),
            ends_at=at(2026, 6, 1, 12),
            invited=[world.kemi, world.lappi],
        )
    assert not Meeting.objects.filter(title="Väärä").exists()
    # The next meeting of a yearly series is prefilled a year after its latest.
    series.refresh_from_db()
    prefilled = next_meeting(series)
    assert prefilled["date"] == dt.date(2027, 5, 4)
    assert prefilled["title"] == "Yhteinen"
    page = client.get(f"/o/lappi/cooperation/series/{series.pk}/").content.decode()
    assert 'type="date" name="new-date" value="2027-05-04"' in page  # ISO, as the browser's picker needs
    assert 'type="time" name="new-starts" value="09:00"' in page


def test_a_checker_named_by_two_organisations_answers_for_both(world):
    from hyte.accounts import services as accounts
    from hyte.accounts.roles import Role
    from hyte.cooperation import services
    from hyte.cooperation.models import MinutesStatus
    from tests.cooperation_world import at, meeting_on

    series = services.create_series(
        actor=SYSTEM, convener=world.lappi, kind="hyte_yearly", arrangement="joint", title="Hyte", members=[world.kemi]
    )
    meeting = meeting_on(series, at(2026, 3, 12), "Hyte-neuvottelu 2026")
    both = world.users["coordinator"]  # Kemi's coordinator, also a member of Lappi
    accounts.add_member(actor=SYSTEM, organisation=world.lappi, user=both, role=Role.READER)
    for party in meeting.parties.all():
        services.set_checker(actor=SYSTEM, party=party, checker=both)
    item = meeting.agenda_items.order_by("position").first()
    services.save_minutes(actor=SYSTEM, meeting=meeting, minutes={item.pk: "Käytiin läpi tavoitteet."})
    services.share_minutes(actor=SYSTEM, meeting=meeting)
    services.confirm_minutes(actor=both, meeting=meeting, decision="confirmed")
    meeting.refresh_from_db()
    assert meeting.minutes_status == MinutesStatus.FINAL
    assert sorted(c.party.organisation.slug for c in Confirmation.objects.filter(party__meeting=meeting)) == [
        "kemi",
        "lappi",
    ]
