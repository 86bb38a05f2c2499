"""TEAviisari's sectors and the items Hyte knows, as data (names fi/sv/en and the survey cycle).

TEAviisari (THL) measures how municipalities and wellbeing services counties promote health and wellbeing in
their leadership and services, as scores 0–100 (100 the best) by dimension. THL shows them with traffic-light
bands: 0–25 (weak), 25–75 (middle), 75–100 (good). Each sector is surveyed every second year.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# The dimensions THL scores in every sector (an item of the sector's total has no dimension).
DIMENSIONS: dict[str, str] = {
    "sitoutuminen": "Sitoutuminen",
    "johtaminen": "Johtaminen",
    "seuranta": "Seuranta ja tarveanalyysi",
    "voimavarat": "Voimavarat",
    "yhteiset_kaytannot": "Yhteiset käytännöt",
    "osallisuus": "Osallisuus",
    "muut_ydintoiminnot": "Muut ydintoiminnot",
}
TOTAL = "total"  # the sector's total score


@dataclass(frozen=True)
class Sector:
    code: str
    name_fi: str
    name_sv: str
    name_en: str
    cycle_years: int
    for_counties: bool = False

    @property
    def items(self) -> frozenset[str]:
        return frozenset({TOTAL, *DIMENSIONS})


SECTORS: dict[str, Sector] = {
    s.code: s
    for s in (
        Sector("kuntajohto", "Kuntajohto", "Kommunledningen", "Municipal leadership", 2),
        Sector("perusopetus", "Perusopetus", "Grundläggande utbildning", "Basic education", 2),
        Sector("liikunta", "Liikunta", "Motion", "Physical activity", 2),
        Sector("kulttuuri", "Kulttuuri", "Kultur", "Culture", 2),
        Sector("lukio", "Lukiokoulutus", "Gymnasieutbildning", "General upper secondary", 2),
        Sector("ammatillinen", "Ammatillinen koulutus", "Yrkesutbildning", "Vocational education", 2),
        Sector("hyvinvointialue", "Hyvinvointialueen johto", "Välfärdsområdets ledning", "County leadership", 2, True),
    )
}

# Traffic-light bands as THL draws them: (lower bound, code, label).
BANDS = ((75.0, "good", _("75–100")), (25.0, "middle", _("25–75")), (0.0, "weak", _("0–25")))


def band(value: float | None) -> str:
    """The THL band of a score: "good" (75–100), "middle" (25–75), "weak" (0–25); "" without a value."""
    if value is None:
        return ""
    for lower, code, _label in BANDS:
        if value >= lower:
            return code
    return "weak"


def item_known(sector: str, item: str) -> bool:
    known = SECTORS.get(sector)
    return known is not None and item in known.items
