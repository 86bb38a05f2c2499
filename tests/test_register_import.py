"""Importing spreadsheets into the register: good files, re-imports that update, rows rejected one by one with
their reasons, files refused whole, who may import where, and the audit log. Through the import's services, as
the pages and the command call them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from hyte.actors.imports import services as import_services
from hyte.actors.imports.reading import plan_of
from hyte.actors.imports.services import confirm_import, discard_import, start_import
from hyte.actors.models import Activity, Actor, ImportStatus, RegisterImport
from hyte.audit.models import AuditEntry
from tests.actors_world import build_register
from tests.register_files import GOOD, HEADER, csv_bytes, import_sheet, preview, start_sheet, xlsx_bytes


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def register(world):
    return build_register(world)


def _imported() -> dict[str, Activity]:
    return {a.external_id: a for a in Activity.objects.filter(source="sheet:kemi").prefetch_related("themes")}


def test_a_good_csv_adds_its_activities_and_their_new_provider(world, register):
    run = import_sheet(world, csv_bytes(GOOD))

    assert (run.status, run.rows_read, run.rows_created, run.rows_rejected) == (ImportStatus.DONE, 3, 3, 0)
    assert run.actors_created == 1
    assert run.upload is None
    activities = _imported()
    chair = activities["K1"]
    assert chair.title == "Tuolijumppa"
    assert chair.area.code == "240"
    assert {t.code for t in chair.themes.all()} == {"physical-activity", "loneliness"}
    assert chair.age_groups == ["older"]
    assert chair.languages == ["fi", "sv"]
    assert [g.code for g in chair.target_groups.all()] == ["informal-carers"]
    assert (chair.starts_on, chair.ends_on) == (dt.date(2026, 9, 1), dt.date(2026, 12, 15))
    assert chair.join_url == "https://martat.example.fi/jumppa"
    assert chair.is_free
    assert not chair.is_published  # the import's choice: drafts unless asked
    reading = activities["K2"]
    assert (reading.is_free, reading.fee, reading.area.code) == (False, "3 €", "240")  # a fee makes it paid
    martat = Actor.objects.get(business_id="0201256-6")
    assert martat.name == "Kemin Martat ry"
    assert martat.kind == "ngo"
    assert martat.area.code == "240"
    assert set(chair.providers.all()) == {martat} == set(reading.providers.all())
    assert list(activities["K3"].providers.all()) == [register["library"]]  # found in the register by name


def test_the_same_rows_in_xlsx_with_real_dates_and_booleans_import_alike(world, register):
    run = import_sheet(world, xlsx_bytes(GOOD))

    assert (run.rows_created, run.rows_rejected) == (3, 0)
    chair = _imported()["K1"]
    assert chair.starts_on == dt.date(2026, 9, 1)
    assert chair.is_free is True


def test_importing_the_same_source_again_updates_instead_of_duplicating(world, register):
    import_sheet(world, csv_bytes(GOOD))
    first = {key: a.pk for key, a in _imported().items()}

    again = import_sheet(world, csv_bytes(GOOD))
    assert (again.rows_created, again.rows_updated, again.rows_unchanged) == (0, 0, 3)

    changed = [list(row) for row in GOOD]
    changed[0][1] = "Tuolijumppa senioreille"
    changed[1][11] = "4 €"
    third = import_sheet(world, csv_bytes(changed))

    assert (third.rows_created, third.rows_updated, third.rows_unchanged, third.actors_created) == (0, 2, 1, 0)
    now = _imported()
    assert {key: a.pk for key, a in now.items()} == first
    assert now["K1"].title == "Tuolijumppa senioreille"
    assert now["K2"].fee == "4 €"
    assert Actor.objects.filter(name="Kemin Martat ry").count() == 1


def test_rows_without_ids_are_keyed_by_title_municipality_and_provider_so_a_reimport_updates(world, register):
    rows = [row[1:] for row in GOOD]
    import_sheet(world, csv_bytes(rows, HEADER[1:]))
    rows[0][10] = "3 €"
    run = import_sheet(world, csv_bytes(rows, HEADER[1:]))

    assert (run.rows_created, run.rows_updated) == (0, 1)
    assert Activity.objects.filter(source="sheet:kemi", title="Tuolijumppa").count() == 1


BAD_ROWS = [
    ("unknown theme", {5: "Astrologia"}, "Unknown theme Astrologia."),
    ("unknown target group", {7: "Lohikäärmeet"}, "Unknown target group Lohikäärmeet."),
    ("unknown age group", {6: "vauvat ja mummot"}, "Unknown age group vauvat ja mummot."),
    ("unknown municipality", {4: "Atlantis"}, "Unknown municipality Atlantis."),
    ("another municipality's area", {4: "Tornio"}, "Tornio is outside Kemin kaupunki: import only into your own"),
    ("invalid business id", {3: "0201256-5"}, "does not pass its check digit"),
    ("end before start", {8: "15.12.2026", 9: "1.9.2026"}, "The activity cannot end before it starts."),
    ("paid without fee", {10: "ei", 11: ""}, "Say what the activity costs, or mark it free of charge."),
    ("bad link", {12: "www kemi fi"}, "The link www kemi fi is not a web address"),
    ("missing title", {1: ""}, "Give the activity a title."),
    ("bad date", {8: "31.2.2026"}, "Starts: 31.2.2026 is not a date"),
    ("bad yes or no", {10: "ehkä"}, "Free of charge: ehkä is not yes or no"),
    ("unknown language", {13: "klingon"}, "Unknown language klingon."),
    ("no provider", {2: "", 3: ""}, "Name the provider."),
]


@pytest.mark.parametrize(("case", "changes", "reason"), BAD_ROWS, ids=[case for case, _c, _r in BAD_ROWS])
def test_a_bad_row_is_rejected_with_its_row_number_and_reason_and_the_good_rows_are_kept(
    world, register, case, changes, reason
):
    bad = list(GOOD[0])
    bad[0] = "BAD"
    for index, value in changes.items():
        bad[index] = value
    run = import_sheet(world, csv_bytes([GOOD[1], bad, GOOD[2]]))

    assert (run.rows_created, run.rows_rejected) == (2, 1)
    assert len(run.rejected) == 1
    assert run.rejected[0]["row"] == 3  # the header is row 1
    assert reason in run.rejected[0]["reason"]
    assert set(_imported()) == {"K2", "K3"}


def test_a_row_gets_every_reason_at_once(world, register):
    bad = list(GOOD[0])
    bad[5], bad[8], bad[9], bad[12] = "Astrologia", "2.9.2026", "1.9.2026", "ftp://x"
    (planned, *_rest) = preview(world, csv_bytes([bad]))

    assert planned.action == "reject"
    assert len(planned.reasons) == 3, planned.reasons


def test_themes_and_groups_are_found_by_code_or_by_name_in_any_language(world, register):
    row = list(GOOD[0])
    row[5], row[6], row[7] = (
        "Motion; culture-and-hobbies; Culture and hobbies; mental-wellbeing",
        "unga; Barn",
        "Invandrare",
    )
    row[5] = "Motion; Culture and hobbies; mental-wellbeing; Psykiskt välbefinnande"
    import_sheet(world, csv_bytes([row]))

    chair = _imported()["K1"]
    assert {t.code for t in chair.themes.all()} == {"physical-activity", "culture", "mental-wellbeing"}
    assert chair.age_groups == ["young", "children"]
    assert [g.code for g in chair.target_groups.all()] == ["immigrants"]


ENCODINGS = [
    ("utf-8 with its mark, semicolons", "utf-8-sig", ";"),
    ("Windows-1252, commas (Excel's CSV on Finnish Windows)", "cp1252", ","),
    ("UTF-16, tabs (Excel's Unicode text)", "utf-16", "\t"),
    ("UTF-8, tabs", "utf-8", "\t"),
]


@pytest.mark.parametrize(("case", "encoding", "delimiter"), ENCODINGS, ids=[c for c, _e, _d in ENCODINGS])
def test_csv_in_any_common_encoding_and_delimiter_is_read(world, register, case, encoding, delimiter):
    rows = [[cell.replace("€", "e") for cell in row] for row in GOOD]
    run = import_sheet(world, csv_bytes(rows, delimiter=delimiter, encoding=encoding))

    assert (run.rows_created, run.rows_rejected) == (3, 0), run.rejected
    assert Activity.objects.filter(title="Perhekahvila", source="sheet:kemi").exists()
    assert Actor.objects.filter(name="Kemin Martat ry").exists()


def _cut_xlsx() -> bytes:
    whole = xlsx_bytes(GOOD)
    return whole[: len(whole) * 2 // 3]


REFUSED = [
    ("cut XLSX", _cut_xlsx, "The workbook is damaged or cut short"),
    ("garbled bytes", lambda: bytes(range(256)) * 8, "not a table or JSON"),
    ("a PDF named .csv", lambda: b"%PDF-1.7\n" + csv_bytes(GOOD), "a PDF document"),
    ("CSV from an old Mac (Mac Roman)", lambda: csv_bytes(GOOD, encoding="mac_roman"), "in another encoding"),
    (
        "CSV from DOS (code page 437)",
        lambda: csv_bytes([r[:11] for r in GOOD], HEADER[:11], encoding="cp437"),
        "in another encoding",
    ),
    ("UTF-8 converted twice", lambda: csv_bytes(GOOD).decode("latin-1").encode("utf-8"), "converted twice"),
    ("control characters", lambda: csv_bytes(GOOD).replace(b"Lukupiiri", b"Luku\x1bpiiri"), "garbled"),
    (
        "bytes of no encoding",
        lambda: csv_bytes(GOOD).replace(b"Lukupiiri", b"Luku\x81\x8dpiiri"),
        "cannot be recognised",
    ),
    ("a CSV cut mid-row", lambda: csv_bytes(GOOD)[:-40], "ends in the middle of a row"),
    ("a quote left open", lambda: csv_bytes(GOOD).replace(b"Lukupiiri", b'"Lukupiiri'), "quote"),
    ("an empty file", lambda: b"  \r\n", "The file is empty."),
    ("JSON given as a spreadsheet", lambda: b'{"services": []}', "choose the HSDS format"),
    ("an old .xls", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), ".xls"),
    (
        "too many rows",
        lambda: csv_bytes([[f"R{i}", f"Toiminta {i}", "Kemin Martat ry"] for i in range(5001)], HEADER[:3]),
        "at most 5000",
    ),
]


@pytest.mark.parametrize(("case", "make", "message"), REFUSED, ids=[case for case, _m, _s in REFUSED])
def test_a_file_that_is_cut_garbled_not_what_it_claims_or_ambiguous_is_refused_whole(
    world, register, case, make, message
):
    log_before, actors_before = AuditEntry.objects.count(), Actor.objects.count()

    with pytest.raises(ValidationError) as refused:
        start_sheet(world, make())

    assert message in " ".join(refused.value.messages)
    assert not RegisterImport.objects.exists()
    assert not Activity.objects.filter(source="sheet:kemi").exists()
    assert (AuditEntry.objects.count(), Actor.objects.count()) == (log_before, actors_before)


AMBIGUOUS = [
    ("one id on two rows", csv_bytes([GOOD[0], GOOD[1], GOOD[0]]), "The id K1 is on rows 2 and 4"),
    (
        "the same row twice without ids",
        csv_bytes([GOOD[0][1:], GOOD[0][1:]], HEADER[1:]),
        "Rows 2 and 3 have the same title, municipality and provider and no id",
    ),
]


@pytest.mark.parametrize(("case", "data", "message"), AMBIGUOUS, ids=[case for case, _d, _m in AMBIGUOUS])
def test_an_ambiguous_file_is_refused_whole_when_its_columns_are_chosen(world, register, case, data, message):
    """Which rows repeat depends on the column holding the ids, so it is found when the columns are chosen."""
    with pytest.raises(ValidationError, match=message):
        start_sheet(world, data)
    run = RegisterImport.objects.get()
    assert run.status == ImportStatus.MAPPING
    assert "columns" not in run.parameters
    with pytest.raises(ValidationError):
        confirm_import(actor=world.users["coordinator"], run=run)
    assert not Activity.objects.filter(source="sheet:kemi").exists()
    assert not AuditEntry.objects.filter(action__in=["activity.create", "actor.create"], actor__isnull=False).exists()


def test_a_header_without_a_title_column_is_refused_when_the_columns_are_chosen(world, register):
    data = csv_bytes([["x", "y"]], ["Foo", "Bar"])
    run = start_import(actor=world.users["coordinator"], organisation=world.kemi, file_format="sheet", data=data)

    with pytest.raises(ValidationError, match=r"No column holds the activities' titles \(the header reads: Foo, Bar\)"):
        import_services.choose_columns(actor=world.users["coordinator"], run=run, columns={"provider": 0})
    with pytest.raises(ValidationError, match="Column 5 is not in the file, which has 2 columns"):
        import_services.choose_columns(actor=world.users["coordinator"], run=run, columns={"title": 4})
    run.refresh_from_db()
    assert run.status == ImportStatus.MAPPING
    assert "columns" not in run.parameters


@pytest.mark.parametrize("persona", ["outsider", "reader", "editor", "county"])
def test_only_those_who_keep_the_register_may_import_into_it(world, register, persona):
    with pytest.raises(PermissionDenied):
        start_import(actor=world.users[persona], organisation=world.kemi, file_format="sheet", data=csv_bytes(GOOD))
    assert not RegisterImport.objects.exists()


def test_another_municipality_cannot_confirm_or_discard_kemis_import(world, register):
    run = start_sheet(world, csv_bytes(GOOD))
    for service in (confirm_import, discard_import):
        with pytest.raises(PermissionDenied):
            service(actor=world.users["outsider"], run=run)
    assert not Activity.objects.filter(source="sheet:kemi").exists()


def test_an_activity_kept_by_another_municipality_is_not_changed_through_a_shared_source(world, register):
    tornio = register["football"]
    Activity.objects.filter(pk=tornio.pk).update(source="sheet:kemi", external_id="K1")

    (planned, *_rest) = preview(world, csv_bytes(GOOD))

    assert planned.action == "reject"
    assert "kept by someone else" in " ".join(planned.reasons)


def test_an_ngo_imports_into_its_own_entry_only(world, register):
    rows = [
        ["N1", "Muistikahvila", "", "", "Kemi", "loneliness", "older", "", "", "", "kyllä", "", "", "fi"],
        ["N2", "Lentopallo", "Tornion Pallo ry", "", "Kemi", "", "", "", "", "", "kyllä", "", "", ""],
        ["N3", "Kävely", "Kemin Seniorit ry", "", "Kemi", "", "", "", "", "", "kyllä", "", "", ""],
    ]
    run = import_sheet(world, csv_bytes(rows), persona="ngo", organisation=register["ngo"])

    assert (run.rows_created, run.rows_rejected) == (2, 1)
    assert run.rejected[0]["row"] == 3
    assert "An NGO imports only its own activities: Tornion Pallo ry is another actor." in run.rejected[0]["reason"]
    own = register["seniors"]
    for title in ("Muistikahvila", "Kävely"):
        assert list(Activity.objects.get(title=title, source="sheet:kemin-seniorit").providers.all()) == [own]
    assert not Actor.objects.filter(name="Tornion Pallo ry").exclude(pk=register["tornio_club"].pk).exists()


def test_an_ngos_reader_may_not_import(world, register):
    with pytest.raises(PermissionDenied):
        start_import(
            actor=world.users["ngo_reader"], organisation=register["ngo"], file_format="sheet", data=csv_bytes(GOOD)
        )


def test_the_import_and_each_write_are_in_the_audit_log(world, register):
    coordinator = world.users["coordinator"]
    run = import_sheet(world, csv_bytes(GOOD))

    entries = AuditEntry.objects.filter(actor=coordinator)
    actions = list(entries.values_list("action", flat=True))
    assert actions.count("activity.create") == 3
    assert actions.count("actor.create") == 1
    for action in ("register_import.start", "register_import.map", "register_import.done"):
        assert actions.count(action) == 1, action
    done = entries.get(action="register_import.done")
    assert done.object_id == str(run.pk)
    assert done.organisation == world.kemi
    assert done.changes["rows_created"] == [None, 3]
    created = entries.filter(action="activity.create", object_id=str(_imported()["K1"].pk)).get()
    assert created.changes["external_id"] == [None, "K1"]
    assert created.changes["source"] == [None, "sheet:kemi"]


def test_a_row_that_a_service_refuses_on_confirmation_leaves_nothing_of_itself(world, register, monkeypatch):
    """Between the preview and the confirmation the register may change; the service's refusal is the row's
    reason, its new provider is undone with it, and the other rows are written."""
    original = import_services.register.create_activity

    def refuse_the_reading_circle(**kwargs):
        if kwargs["details"].title == "Tuolijumppa":
            raise ValidationError("Changed meanwhile.")
        return original(**kwargs)

    monkeypatch.setattr(import_services.register, "create_activity", refuse_the_reading_circle)
    only_martat = [GOOD[0], GOOD[2]]
    run = import_sheet(world, csv_bytes(only_martat))

    assert (run.rows_created, run.rows_rejected, run.actors_created) == (1, 1, 0)
    assert run.rejected == [{"row": 2, "reason": "Changed meanwhile."}]
    assert not Actor.objects.filter(name="Kemin Martat ry").exists()
    assert not AuditEntry.objects.filter(action="actor.create", object_repr="Kemin Martat ry").exists()


def test_an_import_is_confirmed_once_and_a_discarded_one_writes_nothing(world, register):
    run = import_sheet(world, csv_bytes(GOOD))
    with pytest.raises(ValidationError, match="not waiting for confirmation"):
        confirm_import(actor=world.users["coordinator"], run=run)

    other = start_sheet(world, csv_bytes([GOOD[2]]), source="toinen")
    discard_import(actor=world.users["coordinator"], run=other)
    other.refresh_from_db()
    assert other.status == ImportStatus.DISCARDED
    assert other.upload is None
    assert not Activity.objects.filter(source="toinen").exists()
    with pytest.raises(ValidationError, match="not waiting for confirmation"):
        confirm_import(actor=world.users["coordinator"], run=other)


def test_the_preview_writes_nothing(world, register):
    run = start_sheet(world, csv_bytes(GOOD))
    log_before, actors_before = AuditEntry.objects.count(), Actor.objects.count()

    plan = plan_of(run, world.users["coordinator"])

    assert [row.action for row in plan] == ["create", "create", "create"]
    assert plan[0].new_provider is plan[1].new_provider  # one new actor for both rows
    assert plan[2].provider == register["library"]
    assert (AuditEntry.objects.count(), Actor.objects.count()) == (log_before, actors_before)


def test_a_published_column_and_the_publish_choice_decide_for_new_activities_only(world, register):
    header = [*HEADER, "Julkaistu"]
    rows = [[*GOOD[0], "ei"], [*GOOD[1], ""], [*GOOD[2], "kyllä"]]
    import_sheet(world, csv_bytes(rows, header), parameters={"publish": True})
    found = _imported()
    assert (found["K1"].is_published, found["K2"].is_published, found["K3"].is_published) == (False, True, True)

    Activity.objects.filter(pk=found["K2"].pk).update(is_published=False)  # the coordinator took it down
    import_sheet(world, csv_bytes(rows, header), parameters={"publish": True})
    assert _imported()["K2"].is_published is False


MORE_BAD = [
    ("unknown kind of actor", {"Toimijan tyyppi": "kerho-ohjaaja"}, "Unknown kind of actor kerho-ohjaaja."),
    ("a map point outside Finland", {"Leveysaste": "100", "Pituusaste": "101"}, "The map point 100.0, 101.0 is not in"),
    ("half a map point", {"Leveysaste": "65,73"}, "A map point needs both its latitude and its longitude."),
    ("a title too long", {"Otsikko": "Jumppa " * 40}, "title is longer than 200 characters."),
    ("a recurring activity without its schedule", {"Toistuva": "kyllä"}, "Say when a recurring activity meets"),
]


@pytest.mark.parametrize(("case", "cells", "reason"), MORE_BAD, ids=[case for case, _c, _r in MORE_BAD])
def test_more_columns_have_their_own_reasons(world, register, case, cells, reason):
    header = [*HEADER, "Toimijan tyyppi", "Leveysaste", "Pituusaste", "Toistuva"]
    row = [*GOOD[0], "yhdistys", "", "", ""]
    for name, value in cells.items():
        row[header.index(name)] = value
    run = import_sheet(world, csv_bytes([row, GOOD[2]], header))

    assert (run.rows_created, run.rows_rejected) == (1, 1)
    assert reason in run.rejected[0]["reason"]


def test_a_provider_named_like_two_actors_of_the_municipality_is_ambiguous(world, register):
    from hyte.actors import services
    from hyte.actors.details import ActorDetails
    from tests.conftest import SYSTEM

    for _twice in range(2):
        services.create_actor(
            actor=SYSTEM, details=ActorDetails(kind="ngo", name="Kemin Martat ry", area=world.kemi.area)
        )
    row = list(GOOD[0])
    row[3] = ""
    (planned,) = preview(world, csv_bytes([row]))

    assert planned.reasons == ["Several actors are called Kemin Martat ry in Kemi: give the provider's business id."]
    assert planned.new_provider is None


def test_reimporting_a_provider_merged_away_updates_the_entry_that_stayed(world, register):
    """A coordinator merged an imported provider into a hand-made twin: importing the same file again finds the
    twin through the merged entry's source id (its alias) instead of adding the duplicate back."""
    from hyte.actors.merge_services import merge_actors

    header = ["Tunnus", "Otsikko", "Järjestäjä", "Järjestäjän tunnus", "Kunta"]
    rows = [["R1", "Kävelyryhmä", "Kemin Latu ry", "LATU-1", "Kemi"]]
    import_sheet(world, csv_bytes(rows, header))
    imported = Actor.objects.get(source="sheet:kemi", external_id="LATU-1")
    twin = Actor.objects.create(kind="ngo", name="Kemin Latu", area=imported.area)
    merge_actors(actor=world.users["coordinator"], survivor=twin, merged=imported)

    again = import_sheet(world, csv_bytes(rows, header))

    assert (again.actors_created, again.rows_created, again.rows_rejected) == (0, 0, 0)
    assert not Actor.objects.filter(source="sheet:kemi", external_id="LATU-1").exists()
    walk = Activity.objects.get(source="sheet:kemi", external_id="R1")
    assert list(walk.providers.all()) == [twin]
