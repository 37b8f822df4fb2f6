"""With Redis stopped (the cache, the sessions' cache and the broker), the service degrades and
keeps answering: signing in, the portfolio, a measure page, a grid save and an API bulk write
all work, and the data is stored; once Redis is back, the sweep has a real worker catch
up from the database marks and the dashboard shows the figures."""

import os
import subprocess
import sys
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from measurement.models import DataPoint, Measure
from measurement.periods import WEEKLY, last_complete_period
from psc.celery import app
from regions import tokens
from regions.models import NationalRole
from reporting.models import RollupRun
from reporting.tasks import rollup_incremental
from tests.conftest import PASSWORD
from tests.factories import MeasureFactory, ProjectFactory, UserFactory, region
from tests.support.celery_worker import needs_real_services, start_worker, stop_worker, wait_for
from tests.support.redis_server import own_redis

pytestmark = pytest.mark.django_db(transaction=True)


def _forget_broker_connections() -> None:
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def redis_stopped(settings):
    """Cache, sessions and broker on a Redis of the test's own, which is then stopped."""
    with own_redis() as server:
        settings.CACHES = {
            "default": {
                "BACKEND": "core.cache.TolerantRedisCache",
                "LOCATION": server.url(1),
                "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
            }
        }
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
        eager, broker = app.conf.task_always_eager, app.conf.broker_url
        app.conf.task_always_eager, app.conf.broker_url = False, server.url(0)
        _forget_broker_connections()
        server.stop()
        try:
            yield server
        finally:
            app.conf.task_always_eager, app.conf.broker_url = eager, broker
            _forget_broker_connections()


def test_pages_and_writes_keep_working_with_redis_stopped(fifteen_regions, redis_stopped):
    UserFactory(username="lead.wessex", led_regions=["wessex"])
    measure = MeasureFactory(
        project=ProjectFactory(lead_region=region("wessex")), data_type="count", chart="xmr"
    )
    week = last_complete_period(timezone.localdate(), WEEKLY)
    client = Client()

    signed_in = client.post(reverse("login"), {"username": "lead.wessex", "password": PASSWORD})
    assert signed_in.status_code == 302 and signed_in["Location"] == reverse("home")
    assert client.get(reverse("projects:portfolio")).status_code == 200
    assert client.get(measure.get_absolute_url()).status_code == 200
    saved = client.post(
        reverse("measurement:grid_row_save", args=[measure.project.pk, str(week)]),
        {"frequency": "weekly", f"m{measure.pk}-value": "7"},
        headers={"HX-Request": "true"},
    )
    assert saved.status_code == 200 and "is saved" in saved.content.decode()
    assert DataPoint.objects.get(measure=measure, period=week).value == 7

    partner = UserFactory(national_role=NationalRole.ADMIN, is_api_client=True)
    api = APIClient(HTTP_AUTHORIZATION=f"Token {tokens.token_create(by=None, user=partner)[1]}")
    earlier = week - timedelta(weeks=1)
    bulk = api.post(
        "/api/v1/data/",
        {"points": [{"measure": measure.pk, "period": str(earlier), "value": 5}]},
        format="json",
    )
    assert bulk.status_code == 200 and bulk.json()["created"] == 1
    # Nothing was queued, but the measure is marked for the sweep that catches up.
    measure = Measure.objects.get(pk=measure.pk)
    assert measure.data_version > measure.analysed_version


def test_after_redis_returns_the_sweep_brings_the_dashboard_up_to_date(
    fifteen_regions, redis_stopped
):
    """Points written while Redis was down queued nothing; once it is back, the five-minute
    sweep (sent here as beat sends it, from a process of its own) has a real worker analyse
    the measure and roll it up, and the region's dashboard counts it."""
    needs_real_services()
    lead = UserFactory(username="lead.wessex", led_regions=["wessex"])
    measure = MeasureFactory(project=ProjectFactory(lead_region=region("wessex")), chart="xmr")
    partner = UserFactory(national_role=NationalRole.ADMIN, is_api_client=True)
    api = APIClient(HTTP_AUTHORIZATION=f"Token {tokens.token_create(by=None, user=partner)[1]}")
    first_monday = date(2016, 4, 4)
    baseline, improved = [10, 12] * 10, [30] * 10  # a sustained shift upwards, as hoped
    points = [
        {"measure": measure.pk, "period": str(first_monday + timedelta(weeks=n)), "value": value}
        for n, value in enumerate(baseline + improved)
    ]
    assert api.post("/api/v1/data/", {"points": points}, format="json").status_code == 200
    saved_at = timezone.now()

    server = redis_stopped
    server.start()  # Redis returns, empty: no flag, no queued run
    _forget_broker_connections()
    dashboard = reverse("dashboards:region", args=["wessex"]) + "?year=2016-17"
    client = Client()
    client.force_login(lead)
    assert "1 measure showed special cause improvement" not in client.get(dashboard).text

    broker, cache = {"CELERY_BROKER_URL": server.url(0)}, {"REDIS_URL": server.url(1)}
    worker = start_worker("rollups", **broker, **cache)
    try:
        beat = [sys.executable, "-m", "celery", "-A", "psc", "call", rollup_incremental.name]
        subprocess.run(beat, env={**os.environ, **broker}, check=True, capture_output=True)
        wait_for(
            lambda: RollupRun.objects.filter(
                started_at__gt=saved_at, finished_at__isnull=False
            ).exists(),
            60,
            "the sweep's rollup run to finish",
        )
    finally:
        stop_worker(worker)
    measure.refresh_from_db()
    assert measure.analysed_version == measure.data_version
    assert "1 measure showed special cause improvement" in client.get(dashboard).text
