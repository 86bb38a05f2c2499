from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Apply migrations and serve the product (default http://127.0.0.1:8000). For production run a WSGI "
        "server such as gunicorn with hyte.wsgi:application instead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000", help="address:port to listen on")
        parser.add_argument("--no-reload", action="store_true", help="do not restart when code changes")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("runserver", options["addrport"], use_reloader=not options["no_reload"])
