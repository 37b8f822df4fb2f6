"""Lists: page-number pagination, filters, ordering and ?updated_since= for incremental sync."""

from datetime import timedelta

import pytest
from django.utils import timezone

from measurement.models import DataPoint
from projects.models import PrimaryDriver
from tests.factories import OrganisationFactory, ProjectFactory, region

pytestmark = pytest.mark.django_db

LISTS = [
    "regions",
    "organisations",
    "projects",
    "primary-drivers",
    "secondary-drivers",
    "change-ideas",
    "pdsa-cycles",
    "measures",
    "data",
    "activity/training",
    "activity/champions",
    "activity/engagement",
    "activity/culture",
]


@pytest.mark.parametrize("name", LISTS)
def test_every_list_pages_and_takes_updated_since(partner_api, world, name):
    everything = partner_api.get(f"/api/v1/{name}/?page_size=1000")
    assert everything.status_code == 200
    assert set(everything.json()) == {"count", "next", "previous", "results"}
    assert everything.json()["count"] >= 1
    future = (timezone.now() + timedelta(days=1)).isoformat()
    later = partner_api.get(f"/api/v1/{name}/", {"updated_since": future})
    assert later.status_code == 200
    expected = everything.json()["count"] if name == "regions" else 0  # regions: fixed data
    assert later.json()["count"] == expected
    past = partner_api.get(f"/api/v1/{name}/", {"updated_since": "2000-01-01"})
    assert past.json()["count"] == everything.json()["count"]


@pytest.mark.parametrize(
    "moment", ["last-tuesday", "9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59"]
)
def test_updated_since_must_be_a_date_or_time_the_database_can_hold(partner_api, moment):
    response = partner_api.get("/api/v1/projects/", {"updated_since": moment})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "updated_since"


def test_a_changed_driver_is_listed_since_its_change(partner_api, world):
    before = timezone.now()
    partner_api.patch(
        f"/api/v1/primary-drivers/{world.primary_driver.pk}/",
        {"text": "Reliable falls risk assessment"},
    )
    changed = partner_api.get(
        "/api/v1/primary-drivers/", {"updated_since": before.isoformat()}
    ).json()
    assert [row["id"] for row in changed["results"]] == [world.primary_driver.pk]
    assert PrimaryDriver.history.filter(id=world.primary_driver.pk).count() == 2


def test_page_size_is_capped_at_one_thousand(partner_api):
    for n in range(3):
        ProjectFactory(lead_region=region("wessex"), title=f"P{n}")
    response = partner_api.get("/api/v1/projects/?page_size=5000")
    assert response.status_code == 200
    assert response.json()["count"] == 3
    two = partner_api.get("/api/v1/projects/?page_size=2&ordering=title").json()
    assert [row["title"] for row in two["results"]] == ["P0", "P1"]
    assert "page=2" in two["next"]


def test_filters_and_ordering(partner_api, world):
    OrganisationFactory(region=region("oxford"), name="Oxford University Hospitals", ods_code="RTH")
    by_region = partner_api.get("/api/v1/organisations/?region=oxford").json()
    assert [row["ods_code"] for row in by_region["results"]] == ["RTH"]
    by_code = partner_api.get("/api/v1/organisations/?ods_code=rhm").json()
    assert [row["id"] for row in by_code["results"]] == [world.organisation.pk]
    newest_first = partner_api.get(
        f"/api/v1/data/?measure={world.measure.pk}&ordering=-period"
    ).json()["results"]
    periods = [row["period"] for row in newest_first]
    assert periods == sorted(periods, reverse=True) and len(periods) == 3
    assert partner_api.get("/api/v1/data/?measure=abc").status_code == 400
    assert partner_api.get("/api/v1/data/?measure=" + "9" * 30).status_code == 400


def test_organisations_by_id_or_ods_code(partner_api, world):
    by_id = partner_api.get(f"/api/v1/organisations/{world.organisation.pk}/").json()
    by_code = partner_api.get("/api/v1/organisations/rhm/").json()
    assert by_id == by_code and by_id["region"] == "wessex"


def test_data_points_read_back_as_written(partner_api, world):
    rows = partner_api.get(f"/api/v1/data/?measure={world.measure.pk}").json()["results"]
    stored = DataPoint.objects.filter(measure=world.measure).order_by("period")
    assert [(r["period"], r["value"]) for r in rows] == [
        (p.period.isoformat(), p.value) for p in stored
    ]
