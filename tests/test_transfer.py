"""The organisation export and import: a rich organisation goes out and comes back with every row of every table
equal field by field, and every kind of bad archive is refused with nothing written."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import math
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from PIL import Image

from hyte.accounts.models import Organisation
from hyte.actors import services as services_of_register
from hyte.actors.details import ActivityDetails
from hyte.actors.models import Activity, Actor, TargetGroup, Theme
from hyte.assessments import services as assessments
from hyte.audit.actions import AuditAction
from hyte.audit.models import AuditEntry
from hyte.core import clock
from hyte.core.actors import COMMAND_LINE
from hyte.indicators import services as indicator_services
from hyte.indicators.models import Indicator, Observation
from hyte.regions.models import Area
from hyte.reports import services
from hyte.reports.models import BlockKind, Report
from hyte.situation import services as situation
from hyte.transfer import codec
from hyte.transfer.reader import ArchiveRefused
from hyte.transfer.services import export_organisation, import_organisation
from hyte.transfer.tables import NOT_CARRIED, SHARED, TABLES, Table, position, table_of
from tests.actors_world import build_register, kemi_area
from tests.conftest import SYSTEM, kemi_values

User = get_user_model()
TRICKY = 'Liikunta & ulkoilu <3 – "lainaus" <script>'


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def rich(world, published):
    """Kemi with published plan and annual report, and every other kind of row an organisation has."""
    plan, _annual = published
    coordinator, editor = world.users["coordinator"], world.users["editor"]
    kemi_values(world, b"240;2022;-0,0\n240;2021;12,345678901234567\n240;kaksi;1\n")  # one row rejected
    kemi_values(world, b"240;2024;56,5\n")  # a re-import changes a value
    for indicator in (world.shared_indicator, world.own_indicator):
        indicator_services.add_to_set(actor=coordinator, indicator_set=world.indicator_set, indicator=indicator)
    draft = services.create_report(
        actor=coordinator, organisation=world.kemi, kind="annual", title=TRICKY, term_start=2025, term_end=2029,
        year=2026, plan_report=plan,
    )  # fmt: skip
    section = draft.sections.first()
    services.assign(actor=coordinator, subject=section, users=[editor])
    image_block = services.add_block(actor=coordinator, section=section, kind=BlockKind.IMAGE)
    services.set_block_image(actor=coordinator, block=image_block, alt_text=TRICKY, data=_png())
    services.add_block(
        actor=coordinator,
        section=section,
        kind=BlockKind.CHART,
        indicators=[world.shared_indicator, world.own_indicator],
    )
    services.add_comment(actor=editor, report=draft, text=TRICKY, section=section)
    goal = plan.goals.get()
    measure = goal.measures.get()
    services.assign(actor=coordinator, subject=measure, users=[editor, coordinator])
    services.assign(actor=coordinator, subject=goal, users=[editor])
    services.set_budget_line(
        actor=coordinator, measure=measure, year=2026, branch=TRICKY, part="operating", amount="1234.50", used="0.10"
    )
    amendment = services.start_amendment(actor=coordinator, plan=plan, title=TRICKY, reason="Kysely & data")
    new_goal = services.propose_goal(actor=coordinator, amendment=amendment, text="Ikääntyneet < 75 v liikkuvat")
    services.propose_measure(actor=coordinator, amendment=amendment, new_goal=new_goal, text="Tuolijumppa")
    services.propose_retirement(actor=coordinator, amendment=amendment, item=measure, reason="Valmis")
    rule = situation.create_rule(
        actor=coordinator, organisation=world.kemi, indicator=world.own_indicator, condition="above", threshold=-0.0,
        measure=TRICKY,
    )  # fmt: skip
    situation.evaluate(actor=SYSTEM, rules=[rule])
    assessments.update_template(
        actor=coordinator,
        organisation=world.kemi,
        kind="full",
        name=TRICKY,
        guidance="<b>",
        questions=["Kuka & miksi?"],
    )
    assessment = assessments.create_assessment(
        actor=coordinator,
        organisation=world.kemi,
        title=TRICKY,
        kind="full",
        deadline=clock.today() + dt.timedelta(days=30),
    )
    assessments.set_people(actor=coordinator, assessment=assessment, preparer=editor, participants=[coordinator])
    option = assessments.add_option(actor=coordinator, assessment=assessment, title="Uusi & parempi")
    assessments.set_impact(
        actor=coordinator, option=option, area="children", direction="positive", size="large", certainty="high",
        description=TRICKY, indicator_codes=[world.own_indicator.source_id],
    )  # fmt: skip
    assessments.set_goal_effect(actor=coordinator, option=option, goal=goal, effect="supports", note=TRICKY)
    assessments.add_hearing(actor=coordinator, assessment=assessment, party="Nuorisovaltuusto", views=TRICKY)
    _register(world, measure)
    return world


def _register(world, measure):
    """Kemi's register (the NGO with its own entry, a library, drafts and a hidden activity) and an activity
    carried out with a Tornio club, with themes, target groups and a link to the plan's measure."""
    register = build_register(world)
    world.register = register
    services_of_register.create_activity(
        actor=SYSTEM,
        details=ActivityDetails(
            title=TRICKY,
            area=kemi_area(),
            description_sv=TRICKY,
            latitude=65.73612345678901,
            longitude=24.564000000000004,
        ),
        providers=[register["library"], register["tornio_club"]],
        themes=Theme.objects.filter(code="culture"),
        target_groups=TargetGroup.objects.filter(code__in=["immigrants", "students"]),
        measures=[measure],
    )


def _user_key(pk, cache={}):  # noqa: B006 - a cache for the test's lookups
    if pk not in cache:
        cache[pk] = ("user", *User.objects.filter(pk=pk).values_list("username", "email").get())
    return cache[pk]


def _value(field, value, ranks):
    """A field's value as the comparison sees it: references by natural identity, floats bit for bit."""
    if value is None:
        return None
    if field.is_relation:
        target = field.related_model
        if target is User:
            return _user_key(value)
        if value in ranks.get(target, {}):
            return (target._meta.label_lower, ranks[target][value])
        if target is Area:
            return ("area", *Area.objects.filter(pk=value).values_list("kind", "code").get())
        if target is Indicator:
            return (
                "indicator",
                *Indicator.objects.filter(pk=value, organisation=None).values_list("source", "source_id").get(),
            )
        if target is Organisation:
            return ("organisation", Organisation.objects.get(pk=value).slug)
        if target in (Theme, TargetGroup):
            return (target._meta.label_lower, target.objects.get(pk=value).code)
        if table_of(target) is not None:  # a shared register entry's link to another organisation's row
            return ("elsewhere", target._meta.label_lower, value)
        raise AssertionError(f"{field} refers outside the organisation")
    if isinstance(value, float):
        return "nan" if math.isnan(value) else value.hex()  # (-0.0).hex() is '-0x0.0p+0'
    if isinstance(value, bytes | memoryview):
        return hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    return repr(value)


# Where an imported register entry came from: set by the import (see test_the_register_comes_back_once).
ENTRY_SOURCE = {"source", "external_id"}
# Register entries found in the instance keep their ids, so their rows are ranked by name, not by id.
BY = {Actor: ["name", "pk"], Activity: ["title", "pk"]}


def snapshot(organisation: Organisation) -> dict[str, list[str]]:
    """Every row of every table the archive carries, without primary keys; a reference to a row of the organisation
    is that row's place in its table. Register entries are compared without their source."""
    ranks = {
        table.model: {
            pk: rank
            for rank, pk in enumerate(
                table.rows(organisation).order_by(*BY.get(table.model, ["pk"])).values_list("pk", flat=True)
            )
        }
        for table in TABLES
        if table.has_pk
    }
    result = {}
    for table in TABLES:
        fields = [f for f in table.fields() if table.model not in (Actor, Activity) or f.name not in ENTRY_SOURCE]
        rows = table.rows(organisation).exclude(**_not_the_import(table)).values_list(*(f.attname for f in fields))
        result[table.name] = sorted(
            repr([(f.name, _value(f, v, ranks)) for f, v in zip(fields, row, strict=True)]) for row in rows
        )
    return result


def _not_the_import(table: Table) -> dict[str, str]:
    return {"action": AuditAction.ORGANISATION_IMPORTED} if table.model is AuditEntry else {}


def remove(organisation: Organisation) -> None:
    """The organisation and every row of it, table by table from the last (protected references go first). The
    rows are found first: the register's rows are found through links that go before them."""
    found = {table.name: list(table.rows(organisation).values_list("pk", flat=True)) for table in TABLES}
    for table in reversed(TABLES):
        rows = table.model._default_manager.filter(pk__in=found[table.name])
        if table.model is Report:
            rows.exclude(plan_report=None).delete()  # the annual reports before their plans
        rows.delete()
    assert not Organisation.objects.filter(pk=organisation.pk).exists()


def counts() -> dict[str, int]:
    return {model._meta.label_lower: model._default_manager.count() for model in apps.get_models()}


def test_an_organisation_goes_out_and_comes_back_with_every_row_equal(rich, tmp_path):
    before = snapshot(rich.kemi)
    assert all(before[table.name] for table in TABLES if table.name != "reports.goal_supported_by"), [
        name for name, rows in before.items() if not rows and name != "reports.goal_supported_by"
    ]  # the organisation is rich: every table but the regional goals' links has rows
    exported = export_organisation(actor=COMMAND_LINE, organisation=rich.kemi, target=tmp_path / "kemi.zip")
    assert (
        exported.rows == sum(len(rows) for rows in before.values()) + 4
    )  # and the four members, the only people it names
    assert exported.left_out == {}
    entry = AuditEntry.objects.get(action=AuditAction.ORGANISATION_EXPORTED)
    assert (entry.organisation, entry.actor_name) == (rich.kemi, "system: command line")

    remove(rich.kemi)
    assert not Report.objects.exists()
    assert not Indicator.objects.exclude(organisation=None).exists()

    loaded = import_organisation(actor=COMMAND_LINE, source=tmp_path / "kemi.zip")
    kemi = Organisation.objects.get(slug="kemi")
    assert loaded.organisation == kemi
    assert loaded.people_matched == 4
    assert not loaded.people_created
    after = snapshot(kemi)
    for table in TABLES:
        assert after[table.name] == before[table.name], table.name
    assert AuditEntry.objects.filter(action=AuditAction.ORGANISATION_IMPORTED, organisation=kemi).count() == 1
    values = Observation.objects.filter(indicator__organisation=kemi).values_list("year", "value")
    assert dict(values)[2021] == 12.345678901234567
    if connection.vendor == "postgresql":  # SQLite itself keeps no negative zero
        assert math.copysign(1, dict(values)[2022]) == -1
    assert kemi.reports.get(title=TRICKY).sections.first().blocks.filter(image__isnull=False).get().image.data
    assert not loaded.matched, "Kemi's register was removed with it: every entry is made again"


def test_importing_again_does_not_duplicate(rich, tmp_path):
    export_organisation(actor=COMMAND_LINE, organisation=rich.kemi, target=tmp_path / "kemi.zip")
    before = snapshot(rich.kemi)
    register = {name: count for name, count in counts().items() if name.startswith("actors.")}
    copy = import_organisation(actor=COMMAND_LINE, source=tmp_path / "kemi.zip", slug="kemi-kopio").organisation
    assert snapshot(copy)["reports.report"] == before["reports.report"]
    assert {name: count for name, count in counts().items() if name.startswith("actors.")} == register
    written = counts()
    with pytest.raises(ArchiveRefused, match="exists already"):
        import_organisation(actor=COMMAND_LINE, source=tmp_path / "kemi.zip", slug="kemi-kopio")
    assert counts() == written


def test_people_not_found_get_an_account_without_a_password(rich, tmp_path):
    export_organisation(actor=COMMAND_LINE, organisation=rich.kemi, target=tmp_path / "kemi.zip")
    remove(rich.kemi)
    User.objects.filter(username="reader").delete()
    User.objects.create_user(username="reader", email="someone.else@example.fi")  # the name is taken by another
    loaded = import_organisation(actor=COMMAND_LINE, source=tmp_path / "kemi.zip")
    [person] = loaded.people_created
    assert (person.username, person.email, person.has_usable_password()) == ("reader-2", "reader@example.fi", False)
    assert loaded.organisation.memberships.get(user=person).role == "reader"
    assert AuditEntry.objects.filter(action=AuditAction.USER_CREATE, object_id=str(person.pk)).exists()


# Bad archives: each is built here from a good one, and each import leaves every table as it was.


@pytest.fixture
def archive(rich, tmp_path) -> Path:
    path = tmp_path / "kemi.zip"
    export_organisation(actor=COMMAND_LINE, organisation=rich.kemi, target=path)
    remove(rich.kemi)
    return path


def rewrite(source: Path, change, *, fix_manifest=True, manifest_change=None) -> Path:
    """A copy of the archive with `change(name, data) -> data` applied to each member, the manifest's checksums
    recomputed unless told not to."""
    target = source.with_name("changed.zip")
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        manifest = json.loads(old.read("manifest.json"))
        for name in old.namelist():
            if name == "manifest.json":
                continue
            data = change(name, old.read(name))
            new.writestr(name, data)
            if fix_manifest:
                entry = manifest["members"][name]
                entry.update(bytes=len(data), sha256=hashlib.sha256(data).hexdigest())
        if manifest_change:
            manifest_change(manifest)
        new.writestr("manifest.json", json.dumps(manifest))
    return target


def refused(path: Path, match: str) -> None:
    written = counts()
    with pytest.raises(ArchiveRefused, match=match):
        import_organisation(actor=COMMAND_LINE, source=path)
    assert counts() == written
    assert not Organisation.objects.filter(slug="kemi").exists()


def test_a_cut_archive_is_refused(archive):
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])
    refused(archive, "not a readable zip archive")


def test_a_garbled_line_is_refused(archive):
    def garble(name, data):
        return data.replace(b'"text":', b'"text" ', 1) if name == "tables/reports.goal.jsonl" else data

    refused(rewrite(archive, garble), r"line 1 of tables/reports.goal.jsonl is not valid JSON")


def test_a_value_of_the_wrong_kind_is_refused_late_and_rolled_back(archive):
    """Caught only while inserting, after the organisation and hundreds of rows are in: all of it is taken back."""

    def wrong(name, data):
        if name != "tables/audit.auditentry.jsonl":
            return data
        rows = [json.loads(line) for line in data.splitlines()]
        rows[-1]["at"] = "yesterday"
        return b"".join(codec.dumps(row) for row in rows)

    refused(rewrite(archive, wrong), "audit.auditentry.jsonl: at cannot hold 'yesterday'")


def test_a_changed_member_is_refused_by_its_checksum(archive):
    def change(name, data):
        return data.replace(b"Nuoret voivat hyvin", b"Nuoret voivat huonosti") if "reports.goal." in name else data

    refused(rewrite(archive, change, fix_manifest=False), "does not match its checksum")


def test_a_newer_format_version_is_refused(archive):
    refused(rewrite(archive, lambda n, d: d, manifest_change=lambda m: m.update(version=2)), "format version 2")


def test_a_newer_schema_is_refused(archive):
    def newer(manifest):
        manifest["migrations"].append("reports.9999_from_the_future")

    refused(rewrite(archive, lambda n, d: d, manifest_change=newer), "newer database schema")


def test_an_existing_short_name_is_refused(rich, tmp_path):
    export_organisation(actor=COMMAND_LINE, organisation=rich.kemi, target=tmp_path / "kemi.zip")
    written = counts()
    with pytest.raises(ArchiveRefused, match="'kemi' exists already"):
        import_organisation(actor=COMMAND_LINE, source=tmp_path / "kemi.zip")
    assert counts() == written


def test_a_missing_area_is_refused(archive):
    def elsewhere(name, data):
        if name != "tables/indicators.observation.jsonl":
            return data
        return data.replace(b'"area":{"key":["municipality","240"]}', b'"area":{"key":["municipality","999"]}')

    refused(rewrite(archive, elsewhere), "areas missing in this instance: municipality 999; load Finland's areas")


def test_a_missing_national_indicator_is_refused(archive):
    Indicator.objects.filter(source="sotkanet", source_id="127").update(source_id="127-renamed")
    refused(archive, "indicators missing in this instance: sotkanet 127")


def test_a_member_not_in_the_manifest_is_refused(archive):
    with zipfile.ZipFile(archive, "a") as extra:
        extra.writestr("tables/evil.jsonl", b"{}\n")
    refused(archive, "does not list")


# The parts.


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("FloatField", -0.0),
        ("FloatField", 0.1 + 0.2),
        ("FloatField", 5e-324),
        ("FloatField", math.inf),
        ("FloatField", -math.inf),
        ("DecimalField", Decimal("117500.00")),
        ("DecimalField", Decimal("-0.01")),
        ("DateTimeField", dt.datetime(2025, 3, 30, 1, 30, 0, 123456, tzinfo=dt.timezone(dt.timedelta(hours=3)))),
        ("DateField", dt.date(1990, 1, 1)),
        ("JSONField", {"a": [1, -0.0, "&<"], "b": None}),
        ("TextField", "& < > \" ' \u2028 \x00"),
    ],
)
def test_values_come_back_exactly(kind, value):
    field = {
        "FloatField": Observation._meta.get_field("value"),
        "DecimalField": apps.get_model("reports", "BudgetLine")._meta.get_field("amount"),
        "DateTimeField": AuditEntry._meta.get_field("at"),
        "DateField": Indicator._meta.get_field("reviewed_on"),
        "JSONField": AuditEntry._meta.get_field("changes"),
        "TextField": Indicator._meta.get_field("description_fi"),
    }[kind]
    line = codec.dumps({"v": codec.encode(field, value)})
    back = codec.decode(field, json.loads(line)["v"])
    assert back == value
    assert type(back) is type(value)
    if isinstance(value, float):
        assert back.hex() == value.hex()
    if isinstance(value, dt.datetime):
        assert back.utcoffset() == value.utcoffset()


def test_nan_comes_back_as_nan():
    field = Observation._meta.get_field("value")
    assert math.isnan(codec.decode(field, json.loads(codec.dumps({"v": codec.encode(field, math.nan)}))["v"]))


def test_every_model_is_carried_shared_or_named_as_left_out():
    carried = {table.model for table in TABLES}
    ours = [m for m in apps.get_models(include_auto_created=True) if m.__module__.startswith("hyte.")]
    missing = [
        m._meta.label_lower
        for m in ours
        if m not in carried and m not in SHARED and m._meta.label_lower not in NOT_CARRIED
    ]
    # Areas and the indicators are shared; the regions' other models and the import's are instance-wide data.
    assert missing == []


def test_references_to_later_tables_can_wait():
    """The import inserts tables in order; a reference to the same or a later table is set afterwards, so it must
    be nullable."""
    for index, table in enumerate(TABLES):
        for field in table.fields():
            if field.is_relation and position(field.related_model) >= index:
                assert field.null, f"{table.name}.{field.name}"


def test_the_commands_export_and_import(rich, tmp_path, capsys):
    target = tmp_path / "kemi.zip"
    call_command("export_organisation", "kemi", str(target))
    assert "rows written" in capsys.readouterr().out
    with pytest.raises(CommandError, match="exists already"):
        call_command("export_organisation", "kemi", str(target))
    with pytest.raises(CommandError, match="no organisation"):
        call_command("export_organisation", "nobody", str(tmp_path / "x.zip"))
    with zipfile.ZipFile(target) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert (manifest["format"], manifest["version"], manifest["organisation"]) == ("hyte-organisation", 1, "kemi")
    assert manifest["members"]["tables/accounts.membership.jsonl"]["rows"] == 4
    call_command("import_organisation", str(target), "--slug", "kemi-2")
    out = capsys.readouterr().out
    assert "Imported kemi-2" in out
    assert "not made again: 3 row(s) of actors.actor" in out, "Kemi's register is here already"
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_organisation", str(target), "--slug", "kemi-2")
