"""Every route and every API operation, as every persona, with its effect checked.

The cases are generated: every (URL pattern, method) that the URL resolver serves (found by asking each route)
and every operation of the OpenAPI document, × the personas: anonymous, an outsider (another municipality's admin),
Kemi's reader, editor, coordinator and admin, and the county with and without Kemi sharing its drafts. The table
below only says, for each, who may and what it does; a route or method without a row fails the suite.

Effects are checked as NetBox's view tests do: a read writes nothing; a write allowed leaves its audit row; a
write refused leaves the database as it was (every table's row count, and no audit row), whatever the status.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from hyte.accounts.services import unshare_drafts
from hyte.api.root import api
from hyte.audit.actions import AuditAction as A
from hyte.audit.models import AuditEntry
from tests.conftest import make_world
from tests.linked_events_server import serving
from tests.matrix_world import build as build_world
from tests.matrix_world import png_bytes

PERSONAS = ["anonymous", "outsider", "reader", "editor", "coordinator", "admin", "county", "county_unshared"]
SIGNED_IN = frozenset(PERSONAS) - {"anonymous"}
EVERYONE = frozenset(PERSONAS)
MEMBERS = frozenset({"reader", "editor", "coordinator", "admin"})
DRAFT_READERS = MEMBERS | {"county"}  # Kemi's members, and the county while Kemi shares its drafts
CONTRIBUTORS = frozenset({"editor", "coordinator", "admin"})
COORDINATORS = frozenset({"coordinator", "admin"})
ADMINS = frozenset({"admin"})
COUNTY = frozenset({"county", "county_unshared"})
NOBODY: frozenset[str] = frozenset()
# The national view's personas (tests/national_world.py): THL's reader and its coordinator, the national
# administrator. They are asked of the national view's rows (test_national_personas), besides the others.
NATIONAL_PERSONAS = ["national", "national_admin"]
NATIONAL = frozenset(NATIONAL_PERSONAS)
NATIONAL_ADMIN = frozenset({"national_admin"})


@dataclass(frozen=True)
class Route:
    """Who may use a route, how to call it and what it does."""

    allowed: frozenset[str]
    label: str = ""  # tells variants of one route apart
    args: dict[str, str] = field(default_factory=dict)  # URL arguments: a value, or {key} of the world
    data: dict[str, Any] = field(default_factory=dict)
    query: str = ""
    ok: int | dict[str, int] = 200  # the status of the allowed (per persona where it differs)
    audits: A | None = None  # a write: the action its allowed callers leave in the log
    public: bool = False  # no sign-in needed: the anonymous are refused like the others (404), not sent to log in
    writes_elsewhere: bool = False  # allowed writes outside the audited tables (the session, the language)
    # Personas who may see the object but are refused the write with a reason (not hidden): this status, nothing
    # written (e.g. a participant who is not the named checker of the minutes).
    refused: dict[str, int] = field(default_factory=dict)

    def status_for(self, persona: str) -> int:
        return self.ok.get(persona, self.ok["*"]) if isinstance(self.ok, dict) else self.ok


def read(allowed: frozenset[str], **extra: Any) -> Route:
    return Route(allowed, **extra)


def form(allowed: frozenset[str], audits: A, **extra: Any) -> Route:
    return Route(allowed, ok=302, audits=audits, **extra)


def api_write(allowed: frozenset[str], audits: A, ok: int = 200, **extra: Any) -> Route:
    return Route(allowed, ok=ok, audits=audits, **extra)


G, P, PUT, PATCH, DELETE = "GET", "POST", "PUT", "PATCH", "DELETE"
PUBLIC = {"public": True}
PUBLISHED = {"report_id": "{published}", "number": "2"}
DRAFT_AMENDMENT = {"report_id": "{published}", "number": "1"}  # a draft amendment of the published plan
REVIEWED_AMENDMENT = {"report_id": "{published}", "number": "2"}  # one in review
DECISION = {"decision_body": "Valtuusto", "decision_date": "2026-09-21", "decision_reference": "§ 77"}

# Cooperation: Lappi convenes a series with Kemi and an NGO; Tornio (the outsider) is not in it. Kemi's members take
# part; its coordinator is Kemi's checker of the minutes; the county (convener) runs the meetings.
LAPPI = {"slug": "lappi"}
SHARED_MINUTES = {"meeting_id": "{coop_shared}"}
NOT_THE_CHECKER = {"reader": 302, "editor": 302, "admin": 302}  # told that only the named checker confirms
NEW_MEETING = {"new-title": "Neuvottelu 2027", "new-date": "2027-03-10", "new-starts": "09:00", "new-ends": "12:00"}
SERIES = {"title": "Lapin neuvottelu", "kind": "hyte_yearly", "arrangement": "joint", "members": "{kemi_id}"}
STRUCTURE = {"name": "Kumppanuusryhmä", "name_sv": "Partnerskapsgrupp", "kind": "group"}
PAIR = {
    "municipality": "{kemi_id}",
    "county_person": "{county_user_id}",
    "municipality_person": "{editor_id}",
    "starts_on": "2026-01-01",
}
AGREEMENT_V1 = {"number": "1"}
AGREEMENT_V2 = {"number": "2"}
AGREEMENT_PARTY = {**AGREEMENT_V2, "party_id": "{agreement_party}"}
AGREEMENT_TEXT = {"term_start": "2026-01-01", "term_end": "2029-12-31", "goals": "Tavoite"}
AGREEMENT_DECISION = {
    "p{agreement_party}-body": "Kaupunginvaltuusto",
    "p{agreement_party}-date": "2026-10-01",
    "p{agreement_party}-reference": "§ 12",
}
API_DECISION = {"party": "kemi", "body": "Kaupunginvaltuusto", "date": "2026-10-01", "reference": "§ 12"}
CHAIN = {"name": "Ketju", "name_sv": "Kedja"}
CHAIN_STEP_ARGS = {**LAPPI, "step_id": "{chain_step}"}
CHAIN_STEP_EDIT = {"title": "Neuvonta", "phase": "counselling", "organisation": "{kemi_id}"}
CHAIN_STEP = {"new-title": "Ryhmä", "new-phase": "continuation", "new-organisation": "{kemi_id}"}
ACTION = {"text": "Sovittu toimi", "owner": "{kemi_id}", "owner_person": "Kaisa Koordinaattori"}
API_MEETING = {"title": "Siirretty", "starts_at": "2026-03-12T10:00:00", "ends_at": "2026-03-12T12:00:00"}

# Participation: Kemi's open comment round (anonymous comments allowed) and an ended one with its summary.
ROUND_COMMENT = {"comment_id": "{round_comment}"}
PUBLIC_ROUND = {"lang": "fi", "round_id": "{round}"}
NEW_ROUND = {
    "report": "{report}",
    "sections": "{section}",
    "title": "Kommentoi",
    "opens_on": "2026-01-01",
    "closes_on": "2026-02-01",
    "anonymous_allowed": "on",
}
NEW_DISCUSSION = {
    "report": "{report}",
    "title": "Arvokeskustelu",
    "groups": "Hyvinvointiryhmä",
    "votes_per_participant": "3",
}
COLLECTING = {"discussion_id": "{discussion_collecting}"}
MEMBERS_TOPIC = {"kind": "joy", "text": "Kirjasto", "group": "{discussion_collecting_group}"}

# Grants: Kemi's call (published, with Kemin Martat's application sent and Kemin Nuoret's draft) and a draft call.
# The NGOs' own pages are theirs alone: no persona of the matrix is an NGO's member (tests/test_grants.py checks them).
DRAFT_CALL = {"call_id": "{grant_draft_call}"}
SENT = {"application_id": "{grant_application}"}
NGO_DRAFT = {"slug": "kemin-nuoret", "application_id": "{grant_draft}"}
GRANTED = {"application_id": "{grant_decided_application}"}  # its use report sent by Kemin Nuoret
NGO_GRANTED = {**GRANTED, "slug": "kemin-nuoret"}
CALL = {
    "title": "Hyte-avustukset",
    "kind": "general",
    "budget": "5000",
    "opens": "2026-01-01T08:00",
    "closes": "2027-01-31T16:00",
    "weights_total": "100",
    "scale": "0 | Ei | Nej\n2 | Osittain | Delvis\n6 | Hyvin | Väl",
    "proposal_rule": "full",
    "goals": "{grant_goal}",
}

REGISTER_ACTOR = {"kind": "ngo", "name": "Kemin Martat ry", "area": "{kemi_area}", "business_id": "0201256-6"}
REGISTER_ACTIVITY = {
    "title": "Tuolijumppa",
    "providers": "{register_actor}",
    "area": "{kemi_area}",
    "is_free": "on",
    "image_alt_text": "Kirjaston sali",  # the activity has a picture: its text alternatives are sent with the form
    "image_alt_text_sv": "Bibliotekets sal",
}
API_ACTOR = {"kind": "ngo", "name": "Kemin Martat ry", "municipality": "240", "business_id": "0201256-6"}
API_ACTIVITY = {
    "title": "Tuolijumppa",
    "providers": ["{register_actor}"],
    "municipality": "240",
    "themes": ["nutrition"],
}
SUPPORT_PATH = {"title": "Polku", "title_sv": "Stig", "introduction": "Johdanto", "introduction_sv": "Inledning"}
API_STEP = {"heading": "Askel", "service_name": "Neuvonta", "service_phone": "040 000 0001"}
SUPPORT_PATH_STEP = {"heading": "Askel", "kind": "service", "service_name": "Neuvonta", "service_phone": "040 000 0001"}
REGISTER_EVENTS = {"query": "keyword=yso:p916", "municipality": "{kemi_area}", "provider": "{register_actor}"}
REGISTER_COLUMNS = {"header_row": "1", "id": "0", "title": "1", "provider": "2"}

# The national view: THL's round asks Kemi and Tornio (Kemi has submitted); a second round is being prepared.
THL = {"slug": "thl"}
RESOURCE_ROUND = {"round_id": "{resource_round}"}
DRAFT_RESOURCE_ROUND = {"slug": "thl", "round_id": "{draft_resource_round}"}
NEW_RESOURCE_ROUND = {"title_fi": "Kysely", "year": "2027", "scope": "all_municipalities", "closes_on": "2099-12-31"}
ANSWER = {"coordinator_named": "yes", "coordinator_name": "Kaisa", "person_years": "1,5"}
NATIONAL_ROWS: dict[tuple[str, str], list[Route]] = {
    ("national-surveys", G): [read(MEMBERS, label="kemi"), read(NATIONAL, label="thl", args=THL)],
    ("national-surveys", P): [form(NATIONAL_ADMIN, A.SURVEY_ROUND_CREATE, args=THL, data=NEW_RESOURCE_ROUND)],
    ("national-survey", G): [
        read(MEMBERS, label="kemi, asked", args=RESOURCE_ROUND),
        read(NATIONAL, label="thl, the sender", args={**THL, **RESOURCE_ROUND}),
        read(NATIONAL, label="being prepared", args=DRAFT_RESOURCE_ROUND),
    ],
    ("national-question-add", P): [
        form(
            NATIONAL_ADMIN,
            A.SURVEY_QUESTION_ADD,
            args=DRAFT_RESOURCE_ROUND,
            data={"kind": "number", "text_fi": "Montako?"},
        )
    ],
    ("national-question-remove", P): [
        form(NATIONAL_ADMIN, A.SURVEY_QUESTION_REMOVE, args={**DRAFT_RESOURCE_ROUND, "question_id": "{draft_question}"})
    ],
    ("national-survey-open", P): [form(NATIONAL_ADMIN, A.SURVEY_ROUND_OPEN, args=DRAFT_RESOURCE_ROUND)],
    ("national-survey-close", P): [form(NATIONAL_ADMIN, A.SURVEY_ROUND_CLOSE, args={**THL, **RESOURCE_ROUND})],
    ("national-survey-xlsx", G): [
        read(MEMBERS, args=RESOURCE_ROUND),
        read(NATIONAL, label="thl", args={**THL, **RESOURCE_ROUND}),
    ],
    ("national-answer", G): [read(MEMBERS, args=RESOURCE_ROUND)],
    ("national-answer", P): [form(COORDINATORS, A.SURVEY_ANSWER_SAVE, args=RESOURCE_ROUND, data=ANSWER)],
    ("national-overview", G): [read(NATIONAL)],
    ("national-export", G): [
        read(NATIONAL, label="xlsx", args={"file_format": "xlsx"}),
        read(NATIONAL, label="csv", args={"file_format": "csv"}, query="county=21"),
    ],
    ("national-public", G): [read(EVERYONE | NATIONAL, args={"lang": "sv"}, query="kind=county", **PUBLIC)],
    ("national-open-data", G): [
        read(EVERYONE | NATIONAL, label="json", args={"name": "finland.json"}, **PUBLIC),
        read(EVERYONE | NATIONAL, label="csv", args={"name": "finland.csv"}, **PUBLIC),
    ],
    ("api:list_resource_rounds", G): [read(MEMBERS), read(NATIONAL, label="thl", args=THL)],
    ("api:get_resource_results", G): [
        read(MEMBERS, args=RESOURCE_ROUND),
        read(NATIONAL, label="thl", args={**THL, **RESOURCE_ROUND}),
    ],
    ("api:put_resource_answer", PUT): [
        api_write(
            COORDINATORS, A.SURVEY_ANSWER_SAVE, args=RESOURCE_ROUND, data={"coordinator_named": True, "person_years": 2}
        )
    ],
    ("api:get_overview", G): [read(SIGNED_IN | NATIONAL, query="kind=county")],
}
# Residents' surveys: Kemi's members read them; its coordinators set them up, import results and define indicators.
SURVEY = {
    "title_fi": "Kysely",
    "title_sv": "Enkät",
    "year": "2026",
    "tool": "table",
    "min_cell": "5",
    "keep_until": "2027-06-30",
}
SURVEY_SETTINGS = {
    "title_fi": "Kysely",
    "title_sv": "Enkät",
    "year": "2026",
    "min_cell": "6",
    "keep_until": "2027-06-30",
}
SURVEY_TABLE = {"survey_id": "{survey_table}", "import_id": "{survey_mapping}"}
SURVEY_PREVIEW = {"import_id": "{survey_preview}"}

EXPECT: dict[tuple[str, str], list[Route]] = {
    ("home", G): [read(EVERYONE, public=True, ok={"*": 302, "anonymous": 200})],
    ("healthz", G): [read(EVERYONE, **PUBLIC)],
    ("set-language", P): [
        read(EVERYONE, data={"language": "sv", "next": "/"}, ok=302, writes_elsewhere=True, **PUBLIC)
    ],
    ("login", G): [read(EVERYONE, ok={"*": 302, "anonymous": 200}, **PUBLIC)],
    ("login", P): [read(EVERYONE, ok={"*": 302, "anonymous": 200}, writes_elsewhere=True, **PUBLIC)],
    ("logout", P): [read(EVERYONE, ok=302, writes_elsewhere=True, **PUBLIC)],
    # Without a password typed first, the code page sends everyone back to sign in.
    ("login-code", G): [read(EVERYONE, ok=302, writes_elsewhere=True, **PUBLIC)],
    ("login-code", P): [read(EVERYONE, ok=302, data={"code": "123456"}, writes_elsewhere=True, **PUBLIC)],
    # No organisation of the matrix world has single sign-on: 404 for all (the flow itself is tested against a
    # real provider in test_single_sign_on.py).
    ("sso-start", G): [read(NOBODY, args={"slug": "kemi"}, **PUBLIC)],
    ("sso-callback", G): [read(NOBODY, args={"slug": "kemi"}, query="code=x&state=y", **PUBLIC)],
    ("two-factor", G): [read(SIGNED_IN, writes_elsewhere=True)],  # the new secret waits in the session
    ("two-factor", P): [read(SIGNED_IN, ok=302, data={"code": "123456"}, writes_elsewhere=True)],  # a wrong code
    ("password-change", G): [read(SIGNED_IN)],
    (
        "password-change",
        P,
    ): [
        form(
            SIGNED_IN,
            A.USER_PASSWORD,
            data={
                "old_password": "correct-horse-battery",
                "new_password1": "a-much-better-secret-42",
                "new_password2": "a-much-better-secret-42",
            },
        )
    ],
    ("password-change-done", G): [read(SIGNED_IN)],
    ("password-reset", G): [read(EVERYONE, **PUBLIC)],
    # An address without an account: the same answer as for one with, and nothing written but the rate count.
    ("password-reset", P): [read(EVERYONE, ok=302, data={"email": "nobody@example.fi"}, **PUBLIC)],
    ("password-reset-sent", G): [read(EVERYONE, **PUBLIC)],
    # A link that is not valid: the page says so, and a new password is not taken.
    ("password-reset-confirm", G): [read(EVERYONE, args={"uidb64": "MQ", "token": "x-y"}, **PUBLIC)],
    ("password-reset-confirm", P): [
        read(
            EVERYONE,
            args={"uidb64": "MQ", "token": "x-y"},
            data={"new_password1": "a-much-better-secret-42", "new_password2": "a-much-better-secret-42"},
            **PUBLIC,
        )
    ],
    ("password-reset-done", G): [read(EVERYONE, **PUBLIC)],
    ("invitation-accept", G): [read(EVERYONE, args={"uidb64": "MQ", "token": "x-y"}, **PUBLIC)],
    ("invitation-accept", P): [
        read(
            EVERYONE,
            args={"uidb64": "MQ", "token": "x-y"},
            data={"new_password1": "a-much-better-secret-42", "new_password2": "a-much-better-secret-42"},
            **PUBLIC,
        )
    ],
    ("api-tokens", G): [read(SIGNED_IN)],
    ("api-tokens", P): [Route(SIGNED_IN, data={"name": "script", "valid_for": "90"}, audits=A.API_TOKEN_CREATE)],
    ("api-token-revoke", P): [form(ADMINS, A.API_TOKEN_REVOKE)],
    ("notifications", G): [read(SIGNED_IN)],
    ("notifications", P): [form(SIGNED_IN, A.NOTIFICATION_SETTINGS, data={"language": "sv", "email": "on"})],
    ("notifications-read", P): [form(SIGNED_IN, A.NOTIFICATIONS_READ)],  # everyone in the world has been told
    ("organisation-switch", P): [
        read(MEMBERS, data={"organisation": "{kemi_id}"}, ok=302, writes_elsewhere=True),
    ],
    ("organisation-home", G): [read(MEMBERS)],
    ("organisation-members", G): [read(MEMBERS)],
    ("organisation-members", P): [form(ADMINS, A.MEMBER_ADD, data={"email": "new@example.fi", "role": "reader"})],
    ("organisation-member-role", P): [form(ADMINS, A.MEMBER_ROLE, data={"role": "editor"})],
    ("organisation-member-remove", P): [form(ADMINS, A.MEMBER_REMOVE)],
    ("organisation-settings", G): [read(COORDINATORS)],
    ("organisation-settings", P): [
        form(COORDINATORS, A.SHARING_REMOVE, data={"county": "{lappi_id}", "share": "0"}),
    ],
    ("organisation-audit-log", G): [read(COORDINATORS)],
    # The register of actors and activities: Kemi's members read it, its coordinators keep it.
    ("register-actors", G): [read(MEMBERS)],
    ("register-actor-new", G): [read(COORDINATORS)],
    ("register-actor-new", P): [form(COORDINATORS, A.ACTOR_CREATE, data=REGISTER_ACTOR)],
    ("register-actor", G): [read(COORDINATORS)],
    ("register-actor", P): [form(COORDINATORS, A.ACTOR_UPDATE, data=REGISTER_ACTOR)],
    ("register-activities", G): [read(MEMBERS)],
    ("register-gaps", G): [read(MEMBERS)],
    ("register-gaps-xlsx", G): [read(MEMBERS)],
    ("register-gaps-places", G): [read(MEMBERS, query="age=older")],
    # The welfare concept of Kemi's area: its coordinators and admins choose (the county chooses its own).
    ("register-concept", G): [read(COORDINATORS)],
    ("register-concept", P): [form(COORDINATORS, A.WELFARE_CONCEPT_CHOOSE, data={"concept": "pohjois-pohjanmaa"})],
    ("register-activity-new", G): [read(COORDINATORS)],
    ("register-activity-new", P): [form(COORDINATORS, A.ACTIVITY_CREATE, data=REGISTER_ACTIVITY)],
    ("register-activity", G): [
        read(COORDINATORS),
        read(COORDINATORS, label="draft", args={"activity_id": "{register_draft}"}),
    ],
    ("register-activity", P): [form(COORDINATORS, A.ACTIVITY_UPDATE, data=REGISTER_ACTIVITY)],
    ("register-activity-image", G): [read(COORDINATORS)],
    ("register-activity-hide", P): [form(COORDINATORS, A.ACTIVITY_HIDE, data={"reason": "Sopimaton"})],
    ("register-activity-unhide", P): [form(COORDINATORS, A.ACTIVITY_UNHIDE, args={"activity_id": "{register_hidden}"})],
    ("register-activity-check", P): [form(COORDINATORS, A.ACTIVITY_CHECK)],
    ("register-stale", G): [read(COORDINATORS)],
    # Cooperation: the negotiations (see LAPPI above).
    ("cooperation", G): [
        read(MEMBERS, label="kemi"),
        read(COUNTY, label="lappi", args=LAPPI),
        read(frozenset({"outsider"}), label="tornio, in no series", args={"slug": "tornio"}),
    ],
    ("cooperation", P): [form(COUNTY, A.SERIES_CREATE, args=LAPPI, data=SERIES)],
    ("cooperation-series", G): [read(MEMBERS), read(COUNTY, label="convener", args=LAPPI)],
    ("cooperation-series", P): [form(COUNTY, A.SERIES_UPDATE, args=LAPPI, data=SERIES)],
    ("cooperation-series-ics", G): [read(MEMBERS), read(COUNTY, label="convener", args=LAPPI)],
    ("cooperation-meeting-new", P): [form(COUNTY, A.MEETING_CREATE, args=LAPPI, data=NEW_MEETING)],
    ("cooperation-meeting", G): [
        read(MEMBERS),
        read(COUNTY, label="convener", args=LAPPI),
        read(NOBODY, label="Tornio not invited", args={"slug": "tornio"}),
    ],
    ("cooperation-meeting", P): [
        form(
            COUNTY,
            A.MEETING_UPDATE,
            args=LAPPI,
            data={"title": "Siirretty", "date": "2026-03-12", "starts": "10:00", "ends": "12:00"},
        )
    ],
    ("cooperation-party-add", P): [form(COUNTY, A.PARTY_ADD, args=LAPPI, data={"organisation": "{tornio_id}"})],
    ("cooperation-party-checker", P): [
        form(COORDINATORS, A.PARTY_CHECKER, data={"checker": "{editor_id}"}),  # Kemi names its own checker
        form(COUNTY, A.PARTY_CHECKER, label="convener", args=LAPPI, data={"checker": "{editor_id}"}),
    ],
    ("cooperation-invitee-add", P): [
        form(
            COUNTY,
            A.INVITEE_ADD,
            args=LAPPI,
            data={"name": "Eino Asiantuntija", "role": "expert", "participation": "if_needed"},
        )
    ],
    ("cooperation-invitee-remove", P): [form(COUNTY, A.INVITEE_REMOVE, args=LAPPI)],
    ("cooperation-material-add", P): [
        form(COUNTY, A.MATERIAL_ADD, args=LAPPI, data={"title": "Ohje", "url": "https://thl.fi/"})
    ],
    ("cooperation-material", G): [read(MEMBERS), read(COUNTY, label="convener", args=LAPPI)],
    ("cooperation-material-remove", P): [form(COUNTY, A.MATERIAL_REMOVE, args=LAPPI)],
    ("cooperation-agenda", G): [read(COUNTY, args=LAPPI)],
    ("cooperation-agenda", P): [form(COUNTY, A.AGENDA_ADD, args=LAPPI, data={"new-title": "Muut asiat"})],
    ("cooperation-agenda-item", P): [
        form(COUNTY, A.AGENDA_EDIT, args=LAPPI, data={"title": "Uusi otsikko", "body": "x"})
    ],
    ("cooperation-agenda-move", P): [form(COUNTY, A.AGENDA_MOVE, args=LAPPI, data={"to": "down"})],
    ("cooperation-agenda-remove", P): [form(COUNTY, A.AGENDA_REMOVE, args=LAPPI)],
    ("cooperation-minutes", G): [read(MEMBERS), read(COUNTY, label="convener", args=LAPPI)],
    ("cooperation-minutes", P): [form(COUNTY, A.MINUTES_EDIT, args=LAPPI, data={"minutes-{coop_item}": "Pöytäkirja"})],
    ("cooperation-minutes-share", P): [form(COUNTY, A.MINUTES_SHARE, args=LAPPI)],
    ("cooperation-minutes-reopen", P): [form(COUNTY, A.MINUTES_REOPEN, args={**LAPPI, **SHARED_MINUTES})],
    ("cooperation-minutes-confirm", P): [
        Route(
            frozenset({"coordinator"}),
            ok=302,
            audits=A.MINUTES_CONFIRM,
            args=SHARED_MINUTES,
            data={"decision": "confirmed"},
            refused=NOT_THE_CHECKER,
        ),
        form(
            COUNTY,
            A.MINUTES_CONFIRM,
            label="the county's checker",
            args={**LAPPI, **SHARED_MINUTES},
            data={"decision": "confirmed"},
        ),
    ],
    ("cooperation-action-add", P): [form(COUNTY, A.ACTION_ADD, args=LAPPI, data=ACTION)],
    ("cooperation-action", G): [read(COUNTY, args=LAPPI)],
    ("cooperation-action", P): [form(COUNTY, A.ACTION_EDIT, args=LAPPI, data=ACTION)],
    ("cooperation-action-follow-up", P): [
        form(CONTRIBUTORS, A.ACTION_PROGRESS, data={"status": "in_progress"}),  # Kemi owns it
        form(COUNTY, A.ACTION_PROGRESS, label="convener", args=LAPPI, data={"status": "in_progress"}),
    ],
    # Into the annual report in preparation: reports' own service decides who writes there (coordinators).
    ("cooperation-action-carry", P): [
        form(COORDINATORS, A.ACTION_CARRY, args={"action_id": "{coop_kemi_action}"}),
        form(COUNTY, A.ACTION_CARRY, label="county", args={**LAPPI, "action_id": "{coop_kemi_action}"}),
    ],
    # Interfaces: Lappi's register, read by the members of Lappi and of its municipalities (Kemi, and Tornio, the
    # outsider's); kept by the county's coordinators.
    ("cooperation-interfaces", G): [
        read(MEMBERS),
        read(COUNTY, label="county", args=LAPPI),
        read(frozenset({"outsider"}), label="tornio, a municipality of the county", args={"slug": "tornio"}),
    ],
    ("cooperation-interfaces", P): [
        form(COUNTY, A.INTERFACE_CREATE, args=LAPPI, data={"name": "Liikuntaneuvonta", "name_sv": "Motionsrådgivning"})
    ],
    ("cooperation-interface-defaults", P): [form(COUNTY, A.INTERFACE_DEFAULTS, args=LAPPI)],
    ("cooperation-interface-gaps", G): [read(COUNTY, args=LAPPI)],
    ("cooperation-interface", G): [read(MEMBERS), read(COUNTY, label="county", args=LAPPI)],
    ("cooperation-interface", P): [form(COUNTY, A.INTERFACE_UPDATE, args=LAPPI, data={"name": "Päihdetyö"})],
    ("cooperation-interface-retire", P): [form(COUNTY, A.INTERFACE_RETIRE, args=LAPPI, data={"retired": "1"})],
    ("cooperation-interface-owner", P): [
        form(COUNTY, A.INTERFACE_OWNER, args=LAPPI, data={"municipality": "{kemi_id}", "owner": "Hyte-yksikkö"})
    ],
    ("cooperation-pair-add", P): [form(COUNTY, A.PAIR_ADD, args=LAPPI, data=PAIR)],
    ("cooperation-pair-remove", P): [form(COUNTY, A.PAIR_REMOVE, args=LAPPI)],
    ("cooperation-party-remove", P): [form(COUNTY, A.PARTY_REMOVE, args={**LAPPI, "party_id": "{coop_ngo_party}"})],
    # Structures: Lappi's network with a member from Kemi; Kemi's coordinators set up their own.
    ("cooperation-structures", G): [
        read(MEMBERS),
        read(COUNTY, label="keeper", args=LAPPI),
        read(frozenset({"outsider"}), label="tornio, in none", args={"slug": "tornio"}),
    ],
    ("cooperation-structures", P): [
        form(COORDINATORS, A.STRUCTURE_CREATE, data=STRUCTURE),
        form(COUNTY, A.STRUCTURE_CREATE, label="county", args=LAPPI, data=STRUCTURE),
    ],
    ("cooperation-structure", G): [read(MEMBERS), read(COUNTY, label="keeper", args=LAPPI)],
    ("cooperation-structure", P): [form(COUNTY, A.STRUCTURE_UPDATE, args=LAPPI, data=STRUCTURE)],
    ("cooperation-structure-member-add", P): [
        form(COUNTY, A.STRUCTURE_MEMBER_ADD, args=LAPPI, data={"organisation": "{tornio_id}", "name": "Tiina"})
    ],
    ("cooperation-structure-member-remove", P): [form(COUNTY, A.STRUCTURE_MEMBER_REMOVE, args=LAPPI)],
    # The council-term calendar: Kemi's 2025–2029 (tests/matrix_world.py); its coordinators generate and edit it.
    ("cooperation-calendar", G): [
        read(MEMBERS),
        read(COUNTY, label="county", args=LAPPI),
        read(frozenset({"outsider"}), label="tornio", args={"slug": "tornio"}),
    ],
    ("cooperation-calendar", P): [form(COORDINATORS, A.CALENDAR_GENERATE, data={"term_start": "2029"})],
    ("cooperation-calendar-step", P): [
        form(COORDINATORS, A.CALENDAR_STEP_UPDATE, data={"due": "2026-11-30", "responsible": "{editor_id}"})
    ],
    # A step is marked done by the coordinators and by the person responsible for it (Kemi's editor).
    ("cooperation-calendar-step-done", P): [
        form(COORDINATORS | {"editor"}, A.CALENDAR_STEP_DONE, data={"done_on": "2026-01-15"})
    ],
    ("cooperation-calendar-ics", G): [read(MEMBERS), read(COUNTY, label="county", args=LAPPI)],
    ("cooperation-counterparts", G): [
        read(MEMBERS),
        read(frozenset({"outsider"}), label="tornio", args={"slug": "tornio"}),
        read(NOBODY, label="a county has none", args=LAPPI),
    ],
    # Service chains: Lappi keeps a published chain with Kemi taking part (tests/chain_world.py); Kemi's members read
    # it through Kemi, the county's coordinators keep it.
    ("cooperation-chains", G): [
        read(MEMBERS),
        read(COUNTY, label="keeper", args=LAPPI),
        read(frozenset({"outsider"}), label="tornio, in no chain", args={"slug": "tornio"}),
    ],
    ("cooperation-chains", P): [form(COUNTY, A.CHAIN_CREATE, args=LAPPI, data=CHAIN)],
    ("cooperation-chain", G): [
        read(MEMBERS),
        read(COUNTY, label="keeper", args=LAPPI),
        read(COUNTY, label="draft", args={**LAPPI, "chain_id": "{chain_draft}"}),
        read(NOBODY, label="Tornio not in it", args={"slug": "tornio"}),
    ],
    ("cooperation-chain", P): [form(COUNTY, A.CHAIN_UPDATE, args=LAPPI, data={**CHAIN, "participants": "{kemi_id}"})],
    ("cooperation-chain-svg", G): [read(MEMBERS), read(COUNTY, label="keeper", args=LAPPI)],
    ("cooperation-chain-step-add", P): [form(COUNTY, A.CHAIN_STEP_ADD, args=LAPPI, data=CHAIN_STEP)],
    ("cooperation-chain-step", G): [read(COUNTY, args=CHAIN_STEP_ARGS)],
    ("cooperation-chain-step", P): [form(COUNTY, A.CHAIN_STEP_UPDATE, args=CHAIN_STEP_ARGS, data={**CHAIN_STEP_EDIT})],
    ("cooperation-chain-step-move", P): [form(COUNTY, A.CHAIN_STEP_MOVE, args=CHAIN_STEP_ARGS, data={"to": "up"})],
    ("cooperation-chain-step-remove", P): [form(COUNTY, A.CHAIN_STEP_REMOVE, args=CHAIN_STEP_ARGS)],
    # The cooperation agreement: Lappi keeps it, Kemi is a party; version 2 waits for approval (both have decided).
    ("cooperation-agreements", G): [
        read(MEMBERS),
        read(COUNTY, label="keeper", args=LAPPI),
        read(frozenset({"outsider"}), label="tornio, in none", args={"slug": "tornio"}),
    ],
    ("cooperation-agreements", P): [
        form(
            COUNTY, A.AGREEMENT_CREATE, args=LAPPI, data={**AGREEMENT_TEXT, "title": "Sopimus", "parties": "{kemi_id}"}
        )
    ],
    ("cooperation-agreement", G): [
        read(MEMBERS, args=AGREEMENT_V1),
        read(COUNTY, label="keeper", args={**LAPPI, **AGREEMENT_V2}),
        read(NOBODY, label="Tornio not a party", args={"slug": "tornio", **AGREEMENT_V1}),
    ],
    ("cooperation-agreement", P): [form(COUNTY, A.AGREEMENT_EDIT, args={**LAPPI, **AGREEMENT_V2}, data=AGREEMENT_TEXT)],
    ("cooperation-agreement-party", P): [
        form(COORDINATORS, A.AGREEMENT_DECISION, args=AGREEMENT_PARTY, data=AGREEMENT_DECISION),  # Kemi's own
        form(COUNTY, A.AGREEMENT_DECISION, label="keeper", args={**LAPPI, **AGREEMENT_PARTY}, data=AGREEMENT_DECISION),
    ],
    # Parties join or leave the version in preparation (the keeper's coordinators; never the keeper itself).
    ("cooperation-agreement-party-add", P): [
        form(COUNTY, A.AGREEMENT_PARTY_ADD, args={**LAPPI, **AGREEMENT_V2}, data={"organisation": "{national_id}"})
    ],
    ("cooperation-agreement-party-remove", P): [
        form(COUNTY, A.AGREEMENT_PARTY_REMOVE, args={**LAPPI, **AGREEMENT_V2, "party_id": "{agreement_ngo_party}"})
    ],
    ("cooperation-agreement-approve", P): [form(COUNTY, A.AGREEMENT_APPROVE, args={**LAPPI, **AGREEMENT_V2})],
    ("cooperation-agreement-new-version", P): [
        form(COUNTY, A.AGREEMENT_VERSION, args={**LAPPI, "agreement_id": "{agreement_frozen}"})
    ],
    ("cooperation-agreement-compare", G): [read(MEMBERS, query="a=1&b=2")],
    ("cooperation-agreement-export", G): [
        read(MEMBERS, args={**AGREEMENT_V1, "file_format": "docx"}),
        read(COUNTY, label="pdf", args={**LAPPI, **AGREEMENT_V1, "file_format": "pdf"}),
    ],
    # Grants: Kemi's members read its calls, its coordinators set them up; the funder reads applications once sent.
    ("grants", G): [
        read(MEMBERS, label="kemi"),
        read(COUNTY, label="lappi", args=LAPPI),
        read(frozenset({"outsider"}), label="tornio", args={"slug": "tornio"}),
    ],
    ("grants", P): [form(COORDINATORS, A.GRANT_CALL_CREATE, data=CALL)],
    ("grants-summary", G): [read(MEMBERS), read(frozenset({"outsider"}), label="tornio", args={"slug": "tornio"})],
    ("grants-summary-xlsx", G): [read(MEMBERS)],
    ("grants-call", G): [read(MEMBERS), read(MEMBERS, label="draft", args=DRAFT_CALL)],
    ("grants-call", P): [form(COORDINATORS, A.GRANT_CALL_UPDATE, args=DRAFT_CALL, data=CALL)],
    ("grants-call-publish", P): [form(COORDINATORS, A.GRANT_CALL_PUBLISH, args=DRAFT_CALL)],
    ("grants-criterion-add", P): [
        form(
            COORDINATORS,
            A.GRANT_CRITERION_ADD,
            args=DRAFT_CALL,
            data={"criterion-title": "Uusi", "criterion-weight": "5"},
        )
    ],
    ("grants-criterion-remove", P): [form(COORDINATORS, A.GRANT_CRITERION_REMOVE, args=DRAFT_CALL)],
    ("grants-question-add", P): [
        form(
            COORDINATORS,
            A.GRANT_QUESTION_ADD,
            args=DRAFT_CALL,
            data={"question-text": "Kohderyhmä", "question-field_type": "text"},
        )
    ],
    ("grants-question-remove", P): [form(COORDINATORS, A.GRANT_QUESTION_REMOVE, args=DRAFT_CALL)],
    # Applying is an NGO's: a municipality's people are refused, as is everyone outside the NGO.
    ("grants-apply", P): [read(NOBODY), read(NOBODY, label="as the NGO", args={"slug": "kemin-nuoret"})],
    ("grants-application", G): [
        read(COORDINATORS, args=SENT),  # the funder's coordinators, once sent
        read(NOBODY, label="the NGO's page", args={**SENT, "slug": "kemin-martat"}),
        read(NOBODY, label="a draft", args=NGO_DRAFT),
        read(NOBODY, label="a draft, through the funder", args={"application_id": "{grant_draft}"}),
    ],
    ("grants-application", P): [read(NOBODY, args=NGO_DRAFT, data={"summary": "x"})],
    ("grants-application-submit", P): [read(NOBODY, args=NGO_DRAFT), read(NOBODY, label="funder", args=SENT)],
    ("grants-attachment-add", P): [read(NOBODY, args=NGO_DRAFT, data={"title": "x"})],
    ("grants-attachment", G): [read(COORDINATORS, args=SENT)],
    # Reviewing: Kemi's coordinator reviews the call; the ranking and the proposal are its coordinators'.
    ("grants-ranking", G): [read(COORDINATORS)],
    ("grants-ranking", P): [form(COORDINATORS, A.GRANT_REVIEWER_ADD, data={"user": "{editor_id}"})],
    ("grants-review", G): [read(frozenset({"coordinator"}), args=SENT)],
    ("grants-review", P): [
        form(frozenset({"coordinator"}), A.GRANT_DECLARE, args=SENT, data={"step": "declare", "disqualified": "no"})
    ],
    ("grants-decision", G): [read(COORDINATORS, args={"call_id": "{grant_closed_call}"})],
    ("grants-decision", P): [
        form(
            COORDINATORS,
            A.GRANT_DECIDE,
            args={"call_id": "{grant_closed_call}"},
            data={
                "body": "Lautakunta",
                "date": "2026-12-20",
                "section": "§ 9",
                "amount-{grant_closed_application}": "1000",
                "reasoning-{grant_closed_application}": "Hyvä",
            },
        )
    ],
    ("grants-decision-publish", P): [
        form(COORDINATORS, A.GRANT_DECISION_PUBLISH, args={"call_id": "{grant_decided_call}"})
    ],
    ("grants-proposal", P): [
        form(COORDINATORS, A.GRANT_PROPOSAL, args=SENT, data={"amount": "100", "reason": "Pienempi toiminta"})
    ],
    ("grants-attachment-remove", P): [read(NOBODY, args=SENT)],
    # A change to a decided grant: the NGO applies (no persona is its member), the funder's coordinators decide.
    ("grants-change-start", P): [read(NOBODY, args=GRANTED), read(NOBODY, label="the NGO's", args=NGO_GRANTED)],
    ("grants-change-decide", P): [
        form(
            COORDINATORS,
            A.GRANT_CHANGE_DECIDE,
            args={"application_id": "{grant_change}"},
            data={
                "body": "Lautakunta",
                "date": "2026-12-20",
                "section": "§ 2",
                "amount": "900",
                "reasoning": "Pienempi toiminta",
            },
        )
    ],
    # Use reports: the funder's coordinators read, list, sample and check them; the NGO's pages are its own.
    ("grants-use-reports", G): [read(COORDINATORS, args={"call_id": "{grant_decided_call}"})],
    ("grants-use-reports", P): [
        form(COORDINATORS, A.GRANT_USE_REPORT_SAMPLE, args={"call_id": "{grant_decided_call}"}, data={"percent": "100"})
    ],
    ("grants-use-report", G): [
        read(COORDINATORS, args=GRANTED),
        read(NOBODY, label="the NGO's page", args=NGO_GRANTED),
    ],
    ("grants-use-report", P): [read(NOBODY, args=NGO_GRANTED, data={"done": "x"})],
    ("grants-use-report-send", P): [read(NOBODY, args=NGO_GRANTED)],
    ("grants-use-report-ledger", P): [read(NOBODY, args=NGO_GRANTED)],
    ("grants-use-report-ledger-file", G): [read(COORDINATORS, args=GRANTED)],
    ("grants-use-report-check", P): [
        form(
            COORDINATORS,
            A.GRANT_USE_REPORT_CHECK,
            args=GRANTED,
            data={"checklist": ["activities", "money", "ledger", "participants", "results"], "decision": "accept"},
        )
    ],
    ("grants-use-report-due", P): [
        form(COORDINATORS, A.GRANT_USE_REPORT_DUE, args=GRANTED, data={"due_on": "2028-01-31"})
    ],
    ("register-duplicates", G): [read(COORDINATORS)],
    ("register-merge", G): [read(COORDINATORS)],
    ("register-merge", P): [form(COORDINATORS, A.ACTOR_MERGE, data={"keep": "{twin_a}", "name": "{twin_b}"})],
    ("register-not-duplicates", P): [form(COORDINATORS, A.ACTOR_NOT_DUPLICATE)],
    ("surveys", G): [read(MEMBERS)],
    ("surveys", P): [form(COORDINATORS, A.SURVEY_CREATE, data=SURVEY)],
    ("survey", G): [read(MEMBERS)],
    ("survey", P): [form(COORDINATORS, A.SURVEY_UPDATE, data=SURVEY_SETTINGS)],
    ("survey-structure", P): [form(COORDINATORS, A.SURVEY_STRUCTURE, data={"file": "SURVEY_STRUCTURE"})],
    ("survey-grouping-add", P): [
        form(
            COORDINATORS,
            A.SURVEY_GROUPING_ADD,
            data={
                "grouping-question": "VILLAGE",
                "grouping-dimension": "other",
                "grouping-title_fi": "Kylä",
                "grouping-title_sv": "By",
            },
        )
    ],
    ("survey-grouping-remove", P): [form(COORDINATORS, A.SURVEY_GROUPING_REMOVE)],
    ("survey-indicator-add", P): [
        form(
            COORDINATORS,
            A.SURVEY_INDICATOR_ADD,
            data={
                "indicator-question": "LONELY",
                "indicator-counted": "A5",
                "indicator-title_fi": "Aina",
                "indicator-title_sv": "Alltid",
                "indicator-polarity": "low_good",
            },
        )
    ],
    ("survey-indicator-remove", P): [form(COORDINATORS, A.SURVEY_INDICATOR_REMOVE)],
    ("survey-import-start", P): [form(COORDINATORS, A.SURVEY_IMPORT_START, data={"file": "SURVEY_RESULTS"})],
    ("survey-import", G): [read(COORDINATORS, args=SURVEY_TABLE)],
    ("survey-import", P): [
        form(COORDINATORS, A.SURVEY_IMPORT_MAP, args=SURVEY_TABLE, data={"id_column": "0", "code_1": "LONELY"})
    ],
    ("survey-import-confirm", P): [form(COORDINATORS, A.SURVEY_IMPORT_DONE, args=SURVEY_PREVIEW)],
    ("survey-import-discard", P): [form(COORDINATORS, A.SURVEY_IMPORT_DISCARD, args=SURVEY_PREVIEW)],
    ("api:list_surveys", G): [read(MEMBERS)],
    ("api:get_survey", G): [read(MEMBERS)],
    ("register-import", G): [read(COORDINATORS)],
    ("register-import", P): [form(COORDINATORS, A.REGISTER_IMPORT_START, data={"file": "REGISTER_UPLOAD"})],
    ("register-import-events", P): [form(COORDINATORS, A.REGISTER_IMPORT_START, data=REGISTER_EVENTS)],
    ("register-import-template", G): [read(COORDINATORS)],
    ("register-import-columns", G): [read(COORDINATORS, args={"import_id": "{register_import_mapping}"})],
    ("register-import-columns", P): [
        form(
            COORDINATORS, A.REGISTER_IMPORT_MAP, args={"import_id": "{register_import_mapping}"}, data=REGISTER_COLUMNS
        )
    ],
    ("register-import-run", G): [read(COORDINATORS)],
    ("register-import-run", P): [form(COORDINATORS, A.REGISTER_IMPORT_DONE)],
    ("register-import-discard", P): [form(COORDINATORS, A.REGISTER_IMPORT_DISCARD)],
    # Support paths: Kemi's members read them in the register, its coordinators keep them.
    ("register-paths", G): [read(MEMBERS)],
    ("register-path-new", G): [read(COORDINATORS)],
    ("register-path-new", P): [form(COORDINATORS, A.PATH_CREATE, data={"title": "Polku"})],
    ("register-path", G): [read(COORDINATORS)],
    ("register-path", P): [form(COORDINATORS, A.PATH_UPDATE, data=SUPPORT_PATH)],
    ("register-path-publish", P): [form(COORDINATORS, A.PATH_PUBLISH, args={"path_id": "{support_path_draft}"})],
    ("register-path-unpublish", P): [form(COORDINATORS, A.PATH_UNPUBLISH)],
    ("register-path-delete", P): [form(COORDINATORS, A.PATH_DELETE)],
    ("register-path-step-new", G): [read(COORDINATORS)],
    ("register-path-step-new", P): [form(COORDINATORS, A.PATH_STEP_ADD, data=SUPPORT_PATH_STEP)],
    ("register-path-step", G): [read(COORDINATORS)],
    ("register-path-step", P): [form(COORDINATORS, A.PATH_STEP_UPDATE, data=SUPPORT_PATH_STEP)],
    ("register-path-step-move", P): [form(COORDINATORS, A.PATH_STEP_MOVE, data={"direction": "down"})],
    ("register-path-step-remove", P): [form(COORDINATORS, A.PATH_STEP_REMOVE)],
    # The HYTE coefficient: models and results are public; only national administrators (a persona the matrix has
    # not: every persona here is refused) import models, TEAviisari and official results; scenarios are Kemi's.
    ("funding", G): [read(EVERYONE, **PUBLIC)],
    ("funding-import", P): [form(NOBODY, A.COEFFICIENT_MODEL_IMPORT, data={"file": "UPLOAD"})],
    ("funding-teaviisari-import", P): [form(NOBODY, A.TEAVIISARI_IMPORT, data={"file": "UPLOAD"})],
    ("funding-results", G): [read(EVERYONE, **PUBLIC)],
    ("funding-export", G): [read(EVERYONE, **PUBLIC)],
    ("funding-new-version", P): [form(NOBODY, A.COEFFICIENT_MODEL_VERSION)],
    ("funding-edit", G): [read(NOBODY)],
    ("funding-edit", P): [form(NOBODY, A.COEFFICIENT_MODEL_UPDATE, data={"process_weight": "0.5"})],
    ("funding-official-import", P): [form(NOBODY, A.COEFFICIENT_OFFICIAL_IMPORT, data={"file": "UPLOAD"})],
    ("funding-area", G): [
        read(EVERYONE, **PUBLIC),
        read(EVERYONE, label="what-if", query="v-leadership=90", **PUBLIC),
    ],
    ("funding-scenario-save", P): [
        form(CONTRIBUTORS, A.SCENARIO_SAVE, data={"title": "Kokeilu", "v-leadership": "95"})
    ],
    ("funding-scenarios", G): [read(MEMBERS)],
    ("funding-scenario", P): [form(COORDINATORS, A.SCENARIO_SHARE, data={"action": "share"})],
    ("area-list", G): [read(EVERYONE, **PUBLIC)],
    ("area-detail", G): [read(EVERYONE, args={"kind": "municipality", "code": "240"}, **PUBLIC)],
    # Indicators: shared ones for every member, Kemi's own for Kemi's members only.
    ("indicator-list", G): [read(MEMBERS)],
    ("indicator-detail", G): [
        read(MEMBERS, label="shared", args={"indicator_id": "{shared}"}),
        read(MEMBERS, label="own"),
        read(NOBODY, label="own, at Tornio", args={"slug": "tornio"}),
    ],
    ("indicator-detail", P): [form(COORDINATORS, A.INDICATOR_POLARITY, data={"polarity": "low_good"})],
    ("indicator-set-list", G): [read(MEMBERS)],
    ("indicator-set-list", P): [Route(COORDINATORS, ok=302, data={"name": "Lapset"}, audits=A.SET_CREATE)],
    ("indicator-set-detail", G): [read(MEMBERS)],
    ("indicator-set-change", P): [
        form(COORDINATORS, A.SET_ADD, data={"indicator": "{shared}", "action": "add"}),
    ],
    ("import-list", G): [read(COORDINATORS)],
    ("import-list", P): [form(COORDINATORS, A.IMPORT_CREATE, data={"file": "UPLOAD"})],
    ("import-map", G): [read(COORDINATORS)],
    (
        "import-map",
        P,
    ): [
        form(
            COORDINATORS,
            A.IMPORT_MAP,
            data={"header_row": "1", "area": "0", "year": "1", "value": "2", "indicator_fixed": "KH1"},
        )
    ],
    ("import-detail", G): [read(COORDINATORS)],
    # The situation picture and its rules.
    ("situation", G): [read(MEMBERS)],
    ("situation-export", G): [
        read(MEMBERS, label="csv", args={"file_format": "csv"}),
        read(MEMBERS, label="xlsx", args={"file_format": "xlsx"}),
    ],
    ("situation-indicator", G): [
        read(MEMBERS, label="shared", args={"indicator_id": "{shared}"}),
        read(MEMBERS, label="own"),
    ],
    ("situation-municipalities", G): [read(COUNTY, args={"slug": "lappi"})],
    ("situation-municipalities-export", G): [read(COUNTY, args={"slug": "lappi"})],
    ("rule-list", G): [read(MEMBERS)],
    (
        "rule-list",
        P,
    ): [
        Route(
            COORDINATORS,
            ok=302,
            audits=A.RULE_CREATE,
            data={"indicator": "{own}", "condition": "above", "threshold": "50", "years": "3", "measure": "x"},
        )
    ],
    ("rule-deactivate", P): [form(COORDINATORS, A.RULE_DEACTIVATE)],
    ("alert-dismiss", P): [form(COORDINATORS, A.ALERT_DISMISS)],
    ("alert-to-measure", G): [read(COORDINATORS)],
    ("alert-to-measure", P): [form(COORDINATORS, A.ALERT_CONVERT, data={"goal": "{goal}"})],
    # Reports: members and the county (while shared) read; coordinators write; editors what is assigned.
    ("report-list", G): [read(DRAFT_READERS)],
    (
        "report-list",
        P,
    ): [
        Route(
            COORDINATORS,
            ok=302,
            audits=A.REPORT_CREATE,
            data={"kind": "broad", "title": "Uusi", "term_start": "2025", "term_end": "2029"},
        )
    ],
    ("report-detail", G): [read(DRAFT_READERS)],
    ("report-block-edit", G): [read(CONTRIBUTORS)],
    ("report-block-edit", P): [form(CONTRIBUTORS, A.BLOCK_EDIT, data={"text": "Uusi teksti", "revision": "1"})],
    # Blocks of the section assigned to the editor: the editor and the coordinators write them.
    ("report-block-add", P): [form(CONTRIBUTORS, A.BLOCK_ADD, args={"section_id": "{section}"}, data={"kind": "text"})],
    # A what-if scenario (Kemi's, private: Kemi's members read it) added to the section as evidence.
    ("report-block-add-scenario", P): [
        form(CONTRIBUTORS, A.BLOCK_ADD, args={"section_id": "{section}"}, data={"scenario": "{coef_scenario}"})
    ],
    ("report-block-move", P): [form(CONTRIBUTORS, A.BLOCK_MOVE, data={"to": "down"})],
    ("report-block-remove", P): [form(CONTRIBUTORS, A.BLOCK_REMOVE)],
    ("report-block-indicators", P): [
        form(CONTRIBUTORS, A.BLOCK_INDICATORS, args={"block_id": "{chart_block}"}, data={"add": "{shared}"})
    ],
    ("report-goal-add", P): [form(COORDINATORS, A.GOAL_ADD, data={"text": "Tavoite", "age_group": "all"})],
    (
        "report-goal-indicator-add",
        P,
    ): [
        form(
            COORDINATORS,
            A.GOAL_INDICATOR_ADD,
            data={
                "indicator": "{own}",
                "baseline_year": "2024",
                "target_year": "2029",
                "target_value": "70",
                "direction": "increase",
            },
        )
    ],
    ("report-measure-add", P): [form(COORDINATORS, A.MEASURE_ADD, data={"text": "Toimenpide"})],
    ("report-progress-edit", P): [
        form(COORDINATORS, A.PROGRESS, args={"report_id": "{annual}"}, data={"status": "on_track", "text": "Etenee"}),
    ],
    # Amendments of an approved plan: draft readers read them; coordinators propose; approvers approve.
    ("report-amendment-start", P): [
        form(COORDINATORS, A.AMENDMENT_CREATE, args={"report_id": "{published}"}, data={"title": "Muutos"})
    ],
    ("report-amendment", G): [read(DRAFT_READERS, args=DRAFT_AMENDMENT)],
    ("report-amendment-propose", P): [
        form(
            COORDINATORS,
            A.AMENDMENT_PROPOSE,
            args={**DRAFT_AMENDMENT, "kind": "goal"},
            data={"goal-text": "Tavoite", "goal-age_group": "all"},
        )
    ],
    ("report-amendment-withdraw", P): [
        form(COORDINATORS, A.AMENDMENT_WITHDRAW, args={**DRAFT_AMENDMENT, "change_id": "{amendment_change}"})
    ],
    ("report-amendment-status", P): [
        form(COORDINATORS, A.AMENDMENT_STATUS, label="to review", args=DRAFT_AMENDMENT, data={"status": "in_review"}),
        form(
            COORDINATORS,
            A.AMENDMENT_APPLY,
            label="approved",
            args=REVIEWED_AMENDMENT,
            data={"status": "approved", **DECISION},
        ),
    ],
    ("report-comment-add", P): [form(DRAFT_READERS, A.COMMENT_ADD, data={"text": "Hyvä"})],
    # The reader wrote the comment: its author may resolve it, as may those who edit the whole report.
    ("report-comment-resolve", P): [form(COORDINATORS | {"reader"}, A.COMMENT_RESOLVE)],
    ("report-status", P): [form(COORDINATORS, A.REPORT_STATUS, data={"status": "in_review"})],
    ("report-image", G): [read(DRAFT_READERS, args={"image_id": "{image}"})],
    ("report-section-rename", P): [
        form(COORDINATORS, A.SECTION_RENAME, args={"section_id": "{section}"}, data={"title": "Uusi otsikko"})
    ],
    ("report-budget", G): [read(DRAFT_READERS, args={"report_id": "{published}"}, query="year=2024")],
    ("report-budget-line", P): [
        form(
            COORDINATORS,
            A.BUDGET_SET,
            args={"report_id": "{published}"},
            data={
                "measure": "{published_measure}",
                "year": "2024",
                "branch": "Tekninen",
                "part": "investment",
                "amount": "5",
            },
        )
    ],
    ("report-budget-line-remove", P): [
        form(COORDINATORS, A.BUDGET_REMOVE, args={"report_id": "{published}", "line_id": "{budget_line}"})
    ],
    ("report-budget-export", G): [
        read(DRAFT_READERS, label="docx", args={"report_id": "{published}", "file_format": "docx"}, query="year=2024"),
        read(
            DRAFT_READERS,
            label="xlsx statement",
            args={"report_id": "{published}", "file_format": "xlsx"},
            query="year=2024&statement=1",
        ),
    ],
    ("report-export", G): [
        read(DRAFT_READERS, label="docx", args={"file_format": "docx"}),
        read(DRAFT_READERS, label="xlsx", args={"file_format": "xlsx"}),
        read(DRAFT_READERS, label="pdf", args={"file_format": "pdf"}, ok=302),  # to the PDF page
    ],
    # The report's PDF, made in the background: requested, listed and downloaded by those who read its drafts.
    ("report-pdfs", G): [read(DRAFT_READERS)],
    ("report-pdfs", P): [form(DRAFT_READERS, A.PDF_REQUEST, data={"language": "fi"})],
    ("report-pdf-download", G): [read(DRAFT_READERS, args={"export_id": "{pdf_export}"})],
    ("report-version-compare", G): [read(DRAFT_READERS)],
    ("report-assign", P): [
        form(
            COORDINATORS,
            A.REPORT_ASSIGN,
            args={"subject": "goal", "subject_id": "{goal}"},
            data={"users": "{editor_id}"},
        ),
    ],
    # The county's own pages over its municipalities.
    ("report-county-overview", G): [read(COUNTY, args={"slug": "lappi"})],
    # The county draws on each municipality's latest report it may read: the shared draft, or else the latest
    # published one.
    ("report-pull-regional", P): [
        form(
            frozenset({"county"}),
            A.BLOCK_ADD,
            label="a shared draft",
            args={"slug": "lappi"},
            data={"regional": "{regional}", "municipal": "{report}"},
        ),
        form(
            frozenset({"county_unshared"}),
            A.BLOCK_ADD,
            label="the published",
            args={"slug": "lappi"},
            data={"regional": "{regional}", "municipal": "{published}"},
        ),
    ],
    ("report-goal-link", P): [
        form(
            frozenset({"county"}),
            A.GOAL_LINK,
            label="a shared draft's goal",
            args={"slug": "lappi", "report_id": "{regional}", "goal_id": "{regional_goal}"},
            data={"municipal_goal": "{goal}"},
        ),
        form(
            frozenset({"county_unshared"}),
            A.GOAL_LINK,
            label="a published goal",
            args={"slug": "lappi", "report_id": "{regional}", "goal_id": "{regional_goal}"},
            data={"municipal_goal": "{published_goal}"},
        ),
    ],
    # The public site: published versions for everyone, drafts for nobody, not even members.
    ("public-root", G): [read(EVERYONE, ok=302, **PUBLIC)],
    ("public-index", G): [
        read(EVERYONE, label="fi", args={"lang": "fi"}, **PUBLIC),
        read(EVERYONE, label="sv", args={"lang": "sv"}, **PUBLIC),
    ],
    ("public-image", G): [
        read(
            NOBODY,
            label="not in the version",
            args={"report_id": "{published}", "number": "2", "image_id": "{image}", "ext": "png"},
            **PUBLIC,
        )
    ],
    ("public-sitemap", G): [read(EVERYONE, **PUBLIC)],
    ("public-finder", G): [read(EVERYONE, args={"lang": "en"}, query="q=register&age=older&free=1", **PUBLIC)],
    ("public-activity", G): [
        read(EVERYONE, args={"lang": "sv"}, **PUBLIC),
        read(NOBODY, label="draft", args={"lang": "fi", "activity_id": "{register_draft}"}, **PUBLIC),
        read(NOBODY, label="hidden", args={"lang": "fi", "activity_id": "{register_hidden}"}, **PUBLIC),
    ],
    ("participation", G): [read(MEMBERS)],
    ("participation", P): [form(COORDINATORS, A.ROUND_CREATE, data=NEW_ROUND)],
    ("participation-assessment", G): [read(COORDINATORS, args={"assessment_id": "{complete}"})],
    ("participation-assessment", P): [
        form(
            COORDINATORS,
            A.ROUND_CREATE,
            args={"assessment_id": "{complete}"},
            data={**NEW_ROUND, "parts": "conclusion"},
        )
    ],
    ("participation-round", G): [read(MEMBERS)],
    ("participation-round", P): [form(COORDINATORS, A.ROUND_SUMMARY, data={"summary": "Yhteenveto"})],
    ("participation-close", P): [form(COORDINATORS, A.ROUND_CLOSE, args={"round_id": "{ended_round}"})],
    ("participation-poll", P): [form(COORDINATORS, A.ROUND_UPDATE, data={"kind": "scale", "question": "Kuinka?"})],
    ("participation-offline", P): [
        form(COORDINATORS, A.COMMENT_OFFLINE, data={"section": "{round_section}", "source": "paper", "body": "x"})
    ],
    ("participation-change-add", P): [
        form(COORDINATORS, A.CHANGE_ADD, data={"section": "{round_section}", "description": "Muutos"})
    ],
    ("participation-statement-request", P): [
        form(COORDINATORS, A.STATEMENT_REQUEST, data={"author_name": "Vammaisneuvosto"})
    ],
    # Statements asked of an organisation by another's round: Lappi is asked by Kemi's; its coordinators give it.
    ("participation-asked", G): [
        read(MEMBERS),
        read(COUNTY, label="lappi", args=LAPPI),
        read(frozenset({"outsider"}), label="tornio", args={"slug": "tornio"}),
    ],
    ("participation-asked-give", P): [
        form(COUNTY, A.STATEMENT_GIVE, args={**LAPPI, "statement_id": "{lappi_statement}"}, data={"text": "Lausunto"})
    ],
    ("participation-statement", G): [read(MEMBERS)],
    ("participation-statement", P): [
        form(COORDINATORS, A.STATEMENT_GIVE, args={"statement_id": "{asked_statement}"}, data={"text": "Lausunto"})
    ],
    ("participation-xlsx", G): [read(COORDINATORS)],
    ("participation-pdf", G): [read(MEMBERS)],
    ("participation-moderate", P): [
        form(COORDINATORS, A.COMMENT_MODERATE, args=ROUND_COMMENT, data={"action": "hide", "reason": "abuse"})
    ],
    ("participation-redact", P): [form(COORDINATORS, A.COMMENT_REDACT, args=ROUND_COMMENT)],
    ("participation-answer", P): [form(COORDINATORS, A.COMMENT_ANSWER, args=ROUND_COMMENT, data={"answer": "Kiitos"})],
    ("public-rounds", G): [read(EVERYONE, args={"lang": "sv"}, **PUBLIC)],
    ("public-round", G): [
        read(EVERYONE, args=PUBLIC_ROUND, **PUBLIC),
        read(NOBODY, label="an upcoming round", args={"lang": "fi", "round_id": "999999"}, **PUBLIC),
    ],
    ("public-round", P): [
        Route(
            EVERYONE,
            args=PUBLIC_ROUND,
            data={"section": "{round_section}", "nickname": "Asukas", "body": "Hyvä suunnitelma"},
            ok=302,
            audits=A.ROUND_COMMENT,
            **PUBLIC,
        )
    ],
    ("public-round-support", P): [
        Route(
            EVERYONE,
            args={**PUBLIC_ROUND, **ROUND_COMMENT},
            ok=302,
            audits=A.COMMENT_SUPPORT,
            writes_elsewhere=True,
            **PUBLIC,
        )
    ],
    ("public-round-flag", P): [
        Route(
            EVERYONE,
            args={**PUBLIC_ROUND, **ROUND_COMMENT},
            data={"reason": "abuse"},
            ok=302,
            audits=A.COMMENT_FLAG,
            writes_elsewhere=True,
            **PUBLIC,
        )
    ],
    ("public-round-poll", P): [
        Route(
            EVERYONE,
            args=PUBLIC_ROUND,
            data={"value": "1"},
            ok=302,
            audits=A.POLL_ANSWER,
            writes_elsewhere=True,
            **PUBLIC,
        )
    ],
    # The value discussion: Kemi's voting one and one collecting topics (both opened to residents), one internal.
    ("participation-discussion-new", G): [read(COORDINATORS)],
    ("participation-discussion-new", P): [form(COORDINATORS, A.DISCUSSION_CREATE, data=NEW_DISCUSSION)],
    ("participation-discussion", G): [read(MEMBERS)],
    ("participation-discussion-settings", P): [
        form(COORDINATORS, A.DISCUSSION_UPDATE, data={"votes_per_participant": "3", "residents": "on"})
    ],
    ("participation-discussion-group", P): [form(COORDINATORS, A.DISCUSSION_UPDATE, data={"name": "Vanhusneuvosto"})],
    ("participation-discussion-phase", P): [form(COORDINATORS, A.DISCUSSION_PHASE, data={"phase": "closed"})],
    ("participation-topic-add", P): [form(MEMBERS, A.TOPIC_PROPOSE, args=COLLECTING, data=MEMBERS_TOPIC)],
    ("participation-topic-from-comment", P): [
        form(COORDINATORS, A.TOPIC_FROM_COMMENT, data={"comment": "{round_comment}", "kind": "worry"})
    ],
    ("participation-topic-moderate", P): [
        form(COORDINATORS, A.TOPIC_MODERATE, args={"topic_id": "{discussion_waiting}"}, data={"action": "accept"})
    ],
    ("participation-topic-indicator", P): [
        form(COORDINATORS, A.TOPIC_INDICATOR, data={"indicator": "{shared}", "stance": "contradicts"})
    ],
    ("participation-topic-goal", G): [read(COORDINATORS)],
    ("participation-topic-goal", P): [form(COORDINATORS, A.TOPIC_GOAL, data={"text": "Tavoite", "age_group": "all"})],
    ("participation-discussion-votes", P): [
        form(MEMBERS, A.DISCUSSION_VOTE, data={"topic": "{discussion_topic}", "group": "{discussion_group}"})
    ],
    ("public-discussion", G): [
        read(EVERYONE, args={"lang": "sv"}, **PUBLIC),
        read(NOBODY, label="internal", args={"lang": "fi", "discussion_id": "{discussion_internal}"}, **PUBLIC),
    ],
    ("public-discussion", P): [
        Route(
            EVERYONE,
            args={"lang": "fi", "discussion_id": "{discussion_collecting}"},
            data={"kind": "joy", "text": "Kirjasto on hyvä"},
            ok=302,
            audits=A.TOPIC_PROPOSE,
            writes_elsewhere=True,
            **PUBLIC,
        )
    ],
    ("public-discussion-votes", P): [
        Route(
            EVERYONE,
            args={"lang": "fi"},
            data={"topic": "{discussion_topic}"},
            ok=302,
            audits=A.DISCUSSION_VOTE,
            writes_elsewhere=True,
            **PUBLIC,
        )
    ],
    ("api:get_discussion", G): [
        read(EVERYONE, **PUBLIC),
        read(DRAFT_READERS, label="internal", args={"discussion_id": "{discussion_internal}"}, **PUBLIC),
    ],
    ("api:post_topic", P): [
        api_write(SIGNED_IN, A.TOPIC_PROPOSE, ok=201, args=COLLECTING, data={**MEMBERS_TOPIC, "group": None})
    ],
    ("api:put_votes", PUT): [
        api_write(SIGNED_IN, A.DISCUSSION_VOTE, data={"topics": ["{discussion_topic}"], "group": "{discussion_group}"})
    ],
    ("api:list_rounds", G): [read(EVERYONE, **PUBLIC)],
    ("api:get_round", G): [read(EVERYONE, **PUBLIC)],
    ("api:list_round_comments", G): [read(EVERYONE, **PUBLIC)],
    ("api:list_round_statements", G): [read(EVERYONE, **PUBLIC)],
    ("public-negotiations", G): [
        read(EVERYONE, args={"lang": "fi", **LAPPI}, **PUBLIC),
        read(NOBODY, label="nothing published", args={"lang": "fi"}, **PUBLIC),
    ],
    ("public-negotiation", G): [
        read(EVERYONE, args={"lang": "en", **LAPPI, "meeting_id": "{coop_previous}"}, **PUBLIC),
        read(NOBODY, label="not published", args={"lang": "fi", **LAPPI}, **PUBLIC),
    ],
    ("public-chains", G): [
        read(EVERYONE, args={"lang": "fi", **LAPPI}, **PUBLIC),
        read(NOBODY, label="nothing published", args={"lang": "fi"}, **PUBLIC),
    ],
    ("public-chain", G): [
        read(EVERYONE, args={"lang": "sv", **LAPPI}, **PUBLIC),
        read(NOBODY, label="not published", args={"lang": "fi", **LAPPI, "chain_id": "{chain_draft}"}, **PUBLIC),
    ],
    ("public-grant-calls", G): [
        read(EVERYONE, args={"lang": "fi"}, **PUBLIC),
        read(NOBODY, label="nothing published", args={"lang": "fi", **LAPPI}, **PUBLIC),
    ],
    ("public-grant-call", G): [
        read(EVERYONE, args={"lang": "sv"}, **PUBLIC),
        read(NOBODY, label="draft", args={"lang": "fi", **DRAFT_CALL}, **PUBLIC),
        read(NOBODY, label="another's", args={"lang": "fi", **LAPPI}, **PUBLIC),
    ],
    ("public-grant-decision", G): [
        read(EVERYONE, args={"lang": "fi", "call_id": "{grant_decided_call}"}, **PUBLIC),
        read(NOBODY, label="not decided", args={"lang": "fi"}, **PUBLIC),
    ],
    ("public-grant-goals", G): [
        read(EVERYONE, args={"lang": "fi"}, **PUBLIC),
        read(NOBODY, label="no calls", args={"lang": "fi", "slug": "tornio"}, **PUBLIC),
    ],
    ("public-grant-decisions-data", G): [
        read(EVERYONE, args={"file_format": "json"}, **PUBLIC),
        read(EVERYONE, label="csv", args={"file_format": "csv"}, **PUBLIC),
    ],
    ("public-grant-calls-data", G): [
        read(EVERYONE, args={"file_format": "json"}, **PUBLIC),
        read(EVERYONE, label="csv", args={"file_format": "csv"}, **PUBLIC),
    ],
    ("public-paths", G): [read(EVERYONE, args={"lang": "sv"}, query="municipality=240", **PUBLIC)],
    ("public-path", G): [
        read(EVERYONE, args={"lang": "fi"}, **PUBLIC),
        read(NOBODY, label="draft", args={"lang": "fi", "path_id": "{support_path_draft}"}, **PUBLIC),
    ],
    ("public-path-leaflet", G): [
        read(EVERYONE, args={"lang": "en"}, **PUBLIC),
        read(NOBODY, label="draft", args={"lang": "fi", "path_id": "{support_path_draft}"}, **PUBLIC),
    ],
    # The register's open data: what the finder shows, for everyone.
    ("public-activity-open-data", G): [read(EVERYONE, args={"lang": "sv"}, **PUBLIC)],
    ("public-register-file", G): [
        read(EVERYONE, label="hsds", args={"name": "240.sv.hsds.json"}, **PUBLIC),
        read(EVERYONE, label="csv", args={"name": "240.csv"}, **PUBLIC),
        read(EVERYONE, label="xlsx", args={"name": "21.xlsx"}, **PUBLIC),
        read(NOBODY, label="no such area", args={"name": "999.csv"}, **PUBLIC),
    ],
    ("public-activity-image", G): [
        read(EVERYONE, args={"name": "{register_image_name}"}, **PUBLIC),
        read(NOBODY, label="another name", args={"name": "0123456789abcdef.png"}, **PUBLIC),
    ],
    ("public-organisation", G): [
        read(EVERYONE, label="kemi", args={"lang": "fi"}, **PUBLIC),
        read(NOBODY, label="nothing published", args={"lang": "fi", "slug": "lappi"}, **PUBLIC),
    ],
    ("public-report", G): [
        read(EVERYONE, label="fi", args={"lang": "fi", "report_id": "{published}"}, **PUBLIC),
        read(EVERYONE, label="en", args={"lang": "en", "report_id": "{published}"}, **PUBLIC),
        # a page that says the report is not published in Swedish and links to the Finnish one
        read(EVERYONE, label="sv of a Finnish-only", args={"lang": "sv", "report_id": "{published}"}, **PUBLIC),
        read(NOBODY, label="a draft", args={"lang": "fi"}, **PUBLIC),
        read(NOBODY, label="not Tornio's", args={"lang": "fi", "slug": "tornio", "report_id": "{published}"}, **PUBLIC),
    ],
    ("public-version", G): [
        read(EVERYONE, label="published", args={"lang": "fi", **PUBLISHED}, **PUBLIC),
        read(NOBODY, label="approved only", args={"lang": "fi", "report_id": "{published}", "number": "1"}, **PUBLIC),
    ],
    ("public-version-pdf", G): [read(EVERYONE, args={"lang": "fi", **PUBLISHED}, **PUBLIC)],
    ("public-data", G): [
        read(EVERYONE, label="csv", args={"name": "goals.csv", **PUBLISHED}, **PUBLIC),
        read(EVERYONE, label="json", args={"name": "report.json", **PUBLISHED}, **PUBLIC),
        read(NOBODY, label="a draft", args={"name": "report.json", "number": "1"}, **PUBLIC),
        read(NOBODY, label="no such file", args={"name": "secrets.csv", **PUBLISHED}, **PUBLIC),
    ],
    # Impact assessments: members and the county (while shared) read; editors start them and write those they
    # prepare or take part in (here: none), coordinators everything.
    ("assessment-list", G): [read(DRAFT_READERS)],
    ("assessment-list", P): [
        form(CONTRIBUTORS, A.ASSESSMENT_CREATE, data={"title": "Uusi arviointi", "kind": "screening"}),
    ],
    ("assessment-register-export", G): [read(DRAFT_READERS)],
    ("assessment-template-list", G): [read(MEMBERS)],
    ("assessment-template-edit", G): [read(COORDINATORS)],
    ("assessment-template-edit", P): [
        form(COORDINATORS, A.TEMPLATE_CREATE, data={"name": "LAVA", "questions": "Kysymys?"}),
    ],
    ("assessment-detail", G): [read(DRAFT_READERS)],
    ("assessment-edit", G): [read(COORDINATORS)],
    ("assessment-edit", P): [form(COORDINATORS, A.ASSESSMENT_UPDATE, data={"title": "Uusi nimi"})],
    ("assessment-people", P): [form(COORDINATORS, A.ASSESSMENT_PEOPLE, data={"preparer": "{editor_id}"})],
    ("assessment-answers", P): [form(COORDINATORS, A.ASSESSMENT_ANSWERS, data={"answer_0": "Vastaus"})],
    ("assessment-screening", P): [
        form(
            COORDINATORS,
            A.ASSESSMENT_SCREENING,
            args={"assessment_id": "{screening}"},
            data={"full_assessment_needed": "yes", "method": "child"},
        ),
    ],
    ("assessment-option-add", P): [form(COORDINATORS, A.OPTION_ADD, data={"title": "Uusi vaihtoehto"})],
    ("assessment-option-remove", P): [form(COORDINATORS, A.OPTION_REMOVE)],
    ("assessment-impact", G): [read(COORDINATORS)],
    ("assessment-impact", P): [form(COORDINATORS, A.IMPACT_SET, data={"direction": "none"})],
    ("assessment-grid", G): [read(COORDINATORS)],
    ("assessment-grid", P): [form(COORDINATORS, A.IMPACT_SET, data={"d-{option}-economy": "none"})],
    ("assessment-goal-effect", P): [
        form(COORDINATORS, A.GOAL_EFFECT, data={"option": "{option}", "goal": "{goal}", "effect": "supports"}),
    ],
    ("assessment-hearing-add", P): [
        form(COORDINATORS, A.HEARING_ADD, data={"party": "Nuorisovaltuusto", "views": "Illat ovat tärkeitä."}),
    ],
    ("assessment-ready", P): [form(COORDINATORS, A.ASSESSMENT_READY, args={"assessment_id": "{complete}"})],
    ("assessment-reopen", P): [form(COORDINATORS, A.ASSESSMENT_REOPEN, args={"assessment_id": "{ready}"})],
    ("assessment-decision", P): [
        form(
            COORDINATORS,
            A.ASSESSMENT_DECISION,
            args={"assessment_id": "{ready}"},
            data={"decision_body": "Lautakunta", "decision_date": "2026-01-15", "decision_reference": "§ 3"},
        ),
    ],
    ("assessment-follow-up", P): [
        form(
            COORDINATORS,
            A.ASSESSMENT_FOLLOW_UP,
            args={"assessment_id": "{decided}"},
            data={"notes": "Vaikutukset toteutuivat."},
        ),
    ],
    ("assessment-summary", G): [read(DRAFT_READERS)],
    ("assessment-export", G): [
        read(DRAFT_READERS, label="docx", args={"file_format": "docx"}),
        read(DRAFT_READERS, label="pdf", args={"file_format": "pdf"}),
    ],
    # The REST API answers 401 to the anonymous and 404 to those who may not see an object.
    ("api:openapi-json", G): [read(EVERYONE, **PUBLIC)],
    ("api:openapi-view", G): [read(EVERYONE, **PUBLIC)],
    ("api:list_areas", G): [read(EVERYONE, **PUBLIC)],
    ("api:get_area", G): [read(EVERYONE, args={"kind": "county", "code": "21"}, **PUBLIC)],
    # Grants: the published calls and decisions are everyone's; an NGO's applications its members' alone (no
    # persona of the matrix is one: Kemi's own list is empty, an NGO's is refused to all of them).
    ("api:list_grant_calls", G): [read(EVERYONE, **PUBLIC)],
    ("api:get_grant_call", G): [
        read(EVERYONE, **PUBLIC),
        read(NOBODY, label="draft", args={"call_id": "{grant_draft_call}"}, **PUBLIC),
    ],
    ("api:list_grant_decisions", G): [read(EVERYONE, **PUBLIC)],
    ("api:list_own_applications", G): [
        read(MEMBERS),
        read(NOBODY, label="an NGO's", args={"slug": "kemin-martat"}),
    ],
    # Use reports: the funder's coordinators read and check them; writing and sending are the grantee NGO's.
    ("api:get_use_report", G): [
        read(COORDINATORS, args=GRANTED),
        read(NOBODY, label="the NGO's", args=NGO_GRANTED),
    ],
    ("api:put_use_report", PUT): [read(NOBODY, args=NGO_GRANTED, data={"done": "x"})],
    ("api:post_use_report_send", P): [read(NOBODY, args=NGO_GRANTED)],
    ("api:post_use_report_check", P): [
        api_write(
            COORDINATORS,
            A.GRANT_USE_REPORT_CHECK,
            args=GRANTED,
            data={"checklist": ["activities", "money", "ledger", "participants", "results"], "accept": True},
        )
    ],
    ("api:list_call_use_reports", G): [read(COORDINATORS, args={"call_id": "{grant_decided_call}"})],
    ("api:list_activities", G): [read(EVERYONE, query="q=register&age_group=older&free=true", **PUBLIC)],
    ("api:get_activity", G): [
        read(EVERYONE, **PUBLIC),
        read(NOBODY, label="draft", args={"activity_id": "{register_draft}"}, **PUBLIC),
        read(NOBODY, label="hidden", args={"activity_id": "{register_hidden}"}, **PUBLIC),
    ],
    ("api:activities_as_hsds", G): [read(EVERYONE, query="area=21&language=en&per_page=2", **PUBLIC)],
    ("api:list_actors", G): [read(EVERYONE, **PUBLIC)],
    ("api:list_support_paths", G): [read(EVERYONE, query="municipality=240", **PUBLIC)],
    ("api:get_support_path", G): [
        read(EVERYONE, **PUBLIC),
        read(COORDINATORS, label="draft", args={"path_id": "{support_path_draft}"}, **PUBLIC),
    ],
    ("api:list_models", G): [read(EVERYONE, **PUBLIC)],
    ("api:get_model", G): [read(EVERYONE, **PUBLIC)],
    ("api:post_model", P): [api_write(NOBODY, A.COEFFICIENT_MODEL_IMPORT, ok=201, data={"document": {"key": "x"}})],
    ("api:get_results", G): [read(EVERYONE, **PUBLIC)],
    ("api:post_what_if", P): [read(EVERYONE, data={"area": "240", "values": {"leadership": 90}}, **PUBLIC)],
    ("api:list_scenarios", G): [read(MEMBERS)],
    ("api:post_scenario", P): [
        api_write(
            CONTRIBUTORS,
            A.SCENARIO_SAVE,
            ok=201,
            data={"model": "{coef_model}", "area": "240", "title": "API", "values": {"leadership": 95}},
        )
    ],
    ("api:list_teaviisari", G): [read(EVERYONE, args={"kind": "municipality", "code": "240"}, **PUBLIC)],
    ("api:post_support_path", P): [
        api_write(COORDINATORS, A.PATH_CREATE, ok=201, data={"municipality": "240", "title": "API-polku"})
    ],
    ("api:put_support_path", PUT): [api_write(COORDINATORS, A.PATH_UPDATE, data=SUPPORT_PATH)],
    ("api:delete_support_path", DELETE): [api_write(COORDINATORS, A.PATH_DELETE, ok=204)],
    ("api:publish_support_path", P): [
        api_write(COORDINATORS, A.PATH_PUBLISH, args={"path_id": "{support_path_draft}"})
    ],
    ("api:unpublish_support_path", P): [api_write(COORDINATORS, A.PATH_UNPUBLISH)],
    ("api:post_support_path_step", P): [api_write(COORDINATORS, A.PATH_STEP_ADD, ok=201, data=API_STEP)],
    ("api:put_support_path_step", PUT): [api_write(COORDINATORS, A.PATH_STEP_UPDATE, data=API_STEP)],
    ("api:delete_support_path_step", DELETE): [api_write(COORDINATORS, A.PATH_STEP_REMOVE, ok=204)],
    ("api:move_support_path_step", P): [api_write(COORDINATORS, A.PATH_STEP_MOVE, data={"direction": "down"})],
    ("api:list_themes", G): [read(EVERYONE, **PUBLIC)],
    ("api:list_target_groups", G): [read(EVERYONE, **PUBLIC)],
    # The register's signed-in API: Kemi's members read it, its coordinators keep it (an NGO's own users keep their
    # entry: tests/test_actor_api_writes.py).
    ("api:list_register_actors", G): [read(MEMBERS)],
    ("api:post_actor", P): [api_write(COORDINATORS, A.ACTOR_CREATE, ok=201, data=API_ACTOR)],
    ("api:patch_actor", PATCH): [api_write(COORDINATORS, A.ACTOR_UPDATE, data={"name": "Kemin pääkirjasto"})],
    ("api:list_register_activities", G): [read(MEMBERS, query="status=published")],
    ("api:get_register_activity", G): [
        read(MEMBERS),
        read(COORDINATORS, label="draft", args={"activity_id": "{register_draft}"}),
        read(COORDINATORS, label="hidden", args={"activity_id": "{register_hidden}"}),
    ],
    ("api:post_activity", P): [api_write(COORDINATORS, A.ACTIVITY_CREATE, ok=201, data=API_ACTIVITY)],
    ("api:patch_activity", PATCH): [api_write(COORDINATORS, A.ACTIVITY_UPDATE, data={"title": "Lukupiiri"})],
    ("api:post_activity_checked", P): [api_write(COORDINATORS, A.ACTIVITY_CHECK)],
    ("api:post_activity_hide", P): [api_write(COORDINATORS, A.ACTIVITY_HIDE, data={"reason": "Sopimaton"})],
    ("api:post_activity_unhide", P): [
        api_write(COORDINATORS, A.ACTIVITY_UNHIDE, args={"activity_id": "{register_hidden}"})
    ],
    ("api:post_activity_image", P): [
        api_write(COORDINATORS, A.ACTIVITY_IMAGE_SET, data={"file": "IMAGE", "alt_text": "Sali", "alt_text_sv": "Sal"})
    ],
    ("api:delete_activity_image", "DELETE"): [api_write(COORDINATORS, A.ACTIVITY_IMAGE_REMOVE, ok=204)],
    ("api:me", G): [read(SIGNED_IN)],
    ("api:my_organisations", G): [read(SIGNED_IN)],
    ("api:get_organisation", G): [read(MEMBERS)],
    ("api:list_indicators", G): [read(EVERYONE, **PUBLIC)],
    ("api:get_indicator", G): [
        read(EVERYONE, label="shared", args={"indicator_id": "{shared}"}, **PUBLIC),
        read(MEMBERS, label="own", **PUBLIC),
    ],
    ("api:list_observations", G): [read(MEMBERS, query="indicator=own:KH1", **PUBLIC)],
    ("api:observations_csv", G): [read(MEMBERS, query="indicator=own:KH1", **PUBLIC)],
    ("api:situation", G): [read(MEMBERS)],
    ("api:list_indicator_sets", G): [read(MEMBERS)],
    ("api:list_reports", G): [read(DRAFT_READERS)],
    ("api:get_report", G): [read(DRAFT_READERS)],
    ("api:get_budget", G): [read(DRAFT_READERS, args={"report_id": "{published}"}, query="year=2024")],
    ("api:put_budget_line", PUT): [
        api_write(
            COORDINATORS,
            A.BUDGET_SET,
            args={"report_id": "{published}"},
            data={
                "measure": "{published_measure}",
                "year": 2024,
                "branch": "Tekninen",
                "part": "operating",
                "amount": "5",
            },
        )
    ],
    ("api:put_progress", PUT): [
        api_write(COORDINATORS, A.PROGRESS, args={"report_id": "{annual}"}, data={"status": "on_track", "text": "x"}),
    ],
    ("api:post_measure", P): [
        api_write(COORDINATORS, A.MEASURE_ADD, ok=201, data={"text": "Toimenpide", "responsible_parties": ["Koulu"]}),
    ],
    ("api:list_series", G): [read(MEMBERS), read(COUNTY, label="convener", args=LAPPI)],
    ("api:post_series", P): [
        api_write(
            COUNTY, A.SERIES_CREATE, ok=201, args=LAPPI, data={**SERIES, "kind": "council_term", "members": ["kemi"]}
        )
    ],
    ("api:series_ics", G): [read(MEMBERS)],
    ("api:post_meeting", P): [
        api_write(
            COUNTY,
            A.MEETING_CREATE,
            ok=201,
            args=LAPPI,
            data={"title": "Uusi", "starts_at": "2027-03-10T09:00:00", "ends_at": "2027-03-10T12:00:00+02:00"},
        )
    ],
    ("api:get_meeting", G): [read(MEMBERS), read(COUNTY, label="convener", args=LAPPI)],
    ("api:put_agenda_item", PUT): [
        api_write(COUNTY, A.AGENDA_EDIT, args=LAPPI, data={"title": "Otsikko", "body": "x"})
    ],
    ("api:post_action", P): [
        api_write(COUNTY, A.ACTION_ADD, ok=201, args=LAPPI, data={**ACTION, "owner": "kemi"}),
    ],
    ("api:put_action_progress", PUT): [
        api_write(CONTRIBUTORS, A.ACTION_PROGRESS, data={"status": "done"}),
        api_write(COUNTY, A.ACTION_PROGRESS, label="convener", args=LAPPI, data={"status": "done"}),
    ],
    # The meeting's writes through the API, as on its pages: the convener's coordinators; a party names its checker.
    ("api:put_meeting", PUT): [api_write(COUNTY, A.MEETING_UPDATE, args=LAPPI, data=API_MEETING)],
    ("api:post_meeting_party", P): [
        api_write(COUNTY, A.PARTY_ADD, ok=201, args=LAPPI, data={"organisation": "tornio"})
    ],
    ("api:delete_meeting_party", DELETE): [
        api_write(COUNTY, A.PARTY_REMOVE, ok=204, args={**LAPPI, "party_id": "{coop_ngo_party}"})
    ],
    ("api:put_meeting_checker", PUT): [
        api_write(COORDINATORS, A.PARTY_CHECKER, data={"checker": "{editor_id}"}),  # Kemi names its own checker
        api_write(COUNTY, A.PARTY_CHECKER, label="convener", args=LAPPI, data={"checker": "{editor_id}"}),
    ],
    ("api:post_meeting_person", P): [
        api_write(
            COUNTY,
            A.INVITEE_ADD,
            ok=201,
            args=LAPPI,
            data={"name": "Eino Asiantuntija", "role": "expert", "participation": "if_needed"},
        )
    ],
    ("api:delete_meeting_person", DELETE): [api_write(COUNTY, A.INVITEE_REMOVE, ok=204, args=LAPPI)],
    ("api:post_agenda_item", P): [api_write(COUNTY, A.AGENDA_ADD, ok=201, args=LAPPI, data={"title": "Muut asiat"})],
    ("api:move_agenda_item", P): [api_write(COUNTY, A.AGENDA_MOVE, args=LAPPI, data={"direction": "down"})],
    ("api:delete_agenda_item", DELETE): [api_write(COUNTY, A.AGENDA_REMOVE, ok=204, args=LAPPI)],
    ("api:put_minutes", PUT): [
        api_write(
            COUNTY, A.MINUTES_EDIT, args=LAPPI, data={"items": [{"item": "{coop_item}", "minutes": "Pöytäkirja"}]}
        )
    ],
    ("api:post_minutes_share", P): [api_write(COUNTY, A.MINUTES_SHARE, args=LAPPI)],
    ("api:post_minutes_reopen", P): [api_write(COUNTY, A.MINUTES_REOPEN, args={**LAPPI, **SHARED_MINUTES})],
    ("api:put_action", PUT): [api_write(COUNTY, A.ACTION_EDIT, args=LAPPI, data={**ACTION, "owner": "kemi"})],
    ("api:post_action_carry", P): [
        api_write(COORDINATORS, A.ACTION_CARRY, ok=201, args={"action_id": "{coop_kemi_action}"}),
        api_write(COUNTY, A.ACTION_CARRY, ok=201, label="county", args={**LAPPI, "action_id": "{coop_kemi_action}"}),
    ],
    ("api:list_actions", G): [read(MEMBERS), read(COUNTY, label="county", args=LAPPI)],
    ("api:list_interfaces", G): [
        read(MEMBERS),
        read(COUNTY, label="county", args=LAPPI),
        read(frozenset({"outsider"}), label="tornio", args={"slug": "tornio"}),
    ],
    ("api:post_interface", P): [
        api_write(
            COUNTY, A.INTERFACE_CREATE, ok=201, args=LAPPI, data={"name": "Liikuntaneuvonta", "name_sv": "Motion"}
        )
    ],
    ("api:get_interface", G): [read(MEMBERS), read(COUNTY, label="county", args=LAPPI)],
    ("api:post_pair", P): [
        api_write(
            COUNTY,
            A.PAIR_ADD,
            ok=201,
            args=LAPPI,
            data={
                **PAIR,
                "municipality": "kemi",
                "county_person": "{county_user_id}",
                "municipality_person": "{editor_id}",
            },
        )
    ],
    # The register's and the structures' writes through the API: the county's coordinators, the keeper's.
    ("api:put_interface", PUT): [api_write(COUNTY, A.INTERFACE_UPDATE, args=LAPPI, data={"name": "Päihdetyö"})],
    ("api:post_interface_retire", P): [api_write(COUNTY, A.INTERFACE_RETIRE, args=LAPPI, data={"retired": True})],
    ("api:put_interface_owner", PUT): [
        api_write(COUNTY, A.INTERFACE_OWNER, args=LAPPI, data={"municipality": "kemi", "owner": "Hyte-yksikkö"})
    ],
    ("api:post_interface_defaults", P): [api_write(COUNTY, A.INTERFACE_DEFAULTS, args=LAPPI)],
    ("api:delete_pair", DELETE): [api_write(COUNTY, A.PAIR_REMOVE, ok=204, args=LAPPI)],
    ("api:put_structure", PUT): [api_write(COUNTY, A.STRUCTURE_UPDATE, args=LAPPI, data=STRUCTURE)],
    ("api:post_structure_member", P): [
        api_write(COUNTY, A.STRUCTURE_MEMBER_ADD, ok=201, args=LAPPI, data={"organisation": "tornio", "name": "Tiina"})
    ],
    ("api:delete_structure_member", DELETE): [api_write(COUNTY, A.STRUCTURE_MEMBER_REMOVE, ok=204, args=LAPPI)],
    ("api:list_structures", G): [read(MEMBERS), read(COUNTY, label="keeper", args=LAPPI)],
    ("api:post_structure", P): [
        api_write(COORDINATORS, A.STRUCTURE_CREATE, ok=201, data=STRUCTURE),
        api_write(COUNTY, A.STRUCTURE_CREATE, ok=201, label="county", args=LAPPI, data=STRUCTURE),
    ],
    ("api:post_confirmation", P): [
        Route(
            frozenset({"coordinator"}),
            ok=201,
            audits=A.MINUTES_CONFIRM,
            args=SHARED_MINUTES,
            data={"decision": "confirmed"},
            refused={"reader": 400, "editor": 400, "admin": 400},
        ),
        api_write(
            COUNTY,
            A.MINUTES_CONFIRM,
            ok=201,
            label="the county's checker",
            args={**LAPPI, **SHARED_MINUTES},
            data={"decision": "confirmed"},
        ),
    ],
    ("api:list_calendar_steps", G): [read(MEMBERS), read(COUNTY, label="county", args=LAPPI)],
    ("api:post_calendar", P): [api_write(COORDINATORS, A.CALENDAR_GENERATE, ok=201, data={"term_start": 2029})],
    ("api:put_calendar_step", PUT): [
        api_write(COORDINATORS, A.CALENDAR_STEP_UPDATE, data={"due": "2026-11-30", "responsible": "{editor_id}"})
    ],
    ("api:post_calendar_step_done", P): [
        api_write(COORDINATORS | {"editor"}, A.CALENDAR_STEP_DONE, data={"done_on": "2026-01-15"})
    ],
    ("api:list_chains", G): [read(MEMBERS), read(COUNTY, label="keeper", args=LAPPI)],
    ("api:get_chain", G): [
        read(MEMBERS),
        read(COUNTY, label="keeper", args=LAPPI),
        read(NOBODY, label="Tornio not in it", args={"slug": "tornio"}),
    ],
    ("api:chain_svg", G): [read(MEMBERS)],
    ("api:post_chain", P): [
        api_write(COUNTY, A.CHAIN_CREATE, ok=201, args=LAPPI, data={**CHAIN, "participants": ["kemi"]}),
    ],
    ("api:post_chain_step", P): [
        api_write(
            COUNTY,
            A.CHAIN_STEP_ADD,
            ok=201,
            args=LAPPI,
            data={"title": "Ryhmä", "phase": "continuation", "organisation": "kemi"},
        )
    ],
    # A chain's changes and its steps' through the API, as on its pages: the keeper's coordinators.
    ("api:put_chain", PUT): [api_write(COUNTY, A.CHAIN_UPDATE, args=LAPPI, data={**CHAIN, "participants": ["kemi"]})],
    ("api:put_chain_step", PUT): [
        api_write(
            COUNTY,
            A.CHAIN_STEP_UPDATE,
            args=CHAIN_STEP_ARGS,
            data={"title": "Neuvonta", "phase": "counselling", "organisation": "kemi"},
        )
    ],
    ("api:move_chain_step", P): [api_write(COUNTY, A.CHAIN_STEP_MOVE, args=CHAIN_STEP_ARGS, data={"direction": "up"})],
    ("api:delete_chain_step", DELETE): [api_write(COUNTY, A.CHAIN_STEP_REMOVE, ok=204, args=CHAIN_STEP_ARGS)],
    ("api:list_agreements", G): [read(MEMBERS), read(COUNTY, label="keeper", args=LAPPI)],
    ("api:get_agreement", G): [
        read(MEMBERS),
        read(NOBODY, label="Tornio not a party", args={"slug": "tornio"}),
    ],
    ("api:post_decision", P): [
        api_write(COORDINATORS, A.AGREEMENT_DECISION, args=AGREEMENT_V2, data=API_DECISION),  # Kemi's own
        api_write(COUNTY, A.AGREEMENT_DECISION, label="keeper", args={**LAPPI, **AGREEMENT_V2}, data=API_DECISION),
    ],
    # The agreement's drafting through the API, as on its pages: the keeper's coordinators.
    ("api:post_agreement", P): [
        api_write(
            COUNTY,
            A.AGREEMENT_CREATE,
            ok=201,
            args=LAPPI,
            data={**AGREEMENT_TEXT, "title": "Sopimus", "parties": ["kemi"]},
        )
    ],
    ("api:put_agreement_version", PUT): [
        api_write(COUNTY, A.AGREEMENT_EDIT, args={**LAPPI, **AGREEMENT_V2}, data=AGREEMENT_TEXT)
    ],
    ("api:post_agreement_approve", P): [api_write(COUNTY, A.AGREEMENT_APPROVE, args={**LAPPI, **AGREEMENT_V2})],
    ("api:post_agreement_version", P): [
        api_write(COUNTY, A.AGREEMENT_VERSION, ok=201, args={**LAPPI, "agreement_id": "{agreement_frozen}"})
    ],
    ("api:post_agreement_party", P): [
        api_write(COUNTY, A.AGREEMENT_PARTY_ADD, ok=201, args={**LAPPI, **AGREEMENT_V2}, data={"organisation": "thl"})
    ],
    ("api:delete_agreement_party", DELETE): [
        api_write(COUNTY, A.AGREEMENT_PARTY_REMOVE, ok=204, args={**LAPPI, **AGREEMENT_V2, "party": "lapin-jarjestot"})
    ],
    ("api:list_assessments", G): [read(DRAFT_READERS)],
    ("api:assessments_csv", G): [read(DRAFT_READERS)],
    ("api:assessment_counts", G): [read(DRAFT_READERS)],
    ("api:post_assessment", P): [
        api_write(CONTRIBUTORS, A.ASSESSMENT_CREATE, ok=201, data={"title": "API-arviointi", "kind": "full"}),
    ],
    ("api:get_assessment", G): [read(DRAFT_READERS)],
    ("api:patch_assessment", PATCH): [api_write(COORDINATORS, A.ASSESSMENT_UPDATE, data={"title": "Uusi nimi"})],
    ("api:post_screening", P): [
        api_write(
            COORDINATORS,
            A.ASSESSMENT_SCREENING,
            args={"assessment_id": "{screening}"},
            data={"full_assessment_needed": "yes", "method": "full"},
        ),
    ],
    ("api:post_option", P): [api_write(COORDINATORS, A.OPTION_ADD, ok=201, data={"title": "Uusi vaihtoehto"})],
    ("api:get_matrix", G): [read(DRAFT_READERS)],
    ("api:put_impact", PUT): [api_write(COORDINATORS, A.IMPACT_SET, data={"direction": "none"})],
    ("api:put_goal_effect", PUT): [api_write(COORDINATORS, A.GOAL_EFFECT, data={"effect": "supports"})],
    ("api:post_hearing", P): [
        api_write(COORDINATORS, A.HEARING_ADD, ok=201, data={"party": "Vanhusneuvosto", "views": "Hyvä."}),
    ],
    ("api:put_answers", PUT): [api_write(COORDINATORS, A.ASSESSMENT_ANSWERS, data={"answers": ["Vastaus"] * 7})],
    ("api:post_ready", P): [api_write(COORDINATORS, A.ASSESSMENT_READY, args={"assessment_id": "{complete}"})],
    ("api:put_decision", PUT): [
        api_write(
            COORDINATORS,
            A.ASSESSMENT_DECISION,
            args={"assessment_id": "{ready}"},
            data={"decision_body": "Lautakunta", "decision_date": "2026-01-15", "decision_reference": "§ 3"},
        ),
    ],
    ("api:put_follow_up", PUT): [
        api_write(COORDINATORS, A.ASSESSMENT_FOLLOW_UP, args={"assessment_id": "{decided}"}, data={"notes": "x"}),
    ],
    **NATIONAL_ROWS,
}

# The values of URL arguments, by name, unless a route says otherwise.
DEFAULT_ARGS = {
    "slug": "kemi",
    "report_id": "{report}",
    "block_id": "{block}",
    "goal_id": "{goal}",
    "entry_id": "{progress}",
    "comment_id": "{comment}",
    "alert_id": "{alert}",
    "rule_id": "{rule}",
    "indicator_id": "{own}",
    "set_id": "{set}",
    "batch_id": "{batch}",
    "membership_id": "{reader_membership}",
    "token_id": "{admin_token}",
    "assessment_id": "{assessment}",
    "option_id": "{option}",
    "area": "children",
    "kind": "child",
    "actor_id": "{register_actor}",
    "activity_id": "{register_activity}",
    "series_id": "{coop_series}",
    "meeting_id": "{coop_meeting}",
    "party_id": "{coop_party}",
    "invitee_id": "{coop_invitee}",
    "material_id": "{coop_material}",
    "item_id": "{coop_item}",
    "action_id": "{coop_action}",
    "interface_id": "{coop_interface}",
    "pair_id": "{coop_pair}",
    "structure_id": "{coop_structure}",
    "member_id": "{coop_structure_member}",
    "calendar_step_id": "{calendar_step}",
    "first_id": "{twin_a}",
    "second_id": "{twin_b}",
    "import_id": "{register_import}",
    "path_id": "{support_path}",
    "chain_id": "{chain}",
    "agreement_id": "{agreement}",
    "step_id": "{support_path_step}",
    "model_id": "{coef_model}",
    "area_id": "{coef_area}",
    "scenario_id": "{coef_scenario}",
    "round_id": "{round}",
    "discussion_id": "{discussion}",
    "topic_id": "{discussion_topic}",
    "section_id": "{round_section}",
    "statement_id": "{statement}",
    "survey_id": "{survey}",
    "grouping_id": "{survey_grouping}",
    "survey_indicator_id": "{survey_indicator}",
    "call_id": "{grant_call}",
    "criterion_id": "{grant_criterion}",
    "question_id": "{grant_question}",
    "application_id": "{grant_application}",
    "attachment_id": "{grant_attachment}",
}
NOT_IN_MATRIX = {"api:api-root"}  # ninja's root: answers 404 to every method
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


@pytest.fixture(autouse=True, scope="module")
def _linked_events():
    """The register's Linked Events import asks a real server on loopback that serves recorded answers."""
    from django.test import override_settings

    with serving() as server, override_settings(HYTE_LINKED_EVENTS_URL=server.base):
        yield


@pytest.fixture(scope="module")
def _matrix(_linked_events, django_db_setup, django_db_blocker):
    """The personas' world and the matrix's objects, built once per module inside a transaction that is rolled
    back at its end. Each case runs in a savepoint of it (pytest-django's `db`), so what a case writes is undone
    before the next one, as if the world had been built afresh for it."""
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer._from_testcase = True  # services' durable blocks may nest in it, as in a TestCase
        with outer:
            world = make_world()
            values = build_world(world)
            yield world, values, _fingerprint()
            transaction.set_rollback(True)


@pytest.fixture
def matrix(_matrix, db):
    world, values, as_built = _matrix
    assert _fingerprint() == as_built, "a case before this one left rows behind"
    return world, values


@functools.cache
def _named_routes() -> dict[str, URLPattern]:
    routes: dict[str, URLPattern] = {}

    def walk(resolver: URLResolver, namespace: str = "") -> None:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace != "admin":
                    walk(pattern, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                routes[f"{namespace}{pattern.name}"] = pattern

    walk(get_resolver())
    return {name: pattern for name, pattern in routes.items() if name not in NOT_IN_MATRIX}


@functools.cache
def _api_operations() -> dict[tuple[str, str], str]:
    """Every operation of the OpenAPI document: ("api:" + its function's name, method) → its path template."""
    schema = api.get_openapi_schema()
    return {
        (f"api:{operation['operationId'].rsplit('_api_', 1)[1]}", method.upper()): path
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    }


def _path(name: str, method: str, route: Route, values: dict[str, Any]) -> str:
    arguments = {**DEFAULT_ARGS, **route.args}
    operation = _api_operations().get((name, method))
    wanted = re.findall(r"{(\w+)}", operation) if operation else list(_named_routes()[name].pattern.regex.groupindex)
    missing = set(wanted) - set(arguments)
    assert not missing, f"{name}: no value for the URL arguments {sorted(missing)}: add them to the route"
    kwargs = {key: str(arguments[key]).format(**values) for key in wanted}
    path = operation.format(**kwargs) if operation else reverse(name, kwargs=kwargs)
    return f"{path}?{route.query.format(**values)}" if route.query else path


def _cases() -> list[tuple[str, str, Route]]:
    return [(name, method, route) for (name, method), routes in EXPECT.items() for route in routes]


def test_every_route_and_operation_has_its_expectation(matrix):
    """Each named route is asked every method (as Kemi's admin); what does not answer 405 must be in the table,
    as must every operation of the OpenAPI document; and the table names nothing that is not served."""
    world, values = matrix
    operations = _api_operations()
    served: set[tuple[str, str]] = set(operations)
    for name in _named_routes():
        if any(name == operation for operation, _method in operations):
            continue  # an API operation: its methods are in the OpenAPI document
        variants = EXPECT.get((name, G)) or EXPECT.get((name, P)) or [Route(NOBODY)]
        path = _path(name, G, variants[0], values)
        for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
            if world.client_for("admin").generic(method, path).status_code != 405:  # signed in afresh each time
                served.add((name, method))
    assert not served - set(EXPECT), f"served without a permission-matrix row: {sorted(served - set(EXPECT))}"
    assert not set(EXPECT) - served, f"rows for what is not served: {sorted(set(EXPECT) - served)}"


@functools.cache
def _counted_tables() -> list[str]:
    """The product's own tables (many-to-many ones included), the audit log aside."""
    return sorted(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model.__module__.startswith("hyte.") and not model._meta.label.startswith("audit.")
    )


def _fingerprint() -> dict[str, int]:
    """Rows per table of the product's own models, in one query: a refused write leaves every one as it was."""
    from django.db import connection

    tables = _counted_tables()
    counts = ", ".join(f"(SELECT COUNT(*) FROM {connection.ops.quote_name(table)})" for table in tables)  # noqa: S608 (the models' own table names)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        return dict(zip(tables, cursor.fetchone(), strict=True))


def _request(client: Any, method: str, path: str, route: Route, values: dict[str, Any], *, is_api: bool) -> Any:
    data = {
        key.format(**values): value if isinstance(value, list | dict) else str(value).format(**values)
        for key, value in route.data.items()
    }
    if data.get("file") == "UPLOAD":
        data["file"] = SimpleUploadedFile("kysely.csv", b"kunta;vuosi;arvo\n240;2024;55,5\n")
    if data.get("file") == "IMAGE":  # a picture, sent as a form sends it (multipart), to the API as to a page
        data["file"] = SimpleUploadedFile("kuva.png", png_bytes(), content_type="image/png")
        return client.post(path, data)
    if data.get("file") == "SURVEY_STRUCTURE":
        from tests.surveys_world import lss

        data["file"] = SimpleUploadedFile("kysely.lss", lss())
    if data.get("file") == "SURVEY_RESULTS":
        from tests.surveys_world import respondents, responses_csv

        data["file"] = SimpleUploadedFile("tulokset.csv", responses_csv(respondents({("A5", "2", "K3"): 3})))
    if data.get("file") == "REGISTER_UPLOAD":
        data["file"] = SimpleUploadedFile("toiminnot.csv", "Otsikko;Järjestäjä\nSatutunti;Kemin kirjasto\n".encode())
    if is_api and method in WRITES:  # JSON keeps its types: "{name}" becomes the world's value as it is

        def typed(value: Any) -> Any:
            if isinstance(value, list):
                return [typed(each) for each in value]
            if isinstance(value, dict):
                return {key: typed(each) for key, each in value.items()}
            named = isinstance(value, str) and value[:1] == "{" and value[1:-1] in values
            return values[value[1:-1]] if named else value

        body = {key: typed(value) for key, value in route.data.items()}
        return client.generic(method, path, json.dumps(body), content_type="application/json")
    if method == "GET":
        return client.get(path)
    return client.generic(method, path, data) if method != "POST" else client.post(path, data)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("name", "method", "route"),
    _cases(),
    ids=[f"{method}-{name}{'-' + route.label if route.label else ''}" for name, method, route in _cases()],
)
def test_permission_matrix(matrix, name: str, method: str, route: Route, persona: str):
    _check(matrix, name, method, route, persona)


def _national_cases() -> list[tuple[str, str, Route]]:
    return [case for case in _cases() if (case[0], case[1]) in NATIONAL_ROWS]


@pytest.mark.parametrize("persona", NATIONAL_PERSONAS)
@pytest.mark.parametrize(
    ("name", "method", "route"),
    _national_cases(),
    ids=[f"{method}-{name}{'-' + route.label if route.label else ''}" for name, method, route in _national_cases()],
)
def test_national_personas(matrix, name: str, method: str, route: Route, persona: str):
    """THL's reader and its coordinator (the national administrator) on the national view's rows."""
    _check(matrix, name, method, route, persona)


def _check(matrix: tuple[Any, dict[str, Any]], name: str, method: str, route: Route, persona: str) -> None:
    world, values = matrix
    if persona == "county_unshared":
        unshare_drafts(actor=world.users["admin"], organisation=world.kemi, with_organisation=world.lappi)
    path = _path(name, method, route, values)
    client = world.client_for("county" if persona == "county_unshared" else persona)
    is_api = name.startswith("api:")
    before, log_before = _fingerprint(), set(AuditEntry.objects.values_list("pk", flat=True))

    response = _request(client, method, path, route, values, is_api=is_api)

    new_actions = set(AuditEntry.objects.exclude(pk__in=log_before).values_list("action", flat=True))
    if persona in route.refused:
        assert response.status_code == route.refused[persona], response.content[:300]
        assert not new_actions, f"refused, but the log has {new_actions}"
        assert _fingerprint() == before, "refused, but rows changed"
        return
    if persona in route.allowed:
        assert response.status_code == route.status_for(persona), response.content[:300]
        if method in WRITES and route.audits is not None:
            assert route.audits.value in new_actions, f"allowed, but no {route.audits.value} in the log"
        elif not route.writes_elsewhere:
            assert not new_actions, f"wrote {new_actions}"
        return
    if persona == "anonymous" and not route.public:
        if is_api:
            assert response.status_code == 401, response.content[:300]
        else:
            assert response.status_code == 302, response.content[:300]
            assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == 404, response.content[:300]
    assert not new_actions, f"refused, but the log has {new_actions}"
    assert _fingerprint() == before, "refused, but rows changed"


def test_the_api_does_not_reveal_whether_an_organisation_exists(matrix):
    world, _values = matrix
    client = world.client_for("outsider")
    assert client.get("/api/v1/organisations/kemi").status_code == 404
    assert client.get("/api/v1/organisations/no-such-org").status_code == 404
