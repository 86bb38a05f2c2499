from typing import Any

from django.http import Http404
from ninja import Field, Query, Router, Schema

from hyte.accounts.permissions import Action, get_organisation_for
from hyte.core.http import AuthenticatedRequest
from hyte.situation import picture, queries

router = Router(tags=["situation picture"])


class SituationFilter(Schema):
    set: int | None = Field(
        None,
        description="an indicator set's id from /organisations/{slug}/indicator-sets; "
        "default: the organisation's first set, else a national one",
    )


class SituationAreaOut(Schema):
    kind: str = Field(description="municipality or county")
    code: str = Field(description="the area's official code")
    name: str = Field(description="the area's name in the caller's language")


class SituationSetOut(Schema):
    id: int = Field(description="the set's id, as in /organisations/{slug}/indicator-sets")
    name: str


_DIRECTION = "higher, similar, lower, no_data or not_comparable (a count is never compared)"
_JUDGEMENT = "better, similar or worse by a confirmed polarity; otherwise the direction"
_TESTED = "whether the difference was tested for significance (the value has a confidence interval)"
_CLEAR = "the difference holds at the 99.8% level too"
_ONLY = "; present only when the area has this comparison"


class SituationRecordOut(Schema):
    """One indicator of the picture, as a flat record (the same columns as the CSV and XLSX exports). Each
    comparison adds five fields named by its comparator: `region_`, `county_`, `country_` and `similar_` (the
    median of similar municipalities, or of the other counties for a county); a comparator the area does not
    have is left out."""

    age_group: str = Field(description="the group the indicator is listed under: all, children, working_age or older")
    indicator_id: int = Field(description="Hyte's id of the indicator, as in /indicators")
    source_id: str = Field(description="the indicator's id at its source")
    indicator: str = Field(description="the indicator's title in the caller's language")
    polarity: str = Field(description="high_good, low_good or none")
    polarity_confirmed: bool = Field(description="a person has confirmed the polarity; only then is it judged by")
    year: int | None = Field(description="the year of the latest value; null without data")
    value: float | None = Field(description="the latest value")
    ci_low: float | None = Field(description="the latest value's 95% confidence interval, lower end")
    ci_high: float | None = Field(description="the latest value's 95% confidence interval, upper end")
    ci998_low: float | None = Field(description="the 99.8% confidence interval, lower end")
    ci998_high: float | None = Field(description="the 99.8% confidence interval, upper end")
    change_previous: float | None = Field(description="the change from the previous year with a value")
    change_5_years: float | None = Field(description="the change from five years before")
    trend: str = Field(description="rising, falling, no_change or too_few_points (the last 10 years)")
    trend_judgement: str = Field(description="better or worse by a confirmed polarity; otherwise empty")
    trend_points: int = Field(description="how many years the trend is computed from")
    male: float | None = Field(description="the latest year's value for men and boys")
    female: float | None = Field(description="the latest year's value for women and girls")
    summary: str = Field(description="the record in one sentence, in the caller's language")
    source: str = Field(description="the attribution of the data's source")
    region_value: float | None = Field(None, description="the region's value in the same year" + _ONLY)
    region_direction: str | None = Field(None, description=_DIRECTION + _ONLY)
    region_judgement: str | None = Field(None, description=_JUDGEMENT + _ONLY)
    region_significance_tested: bool | None = Field(None, description=_TESTED + _ONLY)
    region_clear: bool | None = Field(None, description=_CLEAR + _ONLY)
    county_value: float | None = Field(None, description="the county's value in the same year" + _ONLY)
    county_direction: str | None = Field(None, description=_DIRECTION + _ONLY)
    county_judgement: str | None = Field(None, description=_JUDGEMENT + _ONLY)
    county_significance_tested: bool | None = Field(None, description=_TESTED + _ONLY)
    county_clear: bool | None = Field(None, description=_CLEAR + _ONLY)
    country_value: float | None = Field(None, description="the whole country's value in the same year" + _ONLY)
    country_direction: str | None = Field(None, description=_DIRECTION + _ONLY)
    country_judgement: str | None = Field(None, description=_JUDGEMENT + _ONLY)
    country_significance_tested: bool | None = Field(None, description=_TESTED + _ONLY)
    country_clear: bool | None = Field(None, description=_CLEAR + _ONLY)
    similar_value: float | None = Field(None, description="the median of similar areas in the same year" + _ONLY)
    similar_direction: str | None = Field(None, description=_DIRECTION + _ONLY)
    similar_judgement: str | None = Field(None, description=_JUDGEMENT + _ONLY)
    similar_significance_tested: bool | None = Field(None, description=_TESTED + _ONLY)
    similar_clear: bool | None = Field(None, description=_CLEAR + _ONLY)


class SituationOut(Schema):
    area: SituationAreaOut
    indicator_set: SituationSetOut | None = Field(description="the set shown; null when there is none")
    similar_municipalities: list[str] = Field(description="the codes of the similar municipalities compared with")
    indicators: list[SituationRecordOut]


@router.get(
    "/organisations/{slug}/situation",
    response=SituationOut,
    exclude_unset=True,
    summary="The situation picture of an organisation's area",
)
def situation(request: AuthenticatedRequest, slug: str, filters: Query[SituationFilter]) -> dict[str, Any]:
    """Each indicator of the set with its latest value, changes, trend, comparisons (with their judgement by
    polarity and whether significance was tested) and gender breakdown: the same as the page and exports."""
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    if organisation.area is None:
        raise Http404
    indicator_set = queries.chosen_set(organisation, str(filters.set) if filters.set else None)
    built = picture.build(area=organisation.area, indicators=queries.set_indicators(indicator_set))
    return {
        "area": {"kind": built.area.kind, "code": built.area.code, "name": built.area.name},
        "indicator_set": {"id": indicator_set.pk, "name": indicator_set.name} if indicator_set else None,
        "similar_municipalities": [a.code for a in built.similar_areas],
        "indicators": picture.picture_as_records(built),
    }
