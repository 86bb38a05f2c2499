"""The national overview's rows, read in a fixed number of queries whatever the number of areas.

Every current municipality and wellbeing services county from hyte.regions' areas, with what is known of it:
its organisation in Hyte (if any), its welfare report and plan for the current council term (status, decision,
publication), its latest annual report, its latest resources survey answer, the latest values of a few key
Sotkanet indicators, its latest TEAviisari sector totals and the HYTE coefficient's score (hyte.funding's shipped
models).

`public=True` reads only what is public: published reports, answers of rounds whose answers are public."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Min

from hyte.accounts.models import Organisation, OrganisationKind
from hyte.core import clock
from hyte.funding.models import TeaviisariValue
from hyte.funding.queries import latest_models, results_for
from hyte.funding.sectors import SECTORS, TOTAL, band
from hyte.indicators.models import Indicator, Observation
from hyte.national.models import Answer, AnswerStatus, RoundStatus
from hyte.regions.models import Area, AreaKind
from hyte.reports.models import Report, ReportKind, ReportStatus, ReportVersion

POPULATION = "127"  # Sotkanet: population 31.12.
# A handful of Sotkanet indicators in the bundled data: unemployment, social assistance, structural unemployment
# (municipalities, to 2012), and adults rating their health moderate or poor (counties, 2020–2024).
KEY_INDICATORS = ("181", "493", "3071", "4333")
_FINISHED = (ReportStatus.APPROVED, ReportStatus.PUBLISHED)


@dataclass
class Plan:
    report_id: int
    title: str
    term: str
    status: str
    status_label: str
    decision_date: dt.date | None
    published_on: dt.date | None


@dataclass(frozen=True)
class Teaviisari:
    sector: str
    name: str
    survey_year: int
    value: float
    band: str  # THL's traffic light: good, middle or weak
    synthetic: bool  # the demo's invented values, labelled so


@dataclass
class Row:
    area: Area
    county: Area | None
    population: float | None = None
    population_year: int | None = None
    organisation: Organisation | None = None
    plan: Plan | None = None
    annual_year: int | None = None
    annual_status: str = ""
    answer: Answer | None = None
    coefficient: Any = None  # the coefficient's score (see coefficient_results)
    teaviisari: list[Teaviisari] = field(default_factory=list)  # the latest total of each sector, in THL's order
    indicators: dict[str, tuple[float, int]] = field(default_factory=dict)
    cells: list[tuple[float, int] | None] = field(default_factory=list)  # the indicators' values, in shown order

    @property
    def in_hyte(self) -> bool:
        return self.organisation is not None

    @property
    def person_years(self) -> Decimal | None:
        return self.answer.person_years if self.answer else None


@dataclass
class Overview:
    rows: list[Row]
    indicators: list[Indicator]
    public: bool
    coefficient_provisional: bool = False  # the coefficient's model is provisional: the page says so


def coefficient_results(area_ids: list[int]) -> tuple[dict[int, Any], bool]:
    """The HYTE coefficient's computed score (0–100) per area id, from the newest version of each shipped model
    (hyte.funding: the municipal model for municipalities, the county model for counties), and whether any of those
    models is provisional (the page then says so). An area the models do not compute is left out, and its cell
    says "not computed"."""
    wanted = set(area_ids)
    scores: dict[int, Any] = {}
    models = latest_models()
    for model in models:
        for result in results_for(model).rows:
            if result.area.pk in wanted and result.area.pk not in scores:
                scores[result.area.pk] = round(result.score, 1)
    return scores, any(model.is_provisional for model in models)


def teaviisari_totals(area_ids: list[int], language: str = "fi") -> dict[int, list[Teaviisari]]:
    """Each area's latest total per TEAviisari sector, in the sectors' order: one query."""
    latest: dict[int, dict[str, TeaviisariValue]] = {}
    found = TeaviisariValue.objects.filter(area_id__in=area_ids, item=TOTAL, dimension="").order_by("survey_year")
    for each in found:
        latest.setdefault(each.area_id, {})[each.sector] = each  # the newest survey wins
    totals: dict[int, list[Teaviisari]] = {}
    for area_id, sectors in latest.items():
        totals[area_id] = [
            Teaviisari(
                sector=code,
                name={"sv": sector.name_sv, "en": sector.name_en}.get(language, sector.name_fi),
                survey_year=sectors[code].survey_year,
                value=sectors[code].value,
                band=band(sectors[code].value),
                synthetic=sectors[code].synthetic,
            )
            for code, sector in SECTORS.items()
            if code in sectors
        ]
    return totals


def _latest_values(indicator_ids: list[int], area_ids: list[int]) -> dict[tuple[int, int], tuple[float, int]]:
    """(indicator id, area id) → (value, year) of the latest year with a value, both genders, all ages: one query."""
    if not indicator_ids or not area_ids:
        return {}
    table = Observation._meta.db_table
    where = (
        f"indicator_id IN ({', '.join(['%s'] * len(indicator_ids))}) AND gender = 'total' AND age_group = '' "
        "AND period = '' AND value IS NOT NULL"
    )
    # The table's name and placeholders are the only text put in; every value is a parameter.
    sql = (
        f"SELECT o.indicator_id, o.area_id, o.value, o.year FROM {table} o JOIN (SELECT indicator_id AS i, "  # noqa: S608
        f"area_id AS a, MAX(year) AS y FROM {table} WHERE {where} GROUP BY indicator_id, area_id) m "
        "ON o.indicator_id = m.i AND o.area_id = m.a AND o.year = m.y "
        "WHERE o.gender = 'total' AND o.age_group = '' AND o.period = '' AND o.value IS NOT NULL"
    )
    wanted = set(area_ids)
    with connection.cursor() as cursor:
        cursor.execute(sql, indicator_ids)
        return {(i, a): (value, year) for i, a, value, year in cursor.fetchall() if a in wanted}


def _plans(
    organisations: dict[int, Organisation], *, public: bool, year: int
) -> tuple[dict[int, Plan], dict[int, Report]]:
    """Each organisation's plan for the council term that includes `year`, and its latest annual report."""
    reports = Report.objects.filter(organisation_id__in=list(organisations)).only(
        "id", "organisation_id", "kind", "title", "term_start", "term_end", "year", "status", "decision_date"
    )
    if public:
        reports = reports.filter(status=ReportStatus.PUBLISHED)
    published = dict(
        ReportVersion.objects.filter(report__organisation_id__in=list(organisations), status=ReportStatus.PUBLISHED)
        .values("report_id")
        .annotate(first=Min("frozen_at"))
        .values_list("report_id", "first")
    )
    plans: dict[int, Plan] = {}
    annuals: dict[int, Report] = {}
    for report in sorted(reports, key=lambda r: (r.term_start, r.year or 0, r.pk)):
        if report.kind in (ReportKind.BROAD, ReportKind.REGIONAL) and report.term_start <= year <= report.term_end:
            when = published.get(report.pk)
            plans[report.organisation_id] = Plan(
                report_id=report.pk,
                title=report.title,
                term=f"{report.term_start}–{report.term_end}",
                status=report.status,
                status_label=str(report.get_status_display()),
                decision_date=report.decision_date,
                published_on=when.astimezone(clock.HELSINKI).date() if when else None,
            )
        elif report.kind == ReportKind.ANNUAL and (public or report.status in _FINISHED):
            annuals[report.organisation_id] = report
    return plans, annuals


def _answers(organisation_ids: list[int], *, public: bool) -> dict[int, Answer]:
    """Each organisation's submitted answer in the latest round it answered (public rounds only when public)."""
    answers = Answer.objects.filter(
        organisation_id__in=organisation_ids,
        status=AnswerStatus.SUBMITTED,
        round__status__in=[RoundStatus.OPEN, RoundStatus.CLOSED],
    ).select_related("round")
    if public:
        answers = answers.filter(round__answers_public=True)
    latest: dict[int, Answer] = {}
    for answer in answers.order_by("round__year", "round_id"):
        latest[answer.organisation_id] = answer
    return latest


def overview(*, public: bool, language: str = "fi") -> Overview:
    """Every current municipality and county, with what the reader may know of it."""
    year = clock.today().year
    areas = list(
        Area.objects.filter(kind__in=[AreaKind.MUNICIPALITY, AreaKind.COUNTY], valid_until__isnull=True).select_related(
            "county"
        )
    )
    kinds = {AreaKind.MUNICIPALITY: OrganisationKind.MUNICIPALITY, AreaKind.COUNTY: OrganisationKind.COUNTY}
    organisations: dict[int, Organisation] = {}
    by_area: dict[int, Organisation] = {}
    for each in Organisation.objects.filter(
        is_active=True, kind__in=list(kinds.values()), area_id__isnull=False
    ).order_by("-id"):
        organisations[each.pk] = each
        by_area[each.area_id] = each  # type: ignore[index]  # the oldest one wins
    plans, annuals = _plans(organisations, public=public, year=year)
    answers = _answers(list(organisations), public=public)
    indicators = list(
        Indicator.objects.filter(
            source="sotkanet", organisation__isnull=True, source_id__in=[POPULATION, *KEY_INDICATORS]
        )
    )
    by_source = {indicator.source_id: indicator for indicator in indicators}
    values = _latest_values([i.pk for i in indicators], [a.pk for a in areas])
    coefficients, provisional = coefficient_results([a.pk for a in areas])
    teaviisari = teaviisari_totals([a.pk for a in areas], language)
    rows = []
    for area in areas:
        organisation: Organisation | None = by_area.get(area.pk)
        if organisation is not None and organisation.kind != kinds[AreaKind(area.kind)]:
            organisation = None
        row = Row(area=area, county=area.county if area.kind == AreaKind.MUNICIPALITY else None)
        population = by_source.get(POPULATION)
        if population is not None and (population.pk, area.pk) in values:
            row.population, row.population_year = values[(population.pk, area.pk)]
            row.population_year = int(row.population_year)
        for source_id in KEY_INDICATORS:
            indicator = by_source.get(source_id)
            if indicator is not None and (indicator.pk, area.pk) in values:
                value, when = values[(indicator.pk, area.pk)]
                row.indicators[source_id] = (value, int(when))
        if organisation is not None:
            row.organisation = organisation
            row.plan = plans.get(organisation.pk)
            annual = annuals.get(organisation.pk)
            if annual is not None:
                row.annual_year, row.annual_status = annual.year, str(annual.get_status_display())
            row.answer = answers.get(organisation.pk)
        row.coefficient = coefficients.get(area.pk)
        row.teaviisari = teaviisari.get(area.pk, [])
        rows.append(row)
    shown = [by_source[s] for s in KEY_INDICATORS if s in by_source]
    for row in rows:
        row.cells = [row.indicators.get(indicator.source_id) for indicator in shown]
    return Overview(rows=rows, indicators=shown, public=public, coefficient_provisional=provisional)
