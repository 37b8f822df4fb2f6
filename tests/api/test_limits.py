"""Limits and errors: 401/403/404/405/406/409/413/415/429 and the statement timeout, each in
the one JSON error format."""

from datetime import timedelta

import pytest
from django.db import OperationalError, connection, transaction
from django.utils import timezone
from rest_framework.test import APIClient

from core.api.errors import as_api_exception
from core.api.views import statement_timeout
from core.models import IdempotentRequest
from tests.api.conftest import token_client, token_for
from tests.factories import ProjectFactory, region

pytestmark = pytest.mark.django_db


def assert_error(response, status: int, code: str):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) >= {"status", "code", "detail", "errors"}
    assert (body["status"], body["code"]) == (status, code)
    return body


def test_anonymous_calls_get_401_with_a_token_challenge(client):
    response = client.get("/api/v1/projects/")
    assert_error(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"] == "Token"


def test_an_unknown_token_gets_401(db):
    assert_error(token_client("0" * 64).get("/api/v1/projects/"), 401, "authentication_failed")


def test_an_oversized_body_gets_413_before_it_is_read(partner_api, settings):
    settings.API_MAX_BODY_BYTES = 2_000
    body = {"points": [{"measure": 1, "period": "2016-04-04", "value": 1}] * 100}
    body = assert_error(partner_api.post("/api/v1/data/", body), 413, "payload_too_large")
    assert "2,000 bytes" in body["detail"]


def test_the_default_body_cap_refuses_six_megabytes(partner_api):
    response = partner_api.generic(
        "POST", "/api/v1/data/", "x" * (6 * 1024 * 1024), content_type="text/csv"
    )
    assert_error(response, 413, "payload_too_large")


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/xml", "application/x-www-form-urlencoded"]
)
def test_an_unsupported_content_type_gets_415(partner_api, content_type):
    response = partner_api.generic(
        "POST", "/api/v1/projects/", "title=x", content_type=content_type
    )
    assert_error(response, 415, "unsupported_media_type")


def test_csv_only_where_a_batch_is_expected(partner_api):
    response = partner_api.generic(
        "POST", "/api/v1/projects/", "title\nx\n", content_type="text/csv"
    )
    assert_error(response, 415, "unsupported_media_type")


def test_malformed_json_gets_400(partner_api):
    response = partner_api.generic(
        "POST", "/api/v1/projects/", "{not json", content_type="application/json"
    )
    assert_error(response, 400, "parse_error")


def test_json_nested_too_deeply_gets_a_json_400_not_a_server_error(partner_api):
    body = "[" * 3000 + "]" * 3000
    for path in ("/api/v1/projects/", "/api/v1/data/"):
        response = partner_api.post(path, body, content_type="application/json")
        assert_error(response, 400, "parse_error")
        assert "nested too deeply" in response.json()["detail"]


def test_json_nested_deeper_than_any_real_body_gets_a_400(partner_api):
    nested = "[" * 33 + "]" * 33  # within Python's recursion limit, beyond the bound
    response = partner_api.post("/api/v1/projects/", nested, content_type="application/json")
    assert_error(response, 400, "parse_error")
    assert "nests more than 32 deep" in response.json()["detail"]
    assert (
        partner_api.post(
            "/api/v1/projects/", "[" * 32 + "]" * 32, content_type="application/json"
        ).json()["code"]
        != "parse_error"
    )


@pytest.mark.parametrize(
    "number, message",
    [
        ("9" * 5000, "a number has more than 40 characters (999999999999…)"),
        ("1" + "0" * 45, "a number has more than 40 characters"),
        ("1e400", "the number 1e400 is out of range"),
        ("-1e309", "the number -1e309 is out of range"),
        ("NaN", "NaN"),
        ("Infinity", "Infinity"),
    ],
)
def test_numbers_too_long_or_out_of_range_get_a_400_saying_so(partner_api, world, number, message):
    point = f'{{"measure": {world.measure.pk}, "period": "2016-04-04", "value": {number}}}'
    body = f'{{"points": [{point}]}}'
    response = partner_api.post("/api/v1/data/", body, content_type="application/json")
    assert_error(response, 400, "parse_error")
    assert message in response.json()["detail"]
    assert "sys." not in response.json()["detail"]  # no advice about Python's internals


def test_api_answers_are_never_kept_by_browsers_or_proxies(partner_api):
    assert partner_api.get("/api/v1/projects/")["Cache-Control"] == "no-store"
    assert "no-store" in partner_api.get("/api/v1/nowhere/")["Cache-Control"]


def test_an_unacceptable_accept_header_gets_406(partner_api):
    assert_error(
        partner_api.get("/api/v1/regions/", HTTP_ACCEPT="application/xml"), 406, "not_acceptable"
    )


def test_throttled_after_the_tokens_allowance_each_token_its_own(partner, settings):
    settings.API_THROTTLE_RATE = "3/minute"
    first, second = token_client(token_for(partner)), token_client(token_for(partner))
    for _ in range(3):
        assert first.get("/api/v1/regions/").status_code == 200
    response = first.get("/api/v1/regions/")
    assert_error(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0
    assert second.get("/api/v1/regions/").status_code == 200


def test_anonymous_callers_are_throttled_per_address(db, settings):
    settings.API_ANON_THROTTLE_RATE = "2/minute"
    client = APIClient()
    for _ in range(2):
        assert client.get("/api/v1/regions/").status_code == 401
    assert_error(client.get("/api/v1/regions/"), 429, "throttled")


def test_a_forwarded_for_header_the_caller_sends_does_not_buy_a_fresh_allowance(db, settings):
    settings.API_ANON_THROTTLE_RATE = "2/minute"
    client = APIClient()
    for n in range(2):
        client.get("/api/v1/regions/", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    refused = client.get("/api/v1/regions/", HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert_error(refused, 429, "throttled")


def test_behind_a_trusted_proxy_the_address_it_adds_is_the_callers(db, settings):
    settings.API_ANON_THROTTLE_RATE = "2/minute"
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    client = APIClient()
    for _ in range(2):
        client.get("/api/v1/regions/", HTTP_X_FORWARDED_FOR="spoofed, 198.51.100.1")
    assert_error(
        client.get("/api/v1/regions/", HTTP_X_FORWARDED_FOR="198.51.100.1"), 429, "throttled"
    )
    other = client.get("/api/v1/regions/", HTTP_X_FORWARDED_FOR="spoofed, 198.51.100.2")
    assert other.status_code == 401  # another caller behind the proxy: an allowance of its own


def test_404s_for_unknown_objects_pages_and_addresses(partner_api):
    body = assert_error(partner_api.get("/api/v1/projects/999999/"), 404, "not_found")
    assert body["errors"] == []
    assert_error(partner_api.get("/api/v1/projects/?page=99"), 404, "not_found")
    assert_error(partner_api.get("/api/v1/regions/atlantis/"), 404, "not_found")
    assert_error(partner_api.get("/api/v1/metrics/regions/atlantis/"), 404, "not_found")
    assert_error(partner_api.get("/api/v1/projects/" + "9" * 30 + "/"), 404, "not_found")
    hint = assert_error(partner_api.get("/api/v1/projects"), 404, "not_found")
    assert "/api/v1/projects/" in hint["detail"]
    assert_error(partner_api.post("/api/v1/no-such-thing/", {}), 404, "not_found")


def test_a_method_the_endpoint_lacks_gets_405(partner_api):
    assert_error(partner_api.put("/api/v1/regions/wessex/", {}), 405, "method_not_allowed")


def test_field_errors_name_each_field(partner_api):
    body = assert_error(
        partner_api.post("/api/v1/projects/", {"lead_region": "atlantis", "topic": "knitting"}),
        400,
        "invalid",
    )
    fields = {error["field"]: error for error in body["errors"]}
    assert set(fields) == {"title", "lead_region", "topic"}
    assert fields["title"]["code"] == "required"
    assert "atlantis" in fields["lead_region"]["message"]


def test_deleting_a_change_idea_with_cycles_is_a_conflict(partner_api, world):
    response = partner_api.delete(f"/api/v1/change-ideas/{world.change_idea.pk}/")
    body = assert_error(response, 409, "conflict")
    assert "PDSA cycle" in body["detail"]


def test_a_retry_while_the_first_is_running_is_a_conflict(partner_api):
    body = {"title": "Once only", "lead_region": "wessex"}
    first = partner_api.post("/api/v1/projects/", body, HTTP_IDEMPOTENCY_KEY="p-1")
    assert first.status_code == 201
    IdempotentRequest.objects.filter(key="p-1").update(status=None)  # as if still running
    retry = partner_api.post("/api/v1/projects/", body, HTTP_IDEMPOTENCY_KEY="p-1")
    assert "still being processed" in assert_error(retry, 409, "conflict")["detail"]


def test_a_claim_left_by_a_request_that_died_is_taken_over_by_the_next_retry(partner_api):
    from projects.models import Project

    body = {"title": "Written once", "lead_region": "wessex"}
    first = partner_api.post("/api/v1/projects/", body, HTTP_IDEMPOTENCY_KEY="p-2")
    assert first.status_code == 201
    # As a request killed with its database connection leaves it: the claim, no answer, no
    # project (its transaction rolled back).
    Project.objects.filter(title="Written once").delete()
    IdempotentRequest.objects.filter(key="p-2").update(
        status=None, created=timezone.now() - timedelta(minutes=3)
    )
    retry = partner_api.post("/api/v1/projects/", body, HTTP_IDEMPOTENCY_KEY="p-2")
    assert retry.status_code == 201 and "Idempotent-Replayed" not in retry
    replay = partner_api.post("/api/v1/projects/", body, HTTP_IDEMPOTENCY_KEY="p-2")
    assert replay["Idempotent-Replayed"] == "true"
    assert Project.objects.filter(title="Written once").count() == 1


def test_a_session_write_without_the_csrf_token_is_refused(wessex_lead):
    project = ProjectFactory(lead_region=region("wessex"))
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(wessex_lead)
    response = client.patch(f"/api/v1/projects/{project.pk}/", {"title": "Changed"})
    assert "CSRF" in assert_error(response, 403, "permission_denied")["detail"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_the_statement_timeout_stops_a_slow_query_and_is_reset(settings):
    settings.API_STATEMENT_TIMEOUT_MS = 50
    with (
        statement_timeout(),
        pytest.raises(OperationalError) as caught,
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SELECT pg_sleep(2)")
    assert as_api_exception(caught.value).status_code == 503
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"
