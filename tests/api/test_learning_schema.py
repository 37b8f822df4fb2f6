"""The OpenAPI schema documents the learning API: programmes, the catalogue and adoptions, the
batch's flags and answers."""

import pytest
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def paths():
    return SchemaGenerator().get_schema(request=None, public=True)["paths"]


def test_the_learning_endpoints_are_in_the_schema(paths):
    expected = {
        "/api/v1/programmes/": {"get", "post"},
        "/api/v1/programmes/{slug}/": {"get", "patch"},
        "/api/v1/programmes/{slug}/members/": {"get", "post"},
        "/api/v1/programmes/{slug}/members/{project}/": {"patch"},
        "/api/v1/programmes/{slug}/sessions/": {"get", "post"},
        "/api/v1/programmes/{slug}/measures/": {"get", "post"},
        "/api/v1/changes/": {"get", "post"},
        "/api/v1/changes/{slug}/": {"get", "patch"},
        "/api/v1/changes/{slug}/resources/": {"post"},
        "/api/v1/adoptions/": {"get", "post"},
        "/api/v1/adoptions/{id}/": {"get", "patch"},
        "/api/v1/adoptions/bulk/": {"post"},
    }
    for path, methods in expected.items():
        assert path in paths, path
        documented = set(paths[path]) & {"get", "post", "put", "patch", "delete"}
        assert documented == methods, path


def test_the_lists_take_their_filters(paths):
    def names(path):
        return {p["name"] for p in paths[path]["get"]["parameters"]}

    assert {"status", "topic", "method", "region", "updated_since", "ordering"} <= names(
        "/api/v1/programmes/"
    )
    assert {"topic", "owner", "status", "care_setting", "updated_since"} <= names(
        "/api/v1/changes/"
    )
    assert {
        "change",
        "programme",
        "organisation",
        "region",
        "status",
        "updated_since",
    } <= names("/api/v1/adoptions/")


def test_a_programme_shows_its_lead_regions_teams_sessions_and_measures(paths):
    response = paths["/api/v1/programmes/{slug}/"]["get"]["responses"]["200"]
    assert response["content"]["application/json"]["schema"]["$ref"].endswith("/Programme")


def test_the_adoption_batch_documents_its_flags_key_and_answers(paths):
    bulk = paths["/api/v1/adoptions/bulk/"]["post"]
    names = {p["name"] for p in bulk["parameters"]}
    assert {"partial", "dry_run", "Idempotency-Key"} <= names
    ok = bulk["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert ok.endswith("/AdoptionsSummary")
    assert "nothing was saved" in bulk["responses"]["400"]["description"]
    body = bulk["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert body.endswith("AdoptionsDocRequest")


def test_the_story_endpoints_are_in_the_schema(paths):
    expected = {
        "/api/v1/public/stories/": {"get"},
        "/api/v1/public/stories/{slug}/": {"get"},
        "/api/v1/projects/{project_id}/learning/": {"get", "put", "patch"},
        "/api/v1/projects/{project_id}/outcomes/": {"get", "post"},
        "/api/v1/projects/{project_id}/impacts/": {"get"},
        "/api/v1/projects/{project_id}/story/submit/": {"post"},
        "/api/v1/outcomes/{id}/": {"get", "patch", "delete"},
        "/api/v1/stories/": {"get"},
        "/api/v1/stories/{slug}/": {"get"},
        **{f"/api/v1/stories/{{slug}}/{step}/": {"post"} for step in STORY_STEPS},
    }
    for path, methods in expected.items():
        assert path in paths, path
        documented = set(paths[path]) & {"get", "post", "put", "patch", "delete"}
        assert documented == methods, path


STORY_STEPS = ("submit", "publish", "return", "withdraw")


def test_each_story_step_documents_its_body_and_the_409_of_a_wrong_status(paths):
    for step in STORY_STEPS:
        operation = paths[f"/api/v1/stories/{{slug}}/{step}/"]["post"]
        assert "status does not allow" in operation["responses"]["409"]["description"], step
        assert operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    impacts = paths["/api/v1/projects/{project_id}/impacts/"]["get"]["responses"]["200"]
    assert impacts["content"]["application/json"]["schema"]["$ref"].endswith("/ProjectImpacts")
