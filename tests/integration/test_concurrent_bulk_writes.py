"""Twenty partner clients bulk-upserting overlapping measures at once, with a real Celery worker
refreshing the charts and running the rollups meanwhile: no answer but 200 (or the documented
503 with Retry-After, retried as a client would), no point lost or duplicated, no deadlock in the
database, and the figures the worker left equal to a full rebuild.

Runs where the suite runs on PostgreSQL with a Redis broker (CI).
"""

import json
import random
import threading
import time
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.db.models import F
from django.utils import timezone
from rest_framework.test import APIClient

from measurement.models import DataPoint, Measure
from measurement.periods import WEEKLY, last_complete_period
from regions import tokens
from regions.models import NationalRole
from reporting.models import PendingRollup, RollupFigure
from reporting.rollups.service import rollup_full
from tests.factories import MeasureFactory, ProjectFactory, UserFactory, region
from tests.integration.regions.test_rollup_worker import snapshot
from tests.support.celery_worker import needs_real_services, wait_for, worker_on_queues_of_its_own

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

CLIENTS = 20
BATCHES_EACH = 5
REGIONS = ["wessex", "oxford", "west-of-england", "kent-surrey-sussex"]


@pytest.fixture
def worker_log(tmp_path):
    """The worker's log at INFO, printed when the test fails: one run in four on CI once timed
    out waiting for it, and its log then went nowhere."""
    path = tmp_path / "worker.log"
    with path.open("w") as log:
        yield log
    print(
        f"\n--- worker log (last 80 lines) ---\n{''.join(path.read_text().splitlines(True)[-80:])}"
    )


@pytest.fixture
def worker(worker_log):
    # Four processes refresh in parallel.
    with worker_on_queues_of_its_own(processes=4, log=worker_log, LOG_LEVEL="INFO") as worker:
        yield worker


def deadlocks_so_far() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")
        return cursor.fetchone()[0]


def test_twenty_clients_upserting_overlapping_measures_lose_nothing_and_never_deadlock(
    fifteen_regions, worker
):
    needs_real_services()
    measures = [
        MeasureFactory(
            project=ProjectFactory(lead_region=region(REGIONS[n % len(REGIONS)])),
            data_type="count",
            chart="xmr",
        )
        for n in range(24)
    ]
    partner = UserFactory(national_role=NationalRole.ADMIN, is_api_client=True)
    token = tokens.token_create(by=None, user=partner)[1]
    last_week = last_complete_period(timezone.localdate(), WEEKLY)
    weeks = [last_week - timedelta(weeks=n) for n in range(30)]
    written: dict[tuple[int, str], set[float]] = {}
    answers: list[tuple[int, dict, str]] = []
    lock = threading.Lock()
    deadlocks_before = deadlocks_so_far()

    def client_sends(number: int) -> None:
        chooser = random.Random(number)
        api = APIClient(HTTP_AUTHORIZATION=f"Token {token}")
        try:
            for batch in range(BATCHES_EACH):
                chosen = chooser.sample(measures, 6)  # overlapping, in no particular order
                points = [
                    {"measure": m.pk, "period": str(week), "value": number * 100 + batch}
                    for m in chosen
                    for week in chooser.sample(weeks, 10)
                ]
                with lock:
                    for point in points:
                        written.setdefault((point["measure"], point["period"]), set()).add(
                            point["value"]
                        )
                for _attempt in range(5):  # as a client honouring Retry-After would
                    response = api.post(
                        "/api/v1/data/",
                        {"points": points},
                        format="json",
                        headers={"Idempotency-Key": f"client-{number}-batch-{batch}"},
                    )
                    with lock:
                        answers.append(
                            (response.status_code, dict(response.items()), response.content)
                        )
                    if response.status_code != 503:
                        break
                    time.sleep(float(response["Retry-After"]))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=client_sends, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)

    statuses = sorted({status for status, _, _ in answers})
    assert len([a for a in answers if a[0] == 200]) == CLIENTS * BATCHES_EACH, statuses
    for status, headers, body in answers:
        assert status in (200, 503), (status, body[:300])
        assert headers["Content-Type"] == "application/json"
        if status == 503:
            assert json.loads(body)["code"] == "busy" and headers["Retry-After"]

    stored = {
        (m, str(period)): value
        for m, period, value in DataPoint.objects.values_list("measure", "period", "value")
    }
    assert stored.keys() == written.keys()  # none lost, none duplicated (one row a week)
    assert all(stored[key] in written[key] for key in stored)

    def left_to_do() -> str:
        stale = Measure.objects.filter(data_version__gt=F("analysed_version")).count()
        marks = PendingRollup.objects.count()
        return f"{stale} measures not yet refreshed, {marks} rollup marks" if stale or marks else ""

    try:
        wait_for(lambda: not left_to_do(), 120, "the worker to finish")
    except AssertionError as timed_out:
        raise AssertionError(f"{timed_out}: {left_to_do()}") from None
    deadlocks = deadlocks_so_far() - deadlocks_before
    print(f"\n{len(answers)} answers {statuses}; {deadlocks} deadlocks in PostgreSQL")
    assert deadlocks == 0
    after_worker = snapshot()
    assert RollupFigure.objects.exists()
    rollup_full()
    assert after_worker == snapshot()
