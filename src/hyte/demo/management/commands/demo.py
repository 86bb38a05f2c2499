from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test.utils import override_settings

from hyte.demo.actors import load_demo_register
from hyte.demo.assessments import load_demo_assessments
from hyte.demo.cooperation import load_demo_cooperation
from hyte.demo.cooperation_calendar import load_demo_calendar
from hyte.demo.cooperation_chains import load_demo_agreement, load_demo_chains
from hyte.demo.cooperation_interfaces import load_demo_interfaces
from hyte.demo.funding import load_demo_funding
from hyte.demo.grants import load_demo_grants
from hyte.demo.indicators import load_demo_indicators
from hyte.demo.national import NATIONAL_USER, load_demo_national
from hyte.demo.participation import load_demo_participation
from hyte.demo.people import load_demo
from hyte.demo.reports import load_demo_reports
from hyte.demo.support_paths import load_demo_support_paths
from hyte.demo.surveys import load_demo_surveys


class Command(BaseCommand):
    help = "Create the database if needed and load Finland's areas, the demo organisations and demo users."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "addrport",
            nargs="?",
            default="127.0.0.1:8000",
            help="the address the server will listen on, to print the right sign-in address (as for `hyte serve`)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "hyte demo creates accounts with a published password and shares drafts: it runs only on a demo or "
                "development machine, with DEBUG=true (as scripts/start sets it), never under production settings"
            )
        call_command("migrate", interactive=False, verbosity=0)
        # The demo's people are told of what the demo does (their notification pages show it), but its mails
        # are not printed: they would bury the list of demo users.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            result = load_demo()
            data = load_demo_indicators(on_step=lambda name: self.stdout.write(f"Loading {name} …"))
            load_demo_reports()
            assessments = load_demo_assessments()
            actors, activities = load_demo_register()
            agreed = load_demo_cooperation()
            pairs = load_demo_interfaces()
            load_demo_chains()
            load_demo_agreement()
            load_demo_calendar()
            paths = load_demo_support_paths()
            funded = load_demo_funding()
            answered = load_demo_national()
            load_demo_participation()
            surveys = load_demo_surveys()
            grants = load_demo_grants()
        self.stdout.write(
            f"Indicators: {data.catalogue.created} created, {data.catalogue.updated} updated. "
            + "; ".join(
                f"{b.filename}: {b.rows_created} stored, {b.rows_updated} updated, {b.rows_unchanged} unchanged, "
                f"{b.rows_rejected} rejected"
                for b in data.batches
            )
        )
        if actors:
            self.stdout.write(f"Register of actors and activities: {actors} actors, {activities} activities.")
        if pairs:
            self.stdout.write(
                f"Interfaces: Lappi county's register with {pairs} counterpart pairs for Kemi and Tornio."
            )
        if agreed:
            self.stdout.write(
                f"Negotiations: Lappi county's yearly hyte negotiation with Kemi and Tornio, {agreed} agreed actions."
            )
        if paths:
            self.stdout.write(f"Support paths: {paths}, in Kemi and Tornio.")
        if funded:
            self.stdout.write(
                f"HYTE coefficient: the shipped models computed for {funded} municipalities and the counties "
                "(TEAviisari values synthetic), a what-if scenario for Kemi."
            )
        if answered:
            self.stdout.write(f"Resources survey 2026 (THL): {answered} answers (Kemi, Tornio, Lappi).")
        if surveys:
            self.stdout.write(f"Residents' survey: Kemi's 400 respondents, {surveys} indicators by age group and area.")
        if grants:
            self.stdout.write(
                f"Grants: Kemi's call decided and published ({grants - 1} applications, use reports coming in), "
                "a small-grant call open to the NGOs, and Lappi county's call."
            )
        if assessments is not None:
            self.stdout.write("Impact assessments: a child impact assessment and a screening for Kemi.")
        self.stdout.write(self.style.SUCCESS(f"Demo data is ready. Log in at {_url(options['addrport'])} as:"))
        users = [*result.users, NATIONAL_USER]
        width = max(len(u.username) for u in users)
        for user in users:
            self.stdout.write(f"  {user.username.ljust(width)}  {result.password}  {user.description}")


def _url(addrport: str) -> str:
    """What a browser on this machine opens for the server's address: `8080`, `0.0.0.0:8000`, `[::]:8000`…"""
    host, _sep, port = addrport.rpartition(":") if ":" in addrport else ("", "", addrport)
    if host in ("", "0.0.0.0", "[::]", "::"):  # noqa: S104 - naming the wildcard, not binding it
        host = "127.0.0.1"
    return f"http://{host}:{port or 8000}/"
