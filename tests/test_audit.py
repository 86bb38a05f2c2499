from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from hyte.accounts import services
from hyte.accounts.models import Membership
from hyte.accounts.roles import Role
from hyte.audit.models import AuditEntry
from hyte.regions.models import Area


def entries(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action))


def test_membership_changes_are_audited_with_who_what_and_changes(world):
    admin = world.users["admin"]
    membership = Membership.objects.get(user=world.users["reader"])
    services.change_role(actor=admin, membership=membership, role=Role.EDITOR)
    [entry] = entries("membership.change_role")
    assert entry.actor == admin
    assert entry.actor_name == "admin"
    assert entry.organisation == world.kemi
    assert entry.object_type == "accounts.membership"
    assert entry.object_id == str(membership.pk)
    assert entry.changes == {"role": ["reader", "editor"]}
    assert entry.at is not None

    services.remove_member(actor=admin, membership=membership)
    [removed] = entries("membership.remove")
    assert removed.changes["user"] == ["reader", None]


def test_creating_organisations_and_members_is_audited(world):
    assert len(entries("organisation.create")) == 3
    assert len(entries("membership.add")) == 6
    system_entry = entries("organisation.create")[0]
    assert system_entry.actor is None
    assert system_entry.actor_name == "system: tests"  # the system actor of the test world, by name


def test_sharing_and_tokens_are_audited(world):
    assert [e.organisation for e in entries("sharing.add")] == [world.kemi]
    services.unshare_drafts(actor=world.users["admin"], organisation=world.kemi, with_organisation=world.lappi)
    assert entries("sharing.remove")[0].changes == {"shared_with": ["Lapin hyvinvointialue", None]}
    token, _raw = services.create_api_token(actor=world.users["editor"], name="script")
    services.revoke_api_token(actor=world.users["editor"], token=token)
    assert [e.action for e in AuditEntry.objects.filter(actor=world.users["editor"]).order_by("id")] == [
        "api_token.create",
        "api_token.revoke",
    ]


def test_a_password_change_is_audited(world):
    client = world.client_for("reader")
    response = client.post(
        "/accounts/password/",
        {
            "old_password": "correct-horse-battery",
            "new_password1": "a-much-better-secret-42",
            "new_password2": "a-much-better-secret-42",
        },
    )
    assert response.status_code == 302
    assert entries("user.password_change")[0].actor == world.users["reader"]


def test_the_audit_log_page_shows_only_the_own_organisations_entries(world):
    services.change_role(
        actor=world.users["outsider"],
        membership=Membership.objects.get(user=world.users["outsider"]),
        role=Role.ADMIN,
    )
    services.change_role(
        actor=world.users["admin"],
        membership=Membership.objects.get(user=world.users["reader"]),
        role=Role.EDITOR,
    )
    response = world.client_for("coordinator").get("/o/kemi/audit/")
    content = response.content.decode()
    assert "member&#x27;s role changed" in content or "jäsenen rooli muutettu" in content.lower()
    assert "outsider" not in content
    filtered = world.client_for("coordinator").get("/o/kemi/audit/?action=sharing.add").content.decode()
    rows = filtered.split("<tbody>")[1].split("</tbody>")[0]
    assert rows.count("<tr>") == 1
    assert "Lapin hyvinvointialue" in rows


@pytest.mark.django_db
def test_admin_site_writes_are_audited(client):
    superuser = get_user_model().objects.create_superuser("root", "root@example.fi", "root-password-123")
    client.force_login(superuser)
    area = Area.objects.get(kind="municipality", code="240")
    response = client.post(
        f"/admin/regions/area/{area.pk}/change/",
        {
            "kind": area.kind,
            "code": area.code,
            "name_fi": "Kemi",
            "name_sv": "Kemi (sv)",
            "name_en": "Kemi",
            "county": area.county_id,
            "region": area.region_id,
            "language_status": area.language_status,
            "municipality_group": area.municipality_group,
            "sotkanet_id": area.sotkanet_id,
            "classification_year": 2026,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    [entry] = entries("admin.change")
    assert entry.actor == superuser
    assert entry.changes["name_sv"] == ["Kemi", "Kemi (sv)"]


@pytest.mark.django_db
def test_the_audit_log_cannot_be_edited_in_the_admin(client):
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.fi", "root-password-123"))
    assert client.get("/admin/audit/auditentry/add/").status_code == 403


def test_indicators_created_by_an_import_are_audited(world):
    from hyte.indicators.parsing import Mapping
    from hyte.indicators.services import create_batch, import_bytes

    coordinator = world.users["coordinator"]
    batch = create_batch(actor=coordinator, organisation=world.kemi, source="upload", filename="kysely.csv")
    import_bytes(
        actor=coordinator,
        batch=batch,
        data="mittari;kunta;vuosi;arvo\nLiikkuu päivittäin;240;2024;41\nLukee kirjoja;240;2024;28\n".encode(),
        mapping=Mapping(indicator=0, area=1, year=2, value=3),
        create_missing=True,
    )
    created = entries("indicator.create")
    assert sorted(e.changes["title_fi"][1] for e in created if e.actor == coordinator) == [
        "Liikkuu päivittäin",
        "Lukee kirjoja",
    ]
    assert {e.organisation for e in created if e.actor == coordinator} == {world.kemi}
    assert entries("import.done")[0].changes["created"] == [None, 2]


@pytest.mark.django_db
def test_the_demo_users_are_audited_as_created_by_the_demo():
    from hyte.demo.people import DEMO_USERS, load_demo

    load_demo()
    created = [e for e in entries("user.create") if e.actor_name == "system: demo"]
    assert sorted(e.object_repr for e in created) == sorted(u.username for u in DEMO_USERS)


@pytest.mark.django_db
def test_admin_writes_on_people_tokens_and_imports_are_audited(client):
    from hyte.accounts.models import ApiToken
    from hyte.core.actors import SystemActor
    from hyte.indicators.services import create_batch

    root = get_user_model().objects.create_superuser("root", "root@example.fi", "root-password-123")
    client.force_login(root)
    response = client.post(
        "/admin/auth/user/add/",
        {
            "username": "uusi",
            "password1": "a-long-password-42",
            "password2": "a-long-password-42",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, response.content[:500]
    user = get_user_model().objects.get(username="uusi")
    [added] = entries("admin.add")
    assert added.object_id == str(user.pk)
    assert "password" not in added.changes  # a hash is a secret even in the log

    response = client.post(
        f"/admin/auth/user/{user.pk}/change/",
        {
            "username": "uusi",
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
            "initial-date_joined_0": "2026-01-01",
            "initial-date_joined_1": "10:00:00",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    [granted] = entries("admin.change")
    assert granted.changes["is_superuser"] == [False, True]
    assert granted.changes["is_staff"] == [False, True]

    response = client.post(
        f"/admin/auth/user/{user.pk}/password/",
        {"password1": "another-long-password-7", "password2": "another-long-password-7", "usable_password": "true"},
    )
    assert response.status_code == 302, response.content[:2000]
    assert entries("user.password_change")[0].object_id == str(user.pk)

    token, _raw = services.create_api_token(actor=user, name="skripti")
    response = client.post(f"/admin/accounts/apitoken/{token.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not ApiToken.objects.exists()
    assert entries("admin.delete")[0].object_type == "accounts.apitoken"

    batch = create_batch(actor=SystemActor("tests"), organisation=None, source="test", filename="x.csv")
    response = client.post(
        "/admin/indicators/importbatch/",
        {"action": "delete_selected", "_selected_action": [batch.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert [e.object_id for e in entries("admin.delete") if e.object_type == "indicators.importbatch"] == [
        str(batch.pk)
    ]


def test_reading_the_assessment_methods_writes_nothing(world):
    from hyte.assessments.models import AssessmentTemplate

    client = world.client_for("coordinator")  # signing in is audited; reading afterwards is not
    before = AuditEntry.objects.count()
    assert client.get("/o/kemi/assessments/templates/").status_code == 200
    assert client.get("/o/kemi/assessments/templates/child/").status_code == 200
    assert AuditEntry.objects.count() == before
    assert not AssessmentTemplate.objects.exists()


@pytest.mark.django_db
def test_the_audit_log_shows_field_names_and_values_in_the_readers_language(world, published, client):
    """Not raw codes: the field's name, a status's label, a date in the language's format."""
    client.force_login(world.users["coordinator"])
    page = client.get("/o/kemi/audit/?action=report.status").content.decode()
    assert "decision_date" not in page
    assert "in_review" not in page
    assert "Päätöspäivämäärä" in page or "päätöspäivä" in page.lower()
    assert "31.1.2026" in page  # the decision date, as Finns write it
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    swedish = client.get("/o/kemi/audit/?action=report.status").content.decode()
    assert "under granskning" in swedish or "granskning" in swedish
