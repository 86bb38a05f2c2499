from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from hyte.demo.assessments import load_demo_assessments
from hyte.demo.indicators import load_demo_indicators
from hyte.demo.people import load_demo
from hyte.demo.reports import load_demo_reports


class Command(BaseCommand):
    help = "Create the database if needed and load Finland's areas, the demo organisations and demo users."

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        result = load_demo()
        data = load_demo_indicators(on_step=lambda name: self.stdout.write(f"Loading {name} …"))
        load_demo_reports()
        self.stdout.write(
            f"Indicators: {data.catalogue.created} created, {data.catalogue.updated} updated. "
            + "; ".join(
                f"{b.filename}: {b.rows_created} stored, {b.rows_updated} updated, {b.rows_unchanged} unchanged, "
                f"{b.rows_rejected} rejected"
                for b in data.batches
            )
        )
        if load_demo_assessments() is not None:
            self.stdout.write("Impact assessments: a child impact assessment and a screening for Kemi.")
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Log in at http://127.0.0.1:8000/ as:"))
        width = max(len(u.username) for u in result.users)
        for user in result.users:
            self.stdout.write(f"  {user.username.ljust(width)}  {result.password}  {user.description}")
