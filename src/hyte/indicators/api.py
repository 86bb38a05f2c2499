import csv
from collections.abc import Iterable, Iterator

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, StreamingHttpResponse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from hyte.accounts.permissions import Action, get_organisation_for
from hyte.core import spreadsheet
from hyte.core.api import Year
from hyte.core.http import AuthenticatedRequest
from hyte.core.pagination import MAX_OFFSET, Bounded
from hyte.indicators import queries
from hyte.indicators.models import Indicator, Observation

router = Router(tags=["indicators"])


class IndicatorOut(Schema):
    id: int
    source: str
    source_id: str
    organisation: str | None = Field(None, alias="organisation.slug")
    title_fi: str
    title_sv: str
    title_en: str
    value_type: str
    decimals: int
    polarity: str
    age_group: str
    kind: str
    theme: str
    range_start: int | None
    range_end: int | None
    data_updated: str | None
    attribution: str

    @staticmethod
    def resolve_data_updated(obj: Indicator) -> str | None:
        return obj.data_updated.isoformat() if obj.data_updated else None


class SubjectOut(Schema):
    """A subject the source files the indicator under, in three languages."""

    fi: str = ""
    sv: str = ""
    en: str = ""


class IndicatorDetailOut(IndicatorOut):
    description_fi: str
    description_sv: str
    description_en: str
    interpretation_fi: str
    interpretation_sv: str
    interpretation_en: str
    limits_fi: str
    limits_sv: str
    limits_en: str
    genders: list[str]
    subjects: list[SubjectOut]
    producer: str
    source_text: str
    licence: str


class IndicatorFilter(Schema):
    q: str | None = Field(None, max_length=100, description="search in titles, or an exact source id")
    source: str | None = Field(None, description="sotkanet, survey or own")
    theme: str | None = Field(None, max_length=100)
    age_group: str | None = Field(None, description="all, children, working_age or older")


class ObservationOut(Schema):
    indicator: int = Field(..., alias="indicator_id", description="Hyte's id of the indicator")
    source: str = Field(..., alias="indicator.source", description="sotkanet, survey or own")
    source_id: str = Field(..., alias="indicator.source_id", description="the indicator's id at its source")
    area_kind: str = Field(..., alias="area.kind")
    area_code: str = Field(..., alias="area.code")
    year: int
    period: str
    gender: str
    age_group: str
    value: float | None
    absolute_value: float | None
    ci_low: float | None
    ci_high: float | None
    missing_reason: str


INDICATOR_REFERENCE = (
    "an indicator, by the kind of id made explicit: `sotkanet:683` (Sotkanet's id), `own:KH1` (an organisation's "
    "own indicator's code) or `id:12` (Hyte's id, as in /indicators); a bare number is refused (repeatable)"
)


class ObservationFilter(Schema):
    indicator: list[str] = Field(..., description=INDICATOR_REFERENCE, min_length=1, max_length=50)
    area: list[str] = Field([], description="area as kind:code, e.g. municipality:240 (repeatable)")
    year: list[Year] = Field([], description="year, 1900–2100 (repeatable)")
    gender: str | None = Field(None, description="total, male or female")
    age_group: str | None = Field(None, description="an age group label; empty for all ages")
    format: str = Field("json", pattern="^(json|csv)$", description="json or csv")


@router.get("/indicators", response=list[IndicatorOut], auth=None, summary="Search the indicator catalogue")
@paginate(Bounded)
def list_indicators(request: HttpRequest, filters: Query[IndicatorFilter]) -> QuerySet[Indicator]:
    return queries.search_indicators(
        queries.visible_indicators(request.user).select_related("organisation"),
        text=filters.q or "",
        source=filters.source or "",
        theme=filters.theme or "",
        age_group=filters.age_group or "",
    )


class IndicatorSetOut(Schema):
    id: int
    name: str
    national: bool = Field(description="a national set (no organisation), shown to every organisation")
    indicators: list[int] = Field(description="the indicators' ids (as in /indicators), in the set's order")


@router.get(
    "/organisations/{slug}/indicator-sets",
    response=list[IndicatorSetOut],
    summary="The indicator sets an organisation can use (its own and the national ones)",
)
def list_indicator_sets(request: AuthenticatedRequest, slug: str) -> list[dict[str, object]]:
    """The sets of the situation picture: give one's `id` as `set` to `/organisations/{slug}/situation`."""
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    sets = queries.sets_for(organisation).prefetch_related("items")
    return [
        {
            "id": found.pk,
            "name": found.name,
            "national": found.organisation_id is None,
            "indicators": [item.indicator_id for item in sorted(found.items.all(), key=lambda i: (i.position, i.pk))],
        }
        for found in sets
    ]


@router.get("/indicators/{indicator_id}", response=IndicatorDetailOut, auth=None, summary="One indicator")
def get_indicator(request: HttpRequest, indicator_id: int) -> Indicator:
    indicator = queries.visible_indicators(request.user).select_related("organisation").filter(pk=indicator_id).first()
    if indicator is None:
        raise Http404
    return indicator


def _indicators(request: HttpRequest, references: list[str]) -> set[int]:
    """The ids of the indicators named, among those the caller may see; 404 when none is."""
    try:
        found = queries.indicators_by_reference(request.user, references)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc
    if not found:
        raise Http404
    return found


@router.get("/observations", response=list[ObservationOut], auth=None, summary="Values (JSON or CSV)")
@paginate(Bounded)
def list_observations(request: HttpRequest, filters: Query[ObservationFilter]) -> QuerySet[Observation]:
    visible = _indicators(request, filters.indicator)
    area_ids = queries.area_ids_for_keys(filters.area)
    return queries.observations(
        indicator_ids=sorted(visible),
        area_ids=area_ids,
        years=filters.year,
        gender=filters.gender or "",
        age_group=filters.age_group,
    )


CSV_MAX_ROWS = 50_000
CSV_COLUMNS = [
    "indicator",
    "indicator_title",
    "area_kind",
    "area_code",
    "area_name",
    "year",
    "period",
    "gender",
    "age_group",
    "value",
    "absolute_value",
    "ci_low",
    "ci_high",
    "missing_reason",
    "source",
]


class CsvPage(Schema):
    limit: int = Field(CSV_MAX_ROWS, ge=1, le=CSV_MAX_ROWS, description="How many rows (1–50,000).")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many rows to skip.")


class _Line:
    """A file-like object whose `write` returns what was written, so csv.writer yields lines to stream."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(rows: Iterable[Observation]) -> Iterator[str]:
    writer = csv.writer(_Line(), delimiter=";")
    yield writer.writerow(CSV_COLUMNS)
    for o in rows:
        yield writer.writerow(
            [
                o.indicator_id,
                spreadsheet.cell(o.indicator.title_fi),
                o.area.kind,
                o.area.code,
                spreadsheet.cell(o.area.name_fi),
                o.year,
                o.period,
                o.gender,
                o.age_group,
                o.value,
                o.absolute_value,
                o.ci_low,
                o.ci_high,
                o.missing_reason,
                o.indicator.attribution,
            ]
        )


@router.get(
    "/observations.csv",
    auth=None,
    summary="Values as CSV, with the source",
    openapi_extra={
        "responses": {
            "200": {
                "description": "The values as CSV (`;`-separated, UTF-8), at most 50,000 rows; a `Link` header "
                '(`rel="next"`) gives the next rows when more remain.',
                "content": {"text/csv": {"schema": {"type": "string"}}},
            }
        }
    },
)
def observations_csv(
    request: HttpRequest, filters: Query[ObservationFilter], page: Query[CsvPage]
) -> StreamingHttpResponse:
    """At most 50,000 rows a request, streamed; when more remain, the `Link` header (`rel="next"`) gives the
    address of the next rows."""
    visible = _indicators(request, filters.indicator)
    found = queries.observations(
        indicator_ids=sorted(visible),
        area_ids=queries.area_ids_for_keys(filters.area),
        years=filters.year,
        gender=filters.gender or "",
        age_group=filters.age_group,
    )
    end = page.offset + page.limit
    more = found[end : end + 1].exists()
    response = StreamingHttpResponse(
        _csv_lines(found[page.offset : end].iterator(chunk_size=5000)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="observations.csv"'
    if more:
        query = request.GET.copy()
        query["offset"] = str(end)
        query["limit"] = str(page.limit)
        response["Link"] = f'<{request.path}?{query.urlencode()}>; rel="next"'
    return response
