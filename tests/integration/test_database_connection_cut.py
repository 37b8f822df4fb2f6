"""The database connection cut in the middle of a 10,000-point bulk write: the request answers the
documented JSON 503 and its transaction is rolled back whole (or, if the cut came as it
committed, stored whole: never part); once the database is back, the retry with the same
Idempotency-Key leaves exactly one copy (the dead request's claim is taken over as soon as its
database session has ended), a further retry replays that answer, and the figures equal a full
rebuild.

The app runs in a server process of its own, connected to the test database through a TCP proxy
the test cuts (tests/support/tcp_proxy.py); PostgreSQL itself is never touched.
"""

import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from core.models import IdempotentRequest
from measurement.models import DataPoint
from measurement.periods import WEEKLY, last_complete_period
from regions import tokens
from regions.models import NationalRole
from reporting.rollups.service import rollup_full
from tests.factories import MeasureFactory, ProjectFactory, UserFactory, region
from tests.integration.regions.test_rollup_worker import snapshot
from tests.support.celery_worker import wait_for
from tests.support.postgres import free_port
from tests.support.tcp_proxy import cuttable_proxy

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)
KEY = "monday-batch-0001"


def serve_through(proxy_port: int) -> tuple[subprocess.Popen, str]:
    """The app on a port of its own, its database reached through the proxy; tasks in-process."""
    database = connection.settings_dict
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("CELERY_BROKER_URL", "REDIS_URL", "DATABASE_REPLICA_URL")
    }
    env.update(
        DATABASE_URL=f"postgres://{database['USER']}@127.0.0.1:{proxy_port}/{database['NAME']}",
        LOG_LEVEL="CRITICAL",
    )
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        try:
            return urllib.request.urlopen(f"{base}/healthz", timeout=1).status == 200
        except OSError:
            return False

    wait_for(answers, 60, "the app's server to start")
    return server, base


def session_alive(pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid])
        return cursor.fetchone() is not None


def wait_until_writing(pid: int) -> None:
    """Until the request's transaction has written its first row (it then has an xid)."""
    deadline = time.monotonic() + 30
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT backend_xid IS NOT NULL FROM pg_stat_activity WHERE pid = %s", [pid]
            )
            row = cursor.fetchone()
            if row and row[0]:
                return
            time.sleep(0.001)
    raise AssertionError("the bulk write never started writing")


def post(base: str, token: str, body: dict) -> tuple[int, dict, dict]:
    request = urllib.request.Request(
        f"{base}/api/v1/data/",
        data=json.dumps(body).encode(),
        headers={
            "Authorization": f"Token {token}",
            "Content-Type": "application/json",
            "Idempotency-Key": KEY,
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, dict(response.headers), json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read() or b"{}")


def test_a_cut_database_connection_mid_bulk_write_stores_nothing_and_the_retry_one_copy(
    fifteen_regions,
):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (the app's server process shares the test database)")
    measures = [
        MeasureFactory(
            project=ProjectFactory(lead_region=region("wessex")), data_type="count", chart="xmr"
        )
        for _ in range(50)
    ]
    last_week = last_complete_period(timezone.localdate(), WEEKLY)
    body = {
        "points": [
            {"measure": m.pk, "period": str(last_week - timedelta(weeks=n)), "value": n % 17}
            for m in measures
            for n in range(200)
        ]
    }
    partner = UserFactory(national_role=NationalRole.ADMIN, is_api_client=True)
    token = tokens.token_create(by=None, user=partner)[1]

    with cuttable_proxy(connection.settings_dict["PORT"] or 5432) as proxy:
        server, base = serve_through(proxy.port)
        try:
            first: list = []
            sending = threading.Thread(target=lambda: first.append(post(base, token, body)))
            sending.start()
            wait_for(lambda: IdempotentRequest.objects.filter(key=KEY).exists(), 30, "the claim")
            session = IdempotentRequest.objects.get(key=KEY).claimed_by
            wait_until_writing(session)
            proxy.cut()
            sending.join(60)
            status, headers, answer = first[0]
            assert (status, answer["code"]) == (503, "database_unavailable"), answer
            assert headers["Content-Type"] == "application/json"
            assert headers["Retry-After"]
            wait_for(lambda: not session_alive(session), 30, "the cut session to end")
            stored = DataPoint.objects.count()
            assert stored in (0, 10_000)  # never part of the batch
            print(f"\nAfter the cut: {stored:,} points stored (0 unless it came as it committed)")

            proxy.restore()
            retries = []

            def retried() -> bool:
                retries.append(post(base, token, body))
                return retries[-1][0] != 409  # 409 while the dead session is still ending

            wait_for(retried, 30, "the retry to take the abandoned claim over")
            status, _, answer = retries[-1]
            assert status == 200, answer
            assert answer["created"] + answer["unchanged"] == 10_000
            assert answer["created"] == 10_000 - stored
            assert DataPoint.objects.count() == 10_000
            assert sorted(DataPoint.objects.values_list("value", flat=True)) == sorted(
                point["value"] for point in body["points"]
            )

            status, headers, again = post(base, token, body)
            assert status == 200 and headers["Idempotent-Replayed"] == "true"
            assert again == answer
            assert DataPoint.objects.count() == 10_000
        finally:
            server.terminate()
            server.wait(20)
    after_server = snapshot()
    rollup_full()
    assert after_server == snapshot()
