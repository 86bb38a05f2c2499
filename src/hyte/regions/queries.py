from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from hyte.regions.models import Area, AreaKind


def areas(*, kind: str = "", county_code: str = "", search: str = "", include_former: bool = False) -> QuerySet[Area]:
    found = Area.objects.select_related("county", "region")
    if kind:
        found = found.filter(kind=kind)
    if county_code:
        found = found.filter(county__code=county_code)
    if search:
        found = found.filter(Q(name_fi__icontains=search) | Q(name_sv__icontains=search) | Q(code=search))
    if not include_former:
        found = found.filter(valid_until__isnull=True)
    return found.order_by("kind", "name_fi")


def area_by_key(kind: str, code: str) -> Area | None:
    return Area.objects.select_related("county", "region").filter(kind=kind, code=code).first()


def counties_with_municipality_counts() -> QuerySet[Area]:
    return (
        Area.objects.filter(kind=AreaKind.COUNTY)
        .annotate(municipality_count=Count("municipalities", filter=Q(municipalities__valid_until__isnull=True)))
        .order_by("name_fi")
    )


def area_counts() -> dict[str, int]:
    rows = Area.objects.filter(valid_until__isnull=True).values("kind").annotate(n=Count("id"))
    return {row["kind"]: row["n"] for row in rows}
