"""Schemathesis against the schema, in-process through the WSGI application, as a national
admin's token: no request may get a server error, and every answer must match the schema
(status code, content type, headers and body). A bounded number of examples per operation
keeps the run to about a minute; SCHEMATHESIS_EXAMPLES raises it for a deeper run."""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.conftest import token_for, wsgi_app

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "12"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


CONFIG = SchemathesisConfig.from_dict(
    {
        "phases": {
            "examples": {"enabled": False},
            "coverage": {"enabled": False},
            "stateful": {"enabled": False},
        },
    }
)
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", wsgi_app, config=CONFIG)


@pytest.fixture
def admin_token(world, national_admin, settings):
    settings.API_THROTTLE_RATE = "100000/minute"
    return token_for(national_admin)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)
def test_the_api_answers_within_its_schema_and_never_fails(case, admin_token):
    headers = {"Authorization": f"Token {admin_token}"}
    response = case.call(headers=headers)
    case.validate_response(response, checks=CHECKS, headers=headers)
