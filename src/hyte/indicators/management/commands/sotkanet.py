from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hyte.indicators.models import IndicatorSet
from hyte.indicators.sotkanet import GENDERS, SotkanetClient, SotkanetError, sync
from hyte.regions.models import Area, AreaKind


def _years(text: str) -> list[int]:
    years: list[int] = []
    for part in text.split(","):
        if "-" in part:
            start, end = part.split("-", 1)
            years.extend(range(int(start), int(end) + 1))
        elif part.strip():
            years.append(int(part))
    return years


class Command(BaseCommand):
    help = "Sotkanet: `hyte sotkanet sync` brings indicators and their values up to date from THL's API."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("sync", help="fetch the catalogue, changed metadata and values")
        run.add_argument("--indicator", type=int, action="append", default=[], help="an indicator id (repeatable)")
        run.add_argument("--set", dest="indicator_set", default="", help="the indicators of an indicator set (id)")
        run.add_argument("--years", type=_years, default=None, help="e.g. 2015-2024 or 2019,2021 (default: all)")
        run.add_argument("--genders", default=",".join(GENDERS), help="total,male,female")
        run.add_argument("--county", default="", help="county code: only the county and its municipalities")
        run.add_argument("--full", action="store_true", help="fetch values even when data-updated is unchanged")
        run.add_argument("--base-url", default=None, help="the API's base URL (default: settings)")

    def handle(self, *args: Any, **options: Any) -> None:
        indicator_ids = list(options["indicator"])
        if options["indicator_set"]:
            indicator_set = IndicatorSet.objects.filter(pk=options["indicator_set"]).first()
            if indicator_set is None:
                raise CommandError(f"no indicator set {options['indicator_set']!r}")
            indicator_ids += [int(i.source_id) for i in indicator_set.indicators.filter(source="sotkanet")]
        genders = [g.strip() for g in options["genders"].split(",") if g.strip()]
        if set(genders) - set(GENDERS):
            raise CommandError(f"genders must be among {', '.join(GENDERS)}")
        areas = None
        if options["county"]:
            county = Area.objects.filter(kind=AreaKind.COUNTY, code=options["county"]).first()
            if county is None:
                raise CommandError(f"no county with code {options['county']!r}")
            members = Area.objects.filter(county=county).exclude(sotkanet_id=None)
            areas = {str(county.sotkanet_id)} | {str(a.sotkanet_id) for a in members}
        try:
            with SotkanetClient(options["base_url"]) as client:
                result = sync(
                    client=client,
                    indicator_ids=indicator_ids or None,
                    years=options["years"],
                    genders=genders,
                    area_sotkanet_ids=areas,
                    full=options["full"],
                    on_indicator=lambda i, status: self.stdout.write(f"  indicator {i}: {status}"),
                )
        except SotkanetError as exc:
            raise CommandError(str(exc)) from exc
        for indicator_id, problem in result.failed.items():
            self.stderr.write(f"  indicator {indicator_id} failed: {problem}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Sotkanet: {result.checked} checked, {len(result.synced)} synced, "
                f"{len(result.skipped_unchanged)} unchanged, {len(result.failed)} failed; "
                f"{client.requests_made} requests."
            )
        )
        if result.failed:
            raise CommandError(f"{len(result.failed)} indicators failed")
