"""Where the public site leads to an organisation's cooperation and residents' voice (issues 15 and 18): the
negotiations it convened or took part in whose minutes were published, the service chains it published, its
comment rounds and value discussions open to residents; and those pages' addresses for the sitemap and the static
export."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hyte.accounts.models import Organisation
from hyte.cooperation import chain_queries
from hyte.cooperation.chain_models import ServiceChain
from hyte.cooperation.models import Meeting, MinutesStatus
from hyte.participation import discussion_queries
from hyte.participation import queries as participation


@dataclass(frozen=True)
class Link:
    label: Any  # a lazy translation, rendered in the page's language
    url_name: str
    slug: str
    other: str = ""  # another organisation's page: its name


def links_of(organisation: Organisation) -> list[Link]:
    """The links of the organisation's public page, each only when there is something published behind it."""
    found: list[Link] = []
    published = Meeting.objects.filter(is_public=True, minutes_status=MinutesStatus.FINAL)
    conveners = (
        Organisation.objects.filter(
            is_active=True, pk__in=published.filter(parties__organisation=organisation).values("series__convener")
        )
        .exclude(pk=organisation.pk)
        .order_by("name")
    )
    if published.filter(series__convener=organisation).exists():
        found.append(Link(_("Negotiations and their minutes"), "public-negotiations", organisation.slug))
    for convener in conveners:
        found.append(
            Link(_("Negotiations we took part in"), "public-negotiations", convener.slug, convener.display_name)
        )
    if chain_queries.published_chains(organisation).exists():
        found.append(Link(_("Service chains"), "public-chains", organisation.slug))
    if participation.public_rounds(organisation) or discussion_queries.public_discussions(organisation):
        found.append(Link(_("Comment rounds"), "public-rounds", organisation.slug))
    return found


def cooperation_paths(languages: dict[str, list[str]]) -> list[str]:
    """The published negotiations and service chains, in the languages of their keeper (`languages`: slug → its
    languages on the public site)."""
    paths: list[str] = []
    meetings = Meeting.objects.filter(
        is_public=True, minutes_status=MinutesStatus.FINAL, series__convener__is_active=True
    )
    by_convener: dict[str, list[int]] = {}
    for slug, meeting_id in meetings.values_list("series__convener__slug", "pk").order_by("pk"):
        by_convener.setdefault(slug, []).append(meeting_id)
    for slug, ids in sorted(by_convener.items()):
        for lang in languages.get(slug, []):
            paths.append(reverse("public-negotiations", args=[lang, slug]))
            paths.extend(reverse("public-negotiation", args=[lang, slug, meeting_id]) for meeting_id in ids)
    published = ServiceChain.objects.filter(is_published=True, keeper__is_active=True)
    chains = published.values_list("keeper__slug", "pk").order_by("pk")
    by_keeper: dict[str, list[int]] = {}
    for slug, chain_id in chains:
        by_keeper.setdefault(slug, []).append(chain_id)
    for slug, ids in sorted(by_keeper.items()):
        for lang in languages.get(slug, []):
            paths.append(reverse("public-chains", args=[lang, slug]))
            paths.extend(reverse("public-chain", args=[lang, slug, chain_id]) for chain_id in ids)
    return paths
