"""Reads of the council-term calendar: an organisation's steps by year with their status, and the steps of one
person (for the "my work" page). A step is done when marked by hand, or automatically where Hyte knows: a meeting
of a yearly hyte (§7) or council-term (§14) series held that year with the organisation invited (or convening it),
the annual report of the previous year or the term's broad report approved, a version of a cooperation agreement
the organisation keeps or is a party to approved that year. A constant number of queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from hyte.accounts.models import Organisation
from hyte.cooperation.agreement_models import AgreementVersion
from hyte.cooperation.calendar_models import STATUTORY, CalendarStep, StepKind
from hyte.cooperation.models import Meeting, SeriesKind
from hyte.core import clock
from hyte.reports.models import Report, ReportKind, ReportStatus

DONE, DUE, OVERDUE = "done", "due", "overdue"


@dataclass(frozen=True)
class StepRow:
    step: CalendarStep
    automatic: bool  # done because Hyte knows it was done
    status: str  # DONE, DUE or OVERDUE

    @property
    def done(self) -> bool:
        return self.status == DONE


def _known_done(organisation_ids: Iterable[int], today: dt.date) -> set[tuple[int, str, int]]:
    """(organisation id, step kind, year) of the steps Hyte knows to be done: three queries."""
    ids = list(organisation_ids)
    known: set[tuple[int, str, int]] = set()
    meetings = Meeting.objects.filter(
        series__kind__in=[SeriesKind.HYTE_YEARLY, SeriesKind.COUNCIL_TERM], starts_at__date__lte=today
    ).filter(Q(parties__organisation_id__in=ids) | Q(series__convener_id__in=ids))
    for convener, party, kind, starts in meetings.values_list(
        "series__convener_id", "parties__organisation_id", "series__kind", "starts_at"
    ):
        step = StepKind.HYTE_NEGOTIATION if kind == SeriesKind.HYTE_YEARLY else StepKind.TERM_NEGOTIATION
        for organisation_id in {convener, party} & set(ids):
            known.add((organisation_id, step.value, starts.year))
    reports = Report.objects.filter(
        organisation_id__in=ids, status__in=[ReportStatus.APPROVED, ReportStatus.PUBLISHED]
    ).values_list("organisation_id", "kind", "year", "term_start")
    for organisation_id, kind, year, term_start in reports:
        if kind == ReportKind.ANNUAL and year is not None:
            known.add((organisation_id, StepKind.ANNUAL_REPORT.value, year + 1))
        elif kind == ReportKind.BROAD:
            known.add((organisation_id, StepKind.BROAD_PLAN.value, term_start + 1))
    # The cooperation agreement updated: a version approved that year, kept by the organisation or with it a party.
    versions = AgreementVersion.objects.filter(approved_at__date__lte=today).filter(
        Q(agreement__keeper_id__in=ids) | Q(parties__organisation_id__in=ids)
    )
    rows = versions.values_list("agreement__keeper_id", "parties__organisation_id", "approved_at")
    for keeper, party, approved in rows:
        if approved is None:  # not possible after the filter; for the type checker
            continue
        for organisation_id in {keeper, party} & set(ids):
            known.add((organisation_id, StepKind.AGREEMENT.value, approved.astimezone(clock.HELSINKI).year))
    return known


def _rows(steps: list[CalendarStep], today: dt.date) -> list[StepRow]:
    known = _known_done({step.organisation_id for step in steps}, today) if steps else set()
    rows = []
    for step in steps:
        automatic = (step.organisation_id, step.kind, step.year) in known
        status = DONE if automatic or step.done_on is not None else OVERDUE if step.due < today else DUE
        rows.append(StepRow(step=step, automatic=automatic, status=status))
    return rows


def calendar_of(organisation: Organisation, today: dt.date | None = None) -> list[tuple[int, list[StepRow]]]:
    """The organisation's steps grouped by year (the caller checks that the reader may see them)."""
    steps = list(CalendarStep.objects.filter(organisation=organisation).select_related("responsible"))
    by_year: dict[int, list[StepRow]] = {}
    for row in _rows(steps, today or clock.today()):
        by_year.setdefault(row.step.year, []).append(row)
    return sorted(by_year.items())


def step_of(organisation: Organisation, step_id: int) -> CalendarStep | None:
    return CalendarStep.objects.filter(organisation=organisation, pk=step_id).first()


def work_steps(
    user_id: int, organisation: Organisation, *, coordinator: bool, today: dt.date | None = None
) -> tuple[list[StepRow], list[StepRow]]:
    """For the "my work" page: the organisation's steps not yet done that the person is responsible for, and (for its
    coordinator) its overdue statutory steps. Three queries at most."""
    today = today or clock.today()
    wanted = Q(responsible_id=user_id)
    if coordinator:
        wanted |= Q(due__lt=today, kind__in=[kind.value for kind in STATUTORY])
    steps = list(
        CalendarStep.objects.filter(wanted, organisation=organisation, done_on__isnull=True)
        .select_related("organisation")
        .order_by("due", "id")
    )
    rows = [row for row in _rows(steps, today) if not row.done]
    mine = [row for row in rows if row.step.responsible_id == user_id]
    overdue = [row for row in rows if coordinator and row.status == OVERDUE and row.step.is_statutory]
    return mine, overdue
