"""Protection against floods without third-party trackers: who is who is a keyed hash (of the address, of the
session or the signed-in user), never stored in the clear, and the number of comments per such key in a window
is counted in Django's cache."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache

from hyte.core import clock


def keyed(value: str, purpose: str) -> str:
    """A keyed hash of `value` (an address, a session key): the same every time, useless without the secret."""
    key = f"{settings.SECRET_KEY}:participation:{purpose}".encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def address_hash(address: str) -> str:
    """The address, hashed with the day: the same within a day, not linkable across days."""
    return keyed(f"{clock.today().isoformat()}:{address}", "address")


def comments_allowed() -> tuple[int, int]:
    """How many comments one client may send, and in how many seconds (HYTE_COMMENT_RATE, e.g. "10/600")."""
    rate = str(getattr(settings, "HYTE_COMMENT_RATE", "10/600"))
    count, _slash, seconds = rate.partition("/")
    try:
        return max(1, int(count)), max(1, int(seconds or 600))
    except ValueError:
        return 10, 600


def take(client: str, *, what: str = "comment") -> bool:
    """Count one more of `what` for `client`; False when the client is over its limit."""
    if not client:
        return True
    limit, window = comments_allowed()
    key = f"hyte:participation:{what}:{client}"
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return True
    return count <= limit
