"""A spreadsheet of activities (CSV or XLSX), read through a column mapping: guessed from the header in Finnish,
Swedish or English, checked and changed by the person importing. One row is one activity and its provider."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from hyte.actors.imports.rows import ImportRefused, ProviderIn, RowIn, a_date, a_list, a_number, text, yes_no


@dataclass(frozen=True)
class Column:
    name: str  # what the column holds: an activity's field, or one of the provider's
    label: Promise
    words: tuple[str, ...]  # headers it is recognised by (besides its label in each language), lower case
    help: Promise | str = ""
    read: Callable[[Any], Any] = text


L = gettext_lazy
COLUMNS: tuple[Column, ...] = (
    Column(
        "id",
        L("Id"),
        ("id", "tunnus", "tunniste", "identifier", "external id", "id-nummer"),
        L("Your own id of the row: importing the file again updates the activity with the same id."),
    ),
    Column(
        "title",
        L("Title"),
        (
            "otsikko",
            "toiminnan nimi",
            "toiminta",
            "nimi",
            "title",
            "name",
            "activity",
            "rubrik",
            "titel",
            "namn",
            "aktivitet",
        ),
        L("Required."),
    ),
    Column("title_sv", L("Title in Swedish"), ("otsikko ruotsiksi", "nimi ruotsiksi", "rubrik på svenska")),
    Column("title_en", L("Title in English"), ("otsikko englanniksi", "nimi englanniksi", "rubrik på engelska")),
    Column("description", L("Description"), ("kuvaus", "description", "beskrivning")),
    Column("description_sv", L("Description in Swedish"), ("kuvaus ruotsiksi", "beskrivning på svenska")),
    Column("description_en", L("Description in English"), ("kuvaus englanniksi", "beskrivning på engelska")),
    Column(
        "provider",
        L("Provider"),
        (
            "järjestäjä",
            "toimija",
            "tuottaja",
            "provider",
            "organiser",
            "organizer",
            "organisation",
            "organization",
            "anordnare",
            "arrangör",
        ),
        L("The actor who offers it; added to the register if it is not there yet."),
    ),
    Column("provider_id", L("Provider's id"), ("järjestäjän tunnus", "toimijan tunnus", "provider id")),
    Column(
        "provider_business_id",
        L("Provider's business id"),
        ("y-tunnus", "business id", "fo-nummer", "järjestäjän y-tunnus"),
        L("e.g. 0201256-6; checked by its check digit"),
    ),
    Column(
        "provider_kind",
        L("Provider's kind"),
        ("toimijan tyyppi", "järjestäjän tyyppi", "provider kind", "aktörens typ"),
        L("See the kinds below; an NGO when empty."),
    ),
    Column(
        "municipality",
        L("Municipality"),
        ("kunta", "municipality", "kommun", "kuntakoodi"),
        L("Name or code; your own municipality when empty."),
    ),
    Column(
        "place",
        L("Village or district"),
        (
            "kylä tai kaupunginosa",
            "kylä",
            "kaupunginosa",
            "alue",
            "paikka",
            "place",
            "district",
            "village",
            "by eller stadsdel",
            "stadsdel",
            "by",
        ),
    ),
    Column("address", L("Address"), ("osoite", "katuosoite", "address", "adress")),
    Column("latitude", L("Latitude"), ("leveysaste", "lat", "latitude", "latitud"), "", a_number),
    Column("longitude", L("Longitude"), ("pituusaste", "lon", "lng", "longitude", "longitud"), "", a_number),
    Column("online", L("Online"), ("verkossa", "etänä", "online", "på nätet", "distans"), L("yes or no"), yes_no),
    Column(
        "starts_on",
        L("Starts"),
        ("alkaa", "alkamispäivä", "alkupäivä", "starts", "start", "start date", "börjar", "startdatum"),
        L("e.g. 1.9.2026"),
        a_date,
    ),
    Column(
        "ends_on",
        L("Ends"),
        ("päättyy", "päättymispäivä", "loppupäivä", "ends", "end", "end date", "slutar", "slutdatum"),
        L("e.g. 15.12.2026"),
        a_date,
    ),
    Column(
        "recurring",
        L("Recurring"),
        ("toistuva", "säännöllinen", "recurring", "återkommande"),
        L("yes or no; a recurring activity needs its schedule"),
        yes_no,
    ),
    Column(
        "schedule",
        L("Schedule"),
        ("aikataulu", "ajankohta", "kokoontumisaika", "schedule", "tidtabell", "tid"),
        L("e.g. Tuesdays 10–12"),
    ),
    Column(
        "is_free",
        L("Free of charge"),
        ("maksuton", "ilmainen", "free", "free of charge", "avgiftsfri", "gratis"),
        L("yes or no; with a fee and nothing here, it is not free"),
        yes_no,
    ),
    Column("fee", L("Fee"), ("hinta", "maksu", "osallistumismaksu", "fee", "price", "avgift", "pris")),
    Column(
        "languages",
        L("Languages"),
        ("kielet", "kieli", "languages", "language", "språk"),
        L("Codes or names, separated by semicolons: fi; sv; en …"),
    ),
    Column("accessibility", L("Accessibility"), ("saavutettavuus", "esteettömyys", "accessibility", "tillgänglighet")),
    Column(
        "join_url",
        L("Link for joining"),
        ("linkki", "ilmoittautumislinkki", "verkkosivu", "link", "url", "website", "länk", "webbplats"),
        L("https://…"),
    ),
    Column("join_phone", L("Phone for joining"), ("puhelin", "puhelinnumero", "phone", "telephone", "telefon")),
    Column(
        "themes",
        L("Themes"),
        ("teemat", "teema", "themes", "theme", "teman", "tema"),
        L("Codes or names of the themes below, separated by semicolons."),
    ),
    Column(
        "age_groups",
        L("Age groups"),
        ("ikäryhmät", "ikäryhmä", "age groups", "age group", "åldersgrupper", "åldersgrupp"),
        L("Codes or names of the age groups below, separated by semicolons."),
    ),
    Column(
        "target_groups",
        L("Target groups"),
        ("kohderyhmät", "kohderyhmä", "target groups", "target group", "målgrupper", "målgrupp"),
        L("Codes or names of the target groups below, separated by semicolons."),
    ),
    Column(
        "is_published",
        L("Published in the finder"),
        ("julkaistu", "julkaistaan", "published", "publicerad"),
        L("yes or no; empty keeps an entry as it is and follows the import's choice for new ones"),
        yes_no,
    ),
)
BY_NAME = {column.name: column for column in COLUMNS}
LISTS = ("themes", "age_groups", "target_groups", "languages")
PROVIDER = {
    "provider": "name",
    "provider_id": "external_id",
    "provider_business_id": "business_id",
    "provider_kind": "kind",
}
NOT_ACTIVITY = {"id", "municipality", *LISTS, *PROVIDER}


def _norm(value: Any) -> str:
    return " ".join(str(value or "").replace("*", "").strip().rstrip(":").lower().split())


def recognised(column: Column) -> set[str]:
    words = set(column.words)
    for language in ("fi", "sv", "en"):
        with override(language):
            words.add(_norm(column.label))
    return words


def guess_mapping(header: list[Any]) -> dict[str, int]:
    """Which column holds what, guessed from the header; the person importing checks it."""
    names = [_norm(cell) for cell in header]
    guesses: dict[str, int] = {}
    for column in COLUMNS:
        words = recognised(column)
        index = next((i for i, name in enumerate(names) if name in words and i not in guesses.values()), None)
        if index is not None:
            guesses[column.name] = index
    return guesses


def check_mapping(mapping: dict[str, int], header: list[Any]) -> None:
    """Refuse a mapping that cannot be read unambiguously: no title, a column not in the file, one column twice."""
    if "title" not in mapping:
        shown = ", ".join(str(cell) for cell in header if cell not in (None, ""))[:300]
        raise ImportRefused(
            _("No column holds the activities' titles (the header reads: %(header)s): choose it.") % {"header": shown}
        )
    for name, index in mapping.items():
        if name not in BY_NAME:
            raise ImportRefused(_("Unknown column %(name)s.") % {"name": name})
        if not 0 <= index < len(header):
            raise ImportRefused(
                _("Column %(number)d is not in the file, which has %(count)d columns.")
                % {"number": index + 1, "count": len(header)}
            )
    used = list(mapping.values())
    twice = next((index for index in used if used.count(index) > 1), None)
    if twice is not None:
        raise ImportRefused(
            _("Column %(number)d is chosen for two things: choose one column for each.") % {"number": twice + 1}
        )


def parse_rows(rows: list[list[Any]], mapping: dict[str, int], header_row: int = 1) -> Iterator[RowIn]:
    """The activities of a sheet: rows after the header, empty rows skipped. Row numbers are the sheet's own."""
    if not 1 <= header_row <= len(rows):
        raise ImportRefused(_("The file has no row %(row)d for its header.") % {"row": header_row})
    check_mapping(mapping, rows[header_row - 1])
    for line, row in enumerate(rows[header_row:], start=header_row + 1):
        if any(cell not in (None, "") for cell in row):
            yield _row(line, row, mapping)


def _row(line: int, row: list[Any], mapping: dict[str, int]) -> RowIn:
    found = RowIn(line=line, key="")
    values: dict[str, Any] = {}
    for name, index in mapping.items():
        column = BY_NAME[name]
        cell = row[index] if index < len(row) else None
        try:
            values[name] = column.read(cell)
        except ValueError as exc:
            found.problems.append(_("%(column)s: %(problem)s") % {"column": column.label, "problem": exc.args[0]})
    found.key = text(values.get("id"), 200)
    found.municipality = text(values.get("municipality"))
    for name in LISTS:
        if name in mapping:
            setattr(found, name, a_list(values.get(name)))
    provider = {field: text(values.get(name)) for name, field in PROVIDER.items() if values.get(name)}
    if provider:
        found.provider = ProviderIn(**provider)
    activity = {name: value for name, value in values.items() if name not in NOT_ACTIVITY}
    for name in ("online", "recurring", "is_free", "is_published"):
        if activity.get(name, "") is None:
            del activity[name]  # an empty yes/no cell: as the entry is, or the default
    if "is_free" not in activity and activity.get("fee"):
        activity["is_free"] = False
    found.activity = activity
    return found
