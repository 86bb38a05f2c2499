from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from hyte.actors.reminder_services import remind_stale_register
from hyte.core.actors import COMMAND_LINE


class Command(BaseCommand):
    help = (
        "Reminds the keepers of the register's activities not checked in 12 months (an NGO's editors, else the "
        "municipality's coordinators): one notification each, not again within HYTE_REGISTER_REMINDER_DAYS. "
        "`hyte notify_daily` runs it too."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        told = remind_stale_register(actor=COMMAND_LINE)
        self.stdout.write(f"{told} reminders")
