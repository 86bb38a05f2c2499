"""A welfare concept as a JSON file (`hyte load_welfare_concept FILE`, docs/commands.md), read and checked whole:
every problem is listed, and a file with any problem is refused before anything is written.

    {
      "format": "hyte-welfare-concept", "version": 1,
      "code": "pohjois-pohjanmaa",
      "name": {"fi": "…", "sv": "…", "en": "…"},
      "source": "where the concept is published", "description": "what it is, in Finnish",
      "themes": [
        {"code": "health-and-lifestyle", "name": {"fi": "…", "sv": "…", "en": "…"},
         "maps_to": ["physical-activity", "nutrition"]}
      ]
    }

`code`s are slugs (a–z, 0–9, hyphens); a theme's code is unique within its concept; `maps_to` names themes of the
default concept (THL's hyte themes) by code, and every theme maps to at least one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

FORMAT = "hyte-welfare-concept"
VERSION = 1
BUNDLED = Path(__file__).resolve().parent / "data" / "welfare-concept-pohjois-pohjanmaa.json"
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_THEMES = 100


@dataclass(frozen=True)
class ThemeSpec:
    code: str
    name_fi: str
    name_sv: str
    name_en: str
    maps_to: tuple[str, ...]


@dataclass(frozen=True)
class ConceptSpec:
    code: str
    name_fi: str
    name_sv: str
    name_en: str
    source: str
    description: str
    themes: tuple[ThemeSpec, ...]


class ConceptFileError(ValueError):
    """The file is not a welfare concept Hyte can load; `errors` says every reason."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


def _text(value: Any, limit: int) -> str | None:
    return value.strip() if isinstance(value, str) and len(value.strip()) <= limit else None


def _names(raw: Any, where: str, errors: list[str]) -> tuple[str, str, str]:
    if not isinstance(raw, dict):
        errors.append(_('%(where)s: give the name as {"fi": …, "sv": …, "en": …}.') % {"where": where})
        return "", "", ""
    names = tuple(_text(raw.get(language, ""), 200) for language in ("fi", "sv", "en"))
    if any(name is None for name in names):
        errors.append(_("%(where)s: each name is text of at most 200 characters.") % {"where": where})
        return "", "", ""
    fi, sv, en = (name or "" for name in names)
    if not fi:
        errors.append(_("%(where)s: the Finnish name is missing.") % {"where": where})
    return fi, sv, en


def _theme(raw: Any, number: int, known: set[str], errors: list[str]) -> ThemeSpec | None:
    where = _("theme %(number)s") % {"number": number}
    if not isinstance(raw, dict):
        errors.append(_("%(where)s: not an object.") % {"where": where})
        return None
    code = raw.get("code")
    if not isinstance(code, str) or not _SLUG.match(code) or len(code) > 60:
        errors.append(_("%(where)s: its code must be a slug (a–z, 0–9, hyphens).") % {"where": where})
        return None
    where = _("theme %(code)s") % {"code": code}
    fi, sv, en = _names(raw.get("name"), where, errors)
    maps_to = raw.get("maps_to")
    if not isinstance(maps_to, list) or not maps_to or not all(isinstance(c, str) for c in maps_to):
        errors.append(_("%(where)s: maps_to lists at least one theme of the default concept.") % {"where": where})
        return None
    unknown = sorted(set(maps_to) - known)
    if unknown:
        errors.append(
            _("%(where)s: maps_to names themes the default concept does not have: %(codes)s.")
            % {"where": where, "codes": ", ".join(unknown)}
        )
    return ThemeSpec(code, fi, sv, en, tuple(dict.fromkeys(maps_to)))


def parse(data: bytes | str, *, default_codes: set[str], default_concept: str = "") -> ConceptSpec:
    """Read a concept file; raise ConceptFileError listing every problem. `default_codes` are the codes of the
    default concept's themes (what `maps_to` may name); `default_concept` is its code, which a file may not
    replace."""
    try:
        raw = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConceptFileError([_("The file is not JSON: %(error)s") % {"error": exc}]) from exc
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ConceptFileError([_('The file is not a welfare concept ("format": "%(format)s").') % {"format": FORMAT}])
    if raw.get("version") != VERSION:
        raise ConceptFileError([_("This version of Hyte reads version %(version)s of the format.") % {"version": 1}])
    errors: list[str] = []
    code = raw.get("code")
    if not isinstance(code, str) or not _SLUG.match(code) or len(code) > 60:
        errors.append(_("The concept's code must be a slug (a–z, 0–9, hyphens)."))
        code = ""
    elif code == default_concept:
        errors.append(_("The default concept is not loaded from a file."))
    fi, sv, en = _names(raw.get("name"), _("the concept"), errors)
    source, description = _text(raw.get("source", ""), 500), _text(raw.get("description", ""), 5000)
    if source is None or description is None:
        errors.append(_("The source is text of at most 500 characters and the description of at most 5,000."))
    themes_raw = raw.get("themes")
    if not isinstance(themes_raw, list) or not themes_raw or len(themes_raw) > MAX_THEMES:
        errors.append(_("List the concept's themes (1–%(max)s).") % {"max": MAX_THEMES})
        themes_raw = []
    themes = [_theme(item, number, default_codes, errors) for number, item in enumerate(themes_raw, start=1)]
    codes = [theme.code for theme in themes if theme is not None]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        errors.append(_("Theme codes appear more than once: %(codes)s.") % {"codes": ", ".join(duplicates)})
    if errors:
        raise ConceptFileError(errors)
    return ConceptSpec(
        code=code,
        name_fi=fi,
        name_sv=sv,
        name_en=en,
        source=source or "",
        description=description or "",
        themes=tuple(theme for theme in themes if theme is not None),
    )
