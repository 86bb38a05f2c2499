"""The browser's date and time pickers get ISO values whatever the page's language: a form opened to edit a date
must show it (a Finnish "04.05.2027" is dropped by `<input type="date">`, and the form then saved it empty)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from django.utils import translation

from hyte.core.widgets import DateInput, DateTimeInput, TimeInput

SRC = Path(__file__).resolve().parent.parent / "src" / "hyte"


def test_the_pickers_render_iso_values_in_finnish_and_swedish():
    for language in ("fi", "sv"):
        with translation.override(language):
            assert 'value="2027-05-04"' in DateInput().render("d", dt.date(2027, 5, 4))
            assert 'type="date"' in DateInput().render("d", None)
            assert 'value="09:30"' in TimeInput().render("t", dt.time(9, 30))
            moment = dt.datetime(2027, 5, 4, 9, 30, tzinfo=dt.UTC)
            assert 'value="2027-05-04T09:30"' in DateTimeInput().render("t", moment)


def test_no_form_builds_a_picker_that_would_render_a_localised_value():
    found = []
    for path in SRC.rglob("*.py"):
        if path.name == "widgets.py":
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.search(r"forms\.(Date|Time|DateTime)Input\(", line):
                found.append(f"{path.relative_to(SRC)}: {line.strip()}")
    assert found == [], "use hyte.core.widgets instead:\n" + "\n".join(found)
