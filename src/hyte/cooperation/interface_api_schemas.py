"""The bodies of the interface and structure API (`hyte.cooperation.interface_api`), typed for the OpenAPI
document."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from hyte.cooperation.structure_models import StructureKind


class InterfaceIn(Schema):
    name: str = Field(max_length=300, description="in Finnish")
    name_sv: str = Field("", max_length=300, description="in Swedish")
    description: str = Field("", max_length=20000)


class PairIn(Schema):
    municipality: str = Field(max_length=80, description="the municipality's short name (slug)")
    county_person: int = Field(description="the user id of the county's counterpart, a member of the county")
    municipality_person: int = Field(description="the user id of the municipality's counterpart, a member of it")
    starts_on: dt.date
    ends_on: dt.date | None = None


class StructureIn(Schema):
    name: str = Field(max_length=300, description="in Finnish")
    name_sv: str = Field("", max_length=300, description="in Swedish")
    kind: StructureKind
    description: str = Field("", max_length=20000)


class InterfaceChangeIn(InterfaceIn):
    county_owner: str = Field("", max_length=300, description="the county's unit or person responsible")
    next_review: dt.date | None = None
    last_reviewed: dt.date | None = None
    goals: list[int] = Field(
        [], max_length=200, description="ids of the shared goals (the county's and its municipalities' plans)"
    )
    indicators: list[int] = Field([], max_length=200, description="ids of the shared indicators")


class InterfaceRetireIn(Schema):
    retired: bool = Field(True, description="false takes a retired interface into use again")


class InterfaceOwnerIn(Schema):
    municipality: str = Field(max_length=80, description="the municipality's short name (slug)")
    owner: str = Field(max_length=300, description="its unit or person responsible; empty removes the owner")


class StructureMemberIn(Schema):
    organisation: str = Field(max_length=80, description="the short name (slug) of the organisation represented")
    name: str = Field(max_length=200)
    job_title: str = Field("", max_length=200)


class OrganisationRef(Schema):
    slug: str
    name: str
    kind: str


class PersonOut(Schema):
    id: int
    name: str


class PairOut(Schema):
    id: int
    municipality: OrganisationRef
    county_person: PersonOut | None
    municipality_person: PersonOut | None
    starts_on: dt.date
    ends_on: dt.date | None
    valid_today: bool


class OwnerOut(Schema):
    municipality: OrganisationRef
    owner: str


class InterfaceOut(Schema):
    id: int
    county: OrganisationRef
    name: str
    name_sv: str
    description: str
    county_owner: str
    is_retired: bool
    next_review: dt.date | None
    last_reviewed: dt.date | None
    owners: list[OwnerOut]
    pairs: list[PairOut]
    goals: list[int] = Field(description="ids of the shared plan goals")
    indicators: list[int] = Field(description="ids of the shared indicators")


class StructureMemberOut(Schema):
    id: int
    name: str
    job_title: str
    organisation: OrganisationRef


class StructureOut(Schema):
    id: int
    kind: str
    name: str
    name_sv: str
    description: str
    keeper: OrganisationRef
    members: list[StructureMemberOut]
