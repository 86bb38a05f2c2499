"""Writes of cooperation, by use case. Keyword-only, typed, atomic, audited; permissions from the one resolver
(`accounts/cooperation_rules.py`). Reads are in `hyte.cooperation.queries` and `hyte.cooperation.agenda`."""

from hyte.cooperation.services.actions import add_action, carry_action, edit_action, follow_up_action
from hyte.cooperation.services.agenda import add_item, edit_item, move_item, remove_item, save_minutes
from hyte.cooperation.services.calendar import generate_calendar, mark_step_done, update_step
from hyte.cooperation.services.interfaces import (
    add_default_interfaces,
    add_pair,
    create_interface,
    remove_pair,
    retire_interface,
    set_owner,
    update_interface,
)
from hyte.cooperation.services.materials import add_material, remove_material
from hyte.cooperation.services.meetings import create_meeting, update_meeting
from hyte.cooperation.services.minutes import confirm_minutes, reopen_minutes, share_minutes
from hyte.cooperation.services.people import add_invitee, add_party, remove_invitee, remove_party, set_checker
from hyte.cooperation.services.series import create_series, update_series
from hyte.cooperation.services.structures import (
    add_structure_member,
    create_structure,
    remove_structure_member,
    update_structure,
)

__all__ = [
    "add_action",
    "add_default_interfaces",
    "add_invitee",
    "add_item",
    "add_material",
    "add_pair",
    "add_party",
    "add_structure_member",
    "carry_action",
    "confirm_minutes",
    "create_interface",
    "create_meeting",
    "create_series",
    "create_structure",
    "edit_action",
    "edit_item",
    "follow_up_action",
    "generate_calendar",
    "mark_step_done",
    "move_item",
    "remove_invitee",
    "remove_item",
    "remove_material",
    "remove_pair",
    "remove_party",
    "remove_structure_member",
    "reopen_minutes",
    "retire_interface",
    "save_minutes",
    "set_checker",
    "set_owner",
    "share_minutes",
    "update_interface",
    "update_meeting",
    "update_series",
    "update_step",
    "update_structure",
]
