"""THL's outline of the welfare report: the sections a new report starts from."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hyte.reports.models import OutlineKey

# (key, Finnish title, Swedish title): the report is written in the organisation's languages, not the UI's.
THL_OUTLINE = [
    (OutlineKey.SUMMARY, "Tiivistelmä", "Sammandrag"),
    (OutlineKey.BACKGROUND, "Taustaa, tarkoitus ja tavoitteet", "Bakgrund, syfte och mål"),
    (
        OutlineKey.POPULATION_GROUPS,
        "Hyvinvointi, terveys ja palvelut väestöryhmittäin",
        "Välfärd, hälsa och tjänster per befolkningsgrupp",
    ),
    (OutlineKey.STRENGTHS, "Vahvuudet ja kehittämiskohteet", "Styrkor och utvecklingsområden"),
    (OutlineKey.PLAN, "Hyvinvointisuunnitelma", "Välfärdsplan"),
    (OutlineKey.APPENDICES, "Liitteet", "Bilagor"),
]

OUTLINE_HELP = _("A new report starts from THL's outline or from the organisation's previous report.")
