"""The OpenAPI schema: generated without warnings, valid OpenAPI 3, every operation's errors
documented in the one error format, and served with browsable docs."""

from io import StringIO

import pytest
import yaml
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

pytestmark = pytest.mark.django_db

METHODS = ("get", "post", "put", "patch", "delete")
PUBLIC = "/api/v1/public/"  # read without a token: nothing to refuse with 401 or 403


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def operations(schema):
    for path, item in schema["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def test_the_schema_generates_without_warnings_and_validates(tmp_path):
    out, err = StringIO(), StringIO()
    target = tmp_path / "schema.yaml"
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(target), stdout=out, stderr=err
    )
    assert "Warning" not in err.getvalue(), err.getvalue()
    validate_schema(yaml.safe_load(target.read_text()))


def test_every_operation_documents_its_errors(schema):
    missing = []
    for path, method, operation in operations(schema):
        responses = operation["responses"]
        expected = {"401", "403", "406", "429", "503"}
        if path.startswith(PUBLIC):
            expected -= {"401", "403"}
        if "{" in path:
            expected.add("404")
        if method != "get":
            expected.add("409")
        if method in ("post", "put", "patch"):
            expected |= {"400", "413", "415"}
        lacking = expected - set(responses)
        if lacking:
            missing.append(f"{method.upper()} {path}: {sorted(lacking)}")
        for code, response in responses.items():
            if code.startswith(("4", "5")) and "content" in response:
                refs = {media["schema"]["$ref"] for media in response["content"].values()}
                assert refs <= {
                    "#/components/schemas/Error",
                    "#/components/schemas/RejectedBatch",
                }, (path, method, code)
    assert missing == []


def test_every_operation_says_what_it_does_and_needs_a_token(schema):
    for path, method, operation in operations(schema):
        assert operation.get("summary"), f"{method.upper()} {path} has no summary"
        schemes = {name for requirement in operation.get("security", []) for name in requirement}
        assert "knoxApiToken" in schemes, (path, method)


def test_writes_take_an_idempotency_key(schema):
    for path, method, operation in operations(schema):
        headers = {p["name"] for p in operation.get("parameters", []) if p["in"] == "header"}
        assert ("Idempotency-Key" in headers) == (method != "get"), (path, method)


def test_lists_are_paginated_and_take_updated_since(schema):
    for path, method, operation in operations(schema):
        if method == "get" and "results" in str(operation["responses"]["200"]):
            names = {p["name"] for p in operation.get("parameters", [])}
            assert {"page", "page_size", "updated_since", "ordering"} <= names, path


def test_the_schema_and_docs_are_served(client):
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert yaml.safe_load(schema.content)["info"]["title"] == "PSC QI Tracker API"
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "swagger-ui" in html and "/static/drf_spectacular_sidecar/" in html
    assert "cdn.jsdelivr" not in html


def test_the_header_shows_api_once_the_docs_exist(client_for, wessex_lead):
    html = client_for(wessex_lead).get("/").content.decode()
    assert 'href="/api/v1/docs/"' in html
