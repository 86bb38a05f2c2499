"""The columns a spreadsheet of activities may have: what each holds, the headers it is recognised by in
Finnish, Swedish and English (besides its label in each language), and how its cells are read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hyte.actors.imports.rows import a_date, a_number, text, yes_no


# fmt: off
@dataclass(frozen=True)
class Column:
    name: str  # what the column holds: an activity's field, or one of the provider's
    label: Promise
    words: str  # headers it is recognised by besides its label in each language: lower case, separated by "|"
    help: Promise | str = ""
    read: Callable[[Any], Any] = text


COLUMNS: tuple[Column, ...] = (
    Column("id", _("Id"), "id|tunnus|tunniste|identifier|external id|id-nummer",
           _("Your own id of the row: importing the file again updates the activity with the same id.")),
    Column("title", _("Title"), "otsikko|toiminnan nimi|toiminta|nimi|title|name|activity|rubrik|titel|namn|aktivitet",
           _("Required.")),
    Column("title_sv", _("Title in Swedish"), "otsikko ruotsiksi|nimi ruotsiksi|rubrik på svenska"),
    Column("title_en", _("Title in English"), "otsikko englanniksi|nimi englanniksi|rubrik på engelska"),
    Column("description", _("Description"), "kuvaus|description|beskrivning"),
    Column("description_sv", _("Description in Swedish"), "kuvaus ruotsiksi|beskrivning på svenska"),
    Column("description_en", _("Description in English"), "kuvaus englanniksi|beskrivning på engelska"),
    Column("provider", _("Provider"),
           "järjestäjä|toimija|tuottaja|provider|organiser|organizer|organisation|organization|anordnare|arrangör",
           _("The actor who offers it; added to the register if it is not there yet.")),
    Column("provider_id", _("Provider's id"), "järjestäjän tunnus|toimijan tunnus|provider id"),
    Column("provider_business_id", _("Provider's business id"), "y-tunnus|business id|fo-nummer|järjestäjän y-tunnus",
           _("e.g. 0201256-6; checked by its check digit")),
    Column("provider_kind", _("Provider's kind"), "toimijan tyyppi|järjestäjän tyyppi|provider kind|aktörens typ",
           _("See the kinds below; an NGO when empty.")),
    Column("municipality", _("Municipality"), "kunta|municipality|kommun|kuntakoodi",
           _("Name or code; your own municipality when empty.")),
    Column("place", _("Village or district"),
           "kylä tai kaupunginosa|kylä|kaupunginosa|alue|paikka|place|district|village|by eller stadsdel|stadsdel|by"),
    Column("address", _("Address"), "osoite|katuosoite|address|adress"),
    Column("latitude", _("Latitude"), "leveysaste|lat|latitude|latitud", read=a_number),
    Column("longitude", _("Longitude"), "pituusaste|lon|lng|longitude|longitud", read=a_number),
    Column("online", _("Online"), "verkossa|etänä|online|på nätet|distans", _("yes or no"), yes_no),
    Column("starts_on", _("Starts"), "alkaa|alkamispäivä|alkupäivä|starts|start|start date|börjar|startdatum",
           _("e.g. 1.9.2026"), a_date),
    Column("ends_on", _("Ends"), "päättyy|päättymispäivä|loppupäivä|ends|end|end date|slutar|slutdatum",
           _("e.g. 15.12.2026"), a_date),
    Column("recurring", _("Recurring"), "toistuva|säännöllinen|recurring|återkommande",
           _("yes or no; a recurring activity needs its schedule"), yes_no),
    Column("schedule", _("Schedule"), "aikataulu|ajankohta|kokoontumisaika|schedule|tidtabell|tid",
           _("e.g. Tuesdays 10–12")),
    Column("is_free", _("Free of charge"), "maksuton|ilmainen|free|free of charge|avgiftsfri|gratis",
           _("yes or no; with a fee and nothing here, it is not free"), yes_no),
    Column("fee", _("Fee"), "hinta|maksu|osallistumismaksu|fee|price|avgift|pris"),
    Column("languages", _("Languages"), "kielet|kieli|languages|language|språk",
           _("Codes or names, separated by semicolons: fi; sv; en …")),
    Column("accessibility", _("Accessibility"), "saavutettavuus|esteettömyys|accessibility|tillgänglighet"),
    Column("join_url", _("Link for joining"), "linkki|ilmoittautumislinkki|verkkosivu|link|url|website|länk|webbplats",
           _("https://…")),
    Column("join_phone", _("Phone for joining"), "puhelin|puhelinnumero|phone|telephone|telefon"),
    Column("themes", _("Themes"), "teemat|teema|themes|theme|teman|tema",
           _("Codes or names of the themes below, separated by semicolons.")),
    Column("age_groups", _("Age groups"), "ikäryhmät|ikäryhmä|age groups|age group|åldersgrupper|åldersgrupp",
           _("Codes or names of the age groups below, separated by semicolons.")),
    Column("target_groups", _("Target groups"), "kohderyhmät|kohderyhmä|target groups|target group|målgrupper|målgrupp",
           _("Codes or names of the target groups below, separated by semicolons.")),
    Column("is_published", _("Published in the finder"), "julkaistu|julkaistaan|published|publicerad",
           _("yes or no; empty keeps an entry as it is and follows the import's choice for new ones"), yes_no),
)
# fmt: on
