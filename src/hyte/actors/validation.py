"""The register's rules for an entry's values, shared by the services (which write) and the import's preview
(which tells, row by row, what a write would refuse before anything is written)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from hyte.actors.businessid import normalise
from hyte.actors.map_points import check_map_point
from hyte.actors.models import ActorKind, AgeGroup, Language
from hyte.regions.models import AreaKind

_URL = URLValidator(schemes=["http", "https"])


def clean_url(value: str) -> str:
    """A web address as given ("" for none); ValidationError unless it is an http(s) address."""
    value = (value or "").strip()
    if value:
        try:
            _URL(value)
        except ValidationError as exc:
            raise ValidationError(
                _("The link %(url)s is not a web address (https://…).") % {"url": value[:100]}
            ) from exc
    return value


def clean_actor(values: dict[str, Any]) -> dict[str, Any]:
    """An actor's values checked and normalised; every problem at once in the ValidationError."""
    errors: list[str] = []
    values["kind"] = ActorKind(values["kind"]).value
    values["name"] = values["name"].strip()
    if not values["name"]:
        errors.append(_("Give the actor's name."))
    values["business_id"] = _checked(errors, normalise, values.get("business_id") or "")
    values["website"] = _checked(errors, clean_url, values.get("website") or "")
    if values["area"].kind != AreaKind.MUNICIPALITY:
        errors.append(_("An actor works in a municipality: choose one."))
    if errors:
        raise ValidationError(errors)
    return values


def clean_activity(values: dict[str, Any]) -> dict[str, Any]:
    """An activity's values checked and normalised; every problem at once in the ValidationError."""
    errors: list[str] = []
    values["title"] = values["title"].strip()
    if not values["title"]:
        errors.append(_("Give the activity a title."))
    values["place"] = " ".join((values.get("place") or "").split())  # the gap view compares places so too
    if values["area"].kind != AreaKind.MUNICIPALITY:
        errors.append(_("An activity takes place in a municipality: choose one."))
    starts, ends = values.get("starts_on"), values.get("ends_on")
    if isinstance(starts, dt.date) and isinstance(ends, dt.date) and ends < starts:
        errors.append(_("The activity cannot end before it starts."))
    if values.get("recurring") and not (values.get("schedule") or "").strip():
        errors.append(_("Say when a recurring activity meets, e.g. Tuesdays 10–12."))
    if not values.get("is_free", True) and not (values.get("fee") or "").strip():
        errors.append(_("Say what the activity costs, or mark it free of charge."))
    if (values.get("latitude") is None) != (values.get("longitude") is None):
        errors.append(_("A map point needs both its latitude and its longitude."))
    values["join_url"] = _checked(errors, clean_url, values.get("join_url") or "")
    if not errors:  # where the map point is, once the municipality and both coordinates are right
        try:
            check_map_point(values["area"], values.get("latitude"), values.get("longitude"))
        except ValidationError as exc:
            errors += exc.messages
    if errors:
        raise ValidationError(errors)
    values["age_groups"] = [AgeGroup(group).value for group in values.get("age_groups") or []]
    values["languages"] = [Language(code).value for code in values.get("languages") or []]
    return values


def _checked(errors: list[str], check: Callable[[str], str], value: str) -> str:
    try:
        return check(value)
    except ValidationError as exc:
        errors += exc.messages
        return value
