"""Roles are code: each role is a named set of permissions. The resolver in permissions.py reads these."""

from __future__ import annotations

import enum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("organisation admin")
    COORDINATOR = "coordinator", _("hyte coordinator")
    EDITOR = "editor", _("editor")
    READER = "reader", _("reader")


class Perm(enum.StrEnum):
    VIEW_ORGANISATION = "view_organisation"
    VIEW_DRAFTS = "view_drafts"  # read unpublished reports, plans and assessments
    EDIT_ASSIGNED = "edit_assigned"  # edit the sections, goals and measures assigned to you
    EDIT_ALL = "edit_all"  # edit everything of the organisation, assign work, run imports
    APPROVE = "approve"  # move reports through review, approval and publication
    VIEW_AUDIT_LOG = "view_audit_log"
    MANAGE_MEMBERS = "manage_members"
    MANAGE_SETTINGS = "manage_settings"  # organisation details, sharing with the county


_READER = frozenset({Perm.VIEW_ORGANISATION, Perm.VIEW_DRAFTS})
_EDITOR = _READER | {Perm.EDIT_ASSIGNED}
_COORDINATOR = _EDITOR | {Perm.EDIT_ALL, Perm.APPROVE, Perm.VIEW_AUDIT_LOG, Perm.MANAGE_SETTINGS}
_ADMIN = _COORDINATOR | {Perm.MANAGE_MEMBERS}

ROLE_PERMISSIONS: dict[Role, frozenset[Perm]] = {
    Role.READER: _READER,
    Role.EDITOR: _EDITOR,
    Role.COORDINATOR: _COORDINATOR,
    Role.ADMIN: _ADMIN,
}

# What a county's members may do with a municipality's material that the municipality has shared.
SHARED_WITH_COUNTY: frozenset[Perm] = frozenset({Perm.VIEW_DRAFTS})
