"""The register's words, found by code or by name in Finnish, Swedish or English: themes and target groups (data),
age groups, languages and kinds of actor (code), and municipalities (by official code or name)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db import models
from django.utils.translation import override

from hyte.actors.models import ActorKind, AgeGroup, Language, TargetGroup, Theme
from hyte.regions.models import Area, AreaKind

T = TypeVar("T")

# Words people write for the age groups, kinds and languages besides the product's own labels.
AGE_WORDS = {
    "children": (
        "lapset",
        "lapsiperheet",
        "perheet",
        "lapset ja perheet",
        "barn",
        "barnfamiljer",
        "familjer",
        "families",
        "kids",
    ),
    "young": ("nuoret", "nuori", "unga", "ungdomar", "youth", "young", "teenagers"),
    "working_age": ("työikäiset", "aikuiset", "vuxna", "personer i arbetsför ålder", "adults", "working age"),
    "older": ("ikääntyneet", "ikäihmiset", "seniorit", "vanhukset", "äldre", "seniorer", "older", "seniors", "elderly"),
}
KIND_WORDS = {
    "municipal": ("kunta", "kaupunki", "kunnan yksikkö", "kommun", "stad", "municipality", "city"),
    "county": ("hyvinvointialue", "välfärdsområde", "wellbeing services county"),
    "ngo": ("järjestö", "yhdistys", "ry", "förening", "organisation", "association", "ngo"),
    "parish": ("seurakunta", "församling", "church"),
    "company": ("yritys", "oy", "företag", "ab", "business"),
    "education": ("oppilaitos", "koulu", "läroanstalt", "skola", "school"),
    "informal": ("ryhmä", "vapaa ryhmä", "grupp", "group"),
}
LANGUAGE_WORDS = {
    "fi": ("suomi", "finska", "fin", "suomeksi"),
    "sv": ("ruotsi", "svenska", "swe", "ruotsiksi", "på svenska"),
    "en": ("englanti", "engelska", "eng", "englanniksi", "in english"),
    "se": ("saame", "pohjoissaame", "samiska", "nordsamiska", "sami", "sme"),
    "ru": ("venäjä", "ryska", "rus"),
    "uk": ("ukraina", "ukrainska", "ukr"),
    "ar": ("arabia", "arabiska", "ara"),
    "et": ("viro", "eesti", "estniska", "est"),
    "so": ("somali", "somaliska", "som"),
    "fse": ("viittomakieli", "suomalainen viittomakieli", "teckenspråk", "sign language"),
}


def norm(value: Any) -> str:
    return " ".join(str(value or "").strip().lower().split())


def _choices(choices: Iterable[tuple[str, Any]], words: dict[str, tuple[str, ...]]) -> dict[str, str]:
    found: dict[str, str] = {}
    pairs = list(choices)
    for language in ("en", "sv", "fi"):
        with override(language):
            found.update({norm(label): value for value, label in pairs})
    for value, _label in pairs:
        found[norm(value)] = value
        found.update(dict.fromkeys(map(norm, words.get(value, ())), value))
    return found


def _terms(objects: Iterable[T]) -> dict[str, T]:
    found: dict[str, T] = {}
    for obj in objects:
        for name in ("name_en", "name_sv", "name_fi", "code"):
            if getattr(obj, name):
                found[norm(getattr(obj, name))] = obj
    return found


class Terms:
    """Read once per import: a handful of queries, whatever the number of rows."""

    def __init__(self) -> None:
        self.themes = _terms(Theme.objects.all())
        self.target_groups = _terms(TargetGroup.objects.all())
        self.age_groups = _choices(AgeGroup.choices, AGE_WORDS)
        self.languages = _choices(Language.choices, LANGUAGE_WORDS)
        self.kinds = _choices(ActorKind.choices, KIND_WORDS)
        self.municipalities: dict[str, Area] = {}
        for area in Area.objects.filter(kind=AreaKind.MUNICIPALITY, valid_until__isnull=True):
            for name in (area.name_en, area.name_sv, area.name_fi, area.code):
                if name:
                    self.municipalities[norm(name)] = area

    def municipality(self, value: str) -> Area | None:
        key = norm(value)
        if key.endswith(".0"):
            key = key[:-2]
        if key.isdigit():
            key = key.zfill(3)
        return self.municipalities.get(key)


def lookup(table: dict[str, T], values: Iterable[str]) -> tuple[list[T], list[str]]:
    """The values found in `table`, in order and without repeats, and those not found."""
    found: list[T] = []
    unknown: list[str] = []
    for value in values:
        hit = table.get(norm(value))
        if hit is None:
            unknown.append(value)
        elif hit not in found:
            found.append(hit)
    return found, unknown


def model_limit(model: type[models.Model], name: str) -> int:
    """The most characters a text field holds (0 for no limit)."""
    return int(getattr(model._meta.get_field(name), "max_length", 0) or 0)
