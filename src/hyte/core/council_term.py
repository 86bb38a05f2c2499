"""The council term's dates (Act 612/2021 §6–7, Act 611/2021 §14, Local Government Act 410/2015 §110, §113), shared
by the "my work" page's next deadline (hyte.work.deadlines) and the cooperation calendar (hyte.cooperation).

Council terms begin on 1 June of the election year: 2021, 2025, 2029 … (municipal elections every four years). The
law names no dates for the welfare report; the dates are the common practice the seeds describe.
"""

from __future__ import annotations

import datetime as dt

FIRST_TERM_START = 2021


def council_term(year: int) -> tuple[int, int]:
    """The council term that a calendar year mostly belongs to: 2025–2029 for the years 2025 … 2028."""
    start = FIRST_TERM_START + (year - FIRST_TERM_START) // 4 * 4
    return start, start + 4


def broad_plan_due(term_start: int) -> dt.date:
    """The broad welfare report and plan: usually approved within the term's first full year."""
    return dt.date(term_start + 1, 12, 31)


def annual_report_due(year: int) -> dt.date:
    """The annual report of `year`: with that year's financial statement, to the council by the end of June."""
    return dt.date(year + 1, 6, 30)


def budget_due(year: int) -> dt.date:
    """The budget for the year after `year`: approved by the council by the end of `year` (410/2015 §110)."""
    return dt.date(year, 12, 31)


def term_end_date(term_start: int) -> dt.date:
    """The last day of the council term (the next term begins on 1 June of the election year)."""
    return dt.date(term_start + 4, 5, 31)
