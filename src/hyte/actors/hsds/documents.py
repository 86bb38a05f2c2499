"""The HSDS 3.0 objects the register exports, typed (the API's OpenAPI document shows them as they are).

Only the fields Hyte fills are declared. A field HSDS requires (`required` in the vendored schema: see
schema/README.md) is required here too (tests/test_register_export.py checks both ways); the others are optional
and left out of the JSON when empty (`exclude_none`).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal
from uuid import UUID

from ninja import Field, Schema


class Taxonomy(Schema):
    id: UUID
    name: str
    description: str
    version: str | None = None


class TaxonomyTerm(Schema):
    id: UUID
    code: str
    name: str
    description: str = Field(description="the term's names in Finnish, Swedish and English")
    taxonomy: str
    taxonomy_id: UUID
    taxonomy_detail: Taxonomy
    language: str


class Attribute(Schema):
    id: UUID
    link_id: UUID
    link_entity: str
    link_type: str | None = None
    taxonomy_term_id: UUID
    taxonomy_term: TaxonomyTerm
    value: str | None = Field(default=None, description="for a co-provider: its organization's id")


class OrganizationIdentifier(Schema):
    id: UUID
    organization_id: UUID
    identifier_scheme: str | None = Field(default=None, description="org-id.guide: FI-PRO, the business id (Y-tunnus)")
    identifier_type: str
    identifier: str


class Organization(Schema):
    id: UUID
    name: str
    alternate_name: str | None = None
    description: str
    website: str | None = None
    organization_identifiers: list[OrganizationIdentifier]


class Phone(Schema):
    id: UUID
    service_id: UUID
    number: str


class HsdsLanguage(Schema):
    id: UUID
    service_id: UUID
    name: str
    code: str = Field(description="ISO 639-1, or ISO 639-3 where there is no two-letter code (fse)")


class Schedule(Schema):
    id: UUID
    service_id: UUID
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    description: str | None = Field(default=None, description="a recurring schedule as written, e.g. Tuesdays 10–12")


class Address(Schema):
    id: UUID
    location_id: UUID
    address_1: str
    city: str
    region: str | None = None
    state_province: str
    postal_code: str
    country: str
    address_type: Literal["physical", "postal", "virtual"]


class Accessibility(Schema):
    id: UUID
    location_id: UUID
    description: str


class Location(Schema):
    id: UUID
    location_type: Literal["physical", "postal", "virtual"]
    url: str | None = None
    name: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    addresses: list[Address]
    accessibility: list[Accessibility]


class ServiceAtLocation(Schema):
    id: UUID
    service_id: UUID
    location_id: UUID
    location: Location


class ServiceArea(Schema):
    id: UUID
    service_id: UUID
    name: str
    description: str | None = None


class CostOption(Schema):
    id: UUID
    service_id: UUID
    option: str | None = None
    currency: str | None = None
    amount: float | None = None
    amount_description: str | None = None


class Service(Schema):
    id: UUID
    organization_id: UUID | None = None
    name: str
    alternate_name: str | None = None
    description: str | None = None
    url: str | None = None
    status: Literal["active", "inactive", "defunct", "temporarily closed"]
    fees_description: str | None = None
    eligibility_description: str | None = None
    assured_date: dt.date | None = None
    last_modified: dt.datetime | None = None
    organization: Organization | None = None
    phones: list[Phone]
    schedules: list[Schedule]
    service_areas: list[ServiceArea]
    service_at_locations: list[ServiceAtLocation]
    languages: list[HsdsLanguage]
    cost_options: list[CostOption]
    attributes: list[Attribute]


class ServicePage(Schema):
    """HSDS's page of services (`GET /services` of its API, fully nested), with the data's licence beside it and
    every organization the services name (co-providers too) in `organizations`."""

    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[Service]
    organizations: list[Organization]
    hsds_version: str = Field(description="the version of the Human Services Data Specification: 3.0")
    language: str = Field(description="the language of the texts: fi, sv or en")
    area: str = Field(description="the municipality or county: its official code and name")
    publisher: str
    licence: str
    licence_url: str
    attribution: str
    generated_at: dt.datetime
