"""Property-based fuzzing of the whole API against its OpenAPI document (schemathesis): whatever a caller sends,
the API answers without a server error and as its document says (issue 14).

Every operation is called anonymously and with a coordinator's token, with inputs generated from the document
(valid and invalid: NUL bytes, lone surrogates, huge numbers, out-of-range years). The number of examples per
operation is bounded so the suite stays quick; `HYTE_FUZZ_EXAMPLES` raises it for a longer run.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from hyte.accounts.services import create_api_token

EXAMPLES = int(os.environ.get("HYTE_FUZZ_EXAMPLES", "15"))


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def token(world):
    """A coordinator's token; the WSGI handler keeps the test's database connection open (as Django's test
    client does), so every call runs inside the test's transaction."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield create_api_token(actor=world.users["coordinator"], name="fuzz")[1]
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
    derandomize=True,
)
def test_the_api_never_answers_a_server_error(case, token):
    case.call_and_validate(checks=CHECKS)
    case.call_and_validate(checks=CHECKS, headers={"Authorization": f"Bearer {token}"})
