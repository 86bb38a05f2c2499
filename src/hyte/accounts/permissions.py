"""The one permission resolver. Every "may this actor do X to Y" in views, the API and services asks it:

    perms = permissions_for(user)
    if perms.can(Action.EDIT, goal): ...
    require(actor, Action.EDIT, goal)            # in services: PermissionDenied unless allowed

Questions are object-level. An organisation answers from the actor's role in it (roles.py) and the drafts other
organisations share with it; a goal, a section or an assessment from its organisation plus, for editors, being
assigned; a comment from its author; the site (`SITE`) from the site's staff flags. Nothing outside this module
reads `is_staff`, `is_superuser`, a role or a membership to decide access (tests/test_architecture.py checks).

The system acting on its own (`hyte.core.actors.SystemActor`) may do everything; the audit log names it.
Models are read by duck typing, keyed by their label, so this module imports no domain app.
"""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import TYPE_CHECKING, Any, Final

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from hyte.accounts.models import DraftSharing, Membership, Organisation, OrganisationKind
from hyte.accounts.roles import ROLE_PERMISSIONS, SHARED_WITH_COUNTY, Perm, Role
from hyte.core.actors import SystemActor, Viewer

if TYPE_CHECKING:
    from django.db.models import Model


class Action(enum.StrEnum):
    """What an actor may want to do to an object."""

    VIEW = "view"  # read (an organisation: its own pages, members only)
    VIEW_DRAFTS = "view_drafts"  # an organisation's unpublished reports, plans and assessments
    CONTRIBUTE = "contribute"  # an organisation: start work of one's own (an impact assessment)
    EDIT = "edit"
    ASSIGN = "assign"  # give sections, goals and measures to members
    COMMENT = "comment"  # review comments on a report
    RESOLVE = "resolve"  # a review comment
    APPROVE = "approve"  # a report through review, approval and publication
    MANAGE_PEOPLE = "manage_people"  # who prepares and takes part in an assessment
    IMPORT = "import"  # an organisation: upload files of observations
    VIEW_AUDIT_LOG = "view_audit_log"
    MANAGE_MEMBERS = "manage_members"
    MANAGE_SETTINGS = "manage_settings"
    WORK_REGIONALLY = "work_regionally"  # a county: its municipalities' reports, the regional report
    CREATE_ORGANISATION = "create_organisation"  # the site
    EDIT_SHARED_DATA = "edit_shared_data"  # the site: the national catalogue, shared sets, Sotkanet's files
    REVOKE = "revoke"  # an API token
    HIDE = "hide"  # an activity: hide it from the public finder (the area's coordinators)
    VIEW_NATIONALLY = "view_nationally"  # the site: the signed-in national view (members of a national body)
    ADMINISTER_NATIONALLY = "administer_nationally"  # the site: national models and surveys (a national body's
    # coordinators and admins)


class Site:
    """The installation as a whole: the object of site-wide questions."""

    def __repr__(self) -> str:
        return "SITE"


SITE: Final = Site()

# Organisation-level actions and the role permission each needs.
_ORGANISATION_PERMS: Final[dict[Action, Perm]] = {
    Action.VIEW: Perm.VIEW_ORGANISATION,
    Action.VIEW_DRAFTS: Perm.VIEW_DRAFTS,
    Action.CONTRIBUTE: Perm.EDIT_ASSIGNED,
    Action.EDIT: Perm.EDIT_ALL,
    Action.ASSIGN: Perm.EDIT_ALL,
    Action.IMPORT: Perm.EDIT_ALL,
    Action.APPROVE: Perm.APPROVE,
    Action.VIEW_AUDIT_LOG: Perm.VIEW_AUDIT_LOG,
    Action.MANAGE_MEMBERS: Perm.MANAGE_MEMBERS,
    Action.MANAGE_SETTINGS: Perm.MANAGE_SETTINGS,
}

Rule = Callable[["Permissions", Any], bool]
_RULES: dict[tuple[str, Action], Rule] = {}


def _rule(label: str, *actions: Action) -> Callable[[Rule], Rule]:
    def register(rule: Rule) -> Rule:
        for action in actions:
            _RULES[(label, action)] = rule
        return rule

    return register


def _ids(users: Iterable[Any]) -> list[int]:
    return [user.pk for user in users if user is not None]


class Permissions:
    """What one actor may do; built once per request (`permissions_for`) and asked many times."""

    def __init__(self, actor: Viewer | None) -> None:
        self.actor: Viewer = actor if actor is not None else AnonymousUser()

    @property
    def is_system(self) -> bool:
        return isinstance(self.actor, SystemActor)

    @property
    def is_authenticated(self) -> bool:
        return bool(not self.is_system and self.actor.is_authenticated and self.actor.is_active)

    @property
    def user_id(self) -> int | None:
        return self.actor.pk if self.is_authenticated else None

    @cached_property
    def memberships(self) -> list[Membership]:
        """The actor's memberships in active organisations, for the organisation switcher and the API."""
        user_id = self.user_id
        if user_id is None:
            return []
        return list(
            Membership.objects.filter(user_id=user_id, organisation__is_active=True)
            .select_related("organisation", "organisation__area")
            .order_by("organisation__name")
        )

    @cached_property
    def _roles(self) -> dict[int, Role]:
        return {m.organisation_id: Role(m.role) for m in self.memberships}

    @cached_property
    def _shared_with_me(self) -> dict[int, frozenset[Perm]]:
        """Organisations whose drafts are shared with an organisation where I may read drafts."""
        readers_in = [org_id for org_id, role in self._roles.items() if Perm.VIEW_DRAFTS in ROLE_PERMISSIONS[role]]
        if not readers_in:
            return {}
        shares = DraftSharing.objects.filter(shared_with_id__in=readers_in, organisation__is_active=True).values_list(
            "organisation_id", flat=True
        )
        return dict.fromkeys(shares, SHARED_WITH_COUNTY)

    # The primitives the rules are made of --------------------------------------------------------------------

    def _perms_by_id(self, organisation_id: int) -> frozenset[Perm]:
        role = self._roles.get(organisation_id)
        own = ROLE_PERMISSIONS[role] if role is not None else frozenset()
        return own | self._shared_with_me.get(organisation_id, frozenset())

    def _perms_in(self, organisation: Organisation) -> frozenset[Perm]:
        if not self.is_authenticated or not organisation.is_active:
            return frozenset()
        return self._perms_by_id(organisation.pk)

    def _has(self, perm: Perm, organisation: Organisation) -> bool:
        return self.is_system or perm in self._perms_in(organisation)

    def _edits(self, organisation: Organisation, assignees: Iterable[Any]) -> bool:
        """Coordinators edit everything of their organisation; editors what is assigned to them."""
        if self._has(Perm.EDIT_ALL, organisation):
            return True
        return self._has(Perm.EDIT_ASSIGNED, organisation) and self.user_id in _ids(assignees)

    def _keeps(self, area_id: int | None, own_id: int | None, own: Perm, in_area: Perm) -> bool:
        """The register (register_rules.py): `own` in the entry's own organisation, or `in_area` in a municipality
        whose area it is."""
        if own_id is not None and own in self._perms_by_id(own_id):
            return True
        return any(
            in_area in ROLE_PERMISSIONS[Role(m.role)]
            for m in self.memberships
            if m.organisation.area_id == area_id and m.organisation.kind == OrganisationKind.MUNICIPALITY
        )

    # The questions ---------------------------------------------------------------------------------------------

    def can(self, action: Action, obj: Model | Site) -> bool:
        """May the actor do `action` to `obj`? An unknown question is a programming error, never a silent no."""
        if self.is_system:
            return True
        if isinstance(obj, Site):
            return self._site(action)
        if isinstance(obj, Organisation):
            return self._organisation(action, obj)
        rule = _RULES.get((obj._meta.label_lower, action))
        if rule is None:
            raise LookupError(f"the resolver has no rule for {action!r} on {obj._meta.label_lower}")
        return rule(self, obj)

    def _site(self, action: Action) -> bool:
        user: Any = self.actor
        if action == Action.CREATE_ORGANISATION:
            return self.is_authenticated and bool(user.is_superuser)
        if action == Action.EDIT_SHARED_DATA:
            return self.is_authenticated and bool(user.is_staff)
        if action == Action.VIEW_NATIONALLY:
            return self._in_national_body(Perm.VIEW_ORGANISATION)
        if action == Action.ADMINISTER_NATIONALLY:
            return self._in_national_body(Perm.EDIT_ALL)
        raise LookupError(f"the resolver has no rule for {action!r} on the site")

    def _in_national_body(self, perm: Perm) -> bool:
        """A national body (THL, Kuntaliitto, a ministry) is an organisation of kind NATIONAL; its members read the
        national view, and its coordinators and admins administer what is national (coefficient models, surveys)."""
        return any(
            m.organisation.kind == OrganisationKind.NATIONAL and perm in ROLE_PERMISSIONS[Role(m.role)]
            for m in self.memberships
        )

    def _organisation(self, action: Action, organisation: Organisation) -> bool:
        if action == Action.WORK_REGIONALLY:
            return organisation.kind == OrganisationKind.COUNTY and self._has(Perm.VIEW_DRAFTS, organisation)
        perm = _ORGANISATION_PERMS.get(action)
        if perm is None:
            raise LookupError(f"the resolver has no rule for {action!r} on an organisation")
        return self._has(perm, organisation)

    def allowed(self, organisation: Organisation) -> frozenset[str]:
        """Every organisation-level action the actor may take there: for menus and the API's `permissions`."""
        actions = [*_ORGANISATION_PERMS, Action.WORK_REGIONALLY]
        return frozenset(action.value for action in actions if self._organisation(action, organisation))

    def role_in(self, organisation: Organisation) -> Role | None:
        """The actor's own role, for display; access questions go through `can`."""
        return self._roles.get(organisation.pk)

    def readable_organisation_ids(self, action: Action = Action.VIEW) -> set[int]:
        """The organisations where the actor may do `action` (VIEW: members; VIEW_DRAFTS: shared drafts too)."""
        candidates = set(self._roles) | set(self._shared_with_me)
        perm = _ORGANISATION_PERMS[action]
        return {pk for pk in candidates if perm in self._perms_by_id(pk)}


# Object rules ------------------------------------------------------------------------------------------------------
# Each takes the resolver and the object. Publication status and organisation come from the object itself.


@_rule("reports.report", Action.VIEW)
def _view_report(perms: Permissions, report: Any) -> bool:
    return report.status == "published" or perms._has(Perm.VIEW_DRAFTS, report.organisation)


@_rule("reports.report", Action.EDIT, Action.ASSIGN)
def _edit_report(perms: Permissions, report: Any) -> bool:
    return perms._has(Perm.EDIT_ALL, report.organisation)


@_rule("reports.report", Action.APPROVE)
def _approve_report(perms: Permissions, report: Any) -> bool:
    return perms._has(Perm.APPROVE, report.organisation)


@_rule("reports.report", Action.COMMENT)
def _comment_report(perms: Permissions, report: Any) -> bool:
    return perms._has(Perm.VIEW_DRAFTS, report.organisation)


@_rule("reports.reportexport", Action.VIEW)
def _view_report_export(perms: Permissions, export: Any) -> bool:
    """A report's PDF, made in the background: for those who may read the report's drafts, as its export is."""
    return perms._has(Perm.VIEW_DRAFTS, export.report.organisation)


@_rule("reports.amendment", Action.VIEW)
def _view_amendment(perms: Permissions, amendment: Any) -> bool:
    return perms._has(Perm.VIEW_DRAFTS, amendment.plan.organisation)


@_rule("reports.amendment", Action.EDIT)
def _edit_amendment(perms: Permissions, amendment: Any) -> bool:
    return perms._has(Perm.EDIT_ALL, amendment.plan.organisation)


@_rule("reports.amendment", Action.APPROVE)
def _approve_amendment(perms: Permissions, amendment: Any) -> bool:
    return perms._has(Perm.APPROVE, amendment.plan.organisation)


@_rule("reports.section", Action.EDIT)
def _edit_section(perms: Permissions, section: Any) -> bool:
    return perms._edits(section.report.organisation, section.assignees.all())


@_rule("reports.block", Action.EDIT)
def _edit_block(perms: Permissions, block: Any) -> bool:
    return _edit_section(perms, block.section)


@_rule("reports.goal", Action.EDIT)
def _edit_goal(perms: Permissions, goal: Any) -> bool:
    return perms._edits(goal.report.organisation, goal.assignees.all())


@_rule("reports.measure", Action.EDIT)
def _edit_measure(perms: Permissions, measure: Any) -> bool:
    return perms._edits(measure.goal.report.organisation, measure.assignees.all())


@_rule("reports.progress", Action.EDIT)
def _edit_progress(perms: Permissions, entry: Any) -> bool:
    return _edit_measure(perms, entry.measure) if entry.measure_id else _edit_goal(perms, entry.goal)


@_rule("reports.comment", Action.RESOLVE)
def _resolve_comment(perms: Permissions, comment: Any) -> bool:
    """Its author (while still a reader of the report) and those who edit the whole report."""
    own = perms.user_id is not None and comment.author_id == perms.user_id
    return (own and perms._has(Perm.VIEW_DRAFTS, comment.report.organisation)) or _edit_report(perms, comment.report)


@_rule("situation.rule", Action.EDIT)
def _edit_rule(perms: Permissions, rule: Any) -> bool:
    return perms._has(Perm.EDIT_ALL, rule.organisation)


@_rule("situation.alert", Action.EDIT)
def _handle_alert(perms: Permissions, alert: Any) -> bool:
    """Dismissing an alert and turning it into a measure of the plan are the coordinator's."""
    return perms._has(Perm.EDIT_ALL, alert.rule.organisation)


@_rule("assessments.assessment", Action.VIEW)
def _view_assessment(perms: Permissions, assessment: Any) -> bool:
    return perms._has(Perm.VIEW_DRAFTS, assessment.organisation)


@_rule("assessments.assessment", Action.EDIT)
def _edit_assessment(perms: Permissions, assessment: Any) -> bool:
    """Coordinators edit every assessment; editors those they prepare or take part in."""
    people = [assessment.preparer, *assessment.participants.all()]
    return perms._edits(assessment.organisation, people)


@_rule("assessments.assessment", Action.MANAGE_PEOPLE)
def _manage_assessment_people(perms: Permissions, assessment: Any) -> bool:
    return perms._has(Perm.EDIT_ALL, assessment.organisation)


@_rule("assessments.assessmenttemplate", Action.EDIT)
def _edit_method(perms: Permissions, template: Any) -> bool:
    return perms._has(Perm.EDIT_ALL, template.organisation)


def _shared_or_own(perms: Permissions, obj: Any, own: Perm) -> bool:
    """Shared indicators and sets are the site's (staff edit them); an organisation's own are its members'."""
    if obj.organisation_id is None:
        return own == Perm.VIEW_ORGANISATION or perms._site(Action.EDIT_SHARED_DATA)
    return perms._has(own, obj.organisation)


@_rule("indicators.indicator", Action.VIEW)
@_rule("indicators.indicatorset", Action.VIEW)
def _view_indicator(perms: Permissions, obj: Any) -> bool:
    return _shared_or_own(perms, obj, Perm.VIEW_ORGANISATION)


@_rule("indicators.indicator", Action.EDIT)
@_rule("indicators.indicatorset", Action.EDIT)
def _edit_indicator(perms: Permissions, obj: Any) -> bool:
    return _shared_or_own(perms, obj, Perm.EDIT_ALL)


@_rule("indicators.importbatch", Action.VIEW, Action.EDIT)
def _edit_batch(perms: Permissions, batch: Any) -> bool:
    if batch.organisation_id is None:
        return perms._site(Action.EDIT_SHARED_DATA)
    return perms._has(Perm.EDIT_ALL, batch.organisation)


@_rule("accounts.membership", Action.EDIT)
def _edit_membership(perms: Permissions, membership: Any) -> bool:
    return perms._has(Perm.MANAGE_MEMBERS, membership.organisation)


@_rule("accounts.apitoken", Action.REVOKE)
def _revoke_token(perms: Permissions, token: Any) -> bool:
    return perms.user_id is not None and token.user_id == perms.user_id


def permissions_for(actor: Viewer | None) -> Permissions:
    """The resolver for `actor`, cached on the user object for the rest of the request."""
    if actor is None or isinstance(actor, SystemActor):
        return Permissions(actor)
    cached: Permissions | None = getattr(actor, "_hyte_permissions", None)
    if cached is None:
        cached = Permissions(actor)
        with contextlib.suppress(AttributeError):
            actor._hyte_permissions = cached  # type: ignore[union-attr]
    return cached


def require(actor: Viewer, action: Action, obj: Model | Site) -> None:
    """For services: raise PermissionDenied unless `actor` may do `action` to `obj`."""
    if not permissions_for(actor).can(action, obj):
        raise PermissionDenied


def get_organisation_for(user: Viewer, slug: str, action: Action) -> Organisation:
    """Fetch an organisation and check `action` in one call; 404 both when missing and when forbidden."""
    organisation = Organisation.objects.select_related("area", "area__county").filter(slug=slug).first()
    if organisation is None or not permissions_for(user).can(action, organisation):
        raise Http404
    return organisation


def get_for(user: Viewer, action: Action, queryset: Any, **lookup: Any) -> Any:
    """Fetch one object and check `action` on it in one call; 404 both when missing and when forbidden."""
    found = queryset.filter(**lookup).first()
    if found is None or not permissions_for(user).can(action, found):
        raise Http404
    return found


# The apps' own rules join the table above: `rules` imports their modules, each of which imports this one.
from hyte.accounts import rules  # noqa: E402, F401
