"""The service chains a county or a municipality published (issue 15): each chain's diagram (SVG) and its steps as
text, in Finnish, Swedish (the chain's Swedish texts, where the organisation serves in Swedish) and English (the
Finnish texts). Answered fresh, as the negotiations are."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from hyte.accounts.models import Organisation
from hyte.cooperation import chain_queries
from hyte.cooperation.chain_models import ServiceChain
from hyte.public.negotiations import _convener
from hyte.public.views import LANGUAGES, _page, languages_for


def _languages(keeper: Organisation, chains: list[ServiceChain]) -> list[str]:
    """The keeper's languages, and Swedish also where the chains were written in Swedish."""
    available = languages_for(keeper)
    if "sv" not in available and all(chain.name_sv for chain in chains):
        return [code for code in LANGUAGES if code in available or code == "sv"]
    return available


@require_safe
def chains(request: HttpRequest, lang: str, slug: str) -> HttpResponse:
    keeper = _convener(slug)
    found = list(chain_queries.published_chains(keeper))
    if not found:
        raise Http404
    context = {"organisation": keeper, "chains": found}
    return _page(request, lang, "public/chains.html", context, _languages(keeper, found))


@require_safe
def chain(request: HttpRequest, lang: str, slug: str, chain_id: int) -> HttpResponse:
    keeper = _convener(slug)
    found = chain_queries.published_chain(keeper, chain_id)
    if found is None:
        raise Http404
    steps = list(found.steps.all())
    context = {
        "organisation": keeper,
        "chain": found,
        "steps": steps,
    }
    return _page(request, lang, "public/chain.html", context, _languages(keeper, [found]))
