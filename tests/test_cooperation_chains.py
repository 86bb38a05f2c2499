"""Service chains: built, changed, reordered and checked through the services; the diagram drawn from the data
(SVG with its title and description, text wrapped), the pages signed in and on the public site in Finnish and
Swedish, and who sees what."""

from __future__ import annotations

import xml.etree.ElementTree as ET  # our own SVG, not untrusted input

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from hyte.accounts import services as accounts
from hyte.accounts.models import OrganisationKind
from hyte.audit.models import AuditEntry
from hyte.cooperation import chain_diagram, chain_queries
from hyte.cooperation.chain_models import ChainStep, ServiceChain
from hyte.cooperation.services import chains as services
from tests.chain_world import build_chains, step
from tests.conftest import SYSTEM

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def chains(world):
    return build_chains(world)


def _chain(world, pk):
    return chain_queries.chain_for(world.users["county"], world.lappi, pk)


def test_steps_in_order_and_moved(world, chains):
    chain = ServiceChain.objects.get(pk=chains["chain"])
    assert [s.title for s in chain.steps.all()] == ["Lähete liikuntaneuvontaan", "Liikuntaneuvonta", "Ryhmät"]
    counselling = ChainStep.objects.get(pk=chains["chain_step"])
    services.move_step(actor=world.users["county"], step=counselling, offset=-1)
    assert [s.title for s in chain.steps.all()] == ["Liikuntaneuvonta", "Lähete liikuntaneuvontaan", "Ryhmät"]
    assert AuditEntry.objects.filter(action="chain.step_move").count() == 2  # both steps changed places
    with translation.override("en"), pytest.raises(ValidationError, match="already first or last"):
        services.move_step(actor=world.users["county"], step=counselling, offset=-1)
    services.remove_step(actor=world.users["county"], step=ChainStep.objects.get(title="Ryhmät"))
    assert chain.steps.count() == 2


def test_bad_input_is_refused_whole(world, chains):
    chain = ServiceChain.objects.get(pk=chains["chain"])
    county = world.users["county"]
    with (
        translation.override("en"),
        pytest.raises(ValidationError, match="keeper or one of the organisations taking part"),
    ):
        services.add_step(actor=county, chain=chain, details=step(world.tornio, "Tornion neuvonta"))
    with translation.override("en"), pytest.raises(ValidationError, match="name"):
        services.add_step(actor=county, chain=chain, details=step(world.kemi, "  "))
    with translation.override("en"), pytest.raises(ValidationError, match="age groups"):
        services.add_step(actor=county, chain=chain, details=step(world.kemi, "X", age_group="babies"))
    with translation.override("en"), pytest.raises(ValidationError, match="takes part in it already"):
        services.update_chain(
            actor=county, chain=chain, details=services.ChainDetails(name="X", participants=[world.lappi])
        )
    # Kemi has steps: it cannot be dropped from the participants while it does.
    with translation.override("en"), pytest.raises(ValidationError, match="must take part"):
        services.update_chain(actor=county, chain=chain, details=services.ChainDetails(name="X", participants=[]))
    chain.refresh_from_db()
    assert chain.name == "Liikuntaneuvonnan palveluketju"
    assert list(chain.participants.all()) == [world.kemi]
    assert chain.steps.count() == 3


def test_only_the_keepers_coordinators_write(world, chains):
    chain = ServiceChain.objects.get(pk=chains["chain"])
    for persona in ("coordinator", "admin", "outsider"):  # Kemi takes part but does not keep it
        with pytest.raises(PermissionDenied):
            services.add_step(actor=world.users[persona], chain=chain, details=step(world.kemi, "X"))
    ngo = accounts.create_organisation(actor=SYSTEM, name="Järjestö", kind=OrganisationKind.NGO, slug="j")
    with pytest.raises(PermissionDenied):  # only a county or a municipality keeps a chain
        services.create_chain(actor=world.users["county"], keeper=ngo, details=services.ChainDetails(name="X"))
    assert ServiceChain.objects.count() == 2


def test_who_sees_a_chain(world, chains):
    assert {c.pk for c in chain_queries.chains_of(world.users["county"], world.lappi)} == {
        chains["chain"],
        chains["chain_draft"],
    }
    assert [c.pk for c in chain_queries.chains_of(world.users["reader"], world.kemi)] == [chains["chain"]]
    assert chain_queries.chains_of(world.users["outsider"], world.tornio) == []


def test_diagram_is_an_accessible_svg_with_wrapped_text(world, chains):
    chain = _chain(world, chains["chain"])
    long_title = "Erittäin pitkä vaiheen nimi, joka ei mahdu yhdelle riville puhelimen näytöllä lainkaan " * 2
    services.update_step(
        actor=SYSTEM, step=ChainStep.objects.get(pk=chains["chain_step"]), details=step(world.kemi, long_title)
    )
    chain = _chain(world, chains["chain"])
    with translation.override("en"):
        drawn = chain_diagram.svg(chain, list(chain.steps.all()))
    root = ET.fromstring(  # noqa: S314
        str(drawn)
    )
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"chain-{chain.pk}-title chain-{chain.pk}-desc"
    assert root.find(f"{SVG}title").text == "Service chain: Liikuntaneuvonnan palveluketju"
    assert "1. Lähete liikuntaneuvontaan (Lapin hyvinvointialue) → 2. Erittäin" in root.find(f"{SVG}desc").text
    texts = [t.text for t in root.iter(f"{SVG}text")]
    long_lines = [t for t in texts if "pitkä" in t or "rivi" in t or "lainkaan" in t]
    assert len(long_lines) >= 3  # wrapped, not one line off the box
    assert max(len(t) for t in texts) <= chain_diagram._chars(chain_diagram.TITLE_SIZE) + 4  # "n. " prefix
    assert texts[:2] == ["Lapin hyvinvointialue", "Kemin kaupunki"]  # the legend
    assert "Referral · working-age people" in texts
    assert len(root.findall(f"{SVG}rect")) == 2 * 2 + 2 * 3  # the legend's two marks each, two per step


def test_diagram_escapes_text(world, chains):
    services.update_step(
        actor=SYSTEM, step=ChainStep.objects.get(pk=chains["chain_step"]), details=step(world.kemi, "<b>&</b>")
    )
    chain = _chain(world, chains["chain"])
    drawn = str(chain_diagram.svg(chain, list(chain.steps.all())))
    assert "<b>" not in drawn
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in drawn
    ET.fromstring(  # noqa: S314
        drawn
    )  # well-formed


def test_signed_in_pages(world, chains, client):
    client.force_login(world.users["reader"])
    page = client.get(f"/o/kemi/cooperation/chains/{chains['chain']}/", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'role="img"' in html
    assert "The steps in order" in html
    assert "Add a step" not in html  # Kemi takes part; Lappi keeps it
    assert client.get(f"/o/kemi/cooperation/chains/{chains['chain_draft']}/").status_code == 404
    svg = client.get(f"/o/kemi/cooperation/chains/{chains['chain']}/diagram.svg")
    assert svg["Content-Type"].startswith("image/svg+xml")
    ET.fromstring(  # noqa: S314
        svg.content
    )


def test_keeper_edits_by_forms(world, chains, client):
    client.force_login(world.users["county"])
    base = f"/o/lappi/cooperation/chains/{chains['chain']}/"
    assert "Add a step" in client.get(base, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    response = client.post(
        base + "steps/",
        {"new-title": "Seuranta", "new-phase": "follow_up", "new-organisation": world.kemi.pk},
    )
    assert response.status_code == 302
    assert ServiceChain.objects.get(pk=chains["chain"]).steps.last().title == "Seuranta"
    refused = client.post(
        base + "steps/", {"new-title": "X", "new-phase": "referral", "new-organisation": world.tornio.pk}
    )
    assert refused.status_code == 302
    assert not ChainStep.objects.filter(title="X").exists()
    client.post(base + f"steps/{chains['chain_step']}/move/", {"to": "up"})
    assert ServiceChain.objects.get(pk=chains["chain"]).steps.first().pk == chains["chain_step"]


def test_public_page_in_finnish_and_swedish(world, chains, client):
    fi = client.get(f"/public/fi/lappi/chains/{chains['chain']}/")
    assert fi.status_code == 200
    assert "Liikuntaneuvonnan palveluketju" in fi.content.decode()
    sv = client.get(f"/public/sv/lappi/chains/{chains['chain']}/")
    html = sv.content.decode()  # Lappi does not serve in Swedish, but the chain is written in Swedish too
    assert "Servicekedjan för motionsrådgivning" in html
    assert "Liikuntaneuvonta (sv)" in html
    assert sv["Content-Language"] == "sv"
    assert "Lähete liikuntaneuvontaan (sv)" in html
    assert client.get(f"/public/fi/lappi/chains/{chains['chain_draft']}/").status_code == 404
    listing = client.get("/public/fi/lappi/chains/").content.decode()
    assert "Liikuntaneuvonnan palveluketju" in listing
    assert "Luonnos" not in listing
    assert client.get("/public/fi/tornio/chains/").status_code == 404


def test_template_tag_embeds_a_chain(world, chains):
    chain = _chain(world, chains["chain"])
    with translation.override("en"):
        html = Template("{% load chains %}{% service_chain chain %}").render(Context({"chain": chain}))
    assert html.count("<svg") == 1
    assert "<h3" in html
    assert html.count('<li id="step-') == 3


def test_a_plan_page_shows_the_chains_its_organisation_takes_part_in(world, chains):
    from hyte.reports import services as reports

    plan = reports.create_report(
        actor=SYSTEM, organisation=world.kemi, kind="broad", title="Suunnitelma", term_start=2025, term_end=2029
    )
    html = world.client_for("reader").get(reverse("report-detail", args=["kemi", plan.pk])).content.decode()
    assert 'id="service-chains"' in html
    assert "<h3>Liikuntaneuvonnan palveluketju</h3>" in html
    assert html.count("<svg") == 1  # the published chain Kemi takes part in; the keeper's draft is not Kemi's
    assert reverse("public-chain", args=["fi", "lappi", chains["chain"]]) in html
    tornio = reports.create_report(
        actor=SYSTEM, organisation=world.tornio, kind="broad", title="Plan", term_start=2025, term_end=2029
    )
    page = world.client_for("outsider").get(reverse("report-detail", args=["tornio", tornio.pk])).content.decode()
    assert 'id="service-chains"' not in page  # Tornio takes part in no chain


def test_the_keeper_chooses_the_shared_indicators_of_hyte_with_the_picker(world, chains, client):
    from hyte.indicators.models import Indicator
    from hyte.indicators.services import load_catalogue

    load_catalogue(
        actor=SYSTEM,
        entries=[{"id": 4559, "title": {"fi": "Liikuntaneuvontaa saaneet", "sv": "Motionsrådgivning", "en": "PA"}}],
    )
    found = Indicator.objects.get(source="sotkanet", source_id="4559")
    client.force_login(world.users["county"])
    base = f"/o/lappi/cooperation/chains/{chains['chain']}/"
    page = client.get(base, {"pick-q": "Liikuntaneuvontaa"}).content.decode()
    assert f'name="indicators" value="{world.shared_indicator.pk}" id="id_indicators_0" checked' in page  # its own
    assert f'name="indicators" value="{found.pk}" id="id_indicators_1"' in page  # found by name
    data = {"name": "Liikuntaneuvonnan palveluketju", "participants": [world.kemi.pk]}
    data |= {"indicators": [found.pk], "indicators_text": "Ohjattujen määrä"}
    response = client.post(base + "?pick-q=Liikuntaneuvontaa", data)
    assert response.status_code == 302
    chain = ServiceChain.objects.get(pk=chains["chain"])
    assert list(chain.indicators.all()) == [found]  # the unticked one left, the found one in
    changes = AuditEntry.objects.filter(action="chain.update").latest("pk").changes
    assert changes["indicators"] == [[world.shared_indicator.pk], [found.pk]]
    hidden = client.post(base, {**data, "indicators": [world.own_indicator.pk]})  # Kemi's own: not Lappi's to use
    assert hidden.status_code == 200  # not among the choices: refused on the form
    assert list(chain.indicators.all()) == [found]
