"""/healthz and /readyz: open to anyone, never cached, each dependency reported."""

import json
import socket

import pytest

pytestmark = pytest.mark.django_db


def test_liveness_answers_without_signing_in(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "alive"}
    assert "no-store" in response["Cache-Control"]


def test_readiness_reports_each_dependency_with_its_time(client):
    response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 200 and body["status"] == "ready"
    assert set(body["checks"]) == {"database", "cache", "broker"}
    assert all(check["ok"] and check["ms"] >= 0 for check in body["checks"].values())


def test_an_unreachable_cache_degrades_readiness_but_does_not_fail_it(client, settings):
    with socket.socket() as probe:  # a port nothing listens on: a real refused connection
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
        }
    }
    response = client.get("/readyz")
    body = json.loads(response.content)
    assert response.status_code == 200 and body["status"] == "degraded"
    assert body["checks"]["cache"]["ok"] is False
    assert "ConnectionError" in body["checks"]["cache"]["detail"]
    assert body["checks"]["database"]["ok"] is True


def test_a_database_that_does_not_answer_makes_the_service_not_ready(client, monkeypatch):
    from psc import health

    def refused():
        raise OSError("connection to server at 127.0.0.1, port 5432 failed")

    refused.__name__ = "_database"
    monkeypatch.setattr(health, "_database", refused)
    response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["status"] == "not ready"


def test_the_probes_answer_over_plain_http_where_pages_redirect_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/readyz").status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.get("/sign-in/").status_code == 301
