"""The product's clock: the real time, or within `clock.at` the moment the demo's history is written at."""

from __future__ import annotations

import datetime as dt

from hyte.core import clock


def test_the_clock_reads_the_moment_given_only_within_the_block():
    moment = dt.datetime(2026, 3, 1, 10, tzinfo=dt.UTC)
    before = clock.now()
    with clock.at(moment):
        assert clock.now() == moment
        assert clock.today() == dt.date(2026, 3, 1)
        with clock.at(moment + dt.timedelta(days=40)):
            assert clock.today() == dt.date(2026, 4, 10)
        assert clock.now() == moment
    assert clock.now() >= before
    assert clock.now() != moment
