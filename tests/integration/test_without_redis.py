"""With Redis stopped (the cache, the sessions' cache and the broker), the service degrades and
keeps answering: signing in, the portfolio, a measure page, a grid save and an API bulk write
all work, and the data is stored; the database marks let the worker catch up afterwards."""

from datetime import timedelta

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
from tests.conftest import PASSWORD
from tests.factories import MeasureFactory, ProjectFactory, UserFactory, region
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
            yield
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
