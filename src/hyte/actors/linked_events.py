"""A client for the Linked Events API (https://api.hel.fi/linkedevents/v1/, City of Helsinki's open event API and
other cities' instances of it): the events of a query, page by page, following `meta.next`.

The address is the installation's (`HYTE_LINKED_EVENTS_URL`); a person chooses only the query, so the server
fetches nothing else. Timeouts and a page limit keep a request short; an HTTP error, an answer that is not JSON
or not a page of events, or a next page on another host stops it with a message that says which.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import httpx
from django.conf import settings
from django.utils.translation import gettext as _

from hyte import __version__

USER_AGENT = f"Hyte/{__version__} (welfare and health promotion register; open source)"
MAX_PAGES = 10


class LinkedEventsError(Exception):
    """Linked Events could not be read; the message says why, in the reader's language."""


@dataclass
class Fetched:
    url: str  # the first page asked
    items: list[dict[str, Any]] = field(default_factory=list)
    pages: int = 0
    count: int | None = None  # how many events the API says the query has
    complete: bool = True  # False: the page limit stopped the reading before the last page


def query_of(text: str) -> list[tuple[str, str]]:
    """A query as typed ("keyword=yso:p916&start=today", with or without "?"), with the places and keywords
    asked for in full unless the query says otherwise."""
    pairs = parse_qsl(text.strip().lstrip("?"), keep_blank_values=False)
    if not any(key == "include" for key, _value in pairs):
        pairs.append(("include", "location,keywords"))
    return pairs


class LinkedEventsClient:
    def __init__(
        self,
        base_url: str | None = None,
        *,
        timeout: float = 20.0,
        max_pages: int = MAX_PAGES,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = (base_url or settings.HYTE_LINKED_EVENTS_URL).rstrip("/")
        self.max_pages = max_pages
        self.http = httpx.Client(
            timeout=timeout, headers={"User-Agent": USER_AGENT, "Accept": "application/json"}, transport=transport
        )

    def __enter__(self) -> LinkedEventsClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.http.close()

    def events(self, query: str) -> Fetched:
        """Every event of the query, up to the page limit; the same event on two pages (the data changed while
        reading) is kept once."""
        url: str | None = f"{self.base_url}/event/?{urlencode(query_of(query))}"
        fetched = Fetched(url=url or "")
        seen: set[str] = set()
        while url is not None and fetched.pages < self.max_pages:
            page = self._page(url)
            fetched.pages += 1
            meta = page.get("meta") or {}
            fetched.count = meta.get("count") if isinstance(meta.get("count"), int) else fetched.count
            for item in page["data"]:
                key = str(item.get("id")) if isinstance(item, dict) else ""
                if key not in seen:
                    seen.add(key)
                    fetched.items.append(item)
            url = self._next(meta.get("next"))
        fetched.complete = url is None
        return fetched

    def _page(self, url: str) -> dict[str, Any]:
        try:
            response = self.http.get(url)
        except httpx.TimeoutException as exc:
            raise LinkedEventsError(_("Linked Events did not answer in time (%(url)s).") % {"url": url}) from exc
        except httpx.HTTPError as exc:
            raise LinkedEventsError(
                _("Linked Events could not be reached (%(url)s): %(error)s") % {"url": url, "error": exc}
            ) from exc
        if response.status_code >= 400:
            raise LinkedEventsError(
                _("Linked Events answered HTTP %(status)d to %(url)s.") % {"status": response.status_code, "url": url}
            )
        try:
            page = response.json()
        except ValueError as exc:
            start = response.text[:60].strip()
            raise LinkedEventsError(
                _("Linked Events' answer to %(url)s is not JSON (it begins: %(start)s).") % {"url": url, "start": start}
            ) from exc
        if not isinstance(page, dict) or not isinstance(page.get("data"), list):
            raise LinkedEventsError(
                _("Linked Events' answer to %(url)s is not a page of events (it has no data list).") % {"url": url}
            )
        return page

    def _next(self, link: Any) -> str | None:
        if not link:
            return None
        if not isinstance(link, str) or urlsplit(link).netloc != urlsplit(self.base_url).netloc:
            raise LinkedEventsError(
                _("Linked Events' next page is on another server (%(url)s): not followed.") % {"url": str(link)[:200]}
            )
        return link
