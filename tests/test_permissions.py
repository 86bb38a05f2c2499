from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hyte.accounts import services
from hyte.accounts.models import Membership
from hyte.accounts.permissions import Permissions
from hyte.accounts.roles import ROLE_PERMISSIONS, Perm, Role


def test_roles_are_nested_from_reader_to_admin():
    assert ROLE_PERMISSIONS[Role.READER] < ROLE_PERMISSIONS[Role.EDITOR] < ROLE_PERMISSIONS[Role.COORDINATOR]
    assert ROLE_PERMISSIONS[Role.COORDINATOR] < ROLE_PERMISSIONS[Role.ADMIN]
    assert Perm.EDIT_ALL not in ROLE_PERMISSIONS[Role.EDITOR]
    assert Perm.VIEW_DRAFTS in ROLE_PERMISSIONS[Role.READER]


def test_readers_see_drafts_but_cannot_edit(world):
    perms = Permissions(world.users["reader"])
    assert perms.can_view_drafts(world.kemi)
    assert not perms.can_edit(world.kemi, assignee_ids=[world.users["reader"].pk])


def test_editors_edit_only_what_is_assigned_to_them(world):
    editor = world.users["editor"]
    perms = Permissions(editor)
    assert perms.can_edit(world.kemi, assignee_ids=[editor.pk])
    assert not perms.can_edit(world.kemi, assignee_ids=[world.users["reader"].pk])
    assert not perms.can_edit(world.kemi)


def test_coordinators_edit_everything_of_their_organisation_only(world):
    perms = Permissions(world.users["coordinator"])
    assert perms.can_edit(world.kemi)
    assert not perms.can_edit(world.tornio)
    assert not perms.can_view_drafts(world.tornio)


def test_the_county_reads_drafts_only_where_the_municipality_shared_them(world):
    perms = Permissions(world.users["county"])
    assert perms.can_view_drafts(world.kemi)  # Kemi shares with Lappi
    assert not perms.can_view_drafts(world.tornio)  # Tornio does not
    assert not perms.can_edit(world.kemi)
    assert not perms.has(Perm.VIEW_AUDIT_LOG, world.kemi)


def test_unsharing_ends_the_countys_access(world):
    services.unshare_drafts(actor=world.users["admin"], organisation=world.kemi, with_organisation=world.lappi)
    assert not Permissions(world.users["county"]).can_view_drafts(world.kemi)


def test_drafts_can_be_shared_only_with_the_own_county(world):
    with pytest.raises(ValidationError):
        services.share_drafts(actor=None, organisation=world.kemi, with_organisation=world.tornio)


def test_only_managers_of_the_municipality_can_share(world):
    with pytest.raises(PermissionDenied):
        services.share_drafts(actor=world.users["editor"], organisation=world.kemi, with_organisation=world.lappi)
    with pytest.raises(PermissionDenied):
        services.unshare_drafts(actor=world.users["county"], organisation=world.kemi, with_organisation=world.lappi)


def test_an_inactive_organisation_grants_nothing(world):
    world.kemi.is_active = False
    world.kemi.save()
    assert not Permissions(world.users["admin"]).has(Perm.VIEW_ORGANISATION, world.kemi)
    assert not Permissions(world.users["county"]).can_view_drafts(world.kemi)


def test_anonymous_users_have_no_permissions(world):
    assert Permissions(None).perms_in(world.kemi) == frozenset()


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
    assert client.login(username="uusi.henkilo@example.fi", password=password)
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
        services.create_organisation(actor=None, name="Väärä", kind="municipality", area=world.lappi.area)
