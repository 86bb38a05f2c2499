from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from hyte.actors.reminder_services import remind_stale_register
from hyte.core import clock
from hyte.core.actors import COMMAND_LINE
from hyte.grants.reminders import remind_use_reports
from hyte.notifications.mail import send_digests
from hyte.surveys.services import purge_responses
from hyte.work.reminders import remind


class Command(BaseCommand):
    help = (
        "The daily notifications: reminders of statutory deadlines and assessment follow-ups within 30 days (each "
        "once), of the register's activities not checked in 12 months and of grants' use reports due within two "
        "weeks or overdue, then the daily digest mails of those who chose them; deletes the survey answers past "
        "their retention day. Run it once a day (cron or a systemd timer)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        told = remind(actor=COMMAND_LINE, today=clock.today())
        told += remind_stale_register(actor=COMMAND_LINE)
        told += remind_use_reports(actor=COMMAND_LINE, today=clock.today())
        digests = send_digests()
        purged = purge_responses(actor=COMMAND_LINE)
        self.stdout.write(f"{told} reminders, {digests} digest mails, answers deleted of {purged} surveys")
