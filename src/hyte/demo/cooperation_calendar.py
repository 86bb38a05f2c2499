"""Demo: the council-term calendars 2025–2029 of Kemi, Tornio and Lappi (issue 15), generated through the service
(re-running adds nothing); the hyte negotiation steps are done automatically by the demo's negotiation meetings."""

from __future__ import annotations

from hyte.accounts.models import Organisation
from hyte.cooperation.services import generate_calendar
from hyte.core.actors import SystemActor
from hyte.core.council_term import council_term

DEMO = SystemActor("demo")


def load_demo_calendar(term_start: int | None = None) -> int:
    """The steps created (0 when the calendars are there already)."""
    start = term_start or council_term(2026)[0]
    created = 0
    for organisation in Organisation.objects.filter(slug__in=("kemi", "tornio", "lappi")).order_by("slug"):
        created += generate_calendar(actor=DEMO, organisation=organisation, term_start=start)
    return created
