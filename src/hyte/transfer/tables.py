"""What an organisation's archive holds: one table per model (many-to-many links included), each with the path
from its rows to the organisation, in the order the import inserts them.

A reference to a row of an earlier table is that row's primary key in the exporting instance; the import
remaps it. A reference to a later table or to the same table (a report's plan, an assessment's chosen option)
is nullable, inserted empty and set once every row is in. Shared data is referred to by natural key and never
copied: areas by kind and official code, the national catalogue's indicators by source and id at the source,
other organisations by slug, the register's themes and target groups by code. People are the `auth.user` table:
matched by e-mail on import. The register of actors and activities is carried in part (register.py): its entries
are matched to those an instance has already instead of being made twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q

from hyte.accounts.models import DraftSharing, Membership, Organisation
from hyte.actors.models import Activity, Actor, TargetGroup, Theme
from hyte.assessments.models import Assessment, AssessmentTemplate, GoalEffect, Hearing, Impact, Option
from hyte.audit.models import AuditEntry
from hyte.indicators.models import (
    ImportBatch,
    Indicator,
    IndicatorSet,
    IndicatorSetItem,
    Observation,
    ObservationChange,
    RejectedRow,
)
from hyte.regions.models import Area
from hyte.reports.models import (
    Amendment,
    AmendmentChange,
    Block,
    BudgetLine,
    Comment,
    Goal,
    GoalIndicator,
    Measure,
    Progress,
    Report,
    ReportImage,
    ReportVersion,
    Section,
)
from hyte.situation.models import Alert, Rule
from hyte.transfer import register

User = get_user_model()

# The people's fields that travel. Passwords, staff and superuser flags never do: an imported person signs in
# after a password reset or an invitation, and the target instance's administrators decide who is staff.
USER_FIELDS = ("username", "email", "first_name", "last_name", "is_active", "date_joined")


@dataclass(frozen=True)
class Table:
    model: type[models.Model]
    lookup: str  # the path from a row to its organisation, for `filter(**{lookup: organisation})`
    chunk: int = 2000  # rows read at a time; small where rows carry files
    scope: Callable[[Organisation], Q] | None = None  # instead of `lookup`: the rows of the organisation
    owner: str = ""  # a link's row: left as this instance has it when the row it belongs to was found here

    @property
    def name(self) -> str:
        return self.model._meta.label_lower

    @property
    def member(self) -> str:
        return f"tables/{self.name}.jsonl"

    @property
    def has_pk(self) -> bool:
        """Rows that others may refer to carry their primary key; the observations' key is their content."""
        return self.model is not Observation

    def fields(self) -> list[models.Field[Any, Any]]:
        """The stored columns the archive carries: every concrete field except a surrogate primary key."""
        return [
            field
            for field in self.model._meta.concrete_fields
            if field.column is not None and not (field.primary_key and self.has_pk)
        ]

    def rows(self, organisation: Organisation) -> models.QuerySet[Any]:
        if self.scope is not None:
            return self.model._default_manager.filter(self.scope(organisation))
        return self.model._default_manager.filter(**{self.lookup: organisation.pk})


def _links(model: type[models.Model], name: str, lookup: str) -> Table:
    """The table of a many-to-many field's links."""
    through = model._meta.get_field(name).remote_field.through  # type: ignore[union-attr]
    return Table(through, lookup)


def _activity_links(name: str) -> Table:
    through = Activity._meta.get_field(name).remote_field.through  # type: ignore[union-attr]
    return Table(through, "", scope=register.links_of, owner="activity")


TABLES: tuple[Table, ...] = (
    Table(Organisation, "pk"),
    Table(Membership, "organisation"),
    Table(DraftSharing, "organisation"),
    Table(Indicator, "organisation"),
    Table(IndicatorSet, "organisation"),
    Table(IndicatorSetItem, "indicator_set__organisation"),
    Table(ImportBatch, "organisation", chunk=20),
    Table(RejectedRow, "batch__organisation"),
    Table(Observation, "indicator__organisation", chunk=5000),
    Table(ObservationChange, "batch__organisation"),
    Table(Rule, "organisation"),
    Table(Alert, "rule__organisation"),
    Table(ReportImage, "organisation", chunk=20),
    Table(Report, "organisation"),
    Table(ReportVersion, "report__organisation", chunk=50),
    Table(Amendment, "plan__organisation"),
    Table(Section, "report__organisation"),
    _links(Section, "assignees", "section__report__organisation"),
    Table(Block, "section__report__organisation"),
    _links(Block, "indicators", "block__section__report__organisation"),
    Table(Goal, "report__organisation"),
    _links(Goal, "assignees", "goal__report__organisation"),
    _links(Goal, "supported_by", "from_goal__report__organisation"),
    Table(GoalIndicator, "goal__report__organisation"),
    Table(Measure, "goal__report__organisation"),
    _links(Measure, "assignees", "measure__goal__report__organisation"),
    Table(BudgetLine, "measure__goal__report__organisation"),
    Table(Progress, "report__organisation"),
    Table(Comment, "report__organisation"),
    Table(AmendmentChange, "amendment__plan__organisation"),
    Table(AssessmentTemplate, "organisation"),
    Table(Assessment, "organisation"),
    _links(Assessment, "participants", "assessment__organisation"),
    Table(Option, "assessment__organisation"),
    Table(Impact, "option__assessment__organisation"),
    _links(Impact, "indicators", "impact__option__assessment__organisation"),
    Table(GoalEffect, "option__assessment__organisation"),
    Table(Hearing, "assessment__organisation"),
    Table(Actor, "", scope=register.actors_of),
    Table(Activity, "", scope=register.activities_of),
    _activity_links("providers"),
    _activity_links("themes"),
    _activity_links("target_groups"),
    _activity_links("measures"),
    Table(AuditEntry, "organisation"),
)

USERS_MEMBER = "tables/auth.user.jsonl"

# What an organisation has that the archive leaves out, and why (tests/test_transfer.py checks that every model
# of the project is either carried, shared data referred to by key, or named here).
NOT_CARRIED: dict[str, str] = {
    "actors.activityimage": "the area's register: an activity's picture goes with the activity",
    "actors.actoralias": "the area's register: merged entries' source ids",
    "actors.notduplicate": "the area's register: pairs its keepers said are different actors",
    "actors.supportpath": "the area's register, not one organisation's: kept where the area is",
    "actors.supportpath_target_groups": "the area's register",
    "actors.supportpathstep": "the area's register: its steps name the area's activities",
    "actors.registerimport": "imports into the area's register (their files, outcomes and rejected rows) stay with it",
    "actors.welfareconcept": "instance-wide data, loaded by a migration or `hyte load_welfare_concept`",
    "actors.theme_maps_to": "instance-wide data: how a concept's themes map to THL's",
    "actors.areaconcept": "the area's choice, not one organisation's: made again where the area is",
    "accounts.apitoken": "a person's secret: made anew in the target instance",
    "notifications.notification": "a person's inbox, with links into the old instance",
    "notifications.preference": "a person's own choices, not the organisation's",
    "public.generation": "the public site's cache counter of the instance",
    "accounts.singlesignon": "the identity provider is set up by the target's administrators (it holds a secret)",
    "accounts.externalidentity": "links to the provider's accounts: made again at the first sign-in",
    "reports.reportexport": "PDFs made on request, kept a day: made anew",
    # Cooperation is between organisations: a negotiation belongs to no one organisation's archive (its parties'
    # plans, goals and people are in their own archives, and the links between them would not survive the trip).
    "cooperation.calendarstep": "one organisation's council-term calendar; its responsible person is a user",
    "cooperation.series": "between organisations: the convening county and its members",
    "cooperation.series_members": "between organisations",
    "cooperation.meeting": "between organisations",
    "cooperation.party": "between organisations",
    "cooperation.invitee": "between organisations",
    "cooperation.agendaitem": "between organisations",
    "cooperation.material": "between organisations",
    "cooperation.agreedaction": "between organisations; its owner and the goals it serves are other organisations'",
    "cooperation.agreedaction_goals": "links to several organisations' plans",
    "cooperation.agreedaction_indicators": "between organisations",
    "cooperation.confirmation": "between organisations",
    "cooperation.carriedaction": "a link from a negotiation to a report: the report's block travels with the report",
    "cooperation.interface": "between organisations: the county's register of its interfaces with its municipalities",
    "cooperation.interface_goals": "links to several organisations' plans",
    "cooperation.interface_indicators": "between organisations",
    "cooperation.interfaceowner": "between organisations",
    "cooperation.counterpartpair": "between organisations: a person of the county and one of a municipality",
    "cooperation.structure": "between organisations: members from several organisations",
    "cooperation.structuremember": "between organisations",
    # The HYTE coefficient is national data, kept by national administrators; a scenario is computed under one of
    # this instance's model versions and is made again where the organisation goes.
    "funding.coefficientmodel": "instance-wide data: national coefficient models, exchanged as JSON files",
    "funding.modelindicator": "instance-wide data: part of a coefficient model",
    "funding.teaviisarivalue": "instance-wide data: THL's TEAviisari results, imported from THL's files",
    "funding.officialresult": "instance-wide data: official results of a coefficient model",
    "funding.scenario": "computed under this instance's model versions: made again in the target",
    # The resources survey is between a sender (a national body, a county) and the organisations it asks.
    "national.surveyround": "between organisations: the sender and the organisations it asks",
    "national.surveyround_recipients": "between organisations",
    "national.question": "the sender's round: between organisations",
    "national.answer": "an answer to another organisation's round: kept where the round is",
    # Residents' comments carry personal data given for one round on the public site of this instance; a round
    # is kept where residents gave their input (its summary and the approved report travel with the report).
    "participation.round": "residents' input given on this instance's public site: kept where it was given",
    "participation.roundsection": "part of a comment round",
    "participation.comment": "residents' input, with personal data given for this instance only",
    "participation.change": "part of a comment round",
    "participation.support": "readers' keyed hashes, meaningless in another instance",
    "participation.flag": "readers' keyed hashes, meaningless in another instance",
    "participation.pollanswer": "readers' keyed hashes, meaningless in another instance",
    "participation.statement": "part of a comment round",
    "participation.discussion": "input of residents and the welfare group given on this instance: kept where given",
    "participation.participantgroup": "part of a value discussion",
    "participation.topic": "part of a value discussion (a goal made of a topic keeps its trail as text)",
    "participation.topicindicator": "part of a value discussion",
    "participation.vote": "participants' keyed hashes, meaningless in another instance",
    # Residents' surveys: the indicators they computed travel as the organisation's own indicators and observations;
    # the respondents' answers never leave the instance (kept only until their retention day).
    "surveys.survey": "its computed indicators travel as own indicators; the survey is set up again to import anew",
    "surveys.surveyimport": "uploads of respondents' answers: never carried",
    "surveys.response": "respondents' answers: never leave the instance, deleted after their retention day",
    "surveys.grouping": "a survey's definition: its published indicators travel as own indicators",
    "surveys.surveyindicator": "a survey's definition: its published indicators travel as own indicators",
    "surveys.surveyindicator_groupings": "a survey's definition",
    "surveys.cell": "computed from the answers: published as own indicators' observations, which travel",
    "cooperation.servicechain": "between organisations: the keeper and those taking part",
    "cooperation.servicechain_participants": "between organisations",
    "cooperation.servicechain_indicators": "between organisations",
    "cooperation.chainstep": "between organisations: each step is one organisation's",
    "cooperation.agreement": "between organisations: the keeper and the parties",
    "cooperation.agreementversion": "between organisations",
    "cooperation.agreementparty": "between organisations",
    # Grants are between organisations: a call's applications are NGOs', and its criteria point to the funder's plan.
    "grants.call": "between organisations: the funder's call and the NGOs' applications to it",
    "grants.call_goals": "links to the funder's plan goals, which would not survive the trip without the call",
    "grants.criterion": "between organisations: a call's criteria go with the call",
    "grants.question": "between organisations: a call's form goes with the call",
    "grants.application": "between organisations: an NGO's application to another organisation's call",
    "grants.application_activities": "links an application to the area's register",
    "grants.attachment": "between organisations: an application's files go with the application",
    "grants.reviewer": "between organisations: the funder's people reviewing NGOs' applications",
    "grants.declaration": "between organisations: a reviewer's declaration on an NGO's application",
    "grants.score": "between organisations: a reviewer's scores of an NGO's application",
    "grants.usereport": "between organisations: an NGO's report to the funder on a grant goes with the application",
}
SHARED: tuple[type[models.Model], ...] = (Area, Indicator, Organisation, Theme, TargetGroup)


def natural_key_fields(model: type[models.Model]) -> tuple[str, ...]:
    """The fields that name a shared row in every instance."""
    if model is Area:
        return ("kind", "code")
    if model is Indicator:
        return ("source", "source_id")  # of the national catalogue: organisation empty
    if model is Organisation:
        return ("slug",)
    if model in (Theme, TargetGroup):
        return ("code",)  # instance-wide data loaded by a migration (a region may keep its own)
    return ()


def table_of(model: type[models.Model]) -> Table | None:
    for table in TABLES:
        if table.model is model:
            return table
    return None


def position(model: type[models.Model]) -> int:
    for index, table in enumerate(TABLES):
        if table.model is model:
            return index
    return -1


def user_field(name: str) -> models.Field[Any, Any]:
    found = User._meta.get_field(name)
    assert isinstance(found, models.Field)  # noqa: S101 - a plain column of the user model
    return found


def is_user(model: Any) -> bool:
    return model is User
