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

# The annual report follows the plan up: what changed in the population's welfare, how the goals and measures
# were carried out, the resources used, and what follows for the plan (THL's guidance for the annual report).
ANNUAL_OUTLINE = [
    (OutlineKey.SUMMARY, "Tiivistelmä", "Sammandrag"),
    (
        OutlineKey.CHANGES,
        "Hyvinvoinnin ja terveyden muutokset vuoden aikana",
        "Förändringar i välfärd och hälsa under året",
    ),
    (OutlineKey.FOLLOW_UP, "Suunnitelman toteutuminen", "Hur planen har genomförts"),
    (OutlineKey.RESOURCES, "Käytetyt voimavarat", "Använda resurser"),
    (
        OutlineKey.NEXT_STEPS,
        "Johtopäätökset ja muutokset suunnitelmaan",
        "Slutsatser och ändringar av planen",
    ),
    (OutlineKey.APPENDICES, "Liitteet", "Bilagor"),
]

OUTLINE_HELP = _("A new report starts from THL's outline or from the organisation's previous report.")
