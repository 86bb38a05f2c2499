from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from hyte.core.actors import COMMAND_LINE
from hyte.surveys.services import purge_responses


class Command(BaseCommand):
    help = (
        "Deletes the respondents' answers of every survey whose retention day (set in the survey's settings) has "
        "passed; the computed indicators stay. `hyte notify_daily` runs it too."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        purged = purge_responses(actor=COMMAND_LINE)
        self.stdout.write(f"answers deleted of {purged} surveys")
