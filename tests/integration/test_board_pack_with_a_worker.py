"""A board pack made by a real Celery worker on queues of the test's own: the request only
stores it and sends the message, the worker (another process, on the reports queue) makes the
PDF, and the page's progress fragment stops asking once it is ready.

Runs on PostgreSQL (the worker reads the test's database) and Redis."""

import pytest
from django.urls import reverse

from reporting.models import BoardPack
from tests.integration.test_board_packs import PERIOD, QUARTER, YEAR, pdf_text, store
from tests.support.celery_worker import needs_real_services, wait_for, worker_on_queues_of_its_own

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


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
    needs_real_services()
    with worker_on_queues_of_its_own(log=worker_log, LOG_LEVEL="INFO") as worker:
        yield worker


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
