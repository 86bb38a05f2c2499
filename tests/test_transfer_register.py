"""The register of actors and activities in an organisation's archive: the part that is the organisation's goes
out, and comes back once: entries found in the instance already (by their source and id there, by the archive's
origin and id, by their id in this very instance, or by business id) are not made twice."""

from __future__ import annotations

import json
import zipfile

from django.test import override_settings

from hyte.accounts.models import Organisation
from hyte.actors import queries
from hyte.actors.details import ActorDetails
from hyte.actors.models import Activity, Actor, Theme
from hyte.actors.services import create_actor
from hyte.audit.actions import AuditAction
from hyte.audit.models import AuditEntry
from hyte.core.actors import COMMAND_LINE
from hyte.transfer.register import origin
from hyte.transfer.services import export_organisation, import_organisation
from tests.actors_world import kemi_area
from tests.conftest import SYSTEM
from tests.test_transfer import TRICKY, counts, remove, rich  # noqa: F401 (the rich organisation)

ANOTHER = {"PUBLIC_BASE_URL": "https://hyvinvointi.toinen.example.fi"}  # the origin of another instance


def _register_counts() -> dict[str, int]:
    return {name: count for name, count in counts().items() if name.startswith("actors.")}


def _manifest(path) -> dict:
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("manifest.json"))


def test_a_municipality_s_archive_carries_its_area_s_register(rich, tmp_path):  # noqa: F811
    exported = export_organisation(actor=COMMAND_LINE, organisation=rich.kemi, target=tmp_path / "kemi.zip")
    assert exported.left_out == {}
    members = _manifest(tmp_path / "kemi.zip")["members"]
    # Kemi's two actors (the NGO's own entry and the library) and the Tornio club that offers an activity with
    # the library; not Tornio's football, which is Tornio's alone.
    assert members["tables/actors.actor.jsonl"]["rows"] == 3
    assert members["tables/actors.activity.jsonl"]["rows"] == 5  # drafts and hidden ones too: the register's
    assert members["tables/actors.activity_measures.jsonl"]["rows"] == 1
    assert members["tables/actors.activity_target_groups.jsonl"]["rows"] == 2
    with zipfile.ZipFile(tmp_path / "kemi.zip") as archive:
        themes = archive.read("tables/actors.activity_themes.jsonl").decode()
    assert '"theme":{"key":["culture"]}' in themes, "themes go by their code"


@override_settings(**ANOTHER)
def test_the_register_comes_back_once_into_another_instance(rich, tmp_path):  # noqa: F811
    club = rich.register["tornio_club"]
    Actor.objects.filter(pk=club.pk).update(source="https://lahella.example/hsds", external_id="tp-1")
    with override_settings(PUBLIC_BASE_URL="https://hyvinvointi.kemi.fi"):
        export_organisation(actor=COMMAND_LINE, organisation=rich.kemi, target=tmp_path / "kemi.zip")
    old = {actor.name: actor.pk for actor in Actor.objects.all()}
    old_walking = rich.register["walking"].pk
    remove(rich.kemi)
    Activity.objects.all().delete()
    Actor.objects.all().delete()  # a fresh instance, but for one entry made here by hand:
    create_actor(
        actor=SYSTEM,
        details=ActorDetails(kind="ngo", name="Kemin seniorit (käsin)", area=kemi_area(), business_id="0112038-9"),
    )

    loaded = import_organisation(actor=COMMAND_LINE, source=tmp_path / "kemi.zip")
    assert loaded.matched == {"actors.actor": 1}, "the NGO made here by hand has the same business id"
    assert Actor.objects.filter(business_id="0112038-9").count() == 1
    library = Actor.objects.get(name="Kemin kaupunginkirjasto")
    assert (library.source, library.external_id) == ("hyte:hyvinvointi.kemi.fi", str(old["Kemin kaupunginkirjasto"]))
    club = Actor.objects.get(name="Tornion Pallo ry")
    assert (club.source, club.external_id) == ("https://lahella.example/hsds", "tp-1"), "its own source is kept"
    walking = Activity.objects.get(title="Senioreiden kävelyryhmä")
    assert walking.external_id == str(old_walking)
    assert list(walking.providers.values_list("name", flat=True)) == ["Kemin seniorit (käsin)"]
    tricky = Activity.objects.get(title=TRICKY)
    assert tricky.measures.get().goal.report.organisation.slug == "kemi", "linked to the imported plan's measure"
    assert set(tricky.providers.values_list("name", flat=True)) == {"Kemin kaupunginkirjasto", "Tornion Pallo ry"}
    assert set(tricky.target_groups.values_list("code", flat=True)) == {"immigrants", "students"}
    found = queries.public_activities(queries.ActivityFilter(text="kävelyryhmä"))
    assert list(found) == [walking], "the imported activities are in the text search"

    written = _register_counts()
    again = import_organisation(actor=COMMAND_LINE, source=tmp_path / "kemi.zip", slug="kemi-2")
    assert again.matched == {"actors.actor": 3, "actors.activity": 5}
    assert _register_counts() == written, "importing again makes no second copy"
    entry = AuditEntry.objects.get(action=AuditAction.ORGANISATION_IMPORTED, organisation=again.organisation)
    assert entry.changes["register entries found here"] == {"actors.actor": 3, "actors.activity": 5}


def test_an_ngo_s_archive_carries_its_own_entry_and_leaves_the_plan_s_links_out(rich, tmp_path):  # noqa: F811
    ngo = rich.register["ngo"]
    rich.register["walking"].measures.add(rich.kemi.reports.get(kind="broad").goals.get().measures.get())
    exported = export_organisation(actor=COMMAND_LINE, organisation=ngo, target=tmp_path / "ngo.zip")
    assert exported.left_out == {"actors.activity_measures": 1}, "Kemi's plan is not in the NGO's archive"
    members = _manifest(tmp_path / "ngo.zip")["members"]
    assert members["tables/actors.actor.jsonl"]["rows"] == 1
    assert members["tables/actors.activity.jsonl"]["rows"] == 2  # the walking group and the draft
    remove(ngo)
    assert not Actor.objects.filter(name="Kemin Seniorit ry").exists()
    import_organisation(actor=COMMAND_LINE, source=tmp_path / "ngo.zip")
    entry = Organisation.objects.get(slug="kemin-seniorit").actor_entry
    assert entry.name == "Kemin Seniorit ry"
    assert set(entry.activities.values_list("title", flat=True)) == {
        "Senioreiden kävelyryhmä",
        "Luonnos: muistikahvila",
    }
    assert (entry.source, entry.external_id) == (origin(), str(rich.register["seniors"].pk))
    assert not entry.activities.get(title="Senioreiden kävelyryhmä").measures.exists()


def test_an_organisation_that_has_its_entry_here_keeps_it(rich, tmp_path):  # noqa: F811
    """The NGO's archive imported under another name: its entry is found here (it came from this instance)."""
    ngo = rich.register["ngo"]
    export_organisation(actor=COMMAND_LINE, organisation=ngo, target=tmp_path / "ngo.zip")
    written = _register_counts()
    loaded = import_organisation(actor=COMMAND_LINE, source=tmp_path / "ngo.zip", slug="seniorit-kopio")
    assert loaded.matched == {"actors.actor": 1, "actors.activity": 2}
    assert _register_counts() == written
    assert Actor.objects.get(name="Kemin Seniorit ry").organisation == ngo


def test_a_theme_this_instance_lacks_is_left_out_with_a_note(rich, tmp_path):  # noqa: F811
    export_organisation(actor=COMMAND_LINE, organisation=rich.kemi, target=tmp_path / "kemi.zip")
    remove(rich.kemi)
    Theme.objects.filter(code="culture").update(code="region-own-culture")  # a region's own concept
    loaded = import_organisation(actor=COMMAND_LINE, source=tmp_path / "kemi.zip")
    assert "actors.activity_themes: a link to the theme culture was left out" in loaded.warnings
    assert not Activity.objects.get(title=TRICKY).themes.exists()


@override_settings(**ANOTHER)
def test_an_organisation_with_another_entry_here_keeps_that_one(rich, tmp_path):  # noqa: F811
    with override_settings(PUBLIC_BASE_URL="https://hyvinvointi.kemi.fi"):
        export_organisation(actor=COMMAND_LINE, organisation=rich.kemi, target=tmp_path / "kemi.zip")
    remove(rich.kemi)
    Activity.objects.all().delete()
    Actor.objects.all().delete()
    ngo = rich.register["ngo"]
    own = ActorDetails(kind="ngo", name="Seniorit (oma merkintä)", area=kemi_area())
    create_actor(actor=SYSTEM, details=own, organisation=ngo)
    loaded = import_organisation(actor=COMMAND_LINE, source=tmp_path / "kemi.zip")
    assert any("Kemin Seniorit ry was imported without its link to its organisation" in w for w in loaded.warnings)
    assert Organisation.objects.get(pk=ngo.pk).actor_entry.name == "Seniorit (oma merkintä)"
    assert Actor.objects.get(name="Kemin Seniorit ry").organisation is None
