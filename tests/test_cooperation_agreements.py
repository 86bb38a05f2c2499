"""The strategic cooperation agreement: drafted, each party's decision recorded, approved and frozen, a new version
copying the previous, two versions compared per section, DOCX and PDF in the template's layout, who may do what."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from hyte.cooperation import agreement_docs as docs
from hyte.cooperation.agreement_models import Agreement, AgreementParty, AgreementVersion
from hyte.cooperation.services import agreements as services
from tests.chain_world import build_agreement
from tests.conftest import SYSTEM


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def made(world):
    return build_agreement(world)


def _text(**extra):
    return services.AgreementText(term_start=dt.date(2026, 1, 1), term_end=dt.date(2029, 12, 31), **extra)


def test_versions_copy_and_freeze(world, made):
    agreement = Agreement.objects.get(pk=made["agreement"])
    first, second = agreement.versions.order_by("number")
    assert first.is_frozen
    assert not second.is_frozen
    assert second.background == first.background == "Laki velvoittaa yhteistyöhön."
    assert [p.organisation.slug for p in second.parties.order_by("organisation__slug")] == ["kemi", "lappi"]
    assert second.parties.get(organisation=world.kemi).decision_date == dt.date(2026, 9, 1)  # each version's own
    with pytest.raises(ValidationError, match="approved and no longer changes"):
        services.edit_version(actor=SYSTEM, version=first, content=_text(goals="Muutettu"))
    with pytest.raises(ValidationError, match="still in preparation"):
        services.new_version(actor=SYSTEM, agreement=agreement)
    first.refresh_from_db()
    assert first.goals == "Liikkuminen lisääntyy.\nYksinäisyys vähenee."


def test_approval_needs_every_partys_decision(world, made):
    second = AgreementVersion.objects.get(agreement_id=made["agreement"], number=2)
    party = AgreementParty.objects.get(pk=made["agreement_party"])
    AgreementParty.objects.filter(pk=party.pk).update(decision_body="", decision_date=None, decision_reference="")
    with pytest.raises(ValidationError, match="Waiting for the approval decision of: Kemin kaupunki"):
        services.approve_version(actor=SYSTEM, version=second)
    party.refresh_from_db()
    with pytest.raises(ValidationError, match="check digit"):
        services.record_decision(
            actor=world.users["coordinator"],
            party=party,
            body="Valtuusto",
            date=dt.date(2026, 3, 1),
            reference="§ 9",
            business_id="0201256-5",
        )
    with pytest.raises(ValidationError, match="section"):
        services.record_decision(actor=SYSTEM, party=party, body="Valtuusto", date=dt.date(2026, 3, 1), reference="")
    party.refresh_from_db()
    assert party.decision_body == ""
    # Kemi's own coordinator records Kemi's decision; Kemi's editor and the outsider may not.
    for persona in ("editor", "outsider"):
        with pytest.raises(PermissionDenied):
            services.record_decision(
                actor=world.users[persona], party=party, body="V", date=dt.date(2026, 3, 1), reference="§ 1"
            )
    services.record_decision(
        actor=world.users["coordinator"],
        party=party,
        body="Kaupunginvaltuusto",
        date=dt.date(2026, 3, 1),
        reference="§ 9",
        business_id="0201256-6",
    )
    party.refresh_from_db()
    assert (party.business_id, party.decision_reference) == ("0201256-6", "§ 9")


def test_approved_then_frozen_and_a_new_version(world, made):
    second = AgreementVersion.objects.get(agreement_id=made["agreement"], number=2)
    services.approve_version(actor=world.users["county"], version=second)
    assert second.is_frozen
    third = services.new_version(actor=world.users["county"], agreement=second.agreement)
    assert third.number == 3
    assert third.goals == second.goals
    assert not any(p.has_decided for p in third.parties.all())


def test_dates_in_the_wrong_order_are_refused(world):
    with pytest.raises(ValidationError, match="end after it begins"):
        services.create_agreement(
            actor=SYSTEM,
            keeper=world.lappi,
            title="X",
            parties=[world.kemi],
            content=services.AgreementText(term_start=dt.date(2029, 1, 1), term_end=dt.date(2026, 1, 1)),
        )
    assert not Agreement.objects.exists()


def test_only_the_keeper_drafts(world):
    with pytest.raises(PermissionDenied):
        services.create_agreement(
            actor=world.users["coordinator"], keeper=world.lappi, title="X", parties=[world.kemi], content=_text()
        )


def test_compare_shows_each_sections_changes(world, made):
    agreement = docs.agreement_for(world.users["county"], world.lappi, made["agreement"])
    sections = {s.label: s for s in docs.compare(docs.version_of(agreement, 1), docs.version_of(agreement, 2))}
    goals = sections["Shared goals"]
    assert goals.changed
    assert ("-", "Yksinäisyys vähenee.") in goals.lines
    assert ("+", "Nuorten osallisuus vahvistuu.") in goals.lines
    assert (" ", "Liikkuminen lisääntyy.") in goals.lines
    assert sum(1 for s in sections.values() if s.changed) == 1  # nothing else changed


def test_docx_and_pdf_in_the_templates_layout(world, made):
    import docx

    agreement = docs.agreement_for(world.users["county"], world.lappi, made["agreement"])
    version = docs.version_of(agreement, 1)
    document = docx.Document(io.BytesIO(docs.agreement_docx(version)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == "Strateginen yhteistyösopimus"
    assert len(headings) == 1 + 1 + 7 + 1  # title, parties, the seven sections, approvals
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert ["Kemin kaupunki", "Kaupunginvaltuusto", "01.02.2026", "§ 5"] in rows
    pdf = docs.agreement_pdf(version)
    assert pdf.startswith(b"%PDF-")


def test_pages(world, made, client):
    client.force_login(world.users["reader"])
    base = f"/o/kemi/cooperation/agreements/{made['agreement']}/"
    listing = client.get("/o/kemi/cooperation/agreements/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Strateginen yhteistyösopimus" in listing
    assert "version 2, in preparation" in listing
    page = client.get(base + "v1/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "Kaupunginvaltuusto" in page.content.decode()
    compare = client.get(base + "compare/?a=1&b=2", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<ins>" in compare
    assert "Nuorten osallisuus vahvistuu." in compare
    assert client.get(base + "v1/agreement.docx")["Content-Type"].startswith("application/vnd.openxmlformats")
    client.force_login(world.users["outsider"])
    assert client.get(f"/o/tornio/cooperation/agreements/{made['agreement']}/v1/").status_code == 404


def test_the_api_reads_and_records_a_decision(world, made):
    kemi = world.client_for("coordinator")
    listed = kemi.get("/api/v1/organisations/kemi/agreements").json()
    assert [a["title"] for a in listed] == ["Edellinen sopimus", "Strateginen yhteistyösopimus"]
    assert [v["number"] for v in listed[1]["versions"]] == [1, 2]
    assert listed[1]["versions"][0]["approved_at"] is not None
    address = f"/api/v1/organisations/kemi/agreements/{made['agreement']}/versions/2/decisions"
    body = {"party": "kemi", "body": "Kaupunginvaltuusto", "date": "2026-10-01", "reference": "§ 12"}
    bad = kemi.post(
        address, {**body, "business_id": "0201256-5"}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert bad.status_code == 400
    assert "check digit" in bad.json()["detail"]
    answer = kemi.post(address, {**body, "business_id": "0201256-6"}, content_type="application/json")
    assert answer.status_code == 200
    mine = next(p for p in answer.json()["parties"] if p["organisation"] == "kemi")
    assert (mine["decision_reference"], mine["business_id"]) == ("§ 12", "0201256-6")
    frozen = kemi.post(address.replace("/2/", "/1/"), body, content_type="application/json")
    assert frozen.status_code == 400
    assert (
        world.client_for("outsider").get(f"/api/v1/organisations/tornio/agreements/{made['agreement']}").status_code
        == 404
    )


def test_a_party_joins_and_another_leaves_the_version_in_preparation(world, made):
    from hyte.audit.models import AuditEntry

    agreement = Agreement.objects.get(pk=made["agreement"])
    first, second = agreement.versions.order_by("number")
    county = world.users["county"]
    joined = services.add_agreement_party(actor=county, version=second, organisation=world.tornio)
    assert joined.business_id == world.tornio.business_id[:9]
    assert [p.organisation.slug for p in second.parties.order_by("organisation__slug")] == ["kemi", "lappi", "tornio"]
    with pytest.raises(ValidationError, match="a party already"):
        services.add_agreement_party(actor=county, version=second, organisation=world.tornio)
    with pytest.raises(ValidationError, match="Waiting for the approval decision of: Tornion kaupunki"):
        services.approve_version(actor=county, version=second)
    with pytest.raises(PermissionDenied):  # a party's coordinator does not change who the parties are
        services.add_agreement_party(actor=world.users["coordinator"], version=second, organisation=world.tornio)
    with pytest.raises(ValidationError, match="no longer changes"):  # the approved version keeps its parties
        services.add_agreement_party(actor=county, version=first, organisation=world.tornio)
    services.remove_agreement_party(actor=county, party=second.parties.get(organisation=world.kemi))
    with pytest.raises(ValidationError, match="always a party"):
        services.remove_agreement_party(actor=county, party=second.parties.get(organisation=world.lappi))
    with pytest.raises(ValidationError, match="at least one other party"):
        services.remove_agreement_party(actor=county, party=second.parties.get(organisation=world.tornio))
    assert [p.organisation.slug for p in second.parties.order_by("organisation__slug")] == ["lappi", "tornio"]
    assert first.parties.filter(organisation=world.kemi).exists()  # version 1 still has Kemi
    assert AuditEntry.objects.filter(action__in=["agreement.party_add", "agreement.party_remove"]).count() == 2
    parties = next(s for s in docs.compare(first, second) if s.label == "Parties")
    assert ("-", "Kemin kaupunki") in parties.lines
    assert ("+", "Tornion kaupunki") in parties.lines


def test_the_keeper_adds_and_removes_parties_on_the_page(world, made, client):
    client.force_login(world.users["county"])
    base = f"/o/lappi/cooperation/agreements/{made['agreement']}/v2/"
    page = client.get(base).content.decode()
    assert "parties/add/" in page
    assert client.post(base + "parties/add/", {"organisation": world.tornio.pk}).status_code == 302
    party = AgreementParty.objects.get(
        version__agreement_id=made["agreement"], version__number=2, organisation=world.tornio
    )
    assert client.post(base + f"parties/{party.pk}/remove/").status_code == 302
    assert not AgreementParty.objects.filter(pk=party.pk).exists()
    client.force_login(world.users["coordinator"])  # Kemi's: a party, not the keeper
    assert (
        client.post(
            f"/o/kemi/cooperation/agreements/{made['agreement']}/v2/parties/add/", {"organisation": world.tornio.pk}
        ).status_code
        == 404
    )
