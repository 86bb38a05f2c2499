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

from hyte.core.council_term import FIRST_TERM_START, annual_report_due, broad_plan_due, council_term

__all__ = ["FIRST_TERM_START", "Deadline", "council_term", "next_deadline"]


@dataclass(frozen=True)
class Deadline:
    what: str
    due: dt.date
    basis: str
    overdue: bool = False


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
            due=broad_plan_due(term_start),
            basis=_("Once per council term (Act 612/2021 §6); usually approved within the term's first full year."),
            overdue=today > broad_plan_due(term_start),
        )
    year = max(today.year - 1, plan_decided.year + 1 if plan_decided else plan_term[0])
    while year in approved_annual_years:
        year += 1
    return Deadline(
        what=_("The annual report of %(year)s to the council") % {"year": year},
        due=annual_report_due(year),
        overdue=today > annual_report_due(year),
        basis=_(
            "Every year (Act 612/2021 §6); usually with the financial statement, which goes to the council by the"
            " end of June (Local Government Act 410/2015 §113)."
        ),
    )
