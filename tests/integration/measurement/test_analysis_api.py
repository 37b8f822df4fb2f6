"""Every shared SPC vector, reproduced through the API as a partner platform would use it:
create the measure, post its data (and phases), read the analysis document."""

import pytest
from rest_framework.test import APIClient

from tests.factories import ProjectFactory, region
from tests.spc_vectors import params, same

POINT_FIGURES = ("value", "centre", "lower", "upper")
POINT_SIGNALS = ("outside_limits", "shift", "trend")
POINT_LABELS = ("point_type", "main_signal")


@pytest.fixture
def api(wessex_lead):
    client = APIClient()
    client.force_authenticate(wessex_lead)
    return client


def create_measure(api, project, settings: dict) -> int:
    body = {
        "project": project.pk,
        "name": "Vector measure",
        "kind": "outcome",
        **{k: v for k, v in settings.items() if k != "phases"},
    }
    response = api.post("/api/v1/measures/", body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def load_vector(api, vector) -> dict:
    project = ProjectFactory(lead_region=region("wessex"))
    measure_id = create_measure(api, project, vector["measure"])
    rows_key, url = ("events", "events") if "events" in vector else ("points", "data")
    rows = vector.get("events") or vector["data"]
    response = api.post(f"/api/v1/measures/{measure_id}/{url}/", {rows_key: rows}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["created"] == len(rows)
    for phase in vector["measure"]["phases"]:
        response = api.post(f"/api/v1/measures/{measure_id}/phases/", phase, format="json")
        assert response.status_code == 201, response.json()
    response = api.get(f"/api/v1/measures/{measure_id}/analysis/")
    assert response.status_code == 200
    document = response.json()
    assert document["measure"] == measure_id
    return document


def point_mismatches(point: dict, expected: dict) -> list[str]:
    found = []
    for key, want in expected.items():
        if key in POINT_FIGURES or key in POINT_LABELS:
            got = point[key]
        elif key in POINT_SIGNALS:
            got = key in point["signals"]
        else:
            continue
        if not same(got, want):
            found.append(f"{expected['period']} {key}: got {got!r}, expected {want!r}")
    return found


@pytest.mark.parametrize("vector", params())
def test_the_api_reproduces_every_vector(api, vector):
    document = load_vector(api, vector)
    expected = vector["expected"]
    by_period = {point["period"]: point for point in document["points"]}
    assert sorted(by_period) == sorted(p["period"] for p in expected["points"])
    assert [
        m for p in expected["points"] for m in point_mismatches(by_period[p["period"]], p)
    ] == []
    for got, want in zip(document["phases"], expected.get("phases", []), strict=False):
        assert all(same(got[key], want[key]) for key in want), (got, want)
    if "phases" in expected:
        assert len(document["phases"]) == len(expected["phases"])
    if "centre" in expected:
        assert all(same(point["centre"], expected["centre"]) for point in document["points"])
    for key in ("variation", "assurance"):
        if key in expected:
            assert document[key] == expected[key]
