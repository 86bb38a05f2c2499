from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from hyte.accounts import services
from hyte.accounts.models import Membership
from hyte.accounts.permissions import SITE, Action, Permissions
from hyte.accounts.roles import ROLE_PERMISSIONS, Perm, Role
from hyte.audit.actions import AuditAction
from hyte.audit.models import AuditEntry
from hyte.reports import services as report_services
from tests.conftest import SYSTEM


def test_roles_are_nested_from_reader_to_admin():
    assert ROLE_PERMISSIONS[Role.READER] < ROLE_PERMISSIONS[Role.EDITOR] < ROLE_PERMISSIONS[Role.COORDINATOR]
    assert ROLE_PERMISSIONS[Role.COORDINATOR] < ROLE_PERMISSIONS[Role.ADMIN]
    assert Perm.EDIT_ALL not in ROLE_PERMISSIONS[Role.EDITOR]
    assert Perm.VIEW_DRAFTS in ROLE_PERMISSIONS[Role.READER]


def _section_assigned_to(world, user):
    report = report_services.create_report(
        actor=SYSTEM, organisation=world.kemi, kind="broad", title="Kertomus", term_start=2025, term_end=2029
    )
    section = report.sections.first()
    report_services.assign(actor=SYSTEM, subject=section, users=[user])
    return report, section


def test_readers_see_drafts_but_cannot_edit(world):
    report, section = _section_assigned_to(world, world.users["reader"])
    perms = Permissions(world.users["reader"])
    assert perms.can(Action.VIEW_DRAFTS, world.kemi)
    assert perms.can(Action.COMMENT, report)
    assert not perms.can(Action.EDIT, section)  # assigned, but a reader edits nothing


def test_editors_edit_only_what_is_assigned_to_them(world):
    editor = world.users["editor"]
    report, section = _section_assigned_to(world, editor)
    other = report.sections.exclude(pk=section.pk).first()
    perms = Permissions(editor)
    assert perms.can(Action.EDIT, section)
    assert perms.can(Action.EDIT, section.blocks.get())
    assert not perms.can(Action.EDIT, other)
    assert not perms.can(Action.EDIT, report)
    assert not perms.can(Action.EDIT, world.kemi)


def test_coordinators_edit_everything_of_their_organisation_only(world):
    report, section = _section_assigned_to(world, world.users["editor"])
    perms = Permissions(world.users["coordinator"])
    assert perms.can(Action.EDIT, world.kemi)
    assert perms.can(Action.EDIT, section)  # assigned to someone else
    assert perms.can(Action.APPROVE, report)
    assert not perms.can(Action.EDIT, world.tornio)
    assert not perms.can(Action.VIEW_DRAFTS, world.tornio)


def test_the_county_reads_drafts_only_where_the_municipality_shared_them(world):
    perms = Permissions(world.users["county"])
    assert perms.can(Action.VIEW_DRAFTS, world.kemi)  # Kemi shares with Lappi
    assert not perms.can(Action.VIEW_DRAFTS, world.tornio)  # Tornio does not
    assert not perms.can(Action.EDIT, world.kemi)
    assert not perms.can(Action.VIEW_AUDIT_LOG, world.kemi)
    assert perms.can(Action.WORK_REGIONALLY, world.lappi)
    assert not Permissions(world.users["coordinator"]).can(Action.WORK_REGIONALLY, world.kemi)  # not a county


def test_unsharing_ends_the_countys_access(world):
    services.unshare_drafts(actor=world.users["admin"], organisation=world.kemi, with_organisation=world.lappi)
    assert not Permissions(world.users["county"]).can(Action.VIEW_DRAFTS, world.kemi)


def test_drafts_can_be_shared_only_with_the_own_county(world):
    with pytest.raises(ValidationError):
        services.share_drafts(actor=SYSTEM, organisation=world.kemi, with_organisation=world.tornio)


def test_only_managers_of_the_municipality_can_share(world):
    with pytest.raises(PermissionDenied):
        services.share_drafts(actor=world.users["editor"], organisation=world.kemi, with_organisation=world.lappi)
    with pytest.raises(PermissionDenied):
        services.unshare_drafts(actor=world.users["county"], organisation=world.kemi, with_organisation=world.lappi)


def test_an_inactive_organisation_grants_nothing(world):
    world.kemi.is_active = False
    world.kemi.save()
    assert not Permissions(world.users["admin"]).can(Action.VIEW, world.kemi)
    assert not Permissions(world.users["county"]).can(Action.VIEW_DRAFTS, world.kemi)


def test_anonymous_users_have_no_permissions(world):
    assert Permissions(None).allowed(world.kemi) == frozenset()
    assert not Permissions(None).can(Action.VIEW, world.own_indicator)
    assert Permissions(None).can(Action.VIEW, world.shared_indicator)


def test_the_system_may_do_everything_and_is_named_in_the_log(world):
    perms = Permissions(SYSTEM)
    assert perms.can(Action.CREATE_ORGANISATION, SITE)
    assert perms.can(Action.MANAGE_MEMBERS, world.kemi)
    entry = AuditEntry.objects.filter(action=AuditAction.SHARING_ADD.value).get()
    assert entry.actor is None
    assert entry.actor_name == "system: tests"


def test_site_rules_follow_the_staff_flags(world):
    user = world.users["coordinator"]
    assert not Permissions(user).can(Action.CREATE_ORGANISATION, SITE)
    assert not Permissions(user).can(Action.EDIT, world.shared_indicator)
    user.is_staff = True
    assert Permissions(user).can(Action.EDIT, world.shared_indicator)
    assert not Permissions(user).can(Action.CREATE_ORGANISATION, SITE)
    user.is_superuser = True
    assert Permissions(user).can(Action.CREATE_ORGANISATION, SITE)


def test_an_unknown_question_is_an_error_not_a_no(world):
    with pytest.raises(LookupError):
        Permissions(world.users["admin"]).can(Action.REVOKE, world.kemi)


def test_a_comment_is_resolved_by_its_author_or_by_those_who_edit_the_report(world):
    report, _section = _section_assigned_to(world, world.users["editor"])
    comment = report_services.add_comment(actor=world.users["reader"], report=report, text="Kysymys")
    assert Permissions(world.users["reader"]).can(Action.RESOLVE, comment)
    assert Permissions(world.users["coordinator"]).can(Action.RESOLVE, comment)
    assert not Permissions(world.users["editor"]).can(Action.RESOLVE, comment)
    assert not Permissions(world.users["county"]).can(Action.RESOLVE, comment)


def test_services_refuse_actors_without_the_permission(world):
    membership = Membership.objects.get(user=world.users["reader"])
    with pytest.raises(PermissionDenied):
        services.change_role(actor=world.users["coordinator"], membership=membership, role=Role.EDITOR)
    with pytest.raises(PermissionDenied):
        services.invite_member(
            actor=world.users["outsider"], organisation=world.kemi, email="x@example.fi", role=Role.READER
        )


def test_the_last_admin_cannot_be_removed_or_demoted(world):
    membership = Membership.objects.get(user=world.users["admin"])
    with pytest.raises(ValidationError):
        services.remove_member(actor=world.users["admin"], membership=membership)
    with pytest.raises(ValidationError):
        services.change_role(actor=world.users["admin"], membership=membership, role=Role.READER)


def test_an_admin_invites_a_new_person_who_can_then_log_in(world, client):
    membership, password = services.invite_member(
        actor=world.users["admin"],
        organisation=world.kemi,
        email="Uusi.Henkilo@Example.fi",
        role=Role.EDITOR,
        first_name="Uusi",
        last_name="Henkilö",
    )
    assert membership.user.username == "uusi.henkilo@example.fi"
    assert password
    signed_in = client.post("/accounts/login/", {"username": "uusi.henkilo@example.fi", "password": password})
    assert signed_in.status_code == 302
    again, second_password = services.invite_member(
        actor=world.users["outsider"],
        organisation=world.tornio,
        email="uusi.henkilo@example.fi",
        role=Role.READER,
    )
    assert again.user == membership.user
    assert second_password is None


def test_a_person_cannot_be_added_twice(world):
    with pytest.raises(ValidationError):
        services.add_member(
            actor=world.users["admin"], organisation=world.kemi, user=world.users["reader"], role=Role.EDITOR
        )


def test_municipality_organisations_need_a_municipality_area(world):
    with pytest.raises(ValidationError):
        services.create_organisation(actor=SYSTEM, name="Väärä", kind="municipality", area=world.lappi.area)


def test_an_editor_assigned_to_a_goal_cannot_turn_an_alert_into_a_measure(world):
    """The page and dismissing an alert need the coordinator; the service let an assigned editor through."""
    from hyte.reports.models import Measure
    from hyte.situation.models import Alert
    from hyte.situation.services import create_rule
    from tests.conftest import kemi_values

    kemi_values(world, b"240;2024;61\n")
    create_rule(
        actor=SYSTEM,
        organisation=world.kemi,
        indicator=world.own_indicator,
        condition="above",
        threshold=50,
        measure="x",
    )
    alert = Alert.objects.get()
    report, _section = _section_assigned_to(world, world.users["editor"])
    goal = report_services.add_goal(actor=SYSTEM, report=report, text="Tavoite")
    report_services.assign(actor=SYSTEM, subject=goal, users=[world.users["editor"]])
    with pytest.raises(PermissionDenied):
        report_services.measure_from_alert(actor=world.users["editor"], alert=alert, goal=goal)
    assert not Measure.objects.exists()
    alert.refresh_from_db()
    assert alert.status == "open"
    report_services.measure_from_alert(actor=world.users["coordinator"], alert=alert, goal=goal)
    assert Measure.objects.get().goal == goal


def test_the_county_cannot_comment_on_a_published_report(world):
    from tests.conftest import approve_and_publish

    report, _section = _section_assigned_to(world, world.users["editor"])
    report_services.add_comment(actor=world.users["county"], report=report, text="Luonnoksesta")  # a shared draft
    report.comments.update(resolved_at=report.updated_at)
    approve_and_publish(report, world.users["coordinator"])
    for persona in ("county", "reader", "coordinator"):
        with translation.override("en"), pytest.raises(ValidationError, match="comments are closed"):
            report_services.add_comment(actor=world.users[persona], report=report, text="Julkaistusta")
    assert report.comments.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_admins_demoting_each_other_at_once_leave_one_admin(monkeypatch):
    """Without a row lock both demotions saw the other still an admin and the organisation was left without one.

    Each demotion waits (up to a second) after its check for the other to have checked too, so that without the
    lock both would check before either writes; with it the second waits for the first and sees its change."""
    import contextlib
    import threading
    import time

    from django.db import OperationalError, connection

    from hyte.accounts.models import Organisation
    from hyte.audit import log as audit_log
    from hyte.regions.models import Area
    from hyte.regions.services import load_areas
    from tests.conftest import make_user

    if not Area.objects.exists():
        load_areas(actor=SYSTEM)
    organisation = services.create_organisation(
        actor=SYSTEM, name="Kemi", kind="municipality", area=Area.objects.get(kind="municipality", code="240")
    )
    first, second = make_user("first-admin"), make_user("second-admin")
    memberships = [
        services.add_member(actor=SYSTEM, organisation=organisation, user=user, role=Role.ADMIN)
        for user in (first, second)
    ]
    barrier = threading.Barrier(2)
    checked = threading.Barrier(2)
    outcomes: list[str] = []
    write = audit_log.update

    def write_after_both_checked(obj, **values):
        if isinstance(obj, Membership):
            # Past the timeout the other is waiting for this one's lock: go on alone.
            with contextlib.suppress(threading.BrokenBarrierError):
                checked.wait(timeout=1)
        return write(obj, **values)

    monkeypatch.setattr(audit_log, "update", write_after_both_checked)

    def demote(actor, membership):
        barrier.wait(timeout=10)
        try:
            for _attempt in range(100):
                try:
                    services.change_role(actor=actor, membership=membership, role=Role.READER)
                    outcomes.append("demoted")
                    return
                except (ValidationError, PermissionDenied):
                    # Refused: the other admin's demotion came first (waited for on the locked organisation row,
                    # or, where the database serialises writers, already made this one a reader).
                    outcomes.append("refused")
                    return
                except OperationalError:
                    # SQLite's in-memory test database refuses a second writer at once ("table is locked")
                    # where a file database waits; the other writer's transaction is what is being waited for.
                    time.sleep(0.02)
            outcomes.append("gave up")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=demote, args=(first, memberships[1])),
        threading.Thread(target=demote, args=(second, memberships[0])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["demoted", "refused"]
    assert Membership.objects.filter(organisation=organisation, role=Role.ADMIN).count() == 1
    Organisation.objects.filter(pk=organisation.pk).delete()


def test_national_bodies_read_the_national_view_and_their_coordinators_administer_it(world):
    from django.contrib.auth import get_user_model

    from hyte.accounts.models import Organisation, OrganisationKind

    thl = Organisation.objects.create(name="THL", slug="thl", kind=OrganisationKind.NATIONAL)
    user_model = get_user_model()
    reader = user_model.objects.create_user("thl-reader")
    coordinator = user_model.objects.create_user("thl-coordinator")
    Membership.objects.create(user=reader, organisation=thl, role=Role.READER)
    Membership.objects.create(user=coordinator, organisation=thl, role=Role.COORDINATOR)
    assert Permissions(reader).can(Action.VIEW_NATIONALLY, SITE)
    assert not Permissions(reader).can(Action.ADMINISTER_NATIONALLY, SITE)
    assert Permissions(coordinator).can(Action.ADMINISTER_NATIONALLY, SITE)
    # A municipality's admin, even a superuser, is not a national body.
    kemi_admin = world.users["admin"]
    kemi_admin.is_superuser = True
    assert not Permissions(kemi_admin).can(Action.VIEW_NATIONALLY, SITE)
    assert not Permissions(None).can(Action.VIEW_NATIONALLY, SITE)
    thl.is_active = False
    thl.save()
    assert not Permissions(user_model.objects.get(pk=coordinator.pk)).can(Action.ADMINISTER_NATIONALLY, SITE)
