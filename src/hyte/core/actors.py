"""Who acts: a signed-in person, or the system itself, named so that the audit log can say which part of it.

Every service takes an `actor`. Where no person acts (the demo loader, a Sotkanet sync, an import run by a
management command, rules evaluated after an import) the caller passes a `SystemActor` with a name; there is
no anonymous `None` that skips the checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


@dataclass(frozen=True)
class SystemActor:
    """The system acting on its own behalf. The resolver lets it do everything; the audit log names it."""

    name: str

    pk = None
    is_authenticated = False
    is_active = True

    @property
    def audit_name(self) -> str:
        return f"system: {self.name}"

    def __str__(self) -> str:
        return self.audit_name


# The system actors of the product, one per part that writes without a person.
DEMO = SystemActor("demo")
COMMAND_LINE = SystemActor("command line")
SOTKANET_SYNC = SystemActor("Sotkanet sync")
RULE_EVALUATION = SystemActor("rule evaluation")
CATALOGUE = SystemActor("catalogue loader")
AREA_LOADER = SystemActor("area loader")
TASKS = SystemActor("background task")

Actor: TypeAlias = "User | SystemActor"
Viewer: TypeAlias = "User | AnonymousUser | SystemActor"  # who reads: anyone, signed in or not


def person(actor: Actor | AnonymousUser) -> User | None:
    """The user behind an actor, for "created by" fields; None for the system and the anonymous."""
    if isinstance(actor, SystemActor) or not actor.is_authenticated:
        return None
    return actor
