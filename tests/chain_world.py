"""Service chains on top of the `world` fixture, built through the services: Lappi keeps a published chain with
Kemi taking part (three steps: the county refers, Kemi counsels, Kemi's groups continue), and a draft chain of
its own that only Lappi's members see. Tornio (the outsider) is in neither."""

from __future__ import annotations

from typing import Any

from hyte.cooperation.services import chains as services
from tests.conftest import SYSTEM


def step(organisation: Any, title: str, **extra: Any) -> services.StepDetails:
    return services.StepDetails(title=title, title_sv=f"{title} (sv)", organisation=organisation, **extra)


def build_chains(world: Any) -> dict[str, Any]:
    chain = services.create_chain(
        actor=SYSTEM,
        keeper=world.lappi,
        details=services.ChainDetails(
            name="Liikuntaneuvonnan palveluketju",
            name_sv="Servicekedjan för motionsrådgivning",
            participants=[world.kemi],
            indicators=[world.shared_indicator],
            indicators_text="Ohjattujen määrä",
            is_published=True,
        ),
    )
    referral = services.add_step(
        actor=SYSTEM,
        chain=chain,
        details=step(world.lappi, "Lähete liikuntaneuvontaan", phase="referral", age_group="working_age"),
    )
    counselling = services.add_step(
        actor=SYSTEM,
        chain=chain,
        details=step(world.kemi, "Liikuntaneuvonta", unit="Liikuntapalvelut", handoff="Suunnitelma tehty"),
    )
    services.add_step(actor=SYSTEM, chain=chain, details=step(world.kemi, "Ryhmät", phase="continuation"))
    draft = services.create_chain(
        actor=SYSTEM, keeper=world.lappi, details=services.ChainDetails(name="Luonnos", participants=[])
    )
    return {"chain": chain.pk, "chain_step": counselling.pk, "chain_first_step": referral.pk, "chain_draft": draft.pk}


def grow_chains(world: Any, values: dict[str, Any], *, tag: str, n: int) -> None:
    """More steps on the matrix's chain (with an activity of the register where there is one), and more chains with
    Kemi taking part, for the query counts."""
    from hyte.actors.models import Activity
    from hyte.cooperation.chain_models import ServiceChain

    chain = ServiceChain.objects.get(pk=values["chain"])
    activities = list(Activity.objects.filter(area=world.kemi.area, is_published=True, is_hidden=False)[:n])
    for i in range(n):
        activity = activities[i] if i < len(activities) else None
        services.add_step(actor=SYSTEM, chain=chain, details=step(world.kemi, f"Ryhmä {tag}{i}", activity=activity))
        other = services.create_chain(
            actor=SYSTEM,
            keeper=world.lappi,
            details=services.ChainDetails(
                name=f"Ketju {tag}{i}",
                participants=[world.kemi],
                indicators=[world.shared_indicator],
                is_published=True,
            ),
        )
        services.add_step(actor=SYSTEM, chain=other, details=step(world.kemi, "Neuvonta"))
        _grow_agreements(world, values, tag=f"{tag}{i}")


def _grow_agreements(world: Any, values: dict[str, Any], *, tag: str) -> None:
    """Another agreement with Kemi and Tornio, and the matrix's version in preparation changed."""
    import datetime as dt

    from hyte.cooperation.agreement_models import AgreementVersion
    from hyte.cooperation.services import agreements

    content = agreements.AgreementText(term_start=dt.date(2026, 1, 1), term_end=dt.date(2029, 12, 31), goals=tag)
    agreements.create_agreement(
        actor=SYSTEM, keeper=world.lappi, title=f"Sopimus {tag}", parties=[world.kemi, world.tornio], content=content
    )
    version = AgreementVersion.objects.get(agreement_id=values["agreement"], number=2)
    agreements.edit_version(actor=SYSTEM, version=version, content=content)


def build_agreement(world: Any) -> dict[str, Any]:
    """Lappi's cooperation agreement with Kemi: version 1 approved by both (frozen), version 2 in preparation."""
    import datetime as dt

    from hyte.cooperation.services import agreements

    content = agreements.AgreementText(
        term_start=dt.date(2026, 1, 1),
        term_end=dt.date(2029, 12, 31),
        background="Laki velvoittaa yhteistyöhön.",
        goals="Liikkuminen lisääntyy.\nYksinäisyys vähenee.",
        structures="Hyvinvointikoordinaattorien verkosto",
    )
    agreement = agreements.create_agreement(
        actor=SYSTEM, keeper=world.lappi, title="Strateginen yhteistyösopimus", parties=[world.kemi], content=content
    )
    first = agreement.versions.get()
    for party, body in zip(
        first.parties.order_by("organisation__name"), ["Kaupunginvaltuusto", "Aluevaltuusto"], strict=True
    ):
        agreements.record_decision(actor=SYSTEM, party=party, body=body, date=dt.date(2026, 2, 1), reference="§ 5")
    agreements.approve_version(actor=SYSTEM, version=first)
    second = agreements.new_version(actor=SYSTEM, agreement=agreement)
    content.goals = "Liikkuminen lisääntyy.\nNuorten osallisuus vahvistuu."
    agreements.edit_version(actor=SYSTEM, version=second, content=content)
    for party in second.parties.all():  # both have decided: the keeper may approve it
        agreements.record_decision(
            actor=SYSTEM, party=party, body="Valtuusto", date=dt.date(2026, 9, 1), reference="§ 8"
        )
    frozen = agreements.create_agreement(
        actor=SYSTEM, keeper=world.lappi, title="Edellinen sopimus", parties=[world.kemi], content=content
    )
    for party in frozen.versions.get().parties.all():
        agreements.record_decision(
            actor=SYSTEM, party=party, body="Valtuusto", date=dt.date(2026, 2, 1), reference="§ 2"
        )
    agreements.approve_version(actor=SYSTEM, version=frozen.versions.get())
    return {
        "agreement": agreement.pk,
        "agreement_party": second.parties.get(organisation=world.kemi).pk,
        "agreement_frozen": frozen.pk,
    }
