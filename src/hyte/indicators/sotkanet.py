"""A polite client for THL's Sotkanet REST API v1.1, and incremental sync into the indicator store.

Polite: an identifying user agent, at most one request per `min_interval` seconds, timeouts, retries with
exponential backoff on time-outs, connection errors, 429 and 5xx (honouring Retry-After), and only the
indicators whose `data-updated` changed are fetched again (THL asks that the API is not bulk-downloaded
repeatedly).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
from django.conf import settings

from hyte import __version__
from hyte.core.actors import SOTKANET_SYNC, Actor
from hyte.indicators.areas import AreaIndex, area_resolver
from hyte.indicators.imports import IndicatorResolver
from hyte.indicators.models import ImportBatch, ImportStatus, Indicator, IndicatorSource
from hyte.indicators.parsing import FileRefused, Parsed, ParsedRow, parse_sotkanet_csv
from hyte.indicators.services import create_batch, fail_import, import_rows, load_catalogue

logger = logging.getLogger(__name__)
USER_AGENT = f"Hyte/{__version__} (welfare and health promotion; open source; contact: the installation's admin)"
GENDERS = ("total", "male", "female")


class SotkanetError(Exception):
    """Sotkanet could not be reached or answered something unusable; the message says which."""


class SotkanetClient:
    def __init__(
        self,
        base_url: str | None = None,
        *,
        timeout: float = 30.0,
        retries: int = 4,
        backoff: float = 1.0,
        min_interval: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = (base_url or settings.HYTE_SOTKANET_BASE_URL).rstrip("/")
        self.retries = retries
        self.backoff = backoff
        self.min_interval = min_interval
        self.sleep = sleep
        self._last_request = 0.0
        self.requests_made = 0
        self.http = httpx.Client(
            timeout=timeout, headers={"User-Agent": USER_AGENT}, transport=transport, follow_redirects=True
        )

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> SotkanetClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _get(self, path: str, params: Sequence[tuple[str, str | int]] = ()) -> httpx.Response:
        url = f"{self.base_url}/1.1/{path}"
        last_problem = ""
        for attempt in range(self.retries):
            wait = self._last_request + self.min_interval - time.monotonic()
            if wait > 0:
                self.sleep(wait)
            self._last_request = time.monotonic()
            self.requests_made += 1
            try:
                response = self.http.get(url, params=list(params))
            except httpx.TimeoutException:
                last_problem = f"Sotkanet did not answer within {self.http.timeout.read} s"
                retry_after = None
            except httpx.TransportError as exc:
                last_problem = f"could not connect to Sotkanet ({exc.__class__.__name__}: {exc})"
                retry_after = None
            else:
                if response.status_code == 200:
                    return response
                if response.status_code == 404:
                    raise SotkanetError(f"Sotkanet has no {path} (404)")
                last_problem = f"Sotkanet answered {response.status_code} for {path}"
                if response.status_code not in (429, 500, 502, 503, 504):
                    raise SotkanetError(last_problem)
                retry_after = response.headers.get("Retry-After")
            if attempt + 1 < self.retries:
                delay = self.backoff * 2**attempt
                if retry_after and retry_after.isdigit():
                    delay = max(delay, min(float(retry_after), 300.0))
                logger.warning("%s; trying again in %.1f s", last_problem, delay)
                self.sleep(delay)
        raise SotkanetError(f"{last_problem} (tried {self.retries} times)")

    def _json(self, path: str, params: Sequence[tuple[str, str | int]] = ()) -> Any:
        response = self._get(path, params)
        try:
            return response.json()
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise SotkanetError(f"Sotkanet returned malformed JSON for {path}: {exc}") from exc

    def indicators(self) -> list[dict[str, Any]]:
        data = self._json("indicators")
        if not isinstance(data, list):
            raise SotkanetError("Sotkanet's indicator list is not a list")
        return data

    def indicator(self, indicator_id: int) -> dict[str, Any]:
        data = self._json(f"indicators/{indicator_id}")
        if not isinstance(data, dict) or "id" not in data:
            raise SotkanetError(f"Sotkanet's metadata of indicator {indicator_id} has no id")
        return data

    def regions(self) -> list[dict[str, Any]]:
        return self._json("regions")

    def values_csv(self, indicator_id: int, years: Iterable[int], genders: Iterable[str] = GENDERS) -> str:
        params: list[tuple[str, str | int]] = [("indicator", indicator_id)]
        params += [("years", year) for year in years]
        params += [("genders", gender) for gender in genders]
        response = self._get("csv", params)
        return response.content.decode("utf-8-sig", errors="replace")


@dataclass
class SyncResult:
    checked: int = 0
    skipped_unchanged: list[int] = field(default_factory=list)
    synced: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)
    batches: list[ImportBatch] = field(default_factory=list)


def _only_areas(parsed: Iterable[Parsed], allowed: set[str] | None) -> Iterator[Parsed]:
    for item in parsed:
        if allowed is None or not isinstance(item, ParsedRow) or item.area in allowed:
            yield item


def sync(
    *,
    client: SotkanetClient,
    indicator_ids: Sequence[int] | None = None,
    years: Sequence[int] | None = None,
    genders: Sequence[str] = GENDERS,
    area_sotkanet_ids: set[str] | None = None,
    full: bool = False,
    actor: Actor = SOTKANET_SYNC,
    on_indicator: Callable[[int, str], None] | None = None,
) -> SyncResult:
    """Bring the chosen indicators up to date: the catalogue, each one's metadata, and changed values."""
    result = SyncResult()
    catalogue = client.indicators()
    load_catalogue(actor=actor, entries=catalogue)
    wanted = list(indicator_ids) if indicator_ids else [int(entry["id"]) for entry in catalogue]
    stored = {
        int(i.source_id): i
        for i in Indicator.objects.filter(
            source=IndicatorSource.SOTKANET, organisation__isnull=True, source_id__in=[str(w) for w in wanted]
        )
    }
    resolve_area = area_resolver(AreaIndex(), "sotkanet")
    for indicator_id in wanted:
        result.checked += 1
        try:
            metadata = client.indicator(indicator_id)
        except SotkanetError as exc:
            result.failed[indicator_id] = str(exc)
            continue
        indicator = stored.get(indicator_id)
        updated = metadata.get("data-updated")
        if (
            not full
            and indicator is not None
            and updated
            and indicator.data_updated is not None
            and indicator.data_updated.isoformat() == updated
            and ImportBatch.objects.filter(
                source="sotkanet-api", parameters__indicator=indicator_id, status=ImportStatus.DONE
            ).exists()
        ):
            result.skipped_unchanged.append(indicator_id)
            if on_indicator:
                on_indicator(indicator_id, "unchanged")
            continue
        entry = next((e for e in catalogue if int(e["id"]) == indicator_id), {"id": indicator_id})
        load_catalogue(actor=actor, entries=[entry], metadata={str(indicator_id): metadata})
        range_ = metadata.get("range") or {}
        wanted_years = (
            list(years) if years else list(range(int(range_.get("start") or 1990), int(range_.get("end") or 1990) + 1))
        )
        batch = create_batch(
            actor=actor,
            organisation=None,
            source="sotkanet-api",
            filename=f"sotkanet indicator {indicator_id}",
            parameters={
                "indicator": indicator_id,
                "years": wanted_years,
                "genders": list(genders),
                "areas": sorted(area_sotkanet_ids) if area_sotkanet_ids else "all",
            },
        )
        try:
            text = "".join(
                _strip_header(client.values_csv(indicator_id, wanted_years[i : i + 10], genders), first=i == 0)
                for i in range(0, len(wanted_years), 10)
            )
        except SotkanetError as exc:
            fail_import(actor=actor, batch=batch, message=str(exc))
            result.failed[indicator_id] = str(exc)
            continue
        indicators = IndicatorResolver(organisation=None, shared=True)
        try:
            parsed = _only_areas(parse_sotkanet_csv(text), area_sotkanet_ids)
        except FileRefused as exc:
            fail_import(actor=actor, batch=batch, message=str(exc))
            result.failed[indicator_id] = str(exc)
            continue
        batch = import_rows(
            actor=actor,
            batch=batch,
            parsed=parsed,
            resolve_area=resolve_area,
            resolve_indicator=indicators.sotkanet_row,
            expected_rows=text.count("\n"),
            empty_ok=True,
        )
        result.batches.append(batch)
        if batch.status == ImportStatus.DONE:
            result.synced.append(indicator_id)
        else:
            result.failed[indicator_id] = batch.error
        if on_indicator:
            on_indicator(indicator_id, batch.status)
    return result


def _strip_header(text: str, *, first: bool) -> str:
    if first:
        return text if text.endswith("\n") else text + "\n"
    lines = text.splitlines(keepends=True)
    body = "".join(lines[1:]) if lines and lines[0].lower().startswith("indicator;") else text
    return body if body.endswith("\n") or not body else body + "\n"
