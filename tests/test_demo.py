from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from hyte.accounts.models import DraftSharing, Membership, Organisation
from hyte.accounts.permissions import Action, Permissions
from hyte.demo.national import NATIONAL_USER
from hyte.demo.people import DEMO_PASSWORD, DEMO_USERS, load_demo


def run_hyte(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update({"HYTE_DATA_DIR": str(data_dir), "DEBUG": "true"})
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "hyte.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_the_demo_command_builds_an_empty_database_and_prints_the_users(tmp_path):
    result = run_hyte("demo", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    for user in [*DEMO_USERS, NATIONAL_USER]:
        assert user.username in result.stdout
    assert DEMO_PASSWORD in result.stdout
    database = sqlite3.connect(tmp_path / "hyte.sqlite3")
    assert database.execute(
        "select count(*) from regions_area where kind='municipality' and valid_until is null"
    ).fetchone() == (308,)
    # the coordinator is also Lappi's reader; THL's national administrator is THL's coordinator
    assert database.execute("select count(*) from accounts_membership").fetchone() == (len(DEMO_USERS) + 2,)

    again = run_hyte("demo", data_dir=tmp_path)
    assert again.returncode == 0, again.stderr
    assert database.execute("select count(*) from accounts_membership").fetchone() == (len(DEMO_USERS) + 2,)
    # An NGO, THL and the five NGOs applying for grants too.
    assert database.execute("select count(*) from accounts_organisation").fetchone() == (10,)
    # Grants: Kemi's call decided and published with six applications (one refused), Lappi's call with the same
    # sports club's application, Kemi's small-grant call open; the five grants' use reports: one accepted, two sent
    # (one picked for a closer check for using 70 %), one overdue, one still to come. Loaded once.
    assert database.execute(
        "select c.decision_published, count(a.id), sum(a.granted_amount > 0) from grants_call c "
        "left join grants_application a on a.call_id = c.id group by c.id order by c.id"
    ).fetchall() == [(1, 6, 5), (0, 1, None), (0, 0, None)]
    assert database.execute(
        "select status, closer_check, due_on < date('now') from grants_usereport order by application_id"
    ).fetchall() == [("accepted", 0, 0), ("due", 0, 0), ("sent", 1, 0), ("due", 0, 1), ("sent", 0, 0)]
    assert database.execute("select count(*) from grants_declaration where disqualified").fetchone() == (1,)
    # Kemi's child impact assessment was open for residents' comments before it went to the decision: four
    # comments, the round closed with its summary, which the assessment's hearings recorded.
    assert database.execute(
        "select r.closed_at is not null, count(c.id), "
        "(select count(*) from assessments_hearing h where h.assessment_id = r.assessment_id and h.views = r.summary) "
        "from participation_round r join participation_comment c on c.round_id = r.id "
        "where r.assessment_id is not null group by r.id"
    ).fetchall() == [(1, 4, 1)]
    # THL's 2026 resources survey: Kemi and Tornio answer the municipalities' round, Lappi the counties', once.
    assert database.execute(
        "select o.slug from national_answer a join accounts_organisation o on o.id = a.organisation_id "
        "where a.status = 'submitted' order by o.slug"
    ).fetchall() == [("kemi",), ("lappi",), ("tornio",)]
    # The register: at least 60 activities from at least 20 actors in Kemi and Tornio, loaded once.
    assert database.execute("select count(*) from actors_actor").fetchone() >= (20,)
    assert database.execute("select count(*) from actors_activity").fetchone() >= (60,)
    assert database.execute("select count(*) from actors_activity_measures").fetchone() >= (4,)  # Kemi's plan
    # Kemi's current plan (2025–2029) is published and this year's annual report is a draft; of the earlier term
    # the plan and the first annual report are published and the next a draft. Tornio's plan and Lappi's regional
    # plan are published, with this year's annual reports in draft (for the negotiations). Loading again adds no
    # reports.
    assert database.execute(
        "select term_start, kind, status from reports_report order by term_start, kind, year"
    ).fetchall() == [
        (2013, "annual", "published"),
        (2013, "annual", "draft"),
        (2013, "broad", "published"),
        (2025, "annual", "draft"),
        (2025, "annual", "draft"),
        (2025, "annual", "draft"),
        (2025, "broad", "published"),
        (2025, "broad", "published"),
        (2025, "regional", "published"),
    ]
    # Lappi's yearly hyte negotiation with Kemi and Tornio: 2025 and 2026 final and published, their minutes
    # confirmed by all three parties, six agreed actions followed up (the 2026 ones in the parties' annual reports),
    # and 2027 in preparation.
    assert database.execute(
        "select title, minutes_status, is_public from cooperation_meeting order by starts_at"
    ).fetchall() == [
        ("Hyte-neuvottelu 2025", "final", 1),
        ("Hyte-neuvottelu 2026", "final", 1),
        ("Hyte-neuvottelu 2027", "draft", 0),
    ]
    assert database.execute(
        "select count(distinct c.party_id) from cooperation_confirmation c "
        "join cooperation_party p on p.id = c.party_id join cooperation_meeting m on m.id = p.meeting_id "
        "where m.title = 'Hyte-neuvottelu 2026' and c.decision = 'confirmed'"
    ).fetchone() == (3,)
    assert database.execute("select count(*), count(followed_up_at) from cooperation_agreedaction").fetchone() == (
        6,
        6,
    )
    assert database.execute("select count(distinct organisation_id) from cooperation_carriedaction").fetchone() == (3,)
    # The physical-activity counselling chain (Lappi with Kemi and an NGO), published, its eight steps across three
    # organisations, two linked to the register's activities; the agreement with Kemi and Tornio: version 1
    # approved by the three councils, version 2 in preparation. Loaded once.
    assert database.execute(
        "select count(*), count(distinct s.organisation_id), count(s.activity_id), max(c.is_published) "
        "from cooperation_chainstep s join cooperation_servicechain c on c.id = s.chain_id"
    ).fetchone() == (8, 3, 3, 1)
    assert database.execute(
        "select v.number, v.approved_at is not null, count(p.id), count(p.decision_date) "
        "from cooperation_agreementversion v "
        "join cooperation_agreementparty p on p.version_id = v.id group by v.id order by v.number"
    ).fetchall() == [(1, 1, 3, 3), (2, 0, 3, 0)]
    # The current plan is in the budget: five lines over three branches, 117,500 € budgeted in all.
    assert database.execute("select count(distinct branch), sum(amount) from reports_budgetline").fetchone() == (
        3,
        117500,
    )
    # Recent values with county and country rows: Kemi's diabetes goal has a baseline of 2023, and Lappi county's
    # own picture has values.
    assert database.execute(
        "select baseline_year, baseline_value is not null from reports_goalindicator g "
        "join reports_goal o on o.id = g.goal_id join reports_report r on r.id = o.report_id "
        "where r.term_start = 2025 order by baseline_year"
    ).fetchall() == [(2023, 1), (2024, 1)]
    assert database.execute(
        "select count(distinct o.indicator_id) from indicators_observation o join regions_area a on a.id = o.area_id "
        "where a.kind = 'county' and a.name_fi = 'Lapin hyvinvointialue' and o.year >= 2020"
    ).fetchone() >= (4,)
    # and the county's own indicator set, which its picture opens with, holds those indicators.
    assert database.execute(
        "select count(*) from indicators_indicatorsetitem i "
        "join indicators_indicatorset s on s.id = i.indicator_set_id "
        "join accounts_organisation o on o.id = s.organisation_id where o.slug = 'lappi'"
    ).fetchone() >= (4,)


@pytest.mark.django_db
def test_the_demo_has_one_user_per_role_and_kemi_shares_with_its_county(client):
    load_demo()
    roles = set(Membership.objects.filter(organisation__slug="kemi").values_list("role", flat=True))
    assert roles == {"admin", "coordinator", "editor", "reader"}
    assert DraftSharing.objects.filter(organisation__slug="kemi", shared_with__slug="lappi").exists()
    county_user = Membership.objects.get(organisation__slug="lappi", role="coordinator").user
    assert Permissions(county_user).can(Action.VIEW_DRAFTS, Organisation.objects.get(slug="kemi"))
    assert not Permissions(county_user).can(Action.VIEW_DRAFTS, Organisation.objects.get(slug="tornio"))
    signed_in = client.post("/accounts/login/", {"username": "koordinaattori", "password": DEMO_PASSWORD})
    assert signed_in.status_code == 302
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/o/kemi/"
    assert 'id="organisation-switch"' in response.content.decode()


@pytest.mark.django_db
def test_the_demo_register_has_its_actors_activities_and_a_gap():
    from hyte.actors.models import Activity, Actor
    from hyte.demo.actors import load_demo_register

    load_demo()
    actors, activities = load_demo_register()
    assert actors >= 20
    assert activities >= 60
    assert load_demo_register() == (0, 0), "loaded once"
    # A twin of the NGO's own entry, for the coordinator's duplicates page to find (and nothing else there).
    from hyte.accounts.models import Organisation
    from hyte.actors.duplicates import likely_duplicates

    pairs = likely_duplicates(Organisation.objects.get(slug="kemi"))
    assert [({p.first.name, p.second.name}, p.reasons) for p in pairs] == [
        ({"Meripuiston Seniorit ry", "MERIPUISTON SENIORIT r.y."}, {"name", "email"})
    ]
    assert likely_duplicates(Organisation.objects.get(slug="tornio")) == []
    assert {a.area.code for a in Actor.objects.select_related("area")} == {"240", "851"}
    public = Activity.objects.filter(is_published=True, is_hidden=False)
    assert public.count() >= 55
    assert Activity.objects.filter(is_hidden=True).exclude(hidden_reason="").count() == 1
    # The gap the coordinator finds: nothing for young people on mental wellbeing.
    young = public.filter(age_groups__icontains='"young"')
    assert young.count() >= 8
    assert not young.filter(themes__code="mental-wellbeing").exists()
    # The NGO keeps its own entry through its own user.
    volunteer = Membership.objects.get(organisation__slug="meripuiston-seniorit").user
    entry = Actor.objects.get(organisation__slug="meripuiston-seniorit")
    assert Permissions(volunteer).can(Action.EDIT, entry)
    assert not Permissions(volunteer).can(Action.EDIT, Actor.objects.get(name="Kemin kaupunginkirjasto"))


@pytest.mark.django_db
def test_the_demo_has_two_published_support_paths_in_finnish_and_swedish():
    from django.test import Client

    from hyte.actors.models import SupportPath
    from hyte.demo.actors import load_demo_register
    from hyte.demo.support_paths import load_demo_support_paths

    load_demo()
    load_demo_register()
    assert load_demo_support_paths() == 2
    assert load_demo_support_paths() == 0, "loaded once"
    paths = {p.area.code: p for p in SupportPath.objects.select_related("area")}
    assert set(paths) == {"240", "851"}
    for path in paths.values():
        steps = list(path.steps.select_related("activity"))
        assert path.is_published
        assert 4 <= len(steps) <= 6
        assert all(step.heading_sv and step.guidance and step.guidance_sv for step in steps)
        assert sum(1 for step in steps if step.service_name and step.service_phone) == 1
        assert sum(1 for step in steps if step.activity is not None) >= 4
    tornio = paths["851"]
    draft = tornio.steps.get(activity__is_published=False)  # shown with its own words only
    page = Client().get(f"/public/sv/activities/paths/{tornio.pk}/").content.decode()
    assert "Stöd för babyfamiljer" in page
    assert draft.heading_sv in page
    assert f"/activities/{draft.activity_id}/" not in page
