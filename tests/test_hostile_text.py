"""Written text is stored as typed and escaped once where shown; Markdown renders in time linear in its size,
also for input built to be slow (issue 14: hostile input)."""

from __future__ import annotations

import html
import time

import pytest

from hyte.reports import services
from hyte.reports.text import MAX_TEXT, clean_text, render_markdown
from tests.conftest import SYSTEM

# Inputs known to drive Markdown renderers quadratic (cmark's and markdown-it's pathological test families),
# each at the largest size a block may have.
PATHOLOGICAL = {
    "open brackets": "[" * MAX_TEXT,
    "open image brackets": "![[" * (MAX_TEXT // 3),
    "unclosed links": "[a](" * (MAX_TEXT // 4),
    "alternating emphasis": "*a **a " * (MAX_TEXT // 7),
    "underscores": "_" * MAX_TEXT,
    "nested quotes": "> " * (MAX_TEXT // 2),
    "nested lists": "- " * (MAX_TEXT // 2),
    "backticks": "`" * MAX_TEXT,
    "angle brackets": "<" * MAX_TEXT,
    "wide table": "a|" * (MAX_TEXT // 6) + "\n" + "-|" * (MAX_TEXT // 6) + "\n" + "a|" * (MAX_TEXT // 6),
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_markdown_renders_in_linear_time(name):
    """Python-Markdown took 30 s on 20 KB of `[`; the linear renderer takes about a second on 100 KB. The bound
    is generous (a loaded machine), far below what a quadratic renderer needs at this size (minutes)."""
    text = PATHOLOGICAL[name]
    assert len(clean_text(text)) == len(text)
    started = time.perf_counter()
    out = render_markdown(text)
    assert time.perf_counter() - started < 8
    assert "<script" not in out


def test_markdown_keeps_tables_and_drops_scripts_and_script_links():
    out = render_markdown(
        "A & B < C\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<script>alert(1)</script>[x](javascript:alert(1))"
    )
    assert "<p>A &amp; B &lt; C</p>" in out
    assert "<td>1</td>" in out
    assert "<script" not in out
    assert 'href="javascript' not in out


def test_text_is_checked_not_escaped():
    assert clean_text("Liikunta & ulkoilu < 5 h\r\nrivi\x00") == "Liikunta & ulkoilu < 5 h\nrivi"
    assert clean_text("puolikas \ud800 merkki") == "puolikas \ufffd merkki"


def test_ampersands_and_angle_brackets_are_stored_as_typed_and_shown_once_escaped(world):
    coordinator = world.users["coordinator"]
    report = services.create_report(
        actor=coordinator, organisation=world.kemi, kind="broad", title="HYTE", term_start=2025, term_end=2029
    )
    goal = services.add_goal(actor=coordinator, report=report, text="Liikunta & ulkoilu <5 h")
    measure = services.add_measure(actor=coordinator, goal=goal, text="Koulut & kirjastot")
    goal.refresh_from_db()
    measure.refresh_from_db()
    assert goal.text == "Liikunta & ulkoilu <5 h"
    assert measure.text == "Koulut & kirjastot"
    page = world.client_for("coordinator").get(f"/o/kemi/reports/{report.pk}/").content.decode()
    assert "Liikunta &amp; ulkoilu &lt;5 h" in page
    assert "&amp;amp;" not in page
    assert "&amp;lt;" not in page


def test_a_snapshot_with_the_old_entities_is_read_as_typed(world, published):
    """Versions frozen while the input sanitiser still wrote entities are upgraded by the one reader."""
    from hyte.reports.content import read

    plan, _annual = published
    version = plan.versions.get(status="published")
    old = dict(version.content)
    old["schema_version"] = 2
    old["goals"] = [{**old["goals"][0], "text": "Liikunta &amp; ulkoilu &lt;5 h"}]
    assert read(old).goals[0].text == "Liikunta & ulkoilu <5 h"


def test_the_migration_turns_stored_entities_back(world):
    """The data migration of reports 0008, run on rows as the old sanitiser stored them."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("hyte.reports.migrations.0008_text_as_typed")
    report = services.create_report(
        actor=SYSTEM, organisation=world.kemi, kind="broad", title="HYTE", term_start=2025, term_end=2029
    )
    goal = services.add_goal(actor=SYSTEM, report=report, text="x")
    type(goal).objects.filter(pk=goal.pk).update(text=html.escape("Liikunta & ulkoilu <5 h", quote=False))
    migration.unescape_stored_text(apps, None)
    goal.refresh_from_db()
    assert goal.text == "Liikunta & ulkoilu <5 h"
