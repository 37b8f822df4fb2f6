"""The analysis document through the API states the settings that change its figures and
what the chart needs said (shared/spc/README.md, "The analysis document")."""

import pytest
from rest_framework.test import APIClient

from tests.factories import ProjectFactory, region

MONDAYS = [f"2024-{month:02d}-{day:02d}" for month, day in ((1, 1), (1, 8), (1, 15), (1, 22))]


@pytest.fixture
def api(wessex_lead):
    client = APIClient()
    client.force_authenticate(wessex_lead)
    return client


def new_measure(api, **settings) -> int:
    project = ProjectFactory(lead_region=region("wessex"))
    body = {"project": project.pk, "name": "Falls", "kind": "outcome", **settings}
    response = api.post("/api/v1/measures/", body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def post_values(api, measure_id: int, values) -> None:
    points = [{"period": p, "value": v} for p, v in zip(MONDAYS, values, strict=False)]
    response = api.post(f"/api/v1/measures/{measure_id}/data/", {"points": points}, format="json")
    assert response.status_code == 200, response.json()


def analysis(api, measure_id: int) -> dict:
    response = api.get(f"/api/v1/measures/{measure_id}/analysis/")
    assert response.status_code == 200, response.json()
    return response.json()


def test_the_document_carries_the_screening_the_baseline_and_notes(api):
    measure_id = new_measure(
        api, data_type="continuous", chart="xmr", rules="mdc", baseline_points=3,
        screen_moving_ranges=False,
    )  # fmt: skip
    post_values(api, measure_id, [4.0, 6.0, 5.0, 7.0])
    document = analysis(api, measure_id)
    assert document["screen_moving_ranges"] is False
    assert document["baseline_points"] == 3
    assert document["notes"] == []
    assert [point["baseline"] for point in document["points"]] == [True, True, True, False]


def test_a_measure_with_no_data_yet_carries_them_too(api):
    measure_id = new_measure(api, data_type="continuous", chart="xmr", rules="mdc")
    document = analysis(api, measure_id)
    assert document["points"] == []
    assert (document["screen_moving_ranges"], document["baseline_points"]) == (True, None)
    assert document["notes"] == []
