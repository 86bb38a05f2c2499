"""Support paths (tuen polku): their services with the resolver's rules and the audit, the order of steps, what a
step must be, the public pages in Finnish, Swedish and English (a step whose activity is not public shows only its
own words), the finder's link, the leaflet PDF read back, and the signed-in pages."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from pypdf import PdfReader

from hyte.accounts.permissions import Action, permissions_for
from hyte.actors.models import SupportPath, SupportPathStep
from hyte.actors.support_paths import services
from hyte.actors.support_paths.details import PathDetails, StepDetails
from hyte.audit.models import AuditEntry
from tests.actors_world import build_register, edit_activity, kemi_area, tornio_area
from tests.conftest import SYSTEM
from tests.paths_world import INTRODUCTION, INTRODUCTION_SV, add_path, add_step, build_path

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def _english():
    """The refusals are matched in English (Finnish is the default language)."""
    from django.utils import translation

    with translation.override("en"):
        yield


def _headings(path: SupportPath) -> list[str]:
    return list(path.steps.order_by("position").values_list("heading", flat=True))


def _pdf_text(body: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


# Services ---------------------------------------------------------------------------------------------------------


def test_a_coordinator_makes_a_path_step_by_step_and_every_write_is_audited(world):
    register = build_register(world)
    coordinator = world.users["coordinator"]
    path = add_path(coordinator, title="  Kotona pärjääminen  ", age_groups=["older"])
    assert path.title == "Kotona pärjääminen"
    assert path.last_checked_by == coordinator
    assert not path.is_published
    add_step(path, coordinator, heading="Liiku", activity=register["walking"])
    add_step(path, coordinator, heading="Kysy", service_name="Seniorineuvonta", service_phone="040 000 0001")
    assert _headings(path) == ["Liiku", "Kysy"]
    assert list(path.steps.values_list("position", flat=True)) == [1, 2]
    entries = AuditEntry.objects.filter(object_type__startswith="actors.supportpath").order_by("pk")
    assert [e.action for e in entries] == ["support_path.create", "support_path.add_step", "support_path.add_step"]
    assert {e.organisation_id for e in entries} == {world.kemi.pk}  # the municipality's log
    assert {e.actor_id for e in entries} == {coordinator.pk}
    assert entries[0].changes["title"] == [None, "Kotona pärjääminen"]


@pytest.mark.parametrize("persona", ["admin", "coordinator"])
def test_the_municipalitys_coordinators_and_admins_keep_its_paths(world, persona):
    path = add_path(world.users[persona])
    services.update_path(
        actor=world.users[persona], path=path, details=replace(PathDetails.of(path), title_sv="Klara sig hemma")
    )
    assert SupportPath.objects.get().title_sv == "Klara sig hemma"


@pytest.mark.parametrize("persona", ["editor", "reader", "outsider", "county", "ngo"])
def test_nobody_else_makes_or_changes_a_municipalitys_path(world, persona):
    register = build_register(world)
    path = add_path()
    step = add_step(path, heading="Liiku", activity=register["walking"])
    before = AuditEntry.objects.count()
    who = world.users[persona]
    with pytest.raises(PermissionDenied):
        add_path(who)
    with pytest.raises(PermissionDenied):
        services.update_path(actor=who, path=path, details=replace(PathDetails.of(path), title="Muu"))
    with pytest.raises(PermissionDenied):
        add_step(path, who, heading="Kysy", service_name="Neuvonta", service_phone="040 000 0001")
    with pytest.raises(PermissionDenied):
        services.move_step(actor=who, step=step, offset=1)
    with pytest.raises(PermissionDenied):
        services.remove_step(actor=who, step=step)
    with pytest.raises(PermissionDenied):
        services.publish_path(actor=who, path=path)
    with pytest.raises(PermissionDenied):
        services.delete_path(actor=who, path=path)
    assert AuditEntry.objects.count() == before
    assert SupportPath.objects.get().title == "Kotona pärjääminen"
    assert _headings(path) == ["Liiku"]


def test_tornios_admin_keeps_tornios_paths_and_not_kemis(world):
    outsider = world.users["outsider"]  # Tornio's admin
    mine = add_path(outsider, title="Vauvaperheen tuki", area=tornio_area())
    assert permissions_for(outsider).can(Action.EDIT, mine)
    assert not permissions_for(world.users["coordinator"]).can(Action.EDIT, mine)
    with pytest.raises(PermissionDenied):
        add_path(outsider, area=kemi_area())


def test_drafts_are_read_only_by_those_who_keep_them_and_published_paths_by_everyone(world):
    register = build_register(world)
    built = build_path(register, publish=False)
    path = built["path"]
    for persona, sees in (("coordinator", True), ("admin", True), ("reader", False), ("editor", False)):
        assert permissions_for(world.users[persona]).can(Action.VIEW, path) is sees, persona
    assert not permissions_for(None).can(Action.VIEW, path)
    services.publish_path(actor=world.users["coordinator"], path=path)
    assert permissions_for(None).can(Action.VIEW, path)
    assert permissions_for(world.users["reader"]).can(Action.VIEW, path)


@pytest.mark.parametrize(
    ("fields", "refusal"),
    [
        ({"heading": "Tyhjä"}, "choose one or describe one"),
        ({"heading": "Molemmat", "activity": "walking", "service_name": "Neuvonta"}, "not both"),
        ({"heading": "Ei yhteystietoa", "service_name": "Neuvonta"}, "phone number or link"),
        ({"heading": "Huono linkki", "service_name": "Neuvonta", "service_url": "javascript:alert(1)"}, "web address"),
        ({"heading": "Tornion", "activity": "football"}, "path's own municipality"),
        ({"heading": "   ", "activity": "walking"}, "heading in Finnish"),
    ],
    ids=["neither", "both", "no-contact", "bad-link", "other-municipality", "no-heading"],
)
def test_a_step_must_be_an_activity_or_a_service_and_a_refused_one_writes_nothing(world, fields, refusal):
    register = build_register(world)
    path = add_path()
    if "activity" in fields:
        fields = {**fields, "activity": register[fields["activity"]]}
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match=refusal):
        add_step(path, world.users["coordinator"], **fields)
    assert not SupportPathStep.objects.exists()
    assert AuditEntry.objects.count() == before


def test_steps_move_up_and_down_and_a_removal_closes_the_gap(world):
    register = build_register(world)
    built = build_path(register, publish=False)
    path, coordinator = built["path"], world.users["coordinator"]
    assert _headings(path) == ["Lähde liikkeelle", "Kysy neuvoa", "Tuo lapsenlapset mukaan"]
    services.move_step(actor=coordinator, step=built["reading"], offset=-1)
    assert _headings(path) == ["Lähde liikkeelle", "Tuo lapsenlapset mukaan", "Kysy neuvoa"]
    services.move_step(actor=coordinator, step=built["walking"], offset=1)
    assert _headings(path) == ["Tuo lapsenlapset mukaan", "Lähde liikkeelle", "Kysy neuvoa"]
    assert AuditEntry.objects.filter(action="support_path.move_step").count() == 4  # two steps swap, twice
    with pytest.raises(ValidationError, match="already first or last"):
        services.move_step(actor=coordinator, step=built["advice"], offset=1)
    services.remove_step(actor=coordinator, step=built["walking"])
    assert _headings(path) == ["Tuo lapsenlapset mukaan", "Kysy neuvoa"]
    assert list(path.steps.order_by("position").values_list("position", flat=True)) == [1, 2]
    add_step(path, coordinator, heading="Viimeinen", activity=register["walking"])
    assert _headings(path)[-1] == "Viimeinen"
    assert path.steps.get(heading="Viimeinen").position == 3


def test_publishing_needs_swedish_texts_and_a_step_and_a_published_path_keeps_one(world):
    register = build_register(world)
    coordinator = world.users["coordinator"]
    path = add_path(coordinator, introduction=INTRODUCTION)
    with pytest.raises(ValidationError, match="Swedish title"):
        services.publish_path(actor=coordinator, path=path)
    details = replace(PathDetails.of(path), title_sv="Att klara sig hemma", introduction_sv=INTRODUCTION_SV)
    services.update_path(actor=coordinator, path=path, details=details)
    with pytest.raises(ValidationError, match="at least one step"):
        services.publish_path(actor=coordinator, path=path)
    step = add_step(path, coordinator, heading="Liiku", activity=register["walking"])
    services.publish_path(actor=coordinator, path=path)
    assert SupportPath.objects.get().is_published
    with pytest.raises(ValidationError, match="at least one step"):
        services.remove_step(actor=coordinator, step=step)
    with pytest.raises(ValidationError, match="Swedish title"):
        services.update_path(actor=coordinator, path=path, details=replace(details, title_sv=""))
    services.unpublish_path(actor=coordinator, path=path)
    services.remove_step(actor=coordinator, step=step)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"support_path.publish", "support_path.unpublish", "support_path.remove_step"} <= actions


def test_a_path_stays_in_its_municipality_and_deleting_it_keeps_the_activities(world):
    register = build_register(world)
    built = build_path(register)
    path, coordinator = built["path"], world.users["coordinator"]
    with pytest.raises(ValidationError, match="stays in its municipality"):
        services.update_path(actor=coordinator, path=path, details=replace(PathDetails.of(path), area=tornio_area()))
    services.delete_path(actor=coordinator, path=path)
    assert not SupportPath.objects.exists()
    assert not SupportPathStep.objects.exists()
    assert register["walking"].__class__.objects.filter(pk=register["walking"].pk).exists()
    entry = AuditEntry.objects.get(action="support_path.delete")
    assert entry.changes["steps"] == [3, None]


# Public pages -----------------------------------------------------------------------------------------------------


def _page(path: str) -> str:
    response = Client().get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_the_public_page_shows_the_steps_in_order_with_what_is_needed_to_join(world):
    register = build_register(world)
    path = build_path(register)["path"]
    page = _page(f"/public/en/activities/paths/{path.pk}/")
    order = [page.index(h) for h in ("Lähde liikkeelle", "Kysy neuvoa", "Tuo lapsenlapset mukaan")]
    assert order == sorted(order)
    assert INTRODUCTION in page  # no English given: Finnish
    walking = page[order[0] : order[1]]
    assert "Tiistaisin 10–11" in walking
    assert "Karihaara" in walking
    assert "free of charge" in walking
    assert 'href="tel:0401234567"' in walking
    assert f'href="/public/en/activities/{register["walking"].pk}/"' in walking
    advice = page[order[1] : order[2]]
    assert 'href="tel:0400000001"' in advice
    assert "https://example.fi/seniorineuvonta" in advice
    reading = page[order[2] :]
    assert "2 € / kerta" in reading
    assert "1.9.2026–15.12.2026" in reading
    assert "people living alone" in page
    assert f"/public/en/activities/paths/{path.pk}/leaflet.pdf" in page


def test_the_public_page_is_in_swedish_and_finnish(world):
    register = build_register(world)
    path = build_path(register)["path"]
    swedish = _page(f"/public/sv/activities/paths/{path.pk}/")
    for text in ("Att klara sig hemma som äldre", INTRODUCTION_SV, "Kom i rörelse", "Seniorrådgivningen"):
        assert text in swedish
    assert "Promenadgrupp för seniorer" in swedish  # the activity's Swedish title
    assert 'lang="sv"' in swedish
    finnish = _page(f"/public/fi/activities/paths/{path.pk}/")
    assert "Kotona pärjääminen ikääntyneenä" in finnish
    assert "Seniorineuvonta" in finnish


@pytest.mark.parametrize("state", ["draft", "hidden"])
def test_a_step_whose_activity_is_not_public_shows_only_its_own_words(world, state):
    register = build_register(world)
    path = build_path(register)["path"]
    activity = register[state]
    add_step(path, heading="Muistikahvilaan", guidance="Kysy muistikahvilasta seniorineuvonnasta.", activity=activity)
    page = _page(f"/public/fi/activities/paths/{path.pk}/")
    assert "Muistikahvilaan" in page
    assert "Kysy muistikahvilasta seniorineuvonnasta." in page
    assert activity.title not in page
    assert f"/activities/{activity.pk}/" not in page  # no link to a page that would answer 404
    body = Client().get(f"/public/fi/activities/paths/{path.pk}/leaflet.pdf").content
    text = _pdf_text(body)
    assert "Muistikahvilaan" in text
    assert activity.title not in text


def test_an_activity_made_public_later_shows_on_the_path(world):
    register = build_register(world)
    path = build_path(register)["path"]
    add_step(path, heading="Muistikahvilaan", activity=register["draft"])
    edit_activity(SYSTEM, register["draft"], is_published=True)
    page = _page(f"/public/fi/activities/paths/{path.pk}/")
    assert f'href="/public/fi/activities/{register["draft"].pk}/"' in page


def test_drafts_are_not_on_the_public_site_and_the_finder_links_the_paths(world):
    register = build_register(world)
    published = build_path(register)["path"]
    draft = add_path(title="Keskeneräinen polku")
    for lang in ("fi", "sv", "en"):
        listing = _page(f"/public/{lang}/activities/paths/")
        assert f"/public/{lang}/activities/paths/{published.pk}/" in listing
        assert "Keskeneräinen" not in listing
        finder = _page(f"/public/{lang}/activities/")
        assert f"/public/{lang}/activities/paths/{published.pk}/" in finder
        assert f'href="/public/{lang}/activities/paths/"' in finder
    assert "Att klara sig hemma som äldre" in _page("/public/sv/activities/paths/")
    assert "Kotona pärjääminen ikääntyneenä" not in _page("/public/en/activities/paths/?municipality=851")
    for address in (f"/public/fi/activities/paths/{draft.pk}/", f"/public/fi/activities/paths/{draft.pk}/leaflet.pdf"):
        assert Client().get(address).status_code == 404
    coordinator = Client()
    coordinator.force_login(world.users["coordinator"])
    assert coordinator.get(f"/public/fi/activities/paths/{draft.pk}/").status_code == 404  # drafts: not public


# The leaflet ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_the_leaflet_is_a_pdf_with_the_steps_in_order_and_their_details(world, lang):
    register = build_register(world)
    path = build_path(register)["path"]
    response = Client().get(f"/public/{lang}/activities/paths/{path.pk}/leaflet.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.metadata.title == (path.title if lang == "fi" else path.title_sv)
    text = re.sub(r"\s+", " ", _pdf_text(response.content))
    headings = {
        "fi": ("Lähde liikkeelle", "Kysy neuvoa", "Tuo lapsenlapset"),
        "sv": ("Kom i rörelse", "Fråga om råd", "Ta med barnbarnen"),
    }[lang]
    assert (path.title if lang == "fi" else path.title_sv) in text
    assert (INTRODUCTION if lang == "fi" else INTRODUCTION_SV) in text
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    assert "Tiistaisin 10–11" in text
    assert "040 123 4567" in text
    assert "040 000 0001" in text
    assert "2 € / kerta" in text
    assert "Kemi" in text
    assert path.last_checked_at.strftime("%-d.%-m.%Y") in text
    assert f"/public/{lang}/activities/paths/{path.pk}/" in text


def test_the_leaflet_follows_changes_to_its_path(world):
    register = build_register(world)
    built = build_path(register)
    address = f"/public/fi/activities/paths/{built['path'].pk}/leaflet.pdf"
    first = Client().get(address).content
    assert Client().get(address).content == first  # the same content: the same file
    services.update_step(
        actor=SYSTEM, step=built["advice"], details=replace(StepDetails.of(built["advice"]), heading="Soita neuvontaan")
    )
    text = _pdf_text(Client().get(address).content)
    assert "Soita neuvontaan" in text
    assert "Kysy neuvoa" not in text


# Signed-in pages --------------------------------------------------------------------------------------------------


def _client(world, persona):
    client = Client()
    client.force_login(world.users[persona])
    return client


def test_a_coordinator_builds_a_path_on_its_pages_without_a_script(world):
    register = build_register(world)
    client = _client(world, "coordinator")
    listing = client.get("/o/kemi/register/paths/", **EN).content.decode()
    assert 'aria-current="page">Support paths' in listing
    response = client.post(
        "/o/kemi/register/paths/new/",
        {"title": "Kotona pärjääminen", "introduction": INTRODUCTION, "age_groups": ["older"]},
        **EN,
    )
    path = SupportPath.objects.get()
    assert response["Location"] == f"/o/kemi/register/paths/{path.pk}/"
    assert path.area == kemi_area()
    new_step = f"/o/kemi/register/paths/{path.pk}/steps/new/"
    found = client.get(new_step + "?q=kävely", **EN).content.decode()
    assert f'<option value="{register["walking"].pk}">Senioreiden kävelyryhmä (Karihaara)</option>' in found
    assert "Satutunti" not in found  # the search narrowed the list
    assert register["football"].title not in client.get(new_step, **EN).content.decode()  # Tornio's
    step = {"heading": "Liiku", "kind": "activity", "activity": register["walking"].pk}
    response = client.post(new_step + "?q=kävely", step, **EN)
    assert response["Location"] == f"/o/kemi/register/paths/{path.pk}/#steps"
    service = {"heading": "Kysy", "kind": "service", "service_name": "Neuvonta", "service_phone": "040 000 0001"}
    client.post(new_step, service, **EN)
    refused = client.post(new_step, {"heading": "Tyhjä", "kind": "service"}, **EN)
    assert "phone number or link" in refused.content.decode()
    assert _headings(path) == ["Liiku", "Kysy"]
    second = path.steps.get(heading="Kysy")
    response = client.post(f"/o/kemi/register/paths/{path.pk}/steps/{second.pk}/move/", {"direction": "up"}, **EN)
    assert response["Location"].endswith(f"#step-{second.pk}")
    assert _headings(path) == ["Kysy", "Liiku"]
    page = client.get(f"/o/kemi/register/paths/{path.pk}/", **EN).content.decode()
    assert page.index(">Kysy<") < page.index(">Liiku<")
    assert 'name="direction" value="down"' in page
    refused = client.post(f"/o/kemi/register/paths/{path.pk}/publish/", follow=True, **EN).content.decode()
    assert "Swedish title" in refused
    edit = {"title": "Kotona pärjääminen", "title_sv": "Klara sig hemma", "introduction": INTRODUCTION}
    client.post(f"/o/kemi/register/paths/{path.pk}/", {**edit, "introduction_sv": INTRODUCTION_SV}, **EN)
    client.post(f"/o/kemi/register/paths/{path.pk}/publish/", **EN)
    assert SupportPath.objects.get().is_published
    client.post(f"/o/kemi/register/paths/{path.pk}/steps/{second.pk}/", {**service, "service_phone": "040 1"}, **EN)
    assert SupportPathStep.objects.get(pk=second.pk).service_phone == "040 1"


def test_readers_see_the_published_paths_and_no_edit_pages(world):
    register = build_register(world)
    path = build_path(register)["path"]
    add_path(title="Keskeneräinen")
    reader = _client(world, "reader")
    page = reader.get("/o/kemi/register/paths/", **EN).content.decode()
    assert "Kotona pärjääminen ikääntyneenä" in page
    assert "Keskeneräinen" not in page
    assert "Add a support path" not in page
    assert reader.get(f"/o/kemi/register/paths/{path.pk}/").status_code == 404
    assert reader.get("/o/kemi/register/paths/new/").status_code == 404
    county = _client(world, "county").get("/o/lappi/register/paths/", **EN).content.decode()
    assert "Kotona pärjääminen ikääntyneenä" in county
    assert _client(world, "ngo").get("/o/kemin-seniorit/register/paths/").status_code == 404
