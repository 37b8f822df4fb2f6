"""The Done-when of the learning API on the demo's data: GET /api/v1/programmes/
emergency-laparotomy/ lists its three lead regions, and the adoptions the API lists for its
package give 4 organisations adopting before the programme's start and 28 at its end."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from rest_framework.test import APIClient

from learning.models import ADOPTING_STATUSES
from regions.models import User


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, seeded once for these tests and rolled back after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", force=True, password="pw-for-tests-123", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def viewer_api(demo, db):
    client = APIClient()
    client.force_login(User.objects.filter(national_role="viewer").first())
    return client


def test_the_emergency_laparotomy_collaborative_lists_its_three_lead_regions(viewer_api):
    response = viewer_api.get("/api/v1/programmes/emergency-laparotomy/")
    assert response.status_code == 200
    body = response.json()
    assert sorted(body["lead_regions"]) == ["kent-surrey-sussex", "wessex", "west-of-england"]
    assert body["members"] and body["sessions"] and body["measures"]


def _adopting_on(adoptions: list[dict], day: date) -> int:
    return len(
        {
            a["organisation"]
            for a in adoptions
            if a["status"] in ADOPTING_STATUSES and date.fromisoformat(a["adopted_on"]) <= day
        }
    )


def test_its_package_spreads_from_4_organisations_before_it_to_28_at_its_end(viewer_api):
    programme = viewer_api.get("/api/v1/programmes/emergency-laparotomy/").json()
    start = date.fromisoformat(programme["start_date"])
    end = date.fromisoformat(programme["end_date"])
    response = viewer_api.get(
        "/api/v1/adoptions/", {"programme": "emergency-laparotomy", "page_size": 1000}
    )
    assert response.status_code == 200
    adoptions = response.json()["results"]
    assert response.json()["count"] == len(adoptions)
    assert _adopting_on(adoptions, start - timedelta(days=1)) == 4
    assert _adopting_on(adoptions, end) == 28
