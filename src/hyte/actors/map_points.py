"""Where an activity's map point may be: in Finland, and in the activity's own municipality.

The boundaries are those the situation picture draws (`hyte.situation.boundaries`): of 2021, simplified, so along
a coast or a border river a real address may fall just outside its municipality's outline (Tornio's town hall is
half a kilometre outside it). A point outside every municipality is therefore taken as its own municipality's when
it is within `TOLERANCE_KM` of it; a point inside another municipality's outline is always refused.
"""

from __future__ import annotations

import math

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.regions.models import Area, AreaKind
from hyte.situation import boundaries

TOLERANCE_KM = 2.0


def _name(code: str) -> str:
    found = Area.objects.filter(kind=AreaKind.MUNICIPALITY, code=code, valid_until__isnull=True).first()
    return found.name if found is not None else code


def check_map_point(area: Area, latitude: float | None, longitude: float | None) -> None:
    """Refuse a point outside Finland or outside the activity's municipality, saying where it is instead."""
    if latitude is None and longitude is None:
        return
    if latitude is None or longitude is None:
        raise ValidationError(_("A map point needs both its latitude and its longitude."))
    if not (
        math.isfinite(latitude) and math.isfinite(longitude) and -90 <= latitude <= 90 and -180 <= longitude <= 180
    ):
        raise ValidationError(_("The map point is not a place on Earth: give its latitude and longitude in degrees."))
    found = boundaries.municipality_at(longitude, latitude)
    if found == area.code:
        return
    wrong = _(
        "The map point is in %(found)s, not in %(municipality)s: check the address, the point or the municipality."
    )
    if found is not None:
        raise ValidationError(wrong % {"found": _name(found), "municipality": area.name})
    nearest, distance = boundaries.nearest_municipality(longitude, latitude)
    if distance > TOLERANCE_KM:
        raise ValidationError(
            _("The map point is outside Finland (latitude %(latitude)s, longitude %(longitude)s): check the point.")
            % {"latitude": round(latitude, 5), "longitude": round(longitude, 5)}
        )
    own = boundaries.municipality_shapes().get(area.code)
    if own is None or own.distance_km(longitude, latitude) <= TOLERANCE_KM:
        return
    raise ValidationError(wrong % {"found": _name(nearest), "municipality": area.name})
