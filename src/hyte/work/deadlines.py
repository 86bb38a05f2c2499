"""The next statutory step of the welfare report and plan (Act 612/2021 §6–7), for the "my work" page.

The law asks for a broad welfare report and plan once per council term and an annual report to the council every
year; it names no dates. The dates shown are the common practice the seeds describe: the broad report approved
within the council term's first full year, and the annual report of a year presented with that year's financial
statement, which the Local Government Act (410/2015 §113) brings to the council by the end of June.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

# Council terms begin on 1 June of the election year: 2021, 2025, 2029 … (municipal elections every four years).
FIRST_TERM_START = 2021


@dataclass(frozen=True)
class Deadline:
    what: str
    due: dt.date
    basis: str
    overdue: bool = False


def council_term(year: int) -> tuple[int, int]:
    """The council term that a calendar year mostly belongs to: 2025–2029 for the years 2025 … 2028."""
    start = FIRST_TERM_START + (year - FIRST_TERM_START) // 4 * 4
    return start, start + 4


def next_deadline(
    *,
    today: dt.date,
    plan_term: tuple[int, int] | None,
    approved_annual_years: set[int],
    plan_decided: dt.date | None = None,
) -> Deadline:
    """What the organisation must bring to the council next: a plan for the term, or the next annual report (the
    first for the year after the plan's approval: a plan approved in December has no annual report of its own
    year)."""
    term_start, term_end = council_term(today.year if today.month >= 6 else today.year - 1)
    if plan_term is None or plan_term[1] <= term_start:
        return Deadline(
            what=_("The broad welfare report and plan for the council term %(start)s–%(end)s")
            % {"start": term_start, "end": term_end},
            due=dt.date(term_start + 1, 12, 31),
            basis=_("Once per council term (Act 612/2021 §6); usually approved within the term's first full year."),
            overdue=today > dt.date(term_start + 1, 12, 31),
        )
    year = max(today.year - 1, plan_decided.year + 1 if plan_decided else plan_term[0])
    while year in approved_annual_years:
        year += 1
    return Deadline(
        what=_("The annual report of %(year)s to the council") % {"year": year},
        due=dt.date(year + 1, 6, 30),
        overdue=today > dt.date(year + 1, 6, 30),
        basis=_(
            "Every year (Act 612/2021 §6); usually with the financial statement, which goes to the council by the"
            " end of June (Local Government Act 410/2015 §113)."
        ),
    )
