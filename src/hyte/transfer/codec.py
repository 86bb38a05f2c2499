"""Values to JSON and back without loss.

- Floats are JSON numbers written with Python's shortest exact form, so −0.0 stays −0.0 and every value reads
  back bit for bit; NaN and the infinities, which JSON has no numbers for, are the strings "NaN", "Infinity" and
  "-Infinity".
- Decimals are strings ("117500.00"): never through a float.
- Dates and times are ISO 8601; times keep their offset (the database gives them in UTC).
- JSON fields are the JSON itself. Files (binary fields) are archive members of their own; the row holds
  `{"file": member}`.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models

NON_FINITE = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


class Garbled(ValueError):
    """A value that the field it belongs to cannot hold."""


def dumps(row: dict[str, Any]) -> bytes:
    return (json.dumps(row, ensure_ascii=False, allow_nan=False, separators=(",", ":")) + "\n").encode("utf-8")


def _float(value: float) -> float | str:
    if math.isfinite(value):
        return value
    if math.isnan(value):
        return "NaN"
    return "Infinity" if value > 0 else "-Infinity"


def encode(field: models.Field[Any, Any], value: Any) -> Any:
    """A stored value as JSON (not for references or files, which the writer handles)."""
    if value is None:
        return None
    kind = field.get_internal_type()
    if kind == "FloatField":
        return _float(float(value))
    if kind == "DecimalField":
        return str(value)
    if kind in ("DateField", "DateTimeField", "TimeField"):
        return value.isoformat()
    if kind == "JSONField":
        return _json(value)
    return value


def _json(value: Any) -> Any:
    """A JSON field's value: as it is, except that non-finite floats cannot be JSON numbers."""
    if isinstance(value, float) and not math.isfinite(value):
        raise Garbled("a JSON field holds a value that is not a finite number")
    if isinstance(value, dict):
        return {key: _json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json(item) for item in value]
    return value


def decode(field: models.Field[Any, Any], value: Any) -> Any:
    """The archive's JSON value as the field stores it; `Garbled` when it cannot be."""
    if value is None:
        if not field.null and field.get_internal_type() != "JSONField":
            raise Garbled(f"{field.name} is empty but may not be")
        return None
    kind = field.get_internal_type()
    try:
        if kind == "FloatField":
            if isinstance(value, str):
                return NON_FINITE[value]
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise Garbled(f"{field.name} is not a number")
            return float(value)
        if kind == "DecimalField":
            if not isinstance(value, str):
                raise Garbled(f"{field.name} is not a decimal written as text")
            return Decimal(value)
        if kind == "DateTimeField":
            parsed = dt.datetime.fromisoformat(value)
            if parsed.tzinfo is None:
                raise Garbled(f"{field.name} has no time zone")
            return parsed
        if kind == "DateField":
            return dt.date.fromisoformat(value)
        if kind == "TimeField":
            return dt.time.fromisoformat(value)
        if kind == "BooleanField":
            if not isinstance(value, bool):
                raise Garbled(f"{field.name} is not true or false")
            return value
        if kind in ("CharField", "TextField", "SlugField", "EmailField"):
            if not isinstance(value, str):
                raise Garbled(f"{field.name} is not text")
            return value
        if kind.endswith("IntegerField"):
            if isinstance(value, bool) or not isinstance(value, int):
                raise Garbled(f"{field.name} is not a whole number")
            return value
    except (KeyError, TypeError, ValueError, InvalidOperation) as exc:
        if isinstance(exc, Garbled):
            raise
        raise Garbled(f"{field.name} cannot hold {str(value)[:40]!r}") from exc
    return value
