"""Every view and API endpoint, as every persona: anonymous, outsider, reader, editor, coordinator, admin.

The matrix is checked complete against the URL configuration, so a new view cannot land untested.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver

from hyte.accounts.models import ApiToken, Membership
from hyte.accounts.services import create_api_token
from hyte.assessments import services as assessment_services
from hyte.indicators.parsing import Mapping
from hyte.indicators.services import create_batch, import_bytes
from hyte.reports import services as report_services
from hyte.situation.models import Alert
from hyte.situation.services import create_rule
from tests.conftest import SYSTEM, approve_and_publish

PERSONAS = ["anonymous", "outsider", "reader", "editor", "coordinator", "admin", "county"]
LOGIN = "login"  # a redirect to the login page


@dataclass
class Case:
    name: str  # the URL name
    path: str  # with {placeholders} filled from the world
    method: str = "get"
    data: dict[str, Any] = field(default_factory=dict)
    expect: dict[str, int | str] = field(default_factory=dict)
    json: bool = False  # send data as a JSON body (the REST API's writes)


def everyone(status: int) -> dict[str, int | str]:
    return dict.fromkeys(PERSONAS, status)


def signed_in(status: int, **overrides: int | str) -> dict[str, int | str]:
    return {**dict.fromkeys(PERSONAS, status), "anonymous": LOGIN, **overrides}


def kemi(role_statuses: dict[str, int], other: int = 404) -> dict[str, int | str]:
    """Kemi's own members get their status; the outsider and the county get `other`."""
    return {"anonymous": LOGIN, "outsider": other, "county": other, **role_statuses}


MEMBERS_OF_KEMI = {"reader": 200, "editor": 200, "coordinator": 200, "admin": 200}
COORDINATORS_OF_KEMI = {"reader": 404, "editor": 404, "coordinator": 200, "admin": 200}
EDITORS_OF_KEMI = {"reader": 404, "editor": 404, "coordinator": 302, "admin": 302}  # those who may change
API_200 = {
    "anonymous": 401,
    "outsider": 404,
    "county": 404,
    "reader": 404,
    "editor": 404,
    "coordinator": 200,
    "admin": 200,
}
API_201 = {**API_200, "coordinator": 201, "admin": 201}

CASES = [
    Case(
        "home",
        "/",
        expect={
            **everyone(200),
            **dict.fromkeys(["outsider", "reader", "editor", "coordinator", "admin", "county"], 302),
        },
    ),
    Case("healthz", "/healthz", expect=everyone(200)),
    Case("area-list", "/areas/", expect=everyone(200)),
    Case("area-detail", "/areas/municipality/240/", expect=everyone(200)),
    Case("login", "/accounts/login/", expect={**everyone(302), "anonymous": 200}),
    Case("logout", "/accounts/logout/", method="post", expect=everyone(302)),
    Case("password-change", "/accounts/password/", expect=signed_in(200)),
    Case("password-change-done", "/accounts/password/done/", expect=signed_in(200)),
    Case("api-tokens", "/accounts/tokens/", expect=signed_in(200)),
    Case(
        "api-token-revoke",
        "/accounts/tokens/{admin_token}/revoke/",
        method="post",
        expect=signed_in(404, admin=302),
    ),
    Case(
        "organisation-switch",
        "/organisations/switch/",
        method="post",
        data={"organisation": "{kemi_id}"},
        expect=signed_in(302, outsider=404, county=404),
    ),
    Case("organisation-home", "/o/kemi/", expect=kemi(MEMBERS_OF_KEMI)),
    Case("organisation-members", "/o/kemi/members/", expect=kemi(MEMBERS_OF_KEMI)),
    Case(
        "organisation-members",
        "/o/kemi/members/",
        method="post",
        data={"email": "new@example.fi", "role": "reader"},
        expect=kemi({"reader": 404, "editor": 404, "coordinator": 404, "admin": 302}),
    ),
    Case(
        "organisation-member-role",
        "/o/kemi/members/{reader_membership}/role/",
        method="post",
        data={"role": "editor"},
        expect=kemi({"reader": 404, "editor": 404, "coordinator": 404, "admin": 302}),
    ),
    Case(
        "organisation-member-remove",
        "/o/kemi/members/{reader_membership}/remove/",
        method="post",
        expect=kemi({"reader": 404, "editor": 404, "coordinator": 404, "admin": 302}),
    ),
    Case(
        "organisation-settings",
        "/o/kemi/settings/",
        expect=kemi({"reader": 404, "editor": 404, "coordinator": 200, "admin": 200}),
    ),
    Case(
        "organisation-settings",
        "/o/kemi/settings/",
        method="post",
        data={"county": "{lappi_id}", "share": "0"},
        expect=kemi({"reader": 404, "editor": 404, "coordinator": 302, "admin": 302}),
    ),
    Case(
        "organisation-audit-log",
        "/o/kemi/audit/",
        expect=kemi({"reader": 404, "editor": 404, "coordinator": 200, "admin": 200}),
    ),
    Case(
        "set-language",
        "/i18n/setlang/",
        method="post",
        data={"language": "sv", "next": "/"},
        expect=everyone(302),
    ),
    # The REST API answers 401 to the anonymous and 404 to those who may not see an object.
    Case("api:list_areas", "/api/v1/areas", expect=everyone(200)),
    Case("api:get_area", "/api/v1/areas/county/21", expect=everyone(200)),
    Case("api:me", "/api/v1/me", expect={**everyone(200), "anonymous": 401}),
    Case("api:my_organisations", "/api/v1/organisations", expect={**everyone(200), "anonymous": 401}),
    Case(
        "api:get_organisation",
        "/api/v1/organisations/kemi",
        expect={**kemi(MEMBERS_OF_KEMI), "anonymous": 401},
    ),
    Case("api:api-root", "/api/v1/", expect=everyone(404)),
    Case("indicator-list", "/o/kemi/indicators/", expect=kemi(MEMBERS_OF_KEMI)),
    Case("indicator-detail", "/o/kemi/indicators/{shared}/", expect=kemi(MEMBERS_OF_KEMI)),
    Case("indicator-detail", "/o/kemi/indicators/{own}/", expect=kemi(MEMBERS_OF_KEMI)),
    Case(
        "indicator-detail",
        "/o/tornio/indicators/{own}/",
        expect={**kemi(dict.fromkeys(MEMBERS_OF_KEMI, 404)), "outsider": 404},
    ),
    Case(
        "indicator-detail",
        "/o/kemi/indicators/{own}/",
        method="post",
        data={"polarity": "low_good"},
        expect=kemi(EDITORS_OF_KEMI),
    ),
    Case("indicator-set-list", "/o/kemi/indicator-sets/", expect=kemi(MEMBERS_OF_KEMI)),
    Case(
        "indicator-set-list",
        "/o/kemi/indicator-sets/",
        method="post",
        data={"name": "Lapset"},
        expect=kemi(EDITORS_OF_KEMI),
    ),
    Case("indicator-set-detail", "/o/kemi/indicator-sets/{set}/", expect=kemi(MEMBERS_OF_KEMI)),
    Case(
        "indicator-set-change",
        "/o/kemi/indicator-sets/{set}/change/",
        method="post",
        data={"indicator": "{shared}", "action": "add"},
        expect=kemi(EDITORS_OF_KEMI),
    ),
    Case("import-list", "/o/kemi/imports/", expect=kemi(COORDINATORS_OF_KEMI)),
    Case("import-list", "/o/kemi/imports/", method="post", data={"file": "UPLOAD"}, expect=kemi(EDITORS_OF_KEMI)),
    Case("import-map", "/o/kemi/imports/{batch}/columns/", expect=kemi(COORDINATORS_OF_KEMI)),
    Case("import-detail", "/o/kemi/imports/{batch}/", expect=kemi(COORDINATORS_OF_KEMI)),
    Case("situation", "/o/kemi/situation/", expect=kemi(MEMBERS_OF_KEMI)),
    Case("situation-export", "/o/kemi/situation/export.csv", expect=kemi(MEMBERS_OF_KEMI)),
    Case("situation-indicator", "/o/kemi/situation/indicators/{shared}/", expect=kemi(MEMBERS_OF_KEMI)),
    Case("situation-indicator", "/o/kemi/situation/indicators/{own}/", expect=kemi(MEMBERS_OF_KEMI)),
    Case("rule-list", "/o/kemi/rules/", expect=kemi(MEMBERS_OF_KEMI)),
    Case(
        "rule-list",
        "/o/kemi/rules/",
        method="post",
        data={"indicator": "{own}", "condition": "above", "threshold": "50", "years": "3", "measure": "x"},
        expect=kemi(EDITORS_OF_KEMI),
    ),
    Case("rule-deactivate", "/o/kemi/rules/{rule}/deactivate/", method="post", expect=kemi(EDITORS_OF_KEMI)),
    Case("alert-dismiss", "/o/kemi/alerts/{alert}/dismiss/", method="post", expect=kemi(EDITORS_OF_KEMI)),
    Case("api:situation", "/api/v1/organisations/kemi/situation", expect={**kemi(MEMBERS_OF_KEMI), "anonymous": 401}),
    Case("report-list", "/o/kemi/reports/", expect=kemi(MEMBERS_OF_KEMI, other=404) | {"county": 200}),
    Case(
        "report-list",
        "/o/kemi/reports/",
        method="post",
        data={"kind": "broad", "title": "Uusi", "term_start": "2025", "term_end": "2029"},
        expect=kemi(EDITORS_OF_KEMI),
    ),
    Case("report-detail", "/o/kemi/reports/{report}/", expect=kemi(MEMBERS_OF_KEMI) | {"county": 200}),
    Case(
        "report-block-edit",
        "/o/kemi/reports/{report}/blocks/{block}/",
        expect=kemi({"reader": 404, "editor": 200, "coordinator": 200, "admin": 200}),
    ),
    Case(
        "report-block-edit",
        "/o/kemi/reports/{report}/blocks/{block}/",
        method="post",
        data={"text": "Uusi teksti", "revision": "1"},
        expect=kemi({"reader": 404, "editor": 302, "coordinator": 302, "admin": 302}),
    ),
    Case(
        "report-goal-add",
        "/o/kemi/reports/{report}/goals/",
        method="post",
        data={"text": "Tavoite", "age_group": "all"},
        expect=kemi(EDITORS_OF_KEMI) | {"county": 404},
    ),
    Case(
        "report-goal-indicator-add",
        "/o/kemi/reports/{report}/goals/{goal}/indicators/",
        method="post",
        data={
            "indicator": "{own}",
            "baseline_year": "2024",
            "target_year": "2029",
            "target_value": "70",
            "direction": "increase",
        },
        expect=kemi(EDITORS_OF_KEMI),
    ),
    Case(
        "report-measure-add",
        "/o/kemi/reports/{report}/goals/{goal}/measures/",
        method="post",
        data={"text": "Toimenpide"},
        expect=kemi(EDITORS_OF_KEMI),
    ),
    Case(
        "report-progress-edit",
        "/o/kemi/reports/{annual}/progress/{progress}/",
        method="post",
        data={"status": "on_track", "text": "Etenee"},
        expect=kemi(EDITORS_OF_KEMI),
    ),
    Case(
        "report-comment-add",
        "/o/kemi/reports/{report}/comments/",
        method="post",
        data={"text": "Hyvä"},
        expect=kemi({"reader": 302, "editor": 302, "coordinator": 302, "admin": 302}) | {"county": 302},
    ),
    Case(
        "report-comment-resolve",
        "/o/kemi/reports/{report}/comments/{comment}/resolve/",
        method="post",
        # The reader wrote the comment: its author may resolve it, as may those who edit everything.
        expect=kemi(EDITORS_OF_KEMI) | {"reader": 302},
    ),
    Case(
        "report-status",
        "/o/kemi/reports/{report}/status/",
        method="post",
        data={"status": "in_review"},
        expect=kemi(EDITORS_OF_KEMI),
    ),
    Case("report-export", "/o/kemi/reports/{report}/export.docx", expect=kemi(MEMBERS_OF_KEMI) | {"county": 200}),
    Case("report-export", "/o/kemi/reports/{report}/export.pdf", expect=kemi(MEMBERS_OF_KEMI) | {"county": 200}),
    # The public site: published versions for everyone, signed in or not; drafts for nobody, not even members.
    Case("public-root", "/public/", expect=everyone(302)),
    Case("public-index", "/public/fi/", expect=everyone(200)),
    Case("public-index", "/public/sv/", expect=everyone(200)),
    Case("public-sitemap", "/public/sitemap.xml", expect=everyone(200)),
    Case("public-organisation", "/public/fi/kemi/", expect=everyone(200)),
    Case("public-organisation", "/public/fi/lappi/", expect=everyone(404)),  # nothing published
    Case("public-report", "/public/fi/kemi/{published}/", expect=everyone(200)),
    Case("public-report", "/public/en/kemi/{published}/", expect=everyone(200)),
    Case("public-report", "/public/sv/kemi/{published}/", expect=everyone(404)),  # Kemi serves in Finnish
    Case("public-report", "/public/fi/kemi/{report}/", expect=everyone(404)),  # a draft
    Case("public-report", "/public/fi/tornio/{published}/", expect=everyone(404)),  # not Tornio's
    Case("public-version", "/public/fi/kemi/{published}/v2/", expect=everyone(200)),
    Case("public-version", "/public/fi/kemi/{published}/v1/", expect=everyone(404)),  # approved, not published
    Case("public-version-pdf", "/public/fi/kemi/{published}/v2/report.pdf", expect=everyone(200)),
    Case("public-data", "/public/data/kemi/{published}/v2/goals.csv", expect=everyone(200)),
    Case("public-data", "/public/data/kemi/{published}/v2/report.json", expect=everyone(200)),
    Case("public-data", "/public/data/kemi/{report}/v1/report.json", expect=everyone(404)),
    Case("public-data", "/public/data/kemi/{published}/v2/secrets.csv", expect=everyone(404)),
    Case(
        "report-county-overview",
        "/o/lappi/reports/municipalities/",
        expect={**everyone(404), "anonymous": LOGIN, "county": 200},
    ),
    Case(
        "report-assign",
        "/o/kemi/reports/{report}/assign/goal/{goal}/",
        method="post",
        data={"users": "{editor_id}"},
        expect=kemi(EDITORS_OF_KEMI),
    ),
    Case(
        "alert-to-measure",
        "/o/kemi/alerts/{alert}/measure/",
        method="post",
        data={"goal": "{goal}"},
        expect=kemi(EDITORS_OF_KEMI),
    ),
    Case(
        "report-pull-regional",
        "/o/lappi/reports/municipalities/pull/",
        method="post",
        data={"regional": "{regional}", "municipal": "{report}"},
        expect={**everyone(404), "anonymous": LOGIN, "county": 302},
    ),
    Case(
        "report-goal-link",
        "/o/lappi/reports/{regional}/goals/{regional_goal}/supported-by/",
        method="post",
        data={"municipal_goal": "{goal}"},
        expect={**everyone(404), "anonymous": LOGIN, "county": 302},
    ),
    Case(
        "report-version-compare",
        "/o/kemi/reports/{report}/versions/compare/",
        expect=kemi(MEMBERS_OF_KEMI) | {"county": 200},
    ),
    Case(
        "api:list_reports",
        "/api/v1/organisations/kemi/reports",
        expect={**kemi(MEMBERS_OF_KEMI), "county": 200, "anonymous": 401},
    ),
    Case(
        "api:get_report",
        "/api/v1/organisations/kemi/reports/{report}",
        expect={**kemi(MEMBERS_OF_KEMI), "county": 200, "anonymous": 401},
    ),
    Case(
        "api:put_progress",
        "/api/v1/organisations/kemi/reports/{annual}/progress/{progress}",
        method="put",
        json=True,
        data={"status": "on_track", "text": "Etenee"},
        expect={**kemi({"reader": 404, "editor": 404, "coordinator": 200, "admin": 200}), "anonymous": 401},
    ),
    Case(
        "api:post_measure",
        "/api/v1/organisations/kemi/reports/{report}/goals/{goal}/measures",
        method="post",
        json=True,
        data={"text": "Toimenpide", "responsible_parties": ["Sivistystoimi"]},
        expect={**kemi({"reader": 404, "editor": 404, "coordinator": 201, "admin": 201}), "anonymous": 401},
    ),
    # Impact assessments: members and the county (where Kemi shares its drafts) read; editors write what they
    # prepare or take part in (here: nothing), coordinators everything.
    Case("assessment-list", "/o/kemi/assessments/", expect=kemi(MEMBERS_OF_KEMI) | {"county": 200}),
    Case(
        "assessment-list",
        "/o/kemi/assessments/",
        method="post",
        data={"title": "Uusi arviointi", "kind": "screening"},
        expect=kemi({"reader": 404, "editor": 302, "coordinator": 302, "admin": 302}),
    ),
    Case(
        "assessment-register-export",
        "/o/kemi/assessments/export.csv",
        expect=kemi(MEMBERS_OF_KEMI) | {"county": 200},
    ),
    Case("assessment-template-list", "/o/kemi/assessments/templates/", expect=kemi(MEMBERS_OF_KEMI)),
    Case("assessment-template-edit", "/o/kemi/assessments/templates/child/", expect=kemi(COORDINATORS_OF_KEMI)),
    Case(
        "assessment-template-edit",
        "/o/kemi/assessments/templates/child/",
        method="post",
        data={"name": "LAVA", "questions": "Kysymys?"},
        expect=kemi(EDITORS_OF_KEMI),
    ),
    Case("assessment-detail", "/o/kemi/assessments/{assessment}/", expect=kemi(MEMBERS_OF_KEMI) | {"county": 200}),
    Case("assessment-edit", "/o/kemi/assessments/{assessment}/edit/", expect=kemi(COORDINATORS_OF_KEMI)),
    Case(
        "assessment-edit",
        "/o/kemi/assessments/{assessment}/edit/",
        method="post",
        data={"title": "Uusi nimi"},
        expect=kemi(EDITORS_OF_KEMI),
    ),
    Case(
        "assessment-people",
        "/o/kemi/assessments/{assessment}/people/",
        method="post",
        data={"preparer": "{editor_id}"},
        expect=kemi(EDITORS_OF_KEMI),
    ),
    Case(
        "assessment-answers",
        "/o/kemi/assessments/{assessment}/answers/",
        method="post",
        data={"answer_0": "Vastaus"},
        expect=kemi(EDITORS_OF_KEMI),
    ),
    Case(
        "assessment-screening",
        "/o/kemi/assessments/{screening}/screening/",
        method="post",
        data={"full_assessment_needed": "yes", "method": "child"},
        expect=kemi(EDITORS_OF_KEMI),
    ),
    Case(
        "assessment-option-add",
        "/o/kemi/assessments/{assessment}/options/",
        method="post",
        data={"title": "Uusi vaihtoehto"},
        expect=kemi(EDITORS_OF_KEMI),
    ),
    Case(
        "assessment-option-remove",
        "/o/kemi/assessments/{assessment}/options/{option}/remove/",
        method="post",
        expect=kemi(EDITORS_OF_KEMI),
    ),
    Case(
        "assessment-impact",
        "/o/kemi/assessments/{assessment}/options/{option}/impacts/children/",
        expect=kemi(COORDINATORS_OF_KEMI),
    ),
    Case(
        "assessment-impact",
        "/o/kemi/assessments/{assessment}/options/{option}/impacts/children/",
        method="post",
        data={"direction": "none"},
        expect=kemi(EDITORS_OF_KEMI),
    ),
    Case(
        "assessment-goal-effect",
        "/o/kemi/assessments/{assessment}/goals/",
        method="post",
        data={"option": "{option}", "goal": "{goal}", "effect": "supports"},
        expect=kemi(EDITORS_OF_KEMI),
    ),
    Case(
        "assessment-hearing-add",
        "/o/kemi/assessments/{assessment}/hearings/",
        method="post",
        data={"party": "Nuorisovaltuusto", "views": "Illat ovat tärkeitä."},
        expect=kemi(EDITORS_OF_KEMI),
    ),
    Case("assessment-ready", "/o/kemi/assessments/{complete}/ready/", method="post", expect=kemi(EDITORS_OF_KEMI)),
    Case("assessment-reopen", "/o/kemi/assessments/{ready}/reopen/", method="post", expect=kemi(EDITORS_OF_KEMI)),
    Case(
        "assessment-decision",
        "/o/kemi/assessments/{ready}/decision/",
        method="post",
        data={"decision_body": "Sivistyslautakunta", "decision_date": "2026-01-15", "decision_reference": "§ 3"},
        expect=kemi(EDITORS_OF_KEMI),
    ),
    Case(
        "assessment-follow-up",
        "/o/kemi/assessments/{decided}/follow-up/",
        method="post",
        data={"notes": "Vaikutukset toteutuivat."},
        expect=kemi(EDITORS_OF_KEMI),
    ),
    Case(
        "assessment-summary",
        "/o/kemi/assessments/{assessment}/summary/",
        expect=kemi(MEMBERS_OF_KEMI) | {"county": 200},
    ),
    Case(
        "assessment-export",
        "/o/kemi/assessments/{assessment}/summary.docx",
        expect=kemi(MEMBERS_OF_KEMI) | {"county": 200},
    ),
    Case(
        "api:list_assessments",
        "/api/v1/organisations/kemi/assessments",
        expect={**kemi(MEMBERS_OF_KEMI), "county": 200, "anonymous": 401},
    ),
    Case(
        "api:assessments_csv",
        "/api/v1/organisations/kemi/assessments.csv",
        expect={**kemi(MEMBERS_OF_KEMI), "county": 200, "anonymous": 401},
    ),
    Case(
        "api:assessment_counts",
        "/api/v1/organisations/kemi/assessments/counts",
        expect={**kemi(MEMBERS_OF_KEMI), "county": 200, "anonymous": 401},
    ),
    Case(
        "api:post_assessment",
        "/api/v1/organisations/kemi/assessments",
        method="post",
        json=True,
        data={"title": "API-arviointi", "kind": "full"},
        expect={**kemi({"reader": 404, "editor": 201, "coordinator": 201, "admin": 201}), "anonymous": 401},
    ),
    Case(
        "api:get_assessment",
        "/api/v1/organisations/kemi/assessments/{assessment}",
        expect={**kemi(MEMBERS_OF_KEMI), "county": 200, "anonymous": 401},
    ),
    Case(
        "api:patch_assessment",
        "/api/v1/organisations/kemi/assessments/{assessment}",
        method="patch",
        json=True,
        data={"title": "Uusi nimi"},
        expect=API_200,
    ),
    Case(
        "api:post_screening",
        "/api/v1/organisations/kemi/assessments/{screening}/screening",
        method="post",
        json=True,
        data={"full_assessment_needed": "yes", "method": "full"},
        expect=API_200,
    ),
    Case(
        "api:post_option",
        "/api/v1/organisations/kemi/assessments/{assessment}/options",
        method="post",
        json=True,
        data={"title": "Uusi vaihtoehto"},
        expect=API_201,
    ),
    Case(
        "api:get_matrix",
        "/api/v1/organisations/kemi/assessments/{assessment}/matrix",
        expect={**kemi(MEMBERS_OF_KEMI), "county": 200, "anonymous": 401},
    ),
    Case(
        "api:put_impact",
        "/api/v1/organisations/kemi/assessments/{assessment}/options/{option}/impacts/children",
        method="put",
        json=True,
        data={"direction": "none"},
        expect=API_200,
    ),
    Case(
        "api:put_goal_effect",
        "/api/v1/organisations/kemi/assessments/{assessment}/options/{option}/goals/{goal}",
        method="put",
        json=True,
        data={"effect": "supports"},
        expect=API_200,
    ),
    Case(
        "api:post_hearing",
        "/api/v1/organisations/kemi/assessments/{assessment}/hearings",
        method="post",
        json=True,
        data={"party": "Vanhusneuvosto", "views": "Hyvä."},
        expect=API_201,
    ),
    Case(
        "api:post_ready",
        "/api/v1/organisations/kemi/assessments/{complete}/ready",
        method="post",
        json=True,
        expect=API_200,
    ),
    Case(
        "api:put_decision",
        "/api/v1/organisations/kemi/assessments/{ready}/decision",
        method="put",
        json=True,
        data={"decision_body": "Lautakunta", "decision_date": "2026-01-15", "decision_reference": "§ 3"},
        expect=API_200,
    ),
    Case(
        "api:put_follow_up",
        "/api/v1/organisations/kemi/assessments/{decided}/follow-up",
        method="put",
        json=True,
        data={"notes": "Toteutui."},
        expect=API_200,
    ),
    Case("api:list_indicators", "/api/v1/indicators", expect=everyone(200)),
    Case("api:get_indicator", "/api/v1/indicators/{shared}", expect=everyone(200)),
    Case("api:get_indicator", "/api/v1/indicators/{own}", expect={**kemi(MEMBERS_OF_KEMI), "anonymous": 404}),
    Case(
        "api:list_observations",
        "/api/v1/observations?indicator={own}",
        expect={**kemi(MEMBERS_OF_KEMI), "anonymous": 404},
    ),
    Case(
        "api:observations_csv",
        "/api/v1/observations.csv?indicator={own}",
        expect={**kemi(MEMBERS_OF_KEMI), "anonymous": 404},
    ),
    Case("api:openapi-json", "/api/v1/openapi.json", expect=everyone(200)),
    Case("api:openapi-view", "/api/v1/docs", expect=everyone(200)),
]

# URL names that are deliberately outside the matrix, with the reason.
NOT_IN_MATRIX = {
    "admin": "Django's admin, staff only; tested separately in test_audit",
}


def _url_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_the_matrix_covers_every_named_url():
    covered = {case.name for case in CASES}
    missing = _url_names(get_resolver()) - covered
    assert not missing, f"views without a permission-matrix row: {sorted(missing)}"


def _assessments(world: Any, goal: Any) -> dict[str, int]:
    """An assessment in preparation with one option, one in screening, one complete, one ready, one decided."""
    services = assessment_services
    created = {}
    for name in ("assessment", "complete", "ready", "decided"):
        created[name] = services.create_assessment(actor=SYSTEM, organisation=world.kemi, title=name, kind="full")
    option = services.add_option(actor=SYSTEM, assessment=created["assessment"], title="Vaihtoehto")
    for name in ("complete", "ready", "decided"):
        assessment = created[name]
        services.add_option(actor=SYSTEM, assessment=assessment, title="Muutos")
        for each in assessment.options.all():
            services.set_impact(actor=SYSTEM, option=each, area="children", direction="unknown")
        services.update_assessment(actor=SYSTEM, assessment=assessment, conclusion="Ei muutosta.")
    for name in ("ready", "decided"):
        services.mark_ready(actor=SYSTEM, assessment=created[name])
    services.record_decision(
        actor=SYSTEM,
        assessment=created["decided"],
        decision_body="Lautakunta",
        decision_date=created["decided"].created_at.date(),
        decision_reference="§ 1",
    )
    screening = services.create_assessment(actor=SYSTEM, organisation=world.kemi, title="Seulonta")
    return {"option": option.pk, "screening": screening.pk, **{name: a.pk for name, a in created.items()}}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.method}-{c.name}-{c.path}")
def test_permission_matrix(world, case: Case, persona: str):
    _token, _raw = create_api_token(actor=world.users["admin"], name="matrix")
    import_bytes(
        actor=SYSTEM,
        batch=create_batch(actor=SYSTEM, organisation=world.kemi, source="test"),
        data=b"kunta;vuosi;arvo\n240;2024;61\n",
        mapping=Mapping(area=0, year=1, value=2, indicator_fixed="KH1"),
    )
    rule = create_rule(
        actor=SYSTEM,
        organisation=world.kemi,
        indicator=world.own_indicator,
        condition="above",
        threshold=50,
        measure="x",
    )
    alert = Alert.objects.get(rule=rule)
    report = report_services.create_report(
        actor=SYSTEM, organisation=world.kemi, kind="broad", title="Kertomus", term_start=2025, term_end=2029
    )
    section = report.sections.first()
    report_services.assign(actor=SYSTEM, subject=section, users=[world.users["editor"]])
    goal = report_services.add_goal(actor=SYSTEM, report=report, text="Tavoite")
    annual = report_services.create_report(
        actor=SYSTEM,
        organisation=world.kemi,
        kind="annual",
        title="Vuosi",
        term_start=2025,
        term_end=2029,
        year=2026,
        plan_report=report,
    )
    comment = report_services.add_comment(actor=world.users["reader"], report=report, text="Kommentti")
    regional = report_services.create_report(
        actor=SYSTEM, organisation=world.lappi, kind="regional", title="Alue", term_start=2025, term_end=2029
    )
    regional_goal = report_services.add_goal(actor=SYSTEM, report=regional, text="Alueen tavoite")
    published = report_services.create_report(
        actor=SYSTEM, organisation=world.kemi, kind="broad", title="Julkaistu", term_start=2021, term_end=2025
    )
    report_services.add_goal(actor=SYSTEM, report=published, text="Julkaistu tavoite")
    approve_and_publish(published, SYSTEM)
    assessments = _assessments(world, goal)
    values = {
        "admin_token": ApiToken.objects.get(user=world.users["admin"]).pk,
        "kemi_id": world.kemi.pk,
        "lappi_id": world.lappi.pk,
        "reader_membership": Membership.objects.get(user=world.users["reader"]).pk,
        "shared": world.shared_indicator.pk,
        "own": world.own_indicator.pk,
        "set": world.indicator_set.pk,
        "batch": world.batch.pk,
        "rule": rule.pk,
        "alert": alert.pk,
        "report": report.pk,
        "block": section.blocks.get().pk,
        "goal": goal.pk,
        "annual": annual.pk,
        "progress": annual.progress_entries.get().pk,
        "comment": comment.pk,
        "regional": regional.pk,
        "editor_id": world.users["editor"].pk,
        "regional_goal": regional_goal.pk,
        "published": published.pk,
        **assessments,
    }
    path = case.path.format(**values)
    data = {key: value if isinstance(value, list) else str(value).format(**values) for key, value in case.data.items()}
    if data.get("file") == "UPLOAD":
        data["file"] = SimpleUploadedFile("kysely.csv", b"kunta;vuosi;arvo\n240;2024;55,5\n")
    client = world.client_for(persona)
    if case.json:
        response = getattr(client, case.method)(path, json.dumps(data), content_type="application/json")
    else:
        response = getattr(client, case.method)(path, data)
    expected = case.expect[persona]
    if expected == LOGIN:
        assert response.status_code == 302, response.content[:300]
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == expected, response.content[:300]


def test_the_api_does_not_reveal_whether_an_organisation_exists(world):
    client = world.client_for("outsider")
    assert client.get("/api/v1/organisations/kemi").status_code == 404
    assert client.get("/api/v1/organisations/no-such-org").status_code == 404
