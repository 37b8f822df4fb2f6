"""A board pack made by a real Celery worker on a Redis of the test's own: the request only
stores it and sends the message, the worker (another process, on the reports queue) makes the
PDF, and the page's progress fragment stops asking once it is ready.

Runs on PostgreSQL (the worker reads the test's database) with redis-server installed."""

import uuid

import pytest
from django.db import connection
from django.urls import reverse

from psc.celery import app
from reporting.models import BoardPack
from tests.integration.test_board_packs import PERIOD, QUARTER, YEAR, pdf_text, store
from tests.support.celery_worker import start_worker, stop_worker, wait_for
from tests.support.redis_server import own_redis

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _forget_broker() -> None:
    app._pool, app.amqp._producer_pool = None, None
    app.amqp.flush_routes()
    app.amqp.__dict__.pop("router", None)


@pytest.fixture
def worker_log(tmp_path):
    """The worker's log at INFO, printed when the test fails (pytest shows captured output)."""
    path = tmp_path / "worker.log"
    with path.open("w") as log:
        yield log
    print(
        f"\n--- worker log (last 60 lines) ---\n{''.join(path.read_text().splitlines(True)[-60:])}"
    )


@pytest.fixture
def reports_worker(fifteen_regions, worker_log):
    if connection.vendor != "postgresql":
        pytest.skip("the worker reads the test's database: needs DATABASE_URL=postgres://…")
    with own_redis() as server:
        queue = f"reports-{uuid.uuid4().hex[:8]}"
        saved = app.conf.task_always_eager, app.conf.broker_url, app.conf.task_routes
        app.conf.task_always_eager, app.conf.broker_url = False, server.url(0)
        app.conf.task_routes = {"reporting.tasks.report_*": {"queue": queue}}
        _forget_broker()
        worker = start_worker(
            queue, log=worker_log, CELERY_BROKER_URL=server.url(0), LOG_LEVEL="INFO"
        )
        try:
            yield worker
        finally:
            app.conf.task_always_eager, app.conf.broker_url, app.conf.task_routes = saved
            _forget_broker()
            stop_worker(worker)


def test_a_worker_makes_the_pack_and_the_page_stops_following_it(
    reports_worker, client_for, wessex_lead
):
    store("national", YEAR, 0, {"staff_trained.total": 10150})
    store("wessex", YEAR, QUARTER, {"staff_trained.total": 1234})
    client = client_for(wessex_lead)
    asked = client.post(
        reverse("dashboards:board_packs", args=["wessex"]), {"period": f"{YEAR}:{QUARTER}"}
    )
    assert asked.status_code == 302
    pack = BoardPack.objects.get()
    status = reverse("dashboards:board_pack_status", args=["wessex", pack.pk])
    # Generous: on a loaded CI machine the worker imports WeasyPrint and draws while others run.
    finished = ("done", "failed")
    wait_for(lambda: BoardPack.objects.get().state in finished, 180, "the worker to make the pack")
    made = BoardPack.objects.get()
    assert made.state == "done", f"the pack failed: {made.error}"
    fragment = client.get(status).content.decode()
    assert 'hx-trigger="every 2s"' not in fragment and "Download board pack (PDF)" in fragment
    download = client.get(reverse("dashboards:board_pack_download", args=["wessex", pack.pk]))
    text = pdf_text(download.content)
    assert "Wessex" in text and PERIOD in text and "People trained 1,234" in text
