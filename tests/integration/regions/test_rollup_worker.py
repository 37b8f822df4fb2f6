"""A real Celery worker on Redis, killed in the middle of a rollup, loses no update.

Runs where the suite runs on PostgreSQL with a Redis broker (CI): the worker is a separate
process, so it needs a database both processes can see.
"""

import signal
import time
import uuid
from datetime import date

import pytest
from django.urls import reverse

from psc.celery import app
from regions.models import NationalRole, Region, TrainingRecord
from reporting import tasks
from reporting.models import PendingRollup, RollupFigure, RollupRun
from reporting.rollups.service import WORKER_DIED, rollup_full
from tests.factories import UserFactory
from tests.support.celery_worker import needs_real_services, start_worker, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def snapshot() -> set[tuple]:
    return set(
        RollupFigure.objects.values_list("scope", "financial_year", "quarter", "metric", "value")
    )


@pytest.fixture
def real_broker():
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True


def twelve_years_of_training():
    for number, region in enumerate(Region.objects.all()):
        for year in range(2012, 2024):  # 15 regions × 12 years: a run of a few seconds
            TrainingRecord.objects.create(
                region=region,
                date=date(year, 6, 1),
                course="QI",
                training_type="measurement",
                people_trained=10 + number,
            )


def test_a_worker_killed_mid_rollup_leaves_marks_that_the_next_run_completes(
    fifteen_regions, real_broker
):
    needs_real_services()
    twelve_years_of_training()
    marked = PendingRollup.objects.count()
    assert marked >= 15 * 12

    queue = f"rollup-test-{uuid.uuid4().hex[:8]}"
    worker = start_worker(queue)
    try:
        tasks.rollup_incremental.apply_async(queue=queue)
        wait_for(
            lambda: RollupRun.objects.filter(scopes_done__gte=3, finished_at=None).exists(),
            60,
            "the rollup to get going",
        )
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert not RollupRun.objects.filter(finished_at__isnull=False).exists()
    assert PendingRollup.objects.count() == marked  # nothing is cleared until a run finishes

    worker = start_worker(queue)
    try:
        tasks.rollup_incremental.apply_async(queue=queue)  # as the five-minute sweep would
        wait_for(
            lambda: (
                not PendingRollup.objects.exists()
                and RollupRun.objects.filter(finished_at__isnull=False).exists()
            ),
            120,
            "the next run to finish",
        )
    finally:
        worker.terminate()
        worker.wait(20)
    after_worker = snapshot()
    national = dict(
        RollupFigure.objects.filter(
            scope="national", financial_year="2016-17", quarter=0
        ).values_list("metric", "value")
    )
    assert national["staff_trained.total"] == sum(10 + n for n in range(15))
    rollup_full()
    assert after_worker == snapshot()


def test_a_worker_killed_during_a_full_rollup_is_noticed_and_its_message_runs_again(
    fifteen_regions, real_broker, settings, client
):
    """The run of a worker killed outright stops blocking "Refresh figures" once it has been
    silent for ROLLUP_RUN_SILENT_SECONDS; the next run records it as stopped; the message the
    dead worker held comes back after the broker's visibility timeout (shortened here) and runs;
    the figures are a full rebuild's."""
    needs_real_services()
    settings.ROLLUP_RUN_SILENT_SECONDS = 2
    twelve_years_of_training()
    queue = f"rollup-test-{uuid.uuid4().hex[:8]}"
    redelivery = {"CELERY_VISIBILITY_TIMEOUT": "5"}
    worker = start_worker(queue, **redelivery)
    try:
        tasks.rollup_full.apply_async(queue=queue)
        wait_for(
            lambda: RollupRun.objects.filter(
                kind="full", scopes_done__gte=16, finished_at=None
            ).exists(),
            60,
            "the full rollup to get going",
        )
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
        killed_at = time.monotonic()
    finally:
        if worker.poll() is None:
            worker.kill()
    dead = RollupRun.objects.get(kind="full")
    assert dead.finished_at is None and not dead.error

    admin = UserFactory(national_role=NationalRole.ADMIN)
    client.force_login(admin)
    time.sleep(2.1)
    status = client.get(reverse("dashboards:refresh_status")).content.decode()
    assert "the worker running it has not been heard from since" in status

    # A starting worker gives back messages held longer than the visibility timeout.
    time.sleep(max(0.0, killed_at + 6 - time.monotonic()))
    worker = start_worker(queue, **redelivery)
    try:
        # The message the dead worker held, given back by the broker: nothing else was sent.
        wait_for(
            lambda: RollupRun.objects.filter(kind="full", finished_at__isnull=False).exists(),
            90,
            "the dead worker's message to run again",
        )
    finally:
        worker.terminate()
        worker.wait(20)
    dead.refresh_from_db()
    assert dead.error == WORKER_DIED
    assert RollupRun.objects.filter(kind="full", finished_at__isnull=False).count() == 1
    after_worker = snapshot()
    rollup_full()
    assert after_worker == snapshot()
