"""Every response names its request (X-Request-ID), every log line of the request carries that
id, and so do the log lines of the tasks it sends, in the worker that runs them."""

import json
import logging

import pytest
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from measurement.models import Measure
from measurement.periods import WEEKLY, last_complete_period
from tests.factories import MeasureFactory, ProjectFactory, UserFactory, region
from tests.support.celery_worker import needs_real_services, wait_for, worker_on_queues_of_its_own


def save_a_week(client, measure, value="7"):
    week = last_complete_period(timezone.localdate(), WEEKLY)
    return client.post(
        reverse("measurement:grid_row_save", args=[measure.project.pk, str(week)]),
        {"frequency": "weekly", f"m{measure.pk}-value": value},
        headers={"HX-Request": "true"},
    )


def wessex_measure():
    return MeasureFactory(
        project=ProjectFactory(lead_region=region("wessex")), data_type="count", chart="xmr"
    )


def test_each_response_has_a_new_request_id_unless_the_proxy_sent_a_sane_one(client, db):
    first, second = client.get(reverse("healthz")), client.get(reverse("healthz"))
    assert len(first["X-Request-ID"]) == 32 and first["X-Request-ID"] != second["X-Request-ID"]
    passed_on = client.get(reverse("healthz"), headers={"X-Request-ID": "lb-7f3a9c2e-0001"})
    assert passed_on["X-Request-ID"] == "lb-7f3a9c2e-0001"
    forged = client.get(reverse("healthz"), headers={"X-Request-ID": "x\n{'level': 'ERROR'}"})
    assert len(forged["X-Request-ID"]) == 32  # not a log line of the sender's making


@pytest.mark.django_db(transaction=True)  # the refresh runs as the save commits, in-process
def test_the_log_lines_of_a_grid_save_and_its_refresh_carry_its_request_id(
    fifteen_regions, client, caplog
):
    lead = UserFactory(username="lead.wessex", led_regions=["wessex"])
    measure = wessex_measure()
    client.force_login(lead)
    with caplog.at_level(logging.INFO):
        response = save_a_week(client, measure)
    assert response.status_code == 200
    request_id = response["X-Request-ID"]
    lines = {r.name: r for r in caplog.records if r.request_id == request_id}
    assert lines["measurement.services.point_saves"].getMessage().startswith("Saved 1 points")
    assert "Refreshed 1 measures" in lines["measurement.services.refresh"].getMessage()
    assert {r.request_id for r in caplog.records if r.name.startswith("measurement")} == {
        request_id
    }


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_logs_the_refresh_a_grid_save_sent_with_the_saves_request_id(
    fifteen_regions, client, tmp_path
):
    needs_real_services()
    lead = UserFactory(username="lead.wessex", led_regions=["wessex"])
    measure = wessex_measure()
    client.force_login(lead)
    log_path = tmp_path / "worker.log"
    with (
        log_path.open("w") as log,
        worker_on_queues_of_its_own(log=log, LOG_FORMAT="json", LOG_LEVEL="INFO"),
    ):
        response = save_a_week(client, measure)
        assert response.status_code == 200
        wait_for(
            lambda: (
                not Measure.objects.filter(
                    pk=measure.pk, data_version__gt=F("analysed_version")
                ).exists()
            ),
            60,
            "the worker to refresh the measure",
        )
    request_id = response["X-Request-ID"]
    lines = [json.loads(line) for line in log_path.read_text().splitlines() if line.startswith("{")]
    refreshed = [line for line in lines if line["logger"] == "measurement.services.refresh"]
    assert refreshed, log_path.read_text()[-4000:]
    assert refreshed[0]["request_id"] == request_id
    assert refreshed[0]["message"].startswith(f"Refreshed 1 measures (ids {measure.pk})")
    assert {"time", "level", "logger", "request_id", "message"} <= refreshed[0].keys()
