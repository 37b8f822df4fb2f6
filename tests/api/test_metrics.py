"""The national and regional figures: who sees which regions' detail."""

import pytest
from rest_framework.test import APIClient

from reporting.models import RollupFigure

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(db):
    RollupFigure.objects.bulk_create(
        [
            RollupFigure(
                scope=scope, financial_year="2016-17", quarter=quarter, metric=metric, value=value
            )
            for scope, quarter, metric, value in (
                ("national", 0, "projects_started", 30),
                ("national", 1, "projects_started", 7),
                ("wessex", 0, "projects_started", 4),
                ("oxford", 0, "projects_started", 2),
                ("national", 0, "staff_trained.qi_capability", 120),
                ("national", 0, "staff_trained.total", 150),
            )
        ]
    )


def as_user(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def national(user, query="?financial_year=2016-17"):
    return as_user(user).get(f"/api/v1/metrics/national/{query}")


def test_everyone_signed_in_sees_englands_figures(figures, frontline_member):
    body = national(frontline_member).json()
    assert (body["scope"], body["financial_year"], body["quarter"]) == ("national", "2016-17", None)
    assert body["projects_started"] == 30
    assert body["staff_trained"]["total"] == 150
    assert body["staff_trained"]["qi_capability"] == 120
    assert body["regions"] == []  # no region's detail for a frontline member


def test_a_quarter_of_the_year(figures, national_viewer):
    body = national(national_viewer, "?financial_year=2016-17&quarter=1").json()
    assert (body["quarter"], body["projects_started"]) == (1, 7)


def test_national_users_see_every_region_and_leads_their_own(figures, national_viewer, wessex_lead):
    every = national(national_viewer).json()["regions"]
    assert len(every) == 15
    assert {r["scope"]: r["projects_started"] for r in every}["oxford"] == 2
    own = national(wessex_lead).json()["regions"]
    assert [(r["scope"], r["projects_started"]) for r in own] == [("wessex", 4)]


def test_a_lead_sees_their_regions_detail_but_not_anothers(figures, wessex_lead):
    client = as_user(wessex_lead)
    mine = client.get("/api/v1/metrics/regions/wessex/?financial_year=2016-17")
    assert mine.status_code == 200 and mine.json()["projects_started"] == 4
    theirs = client.get("/api/v1/metrics/regions/oxford/?financial_year=2016-17")
    assert theirs.status_code == 403
    assert "Oxford" in theirs.json()["detail"]


@pytest.mark.parametrize(
    "query", ["?financial_year=2016", "?financial_year=2016-18", "?quarter=5", "?quarter=one"]
)
def test_a_period_that_is_not_one_is_refused(figures, national_viewer, query):
    response = national(national_viewer, query)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] in ("financial_year", "quarter")


def test_this_year_by_default(figures, national_viewer):
    assert national(national_viewer, "").status_code == 200
