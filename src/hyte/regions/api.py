from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from hyte.core.pagination import Bounded
from hyte.regions import queries
from hyte.regions.models import Area, AreaKind

router = Router(tags=["areas"])


class AreaOut(Schema):
    kind: str
    code: str
    name_fi: str
    name_sv: str
    name_en: str
    county_code: str | None = Field(None, alias="county.code")
    region_code: str | None = Field(None, alias="region.code")
    language_status: str
    municipality_group: str
    sotkanet_id: int | None
    outside_reform: bool
    valid_until: int | None


class AreaFilter(Schema):
    kind: AreaKind | None = Field(None, description="country, county, region or municipality")
    county: str | None = Field(None, description="county code: the county's municipalities")
    q: str | None = Field(None, max_length=100, description="search in names, or an exact code")
    include_former: bool = Field(False, description="include municipalities that have merged")


@router.get("/areas", response=list[AreaOut], auth=None, summary="Areas of Finland")
@paginate(Bounded)
def list_areas(request: HttpRequest, filters: Query[AreaFilter]) -> QuerySet[Area]:
    return queries.areas(
        kind=filters.kind or "",
        county_code=filters.county or "",
        search=filters.q or "",
        include_former=filters.include_former,
    )


@router.get("/areas/{kind}/{code}", response=AreaOut, auth=None, summary="One area")
def get_area(request: HttpRequest, kind: AreaKind, code: str) -> Area:
    area = queries.area_by_key(kind, code)
    if area is None:
        raise Http404
    return area
