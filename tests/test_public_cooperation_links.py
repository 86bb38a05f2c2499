"""The public site leads to the cooperation an organisation published (issue 15) and to its residents' voice
(issue 18): the county's page to its negotiations and service chains, a municipality's page to the negotiations it
took part in, and the sitemap lists those pages."""

from __future__ import annotations

from django.urls import reverse

from hyte.cooperation.models import Meeting
from hyte.public.views import site_paths
from hyte.reports import services as reports
from tests.chain_world import build_chains
from tests.conftest import SYSTEM, approve_and_publish
from tests.cooperation_world import build_cooperation


def _published_reports(world):
    """The organisations' public pages exist once they have published a report."""
    for organisation, persona in ((world.kemi, "coordinator"), (world.lappi, "county"), (world.tornio, "outsider")):
        report = reports.create_report(
            actor=SYSTEM, organisation=organisation, kind="broad", title="Kertomus", term_start=2025, term_end=2029
        )
        approve_and_publish(report, world.users[persona])


def test_the_organisation_pages_link_the_published_cooperation(world):
    _published_reports(world)
    build_cooperation(world)
    build_chains(world)
    client = world.client_for("anonymous")
    lappi = client.get(reverse("public-organisation", args=["fi", "lappi"])).content.decode()
    assert reverse("public-negotiations", args=["fi", "lappi"]) in lappi
    assert reverse("public-chains", args=["fi", "lappi"]) in lappi
    kemi = client.get(reverse("public-organisation", args=["fi", "kemi"])).content.decode()
    assert reverse("public-negotiations", args=["fi", "lappi"]) in kemi  # Kemi took part
    assert "Neuvottelut, joihin osallistuimme: Lapin hyvinvointialue" in kemi  # in the page's language
    assert kemi.count("<h2>Yhteistyö ja asukkaiden ääni</h2>") == 1
    assert "<h2" not in kemi.split("<title>")[1].split("</title>")[0]
    assert reverse("public-chains", args=["fi", "kemi"]) not in kemi  # Kemi keeps no chain
    tornio = client.get(reverse("public-organisation", args=["fi", "tornio"])).content.decode()
    assert "negotiations" not in tornio  # not invited


def test_taking_a_meeting_off_the_site_takes_its_link_off_at_once(world):
    _published_reports(world)
    build_cooperation(world)
    client = world.client_for("anonymous")
    url = reverse("public-organisation", args=["fi", "lappi"])
    assert reverse("public-negotiations", args=["fi", "lappi"]) in client.get(url).content.decode()  # now cached
    for meeting in Meeting.objects.filter(is_public=True):
        meeting.is_public = False
        meeting.save(update_fields=["is_public"])
    assert reverse("public-negotiations", args=["fi", "lappi"]) not in client.get(url).content.decode()


def test_the_sitemap_lists_the_published_negotiations_and_chains(world):
    build_cooperation(world)
    chains = build_chains(world)
    paths = site_paths()
    meeting = Meeting.objects.get(is_public=True)
    assert reverse("public-negotiation", args=["fi", "lappi", meeting.pk]) in paths
    assert reverse("public-chain", args=["fi", "lappi", chains["chain"]]) in paths
    assert not [path for path in paths if "/rounds/" in path]  # comment rounds are answered fresh, never exported
