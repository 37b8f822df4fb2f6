"""Every write page of the programmes part, as every role: GET and POST. Those who may not are
refused (sent to sign in, or a 403) and nothing is written; those who may succeed."""

from datetime import date

import pytest

from learning.models import (
    LearningSession,
    Programme,
    ProgrammeMember,
    SessionAttendance,
    SessionMaterial,
    SharedMeasure,
)
from measurement.models import Measure, StandardMeasure
from tests.factories import (
    LearningSessionFactory,
    ProgrammeFactory,
    ProgrammeMemberFactory,
    ProjectFactory,
    UserFactory,
    region,
)

pytestmark = pytest.mark.django_db

REFUSED = ["anonymous", "national_viewer", "oxford_lead", "frontline_member"]
ALLOWED = ["national_admin", "programme_lead", "wessex_lead"]


@pytest.fixture
def world(db):
    lead = UserFactory(username="programme.lead")  # leads no region, is on no team
    programme = ProgrammeFactory(
        slug="matrix", name="Matrix programme", lead_regions=["wessex"], leads=[lead]
    )
    member = ProgrammeMemberFactory(programme=programme, joined_on=date(2016, 4, 1))
    session = LearningSessionFactory(programme=programme, title="Launch")
    newcomer = ProjectFactory(title="Newcomer", lead_region=region("oxford"))
    standard = StandardMeasure.objects.get(slug="falls-per-1000-bed-days")
    return {
        "programme": programme,
        "member": member,
        "session": session,
        "newcomer": newcomer,
        "standard": standard,
        "programme_lead": lead,
    }


def _pages(world) -> dict:
    slug, member, session = "matrix", world["member"], world["session"]
    team = member.project.pk
    return {
        "programme_update": (
            f"/programmes/{slug}/edit/",
            {
                "name": "Taken over",
                "topic": "falls",
                "method": "other",
                "status": "active",
                "start_date": "2016-04-01",
                "lead_regions": [region("wessex").pk],
                "leads": [world["programme_lead"].pk],
            },
        ),
        "member_create": (
            f"/programmes/{slug}/teams/new/",
            {"project": world["newcomer"].pk, "joined_on": "2016-05-01"},
        ),
        "member_update": (
            f"/programmes/{slug}/teams/{member.pk}/edit/",
            {"joined_on": "2016-04-01", "left_on": "2016-12-01"},
        ),
        "session_create": (
            f"/programmes/{slug}/sessions/new/",
            {"title": "Second", "held_on": "2016-09-20", "mode": "online"},
        ),
        "session_update": (
            f"/programmes/{slug}/sessions/{session.pk}/edit/",
            {
                "title": "Renamed",
                "held_on": "2016-06-15",
                "mode": "online",
                "materials": "Slides https://example.org/slides",
            },
        ),
        "attendance": (
            f"/programmes/{slug}/sessions/{session.pk}/attendance/",
            {f"attended_{team}": "on", f"score_{team}": "8"},
        ),
        "measure_create": (
            f"/programmes/{slug}/measures/new/",
            {"standard": world["standard"].pk, "is_mandatory": "yes"},
        ),
    }


def _written() -> tuple:
    """Everything the pages could write."""
    programme = Programme.objects.get(slug="matrix")
    return (
        programme.name,
        Programme.objects.count(),
        list(ProgrammeMember.objects.values_list("project_id", "joined_on", "left_on")),
        list(LearningSession.objects.values_list("title", "held_on", "mode")),
        SessionMaterial.objects.count(),
        SessionAttendance.objects.count(),
        SharedMeasure.objects.count(),
        Measure.objects.count(),
    )


def _client(request, client, role, world):
    if role == "anonymous":
        return client
    user = world["programme_lead"] if role == "programme_lead" else request.getfixturevalue(role)
    client.force_login(user)
    return client


def _refused(response) -> bool:
    if response.status_code == 302:
        return response.url.startswith("/sign-in") or "login" in response.url
    return response.status_code in (403, 404)


@pytest.mark.parametrize("role", REFUSED)
@pytest.mark.parametrize(
    "page",
    [
        "programme_update",
        "member_create",
        "member_update",
        "session_create",
        "session_update",
        "attendance",
        "measure_create",
    ],
)
def test_write_pages_refuse_those_who_may_not(request, client, world, role, page):
    url, data = _pages(world)[page]
    client = _client(request, client, role, world)
    before = _written()
    get = client.get(url)
    post = client.post(url, data)
    assert _refused(get), (page, role, get.status_code)
    assert _refused(post), (page, role, post.status_code)
    if role != "anonymous":
        assert post.status_code == 403
        assert "Only the programme leads of “Matrix programme”" in post.content.decode()
    assert _written() == before


@pytest.mark.parametrize("role", ALLOWED)
@pytest.mark.parametrize(
    "page",
    [
        "programme_update",
        "member_create",
        "member_update",
        "session_create",
        "session_update",
        "attendance",
        "measure_create",
    ],
)
def test_write_pages_let_programme_leads_region_leads_and_admins(
    request, client, world, role, page
):
    url, data = _pages(world)[page]
    client = _client(request, client, role, world)
    before = _written()
    assert client.get(url).status_code == 200
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert _written() != before


@pytest.mark.parametrize("role", ["anonymous", "national_viewer", "frontline_member"])
def test_starting_a_programme_is_refused_to_those_who_lead_no_region(request, client, world, role):
    client = _client(request, client, role, world)
    before = _written()
    data = {
        "name": "New",
        "topic": "falls",
        "method": "other",
        "status": "planned",
        "start_date": "2016-04-01",
        "lead_regions": [region("wessex").pk],
    }
    assert _refused(client.get("/programmes/new/"))
    assert _refused(client.post("/programmes/new/", data))
    assert _written() == before


def test_a_lead_of_another_region_cannot_start_a_programme_led_by_wessex(
    client_for, world, oxford_lead
):
    response = client_for(oxford_lead).post(
        "/programmes/new/",
        {
            "name": "New",
            "topic": "falls",
            "method": "other",
            "status": "planned",
            "start_date": "2016-04-01",
            "lead_regions": [region("wessex").pk],
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert Programme.objects.count() == 1


@pytest.mark.parametrize("role", ["national_admin", "wessex_lead"])
def test_starting_a_programme_is_allowed_to_admins_and_regional_leads(request, client, world, role):
    client = _client(request, client, role, world)
    assert client.get("/programmes/new/").status_code == 200
    response = client.post(
        "/programmes/new/",
        {
            "name": "New",
            "topic": "falls",
            "method": "other",
            "status": "planned",
            "start_date": "2016-04-01",
            "lead_regions": [region("wessex").pk],
        },
    )
    assert response.status_code == 302
    assert Programme.objects.filter(slug="new").exists()
