"""Deadlocks and serialization failures: retried a few times, then answered "busy, retry" (a JSON
503 with Retry-After on the API, a page saying so elsewhere), never a 500; other unexpected API
errors answer in the API's JSON format too."""

import logging
import threading
from collections import Counter

import psycopg
import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import OperationalError, connection, connections
from django.test import RequestFactory
from rest_framework.request import Request

from core.api.errors import exception_handler
from core.middleware import BusyDatabaseMiddleware
from core.transactions import atomic_with_retries, is_transient
from reporting.models import PendingRollup
from reporting.rollups import pending, triggers


def deadlock_error() -> OperationalError:
    """What Django raises when PostgreSQL chose this transaction as a deadlock's victim."""
    error = OperationalError("deadlock detected")
    error.__cause__ = psycopg.errors.DeadlockDetected("deadlock detected")
    return error


def test_deadlocks_and_serialization_failures_are_transient_other_errors_are_not():
    assert is_transient(deadlock_error())
    failure = OperationalError("could not serialize access")
    failure.__cause__ = psycopg.errors.SerializationFailure("could not serialize access")
    assert is_transient(failure)
    assert not is_transient(OperationalError("no such table: measurement_measure"))
    assert not is_transient(ValueError("deadlock detected"))  # no SQLSTATE, not the database's


def api_context(path="/api/v1/data/"):
    return {"request": Request(RequestFactory().post(path)), "view": None}


def test_the_api_answers_a_deadlock_with_a_json_503_and_retry_after():
    response = exception_handler(deadlock_error(), api_context())
    assert response.status_code == 503
    assert response["Retry-After"] == "2"
    assert response.data["code"] == "busy"
    assert "nothing was saved" in response.data["detail"]


def test_an_unexpected_api_error_is_a_json_500_and_is_logged(caplog):
    with caplog.at_level(logging.ERROR, logger="core.api.errors"):
        response = exception_handler(KeyError("points"), api_context())
    assert response.status_code == 500
    assert response.data == {
        "status": 500,
        "code": "server_error",
        "detail": response.data["detail"],
        "errors": [],
    }
    assert "X-Request-ID" in response.data["detail"]
    [record] = caplog.records
    assert "POST /api/v1/data/" in record.getMessage() and record.exc_info[0] is KeyError


def test_a_page_answers_a_deadlock_with_a_busy_page(rf, db):
    request = rf.post("/measures/1/")
    request.user = AnonymousUser()
    middleware = BusyDatabaseMiddleware(lambda request: None)
    response = middleware.process_exception(request, deadlock_error())
    assert response.status_code == 503 and response["Retry-After"] == "2"
    assert "The service is busy" in response.content.decode()
    assert middleware.process_exception(request, ValueError("boom")) is None


def test_marks_of_many_regions_are_one_upsert_in_scope_and_year_order(
    db, django_assert_num_queries
):
    with django_assert_num_queries(1):
        triggers._quarter_readings_changed(
            None, years_by_region={"wessex": {"2017-18", "2016-17"}, "oxford": {"2016-17"}}
        )
    # Rows are inserted, and their locks taken, in the order of the ids they are given.
    assert list(PendingRollup.objects.order_by("pk").values_list("scope", "financial_year")) == [
        ("oxford", "2016-17"),
        ("wessex", "2016-17"),
        ("wessex", "2017-18"),
    ]
    assert pending.mark_pairs({("oxford", "2016-17")}) is False  # marked in this transaction


@pytest.mark.django_db(transaction=True)
def test_the_victim_of_a_real_deadlock_is_retried_and_both_transactions_commit(fifteen_regions):
    """Two transactions lock two rows in opposite orders: PostgreSQL aborts one, which runs
    again once the other has committed."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers: no row locks, no deadlocks")
    first = PendingRollup.objects.create(scope="wessex", financial_year="2016-17")
    second = PendingRollup.objects.create(scope="oxford", financial_year="2017-18")
    both_hold_one = threading.Barrier(2, timeout=10)
    attempts = Counter()
    errors = []

    def lock_in_order(name, rows):
        @atomic_with_retries
        def work():
            attempts[name] += 1
            PendingRollup.objects.select_for_update().get(pk=rows[0].pk)
            if attempts[name] == 1:
                both_hold_one.wait()
            PendingRollup.objects.select_for_update().get(pk=rows[1].pk)
            PendingRollup.objects.filter(pk__in=[r.pk for r in rows]).update(scope=name)

        try:
            work()
        except Exception as error:  # noqa: BLE001 - reported to the test below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=lock_in_order, args=("a", [first, second])),
        threading.Thread(target=lock_in_order, args=("b", [second, first])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert sorted(attempts.values()) == [1, 2]  # one victim, retried once
    winner_last = max(attempts, key=attempts.get)
    assert set(PendingRollup.objects.values_list("scope", flat=True)) == {winner_last}
