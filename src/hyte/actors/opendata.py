"""The register of a municipality (or of a county's municipalities) as open data under CC BY 4.0: HSDS 3.0 JSON
(`hsds/`), a CSV with one row per activity, and an XLSX workbook with the activities, the actors and the licence.

Only what the public finder shows goes out: published activities not hidden by a coordinator, and the actors
that offer them. The spreadsheets' column names are Finnish codes (documented in docs/actors.md and on the
workbook's licence sheet); their values are in Finnish, with the Swedish and English texts in their own columns.
Text that would start a spreadsheet formula is kept as text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hyte.actors import queries
from hyte.actors.hsds import HSDS_VERSION, uid
from hyte.actors.hsds.build import as_json, services
from hyte.actors.hsds.documents import ServicePage
from hyte.actors.models import Activity, Actor, ActorKind, AgeGroup, Language
from hyte.core import clock, spreadsheet
from hyte.regions.models import Area

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
FORMATS = ("hsds.json", "csv", "xlsx")
HSDS_LANGUAGES = ("fi", "sv", "en")

ACTIVITY_COLUMNS = {
    "id": gettext_lazy("the activity's number in Hyte"),
    "hsds_id": gettext_lazy("the activity's id in the HSDS file (a service)"),
    "nimi": gettext_lazy("title in Finnish"),
    "nimi_sv": gettext_lazy("title in Swedish"),
    "nimi_en": gettext_lazy("title in English"),
    "kuvaus": gettext_lazy("description in Finnish"),
    "kuvaus_sv": gettext_lazy("description in Swedish"),
    "kuvaus_en": gettext_lazy("description in English"),
    "järjestäjät": gettext_lazy("the providers' names, separated by semicolons"),
    "järjestäjä_id": gettext_lazy("the providers' numbers in Hyte in the same order (the actors sheet's id)"),
    "teemat": gettext_lazy("themes of the welfare concept"),
    "teemakoodit": gettext_lazy("the themes' codes"),
    "ikäryhmät": gettext_lazy("age groups"),
    "ikäryhmäkoodit": gettext_lazy("the age groups' codes: children, young, working_age, older"),
    "kohderyhmät": gettext_lazy("target groups"),
    "kohderyhmäkoodit": gettext_lazy("the target groups' codes"),
    "kunta": gettext_lazy("municipality"),
    "kuntakoodi": gettext_lazy("the municipality's official code (Statistics Finland)"),
    "kylä_tai_kaupunginosa": gettext_lazy("village or district"),
    "osoite": gettext_lazy("address"),
    "leveysaste": gettext_lazy("latitude (WGS84, decimal degrees)"),
    "pituusaste": gettext_lazy("longitude (WGS84, decimal degrees)"),
    "verkossa": gettext_lazy("takes place online: kyllä (yes) or ei (no)"),
    "alkaa": gettext_lazy("first day (YYYY-MM-DD)"),
    "päättyy": gettext_lazy("last day (YYYY-MM-DD)"),
    "toistuva": gettext_lazy("recurring: kyllä or ei"),
    "aikataulu": gettext_lazy("the recurring schedule as written"),
    "maksuton": gettext_lazy("free of charge: kyllä or ei"),
    "maksu": gettext_lazy("the fee as written"),
    "kielet": gettext_lazy("languages"),
    "kielikoodit": gettext_lazy("the languages' codes (ISO 639-1; fse: Finnish Sign Language)"),
    "saavutettavuus": gettext_lazy("accessibility"),
    "ilmoittautumislinkki": gettext_lazy("link for joining"),
    "puhelin": gettext_lazy("phone for joining"),
    "tarkistettu": gettext_lazy("the day the information was last checked (YYYY-MM-DD)"),
    "sivu": gettext_lazy("the activity's page in the public finder"),
    "lisenssi": gettext_lazy("the licence and whom to name"),
}
ACTOR_COLUMNS = {
    "id": gettext_lazy("the actor's number in Hyte"),
    "hsds_id": gettext_lazy("the actor's id in the HSDS file (an organization)"),
    "nimi": gettext_lazy("name in Finnish"),
    "nimi_sv": gettext_lazy("name in Swedish"),
    "laji": gettext_lazy("kind of actor"),
    "lajikoodi": gettext_lazy("the kind's code: municipal, county, ngo, parish, company, education, informal"),
    "y_tunnus": gettext_lazy("business id (Y-tunnus)"),
    "yhdistysrekisterinumero": gettext_lazy("association register number"),
    "kunta": gettext_lazy("the municipality it works in"),
    "kuntakoodi": gettext_lazy("the municipality's official code (Statistics Finland)"),
    "verkkosivu": gettext_lazy("website"),
    "yhteystiedot": gettext_lazy("contact"),
    "tarkistettu": gettext_lazy("the day the information was last checked (YYYY-MM-DD)"),
    "toimintoja": gettext_lazy("the number of its activities in this file"),
}


@dataclass(frozen=True)
class Register:
    """An area's public register as of `generated_at`, read once for every file made of it: all its activities,
    or one page of them (`page` of `per_page`, out of `total`)."""

    area: Area
    publisher: str
    activities: list[Activity]
    total: int
    generated_at: dt.datetime
    base_url: str = ""  # where the public finder is, for the activities' page links
    page: int = 1
    per_page: int | None = None

    @property
    def title(self) -> str:
        return _("Activities and actors: %(area)s") % {"area": self.area.name}

    @property
    def attribution(self) -> str:
        return f"{self.publisher}, Hyte ({LICENCE})"

    def actors(self) -> list[tuple[Actor, int]]:
        """The providers of the activities, each once, with the number of activities they provide here."""
        counts: Counter[int] = Counter()
        found: dict[int, Actor] = {}
        for activity in self.activities:
            for actor in activity.providers.all():
                counts[actor.pk] += 1
                found[actor.pk] = actor
        return [(actor, counts[actor.pk]) for actor in sorted(found.values(), key=lambda a: (a.name, a.pk))]


def register_of(area: Area, *, base_url: str = "", page: int = 1, per_page: int | None = None) -> Register:
    """The area's public register (or a page of it): a fixed number of queries, however many activities and
    actors it has."""
    publisher = queries.publisher_of(area)
    found = queries.public_register(area)
    if per_page is None:
        activities = list(found)
        total = len(activities)
    else:
        total = found.count()
        activities = list(found[(page - 1) * per_page : page * per_page])
    return Register(
        area=area,
        publisher=publisher.name if publisher else area.name_fi,
        activities=activities,
        total=total,
        generated_at=clock.now(),
        base_url=base_url.rstrip("/"),
        page=page,
        per_page=per_page,
    )


def hsds_page(register: Register, *, language: str) -> ServicePage:
    """The register's activities as a page of fully nested HSDS services in `language` (fi, sv or en)."""
    made, organizations = services(register.activities, language=language, today=clock.today())
    size = register.per_page or max(register.total, 1)
    with translation.override(language):
        area = f"{register.area.code} {register.area.name}"
    return ServicePage(
        total_items=register.total,
        total_pages=max(math.ceil(register.total / size), 1),
        page_number=register.page,
        size=len(made),
        first_page=register.page == 1,
        last_page=register.page * size >= register.total,
        empty=not made,
        contents=made,
        organizations=organizations,
        hsds_version=HSDS_VERSION,
        language=language,
        area=area,
        publisher=register.publisher,
        licence=LICENCE,
        licence_url=LICENCE_URL,
        attribution=register.attribution,
        generated_at=register.generated_at,
    )


def hsds_json(register: Register, *, language: str) -> bytes:
    return json.dumps(as_json(hsds_page(register, language=language)), ensure_ascii=False, indent=1).encode()


# Spreadsheets ----------------------------------------------------------------------------------------------------


def _yes(value: bool) -> str:
    return "kyllä" if value else "ei"


def _day(value: dt.datetime | dt.date | None) -> str:
    if value is None:
        return ""
    return (timezone.localdate(value) if isinstance(value, dt.datetime) else value).isoformat()


def _joined(values: Any) -> str:
    return "; ".join(str(value) for value in values)


def activity_rows(register: Register) -> list[dict[str, Any]]:
    """One row per activity, its texts in Finnish (the register's language) and in their own columns."""
    rows = []
    with translation.override("fi"):
        ages, spoken = dict(AgeGroup.choices), dict(Language.choices)
        for activity in register.activities:
            providers = list(activity.providers.all())
            themes, groups = list(activity.themes.all()), list(activity.target_groups.all())
            rows.append(
                {
                    "id": activity.pk,
                    "hsds_id": str(uid("activity", activity.pk)),
                    "nimi": activity.title,
                    "nimi_sv": activity.title_sv,
                    "nimi_en": activity.title_en,
                    "kuvaus": activity.description,
                    "kuvaus_sv": activity.description_sv,
                    "kuvaus_en": activity.description_en,
                    "järjestäjät": _joined(actor.name for actor in providers),
                    "järjestäjä_id": _joined(actor.pk for actor in providers),
                    "teemat": _joined(theme.name_fi for theme in themes),
                    "teemakoodit": _joined(theme.code for theme in themes),
                    "ikäryhmät": _joined(ages[code] for code in activity.age_groups if code in ages),
                    "ikäryhmäkoodit": _joined(code for code in activity.age_groups if code in ages),
                    "kohderyhmät": _joined(group.name_fi for group in groups),
                    "kohderyhmäkoodit": _joined(group.code for group in groups),
                    "kunta": activity.area.name_fi,
                    "kuntakoodi": activity.area.code,
                    "kylä_tai_kaupunginosa": activity.place,
                    "osoite": activity.address,
                    "leveysaste": activity.latitude if activity.latitude is not None else "",
                    "pituusaste": activity.longitude if activity.longitude is not None else "",
                    "verkossa": _yes(activity.online),
                    "alkaa": _day(activity.starts_on),
                    "päättyy": _day(activity.ends_on),
                    "toistuva": _yes(activity.recurring),
                    "aikataulu": activity.schedule,
                    "maksuton": _yes(activity.is_free),
                    "maksu": activity.fee,
                    "kielet": _joined(spoken[code] for code in activity.languages if code in spoken),
                    "kielikoodit": _joined(code for code in activity.languages if code in spoken),
                    "saavutettavuus": activity.accessibility,
                    "ilmoittautumislinkki": activity.join_url,
                    "puhelin": activity.join_phone,
                    "tarkistettu": _day(activity.last_checked_at),
                    "sivu": f"{register.base_url}/public/fi/activities/{activity.pk}/",
                    "lisenssi": register.attribution,
                }
            )
    return rows


def actor_rows(register: Register) -> list[dict[str, Any]]:
    rows = []
    with translation.override("fi"):
        for actor, count in register.actors():
            rows.append(
                {
                    "id": actor.pk,
                    "hsds_id": str(uid("actor", actor.pk)),
                    "nimi": actor.name,
                    "nimi_sv": actor.name_sv,
                    "laji": str(ActorKind(actor.kind).label),
                    "lajikoodi": actor.kind,
                    "y_tunnus": actor.business_id,
                    "yhdistysrekisterinumero": actor.register_number,
                    "kunta": actor.area.name_fi,
                    "kuntakoodi": actor.area.code,
                    "verkkosivu": actor.website,
                    "yhteystiedot": actor.contact,
                    "tarkistettu": _day(actor.last_checked_at),
                    "toimintoja": count,
                }
            )
    return rows


def register_csv(register: Register) -> bytes:
    """The activities as UTF-8 CSV with a byte order mark (so spreadsheet programs read the letters right),
    comma-separated, the licence on every row."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(ACTIVITY_COLUMNS), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(spreadsheet.row(row) for row in activity_rows(register))
    return ("\ufeff" + buffer.getvalue()).encode()


def _about(register: Register) -> list[tuple[str, str]]:
    """The licence sheet: what the data is, whose, under which licence; then every column described."""
    with translation.override("fi"):
        rows = [
            (_("Data"), register.title),
            (_("Publisher"), register.publisher),
            (_("Area"), f"{register.area.code} {register.area.name}"),
            (_("Made"), timezone.localtime(register.generated_at).isoformat(timespec="seconds")),
            (_("Licence"), LICENCE),
            (_("Licence text"), LICENCE_URL),
            (_("Name the source as"), register.attribution),
            (
                _("Also as HSDS 3.0 (Open Referral)"),
                f"{register.base_url}/public/activities/{register.area.code}.hsds.json",
            ),
            ("", ""),
        ]
        for sheet, columns in (("toiminnot", ACTIVITY_COLUMNS), ("toimijat", ACTOR_COLUMNS)):
            rows += [(f"{sheet}: {name}", capfirst(str(meaning))) for name, meaning in columns.items()]
    return rows


def register_xlsx(register: Register) -> bytes:
    """A workbook: the activities (`toiminnot`), the actors (`toimijat`) and the licence (`lisenssi`), numbers as
    numbers, the header rows frozen."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, columns, rows in (
        ("toiminnot", ACTIVITY_COLUMNS, activity_rows(register)),
        ("toimijat", ACTOR_COLUMNS, actor_rows(register)),
    ):
        sheet = workbook.create_sheet(title=title)
        sheet.freeze_panes = "A2"
        sheet.append(list(columns))
        for row in rows:
            sheet.append(spreadsheet.xlsx_row(sheet, [row[name] for name in columns]))
    about = workbook.create_sheet(title="lisenssi")
    for key, value in _about(register):
        about.append(spreadsheet.xlsx_row(about, [key, value]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
