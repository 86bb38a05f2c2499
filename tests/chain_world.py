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
