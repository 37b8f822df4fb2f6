"""/api/v1/programmes/: by slug, with lead regions, leads, teams, sessions and shared measures;
filters, ordering, updated_since; writes through the programme services, refused as 403."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from learning.models import Programme, ProgrammeMember
from measurement.models import Measure, StandardMeasure
from tests.factories import (
    LearningSessionFactory,
    MeasureFactory,
    ProgrammeFactory,
    ProgrammeMemberFactory,
    ProjectFactory,
    region,
)

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


@pytest.fixture
def standard():
    return StandardMeasure.objects.get(slug="falls-per-1000-bed-days")


@pytest.fixture
def laparotomy(wessex_lead, standard):
    """The Emergency Laparotomy Collaborative: three lead regions, two teams, one session."""
    programme = ProgrammeFactory(
        name="Emergency Laparotomy Collaborative",
        slug="emergency-laparotomy",
        lead_regions=["kent-surrey-sussex", "wessex", "west-of-england"],
        leads=[wessex_lead],
        aim_what="Deaths after emergency laparotomy",
    )
    for title, home in (("Poole ELPQuIC", "wessex"), ("Brighton ELPQuIC", "kent-surrey-sussex")):
        project = ProjectFactory(title=title, lead_region=region(home))
        ProgrammeMemberFactory(programme=programme, project=project, joined_on=date(2016, 4, 1))
    session = LearningSessionFactory(programme=programme, title="Learning session 1")
    session.materials.create(title="Slides", url="https://example.org/slides.pdf")
    programme.shared_measures.create(standard=standard, is_mandatory=True)
    return programme


def test_a_programme_by_slug_lists_its_three_lead_regions(national_viewer, laparotomy):
    response = api(national_viewer).get("/api/v1/programmes/emergency-laparotomy/")
    assert response.status_code == 200
    body = response.json()
    assert sorted(body["lead_regions"]) == ["kent-surrey-sussex", "wessex", "west-of-england"]
    assert body["name"] == "Emergency Laparotomy Collaborative"
    assert body["leads"] == ["lead.wessex"]
    assert body["aim"]["what"] == "Deaths after emergency laparotomy"
    assert body["start_date"] == "2016-04-01" and body["end_date"] == "2017-03-31"


def test_a_programme_shows_its_teams_sessions_and_each_teams_shared_measure(
    national_viewer, laparotomy, standard
):
    poole = laparotomy.members.get(project__title="Poole ELPQuIC").project
    own = MeasureFactory(project=poole, standard=standard, name="Falls")
    MeasureFactory(project=poole, name="Not shared")
    body = api(national_viewer).get("/api/v1/programmes/emergency-laparotomy/").json()
    assert [
        (m["title"], m["lead_region"], m["joined_on"], m["left_on"]) for m in body["members"]
    ] == [
        ("Poole ELPQuIC", "wessex", "2016-04-01", None),
        ("Brighton ELPQuIC", "kent-surrey-sussex", "2016-04-01", None),
    ]
    assert body["sessions"][0]["title"] == "Learning session 1"
    assert body["sessions"][0]["materials"] == [
        {"title": "Slides", "url": "https://example.org/slides.pdf"}
    ]
    [shared] = body["measures"]
    assert shared["standard"] == "falls-per-1000-bed-days" and shared["is_mandatory"] is True
    assert shared["team_measures"] == [{"project": poole.pk, "measure": own.pk}]


def test_the_sub_resources_list_teams_sessions_and_measures(national_viewer, laparotomy):
    client = api(national_viewer)
    base = "/api/v1/programmes/emergency-laparotomy"
    assert [m["title"] for m in client.get(f"{base}/members/").json()] == [
        "Poole ELPQuIC",
        "Brighton ELPQuIC",
    ]
    assert [s["title"] for s in client.get(f"{base}/sessions/").json()] == ["Learning session 1"]
    assert [m["standard"] for m in client.get(f"{base}/measures/").json()] == [
        "falls-per-1000-bed-days"
    ]


def test_an_unknown_programme_is_a_404_in_the_error_format(national_viewer):
    response = api(national_viewer).get("/api/v1/programmes/no-such-thing/")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_anonymous_callers_are_asked_to_sign_in(laparotomy):
    assert APIClient().get("/api/v1/programmes/").status_code == 401


def test_the_list_filters_by_status_topic_method_and_region(national_viewer, laparotomy):
    ProgrammeFactory(
        slug="gm-medicines-safety", topic="medicines_safety", lead_regions=["greater-manchester"]
    )
    ProgrammeFactory(slug="south-mental-health", status="completed", method="community_of_practice")
    client = api(national_viewer)

    def slugs(**query):
        response = client.get("/api/v1/programmes/", query)
        assert response.status_code == 200, response.content
        return sorted(p["slug"] for p in response.json()["results"])

    assert slugs() == ["emergency-laparotomy", "gm-medicines-safety", "south-mental-health"]
    assert slugs(region="wessex") == ["emergency-laparotomy"]
    assert slugs(topic="medicines_safety") == ["gm-medicines-safety"]
    assert slugs(status="completed") == ["south-mental-health"]
    assert slugs(method="community_of_practice") == ["south-mental-health"]
    assert client.get("/api/v1/programmes/", {"status": "nonsense"}).status_code == 400


def test_the_list_orders_by_name_when_asked(national_viewer):
    for name in ("Bravo", "Alpha", "Charlie"):
        ProgrammeFactory(name=name)
    response = api(national_viewer).get("/api/v1/programmes/", {"ordering": "-name"})
    assert [p["name"] for p in response.json()["results"]] == ["Charlie", "Bravo", "Alpha"]


def test_updated_since_lists_only_programmes_changed_since(national_viewer, laparotomy):
    old = ProgrammeFactory(slug="old-one")
    Programme.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=10))
    since = (timezone.now() - timedelta(days=1)).isoformat()
    response = api(national_viewer).get("/api/v1/programmes/", {"updated_since": since})
    assert [p["slug"] for p in response.json()["results"]] == ["emergency-laparotomy"]


def _programmes_with_teams(count: int, standard) -> None:
    for n in range(count):
        programme = ProgrammeFactory(lead_regions=["wessex", "oxford"])
        project = ProjectFactory()
        ProgrammeMemberFactory(programme=programme, project=project)
        MeasureFactory(project=project, standard=standard)
        LearningSessionFactory(programme=programme).materials.create(
            title="Slides", url=f"https://example.org/{n}"
        )
        programme.shared_measures.create(standard=standard)


def test_the_list_costs_the_same_queries_for_3_programmes_as_for_10(national_viewer, standard):
    client = api(national_viewer)
    client.get("/api/v1/programmes/")  # the session and user, once

    def queries(count):
        Programme.objects.all().delete()
        _programmes_with_teams(count, standard)
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/api/v1/programmes/")
        assert response.json()["count"] == count
        assert all(p["measures"][0]["team_measures"] for p in response.json()["results"])
        return len(captured)

    assert queries(3) == queries(10)


# Writes ----------------------------------------------------------------------------------------


def test_a_regional_lead_starts_a_programme_and_becomes_its_lead(wessex_lead):
    response = api(wessex_lead).post(
        "/api/v1/programmes/",
        {
            "name": "Wessex sepsis collaborative",
            "topic": "sepsis",
            "start_date": "2017-01-01",
            "lead_regions": ["wessex"],
            "aim": {"what": "Time to antibiotics", "how_much": "90% within an hour"},
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["slug"] == "wessex-sepsis-collaborative"
    assert body["leads"] == ["lead.wessex"] and body["lead_regions"] == ["wessex"]
    programme = Programme.objects.get(slug="wessex-sepsis-collaborative")
    assert programme.aim_how_much == "90% within an hour"


def test_a_programme_without_lead_regions_is_refused_naming_the_field(wessex_lead):
    response = api(wessex_lead).post(
        "/api/v1/programmes/",
        {"name": "Nowhere", "topic": "sepsis", "start_date": "2017-01-01"},
        format="json",
    )
    assert response.status_code == 400
    assert "lead_regions" in {e["field"] for e in response.json()["errors"]}
    assert not Programme.objects.filter(name="Nowhere").exists()


def test_a_bad_date_and_an_unknown_region_are_named(wessex_lead):
    response = api(wessex_lead).post(
        "/api/v1/programmes/",
        {"name": "X", "topic": "sepsis", "start_date": "soon", "lead_regions": ["atlantis"]},
        format="json",
    )
    assert response.status_code == 400
    assert {e["field"] for e in response.json()["errors"]} == {"start_date", "lead_regions"}


def test_a_lead_of_a_lead_region_changes_the_programme(wessex_lead, laparotomy):
    laparotomy.leads.clear()
    response = api(wessex_lead).patch(
        "/api/v1/programmes/emergency-laparotomy/",
        {"status": "completed", "end_date": "2018-03-31"},
        format="json",
    )
    assert response.status_code == 200, response.content
    laparotomy.refresh_from_db()
    assert laparotomy.status == "completed" and laparotomy.end_date == date(2018, 3, 31)


def test_an_end_before_the_start_is_named(wessex_lead, laparotomy):
    response = api(wessex_lead).patch(
        "/api/v1/programmes/emergency-laparotomy/", {"end_date": "2015-01-01"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "end_date"


@pytest.mark.parametrize("who", ["national_viewer", "oxford_lead", "frontline_member"])
def test_no_write_to_a_programme_succeeds_for_viewers_or_leads_elsewhere(
    request, who, laparotomy, standard
):
    client = api(request.getfixturevalue(who))
    other = ProjectFactory()
    base = "/api/v1/programmes/emergency-laparotomy"
    before = (
        Programme.objects.count(),
        ProgrammeMember.objects.count(),
        laparotomy.sessions.count(),
        Measure.objects.count(),
        Programme.history.count(),
    )
    answers = [
        client.post(
            "/api/v1/programmes/",
            {"name": "X", "topic": "falls", "start_date": "2017-01-01", "lead_regions": ["wessex"]},
            format="json",
        ),
        client.patch(f"{base}/", {"name": "Renamed"}, format="json"),
        client.post(
            f"{base}/members/", {"project": other.pk, "joined_on": "2016-09-01"}, format="json"
        ),
        client.post(f"{base}/sessions/", {"title": "LS2", "held_on": "2016-10-01"}, format="json"),
        client.post(f"{base}/measures/", {"standard": "falls-per-1000-bed-days"}, format="json"),
    ]
    for response in answers:
        assert response.status_code == 403, response.content
        assert response.json()["code"] == "permission_denied"
        assert response.json()["detail"]
    after = (
        Programme.objects.count(),
        ProgrammeMember.objects.count(),
        laparotomy.sessions.count(),
        Measure.objects.count(),
        Programme.history.count(),
    )
    assert after == before
    laparotomy.refresh_from_db()
    assert laparotomy.name == "Emergency Laparotomy Collaborative"


def test_a_programme_lead_adds_a_team_which_gets_the_mandatory_measure(
    wessex_lead, laparotomy, standard
):
    project = ProjectFactory(title="Salisbury ELPQuIC")
    response = api(wessex_lead).post(
        "/api/v1/programmes/emergency-laparotomy/members/",
        {"project": project.pk, "joined_on": "2016-09-01"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["title"] == "Salisbury ELPQuIC"
    assert laparotomy.members.filter(project=project, joined_on=date(2016, 9, 1)).exists()
    assert project.measures.filter(standard=standard).exists()


def test_a_programme_lead_records_when_a_team_left(wessex_lead, national_viewer, laparotomy):
    member = laparotomy.members.get(project__title="Brighton ELPQuIC")
    url = f"/api/v1/programmes/emergency-laparotomy/members/{member.project_id}/"
    refused = api(national_viewer).patch(url, {"left_on": "2017-01-31"}, format="json")
    assert refused.status_code == 403
    early = api(wessex_lead).patch(url, {"left_on": "2015-01-31"}, format="json")
    assert early.status_code == 400 and early.json()["errors"][0]["field"] == "left_on"
    response = api(wessex_lead).patch(url, {"left_on": "2017-01-31"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["left_on"] == "2017-01-31"
    member.refresh_from_db()
    assert member.left_on == date(2017, 1, 31)
    stranger = ProjectFactory()
    missing = api(wessex_lead).patch(
        f"/api/v1/programmes/emergency-laparotomy/members/{stranger.pk}/",
        {"left_on": "2017-01-31"},
        format="json",
    )
    assert missing.status_code == 404


def test_adding_a_team_twice_is_refused_naming_the_project(wessex_lead, laparotomy):
    member = laparotomy.members.first()
    response = api(wessex_lead).post(
        "/api/v1/programmes/emergency-laparotomy/members/",
        {"project": member.project_id, "joined_on": "2016-09-01"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "project"


def test_a_programme_lead_adds_a_session_and_a_shared_measure(wessex_lead, laparotomy):
    client = api(wessex_lead)
    base = "/api/v1/programmes/emergency-laparotomy"
    session = client.post(
        f"{base}/sessions/",
        {"title": "Learning session 2", "held_on": "2016-10-12", "mode": "online"},
        format="json",
    )
    assert session.status_code == 201, session.content
    assert laparotomy.sessions.filter(title="Learning session 2", mode="online").exists()
    other = StandardMeasure.objects.exclude(slug="falls-per-1000-bed-days").first()
    shared = client.post(
        f"{base}/measures/", {"standard": other.slug, "is_mandatory": False}, format="json"
    )
    assert shared.status_code == 201, shared.content
    assert shared.json()["standard"] == other.slug and shared.json()["is_mandatory"] is False
    missing = client.post(f"{base}/measures/", {"standard": "no-such-measure"}, format="json")
    assert missing.status_code == 400 and missing.json()["errors"][0]["field"] == "standard"
