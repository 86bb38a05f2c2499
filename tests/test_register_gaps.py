"""The gap view: current activities by theme × age group, with the empty and thin cells marked."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import load_workbook

from hyte.actors.gaps import gaps_of
from tests.actors_world import build_register


def _cell(found, theme: str, age: str) -> tuple[int, str]:
    row = next(r for r in found.rows if r.theme.code == theme)
    cell = next(c for c in row.cells if c.age_group == age)
    return cell.count, cell.state


def test_only_current_public_activities_of_the_area_count(world, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC))
    build_register(world)
    found = gaps_of(world.kemi)
    # Kemi: the seniors' walking group (physical activity and loneliness, older people) and the children's story hour
    # (no theme, until 15.12.); not the draft, not the hidden event, not Tornio's football.
    assert found.activities == 2
    assert _cell(found, "physical-activity", "older") == (1, "thin")
    assert _cell(found, "loneliness", "older") == (1, "thin")
    assert _cell(found, "physical-activity", "young") == (0, "gap")
    physical = next(r for r in found.rows if r.theme.code == "physical-activity")
    assert physical.total == 1
    assert found.gap_count == len(found.rows) * len(found.age_groups) - 2
    # The county sees its municipalities together: Tornio's football fills the young people's cell.
    county = gaps_of(world.lappi)
    assert county.activities == 3
    assert _cell(county, "physical-activity", "young") == (1, "thin")
    # After the story hour ends it no longer counts.
    time_machine.move_to(dt.datetime(2026, 12, 16, 12, tzinfo=dt.UTC))
    assert gaps_of(world.kemi).activities == 1


def test_the_page_links_each_count_to_its_activities_and_marks_gaps_in_words(world):
    build_register(world)
    client = world.client_for("reader")
    page = client.get("/o/kemi/register/gaps/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<caption>Current activities by theme and age group</caption>" in page
    assert (
        '/o/kemi/register/activities/?theme=physical-activity&amp;age=older">1</a> <span class="gap-mark">thin' in page
    )
    assert 'class="gap-gap">0 <span class="gap-mark">gap</span>' in page  # said in words, not by colour alone
    listed = client.get("/o/kemi/register/activities/?theme=physical-activity&age=older").content.decode()
    assert "Senioreiden kävelyryhmä" in listed
    assert "Satutunti lapsille" not in listed


def test_the_xlsx_has_the_same_counts(world):
    build_register(world)
    response = world.client_for("coordinator").get("/o/kemi/register/gaps.xlsx", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Theme"
    assert rows[0][-1] == "All ages"
    header = list(rows[0])
    physical = next(r for r in rows if r and r[0] == "Physical activity")
    assert physical[header.index("older people")] == 1
    assert physical[header.index("young people")] == 0


def test_not_for_other_organisations_or_ngos(world):
    register = build_register(world)
    assert world.client_for("outsider").get("/o/kemi/register/gaps/").status_code == 404
    ngo_user = world.users["ngo"]
    from django.test import Client

    client = Client()
    client.force_login(ngo_user)
    assert client.get(f"/o/{register['ngo'].slug}/register/gaps/").status_code == 404
