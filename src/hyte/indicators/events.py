"""What other apps hear about from the indicator store, without the store knowing them.

After an import has stored values, `observations_changed` calls every listener with the indicators touched;
the situation picture listens (see `hyte.situation.apps`) to evaluate its rules and raise alerts. A listener runs
inside the import's service, so what it writes is audited and undone with it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

Listener = Callable[[set[int]], object]
_listeners: list[Listener] = []


def listen(listener: Listener) -> Listener:
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def observations_changed(indicator_ids: Iterable[int]) -> None:
    ids = set(indicator_ids)
    if ids:
        for listener in _listeners:
            listener(ids)
