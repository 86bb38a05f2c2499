from django.http import HttpRequest
from ninja import Router, Schema

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, get_organisation_for, permissions_for
from hyte.core.http import AuthenticatedRequest

router = Router(tags=["organisations"])


class OrganisationOut(Schema):
    slug: str
    name: str
    name_sv: str
    kind: str
    area_kind: str | None
    area_code: str | None
    role: str | None
    permissions: list[str]


class MeOut(Schema):
    username: str
    first_name: str
    last_name: str
    email: str
    organisations: list[OrganisationOut]


def _organisation_out(request: HttpRequest, organisation: Organisation) -> OrganisationOut:
    perms = permissions_for(request.user)
    role = perms.role_in(organisation)
    return OrganisationOut(
        slug=organisation.slug,
        name=organisation.name,
        name_sv=organisation.name_sv,
        kind=organisation.kind,
        area_kind=organisation.area.kind if organisation.area else None,
        area_code=organisation.area.code if organisation.area else None,
        role=role.value if role else None,
        permissions=sorted(perms.allowed(organisation)),
    )


@router.get("/me", response=MeOut, summary="The caller and the organisations they belong to")
def me(request: AuthenticatedRequest) -> MeOut:
    user = request.user
    return MeOut(
        username=user.get_username(),
        first_name=user.first_name,
        last_name=user.last_name,
        email=user.email,
        organisations=[_organisation_out(request, m.organisation) for m in permissions_for(user).memberships],
    )


@router.get("/organisations", response=list[OrganisationOut], summary="The caller's organisations")
def my_organisations(request: AuthenticatedRequest) -> list[OrganisationOut]:
    return [_organisation_out(request, m.organisation) for m in permissions_for(request.user).memberships]


@router.get("/organisations/{slug}", response=OrganisationOut, summary="One of the caller's organisations")
def get_organisation(request: AuthenticatedRequest, slug: str) -> OrganisationOut:
    return _organisation_out(request, get_organisation_for(request.user, slug, Action.VIEW))
