"""An area's public activities as HSDS services, in one language (Finnish, Swedish or English).

HSDS has no translations, so each document is in one language: `name` and `description` in it (falling back to
Finnish where the entry has no text in it) and `alternate_name` the title in the other language (Swedish in the
Finnish document, Finnish in the others). The activities must come with their relations fetched
(`queries.public_register`): nothing here asks the database.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from hyte.actors.hsds import uid
from hyte.actors.hsds.documents import (
    Accessibility,
    Address,
    Attribute,
    CostOption,
    HsdsLanguage,
    Location,
    Organization,
    OrganizationIdentifier,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from hyte.actors.models import Activity, Actor, ActorKind, AgeGroup, TargetGroup, Theme
from hyte.actors.models import Language as Spoken
from hyte.regions.models import Area, AreaKind

BUSINESS_ID_SCHEME = "FI-PRO"  # org-id.guide: the Finnish Patent and Registration Office, which issues the Y-tunnus
_POSTAL = re.compile(r"^(?P<street>.+?),?\s+(?P<code>\d{5})(?:\s+(?P<city>\D.*))?$")


def _text(value: str) -> str | None:
    return value.strip() or None


def _names(term: Theme | TargetGroup) -> str:
    return "; ".join(
        f"{code}: {name}" for code, name in (("fi", term.name_fi), ("sv", term.name_sv), ("en", term.name_en)) if name
    )


class Vocabulary:
    """The taxonomies (themes, age groups, target groups, and the providers' roles), each term made once per
    document."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.terms: dict[tuple[str, str], TaxonomyTerm] = {}
        self.taxonomies = {
            "themes": Taxonomy(
                id=uid("taxonomy", "themes"),
                name=_("Hyte themes"),
                description=_(
                    "The themes of the welfare concept that an activity promotes: THL's welfare and health promotion "
                    "themes unless the region keeps its own concept."
                ),
            ),
            "age-groups": Taxonomy(
                id=uid("taxonomy", "age-groups"),
                name=_("Age groups"),
                description=_("The age groups an activity is meant for."),
            ),
            "target-groups": Taxonomy(
                id=uid("taxonomy", "target-groups"),
                name=_("Target groups"),
                description=_("The groups beyond age an activity is meant for (informal carers, the unemployed …)."),
            ),
            "roles": Taxonomy(
                id=uid("taxonomy", "roles"),
                name=_("Roles of the providers"),
                description=_("How an organization takes part in a service besides the one that offers it."),
            ),
        }

    def term(self, taxonomy: str, code: str, name: str, description: str) -> TaxonomyTerm:
        key = (taxonomy, code)
        if key not in self.terms:
            detail = self.taxonomies[taxonomy]
            self.terms[key] = TaxonomyTerm(
                id=uid(taxonomy, code),
                code=code,
                name=name,
                description=description,
                taxonomy=detail.name,
                taxonomy_id=detail.id,
                taxonomy_detail=detail,
                language=self.language,
            )
        return self.terms[key]


def organization(actor: Actor) -> Organization:
    pk = uid("actor", actor.pk)
    identifiers = []
    if actor.business_id:
        identifiers.append(
            OrganizationIdentifier(
                id=uid("actor", actor.pk, "business-id"),
                organization_id=pk,
                identifier_scheme=BUSINESS_ID_SCHEME,
                identifier_type=capfirst(str(Actor._meta.get_field("business_id").verbose_name)),
                identifier=actor.business_id,
            )
        )
    if actor.register_number:
        identifiers.append(
            OrganizationIdentifier(
                id=uid("actor", actor.pk, "register-number"),
                organization_id=pk,
                identifier_type=capfirst(str(Actor._meta.get_field("register_number").verbose_name)),
                identifier=actor.register_number,
            )
        )
    about = f"{capfirst(str(ActorKind(actor.kind).label))}, {actor.area.name}."
    other = actor.name if actor.display_name != actor.name else actor.name_sv
    return Organization(
        id=pk,
        name=actor.display_name,
        alternate_name=_text(other),
        description=f"{about}\n{actor.contact.strip()}" if actor.contact.strip() else about,
        website=_text(actor.website),
        organization_identifiers=identifiers,
    )


def _address(activity: Activity, location: UUID) -> Address:
    area: Area = activity.area
    found = _POSTAL.match(activity.address.strip())
    return Address(
        id=uid("activity", activity.pk, "address"),
        location_id=location,
        address_1=found["street"] if found else activity.address.strip(),
        city=(found["city"] if found and found["city"] else area.name).strip(),
        region=area.county.name if area.county else None,
        state_province=area.region.name if area.region else "",
        postal_code=found["code"] if found else "",
        country="FI",
        address_type="physical",
    )


def _locations(activity: Activity) -> list[ServiceAtLocation]:
    service = uid("activity", activity.pk)
    located = bool(activity.place or activity.address or activity.latitude is not None)
    made: list[tuple[str, Location]] = []
    if located or not activity.online:
        pk = uid("activity", activity.pk, "place")
        made.append(
            (
                "place",
                Location(
                    id=pk,
                    location_type="physical",
                    name=", ".join(part for part in (activity.place, activity.area.name) if part),
                    latitude=activity.latitude,
                    longitude=activity.longitude,
                    addresses=[_address(activity, pk)] if activity.address.strip() else [],
                    accessibility=[],
                ),
            )
        )
    if activity.online:
        pk = uid("activity", activity.pk, "online")
        made.append(
            (
                "online",
                Location(
                    id=pk,
                    location_type="virtual",
                    name=_("Online"),
                    url=_text(activity.join_url),
                    addresses=[],
                    accessibility=[],
                ),
            )
        )
    if activity.accessibility.strip():  # about the place where there is one, else about taking part online
        _kind, first = made[0]
        first.accessibility.append(
            Accessibility(
                id=uid("activity", activity.pk, "accessibility"),
                location_id=first.id,
                description=activity.accessibility.strip(),
            )
        )
    return [
        ServiceAtLocation(
            id=uid("activity", activity.pk, "at", kind), service_id=service, location_id=location.id, location=location
        )
        for kind, location in made
    ]


def _attributes(activity: Activity, vocabulary: Vocabulary, co_providers: Sequence[Actor]) -> list[Attribute]:
    """The service's terms: its themes, age groups and target groups, and a co-provider term per other provider
    (its organization's id as the value)."""
    ages = dict(AgeGroup.choices)
    linked: list[tuple[TaxonomyTerm, str | None]] = [
        *((vocabulary.term("themes", t.code, t.display_name, _names(t)), None) for t in activity.themes.all()),
        *(
            (vocabulary.term("age-groups", code, capfirst(str(ages[code])), capfirst(str(ages[code]))), None)
            for code in activity.age_groups
            if code in ages
        ),
        *(
            (vocabulary.term("target-groups", g.code, g.display_name, _names(g)), None)
            for g in activity.target_groups.all()
        ),
    ]
    if co_providers:
        role = vocabulary.term("roles", "co-provider", _("co-provider"), _("Offers the service with its organization."))
        linked += [(role, str(uid("actor", actor.pk))) for actor in co_providers]
    service = uid("activity", activity.pk)
    return [
        Attribute(
            id=uid("activity", activity.pk, "attribute", term.id, value or ""),
            link_id=service,
            link_entity="service",
            link_type="co_provider" if value else None,
            taxonomy_term_id=term.id,
            taxonomy_term=term,
            value=value,
        )
        for term, value in linked
    ]


def _costs(activity: Activity) -> tuple[str, list[CostOption]]:
    pk = uid("activity", activity.pk, "cost")
    service = uid("activity", activity.pk)
    if activity.is_free:
        free = capfirst(_("free of charge"))
        return free, [CostOption(id=pk, service_id=service, option=free, currency="EUR", amount=0)]
    fee = activity.fee.strip()
    return fee, [CostOption(id=pk, service_id=service, amount_description=fee)] if fee else []


def _schedules(activity: Activity) -> list[Schedule]:
    if not (activity.schedule.strip() or activity.starts_on or activity.ends_on):
        return []
    return [
        Schedule(
            id=uid("activity", activity.pk, "schedule"),
            service_id=uid("activity", activity.pk),
            valid_from=activity.starts_on,
            valid_to=activity.ends_on,
            description=_text(activity.schedule),
        )
    ]


def _eligibility(activity: Activity) -> str | None:
    groups = [*activity.age_group_labels(), *(g.display_name.lower() for g in activity.target_groups.all())]
    return capfirst(", ".join(groups)) if groups else None


def service(activity: Activity, vocabulary: Vocabulary, *, today: dt.date) -> Service:
    pk = uid("activity", activity.pk)
    providers = list(activity.providers.all())
    title = activity.display_title
    other = activity.title_sv if vocabulary.language == "fi" else activity.title
    fees, costs = _costs(activity)
    spoken = dict(Spoken.choices)
    checked = activity.last_checked_at
    return Service(
        id=pk,
        organization_id=uid("actor", providers[0].pk) if providers else None,
        name=title,
        alternate_name=_text(other) if other != title else None,
        description=_text(activity.display_description),
        url=_text(activity.join_url),
        status="inactive" if activity.ends_on and activity.ends_on < today else "active",
        fees_description=_text(fees),
        eligibility_description=_eligibility(activity),
        assured_date=timezone.localdate(checked) if checked else None,
        last_modified=checked or activity.created_at,
        organization=organization(providers[0]) if providers else None,
        phones=[Phone(id=uid("activity", activity.pk, "phone"), service_id=pk, number=activity.join_phone)]
        if activity.join_phone.strip()
        else [],
        schedules=_schedules(activity),
        service_areas=[
            ServiceArea(
                id=uid("activity", activity.pk, "area"),
                service_id=pk,
                name=activity.area.name,
                description=f"{AreaKind(activity.area.kind).label} {activity.area.code}",
            )
        ],
        service_at_locations=_locations(activity),
        languages=[
            HsdsLanguage(
                id=uid("activity", activity.pk, "language", code), service_id=pk, name=str(spoken[code]), code=code
            )
            for code in activity.languages
            if code in spoken
        ],
        cost_options=costs,
        attributes=_attributes(activity, vocabulary, providers[1:]),
    )


def services(
    activities: Iterable[Activity], *, language: str, today: dt.date
) -> tuple[list[Service], list[Organization]]:
    """The activities as services in `language`, and every organization they name (first providers and
    co-providers), each once."""
    with translation.override(language):
        vocabulary = Vocabulary(language)
        made: list[Service] = []
        actors: dict[int, Actor] = {}
        for activity in activities:
            made.append(service(activity, vocabulary, today=today))
            actors.update((actor.pk, actor) for actor in activity.providers.all())
        organizations = [organization(actor) for actor in sorted(actors.values(), key=lambda a: (a.name, a.pk))]
    return made, organizations


def as_json(document: Any) -> dict[str, Any]:
    """A document as the JSON HSDS expects: empty optional fields left out."""
    dumped: dict[str, Any] = document.model_dump(mode="json", exclude_none=True)
    return dumped
