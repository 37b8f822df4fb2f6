"""/api/v1/changes/: the catalogue by slug, drafts only for those who may edit them, filters,
updated_since, resources; writes through the catalogue services, refused as 403."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from learning.models import ChangeEntry, ChangeResource
from projects.models import CareSetting
from tests.factories import ChangeEntryFactory, ProgrammeFactory, region

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return sorted(entry["slug"] for entry in response.json()["results"])


@pytest.fixture
def catalogue(db):
    laparotomy = ProgrammeFactory(slug="emergency-laparotomy", lead_regions=["wessex"])
    bundle = ChangeEntryFactory(
        name="ELPQuIC care bundle",
        slug="elpquic-bundle",
        topic="surgery",
        owner_region=None,
        owner_programme=laparotomy,
    )
    bundle.resources.create(title="The bundle", url="https://example.org/elpquic", position=1)
    setting = CareSetting.objects.first()
    checklist = ChangeEntryFactory(slug="ed-safety-checklist", owner_region=region("oxford"))
    checklist.care_settings.set([setting])
    ChangeEntryFactory(
        slug="wessex-draft", status="draft", published_on=None, owner_region=region("wessex")
    )
    return {"bundle": bundle, "checklist": checklist, "setting": setting}


def test_an_entry_by_slug_shows_its_owner_resources_and_settings(national_viewer, catalogue):
    body = api(national_viewer).get("/api/v1/changes/elpquic-bundle/").json()
    assert body["name"] == "ELPQuIC care bundle"
    assert body["owner_programme"] == "emergency-laparotomy" and body["owner_region"] is None
    assert body["resources"] == [
        {"title": "The bundle", "url": "https://example.org/elpquic", "position": 1}
    ]
    assert body["status"] == "published" and body["published_on"] == "2016-05-01"
    checklist = api(national_viewer).get("/api/v1/changes/ed-safety-checklist/").json()
    assert checklist["care_settings"] == [catalogue["setting"].slug]


def test_drafts_are_listed_only_for_those_who_may_edit_them(
    national_viewer, wessex_lead, oxford_lead, catalogue
):
    published = ["ed-safety-checklist", "elpquic-bundle"]
    assert slugs(api(national_viewer).get("/api/v1/changes/")) == published
    assert slugs(api(oxford_lead).get("/api/v1/changes/")) == published
    assert slugs(api(wessex_lead).get("/api/v1/changes/")) == [*published, "wessex-draft"]
    assert api(oxford_lead).get("/api/v1/changes/wessex-draft/").status_code == 404
    assert api(wessex_lead).get("/api/v1/changes/wessex-draft/").status_code == 200


def test_the_list_filters_by_topic_owner_status_and_care_setting(wessex_lead, catalogue):
    client = api(wessex_lead)
    assert slugs(client.get("/api/v1/changes/", {"topic": "surgery"})) == ["elpquic-bundle"]
    assert slugs(client.get("/api/v1/changes/", {"owner": "emergency-laparotomy"})) == [
        "elpquic-bundle"
    ]
    assert slugs(client.get("/api/v1/changes/", {"owner": "oxford"})) == ["ed-safety-checklist"]
    assert slugs(client.get("/api/v1/changes/", {"status": "draft"})) == ["wessex-draft"]
    setting = catalogue["setting"].slug
    assert slugs(client.get("/api/v1/changes/", {"care_setting": setting})) == [
        "ed-safety-checklist"
    ]


def test_updated_since_lists_only_entries_changed_since(national_viewer, catalogue):
    ChangeEntry.objects.exclude(slug="elpquic-bundle").update(
        updated_at=timezone.now() - timedelta(days=3)
    )
    since = (timezone.now() - timedelta(days=1)).isoformat()
    assert slugs(api(national_viewer).get("/api/v1/changes/", {"updated_since": since})) == [
        "elpquic-bundle"
    ]


def test_the_list_costs_the_same_queries_for_3_entries_as_for_10(national_viewer):
    client = api(national_viewer)
    client.get("/api/v1/changes/")
    setting = CareSetting.objects.first()

    def queries(count):
        ChangeEntry.objects.all().delete()
        for n in range(count):
            entry = ChangeEntryFactory()
            entry.care_settings.set([setting])
            entry.resources.create(title="Guide", url=f"https://example.org/{n}")
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/api/v1/changes/")
        assert response.json()["count"] == count
        return len(captured)

    assert queries(3) == queries(10)


# Writes ----------------------------------------------------------------------------------------


def test_a_regional_lead_adds_an_entry_its_region_owns_and_publishes_it(wessex_lead):
    client = api(wessex_lead)
    response = client.post(
        "/api/v1/changes/",
        {
            "name": "Intentional rounding",
            "description": "Hourly checks on every patient at risk of falling",
            "topic": "falls",
            "owner_region": "wessex",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["slug"] == "intentional-rounding"
    assert response.json()["status"] == "draft"
    published = client.patch(
        "/api/v1/changes/intentional-rounding/", {"status": "published"}, format="json"
    )
    assert published.status_code == 200, published.content
    assert published.json()["published_on"] == timezone.localdate().isoformat()
    resource = client.post(
        "/api/v1/changes/intentional-rounding/resources/",
        {"title": "How to", "url": "https://example.org/rounding"},
        format="json",
    )
    assert resource.status_code == 201, resource.content
    assert ChangeResource.objects.get().entry.slug == "intentional-rounding"


def test_an_entry_needs_one_owner_and_a_topic_named_as_fields(wessex_lead):
    response = api(wessex_lead).post(
        "/api/v1/changes/",
        {"name": "No owner", "description": "x", "topic": "falls"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "owner_region"
    bad = api(wessex_lead).post(
        "/api/v1/changes/",
        {"name": "X", "description": "x", "topic": "astrology", "owner_region": "wessex"},
        format="json",
    )
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "topic"
    assert not ChangeEntry.objects.exists()


@pytest.mark.parametrize("who", ["national_viewer", "oxford_lead", "frontline_member"])
def test_no_write_to_the_catalogue_succeeds_for_viewers_or_leads_elsewhere(request, who, catalogue):
    client = api(request.getfixturevalue(who))
    before = (
        ChangeEntry.objects.count(),
        ChangeEntry.history.count(),
        ChangeResource.objects.count(),
    )
    answers = [
        client.post(
            "/api/v1/changes/",
            {"name": "X", "description": "x", "topic": "falls", "owner_region": "wessex"},
            format="json",
        ),
        client.post(
            "/api/v1/changes/",
            {
                "name": "X",
                "description": "x",
                "topic": "falls",
                "owner_programme": "emergency-laparotomy",
            },
            format="json",
        ),
        client.patch("/api/v1/changes/elpquic-bundle/", {"name": "Renamed"}, format="json"),
        client.post(
            "/api/v1/changes/elpquic-bundle/resources/",
            {"title": "Mine", "url": "https://example.org/mine"},
            format="json",
        ),
    ]
    assert [a.status_code for a in answers] == [403, 403, 403, 403]
    assert all(a.json()["code"] == "permission_denied" for a in answers)
    after = (
        ChangeEntry.objects.count(),
        ChangeEntry.history.count(),
        ChangeResource.objects.count(),
    )
    assert after == before
    assert ChangeEntry.objects.get(slug="elpquic-bundle").name == "ELPQuIC care bundle"


def test_a_lead_of_the_owning_programmes_region_changes_its_entry(wessex_lead, catalogue):
    response = api(wessex_lead).patch(
        "/api/v1/changes/elpquic-bundle/", {"evidence": "28 hospitals"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert ChangeEntry.objects.get(slug="elpquic-bundle").evidence == "28 hospitals"
