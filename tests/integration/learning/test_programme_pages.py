"""Happy paths of the programme pages, and that the overview shows what was recorded."""

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
    OrganisationFactory,
    ProgrammeFactory,
    ProgrammeMemberFactory,
    ProjectFactory,
    UserFactory,
    region,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(wessex_lead):
    return ProgrammeFactory(
        name="Wessex falls collaborative",
        lead_regions=["wessex"],
        leads=[wessex_lead],
        start_date=date(2016, 4, 1),
        end_date=date(2017, 3, 31),
    )


def test_the_list_shows_lead_regions_teams_and_dates(client_for, frontline_member, programme):
    ProgrammeMemberFactory(programme=programme)
    ProgrammeMemberFactory(programme=programme)
    ProgrammeFactory(name="An Oxford programme", lead_regions=["oxford"], status="completed")
    page = client_for(frontline_member).get("/programmes/").content.decode()
    assert "Wessex falls collaborative" in page
    assert "2 teams" in page
    assert "1 April 2016 to 31 March 2017" in page
    assert "An Oxford programme" in page
    assert "Start a programme" not in page


def test_the_list_filters_by_status_topic_and_region(client_for, wessex_lead, programme):
    ProgrammeFactory(name="An Oxford programme", lead_regions=["oxford"], status="completed")
    client = client_for(wessex_lead)
    page = client.get("/programmes/?region=oxford").content.decode()
    assert "An Oxford programme" in page and "Wessex falls collaborative" not in page
    page = client.get("/programmes/?status=active").content.decode()
    assert "An Oxford programme" not in page and "Wessex falls collaborative" in page
    page = client.get("/programmes/?topic=sepsis").content.decode()
    assert "No programmes match" in page


def test_a_regional_lead_starts_a_programme_with_another_lead(client_for, wessex_lead):
    UserFactory(username="trust.lead")
    client = client_for(wessex_lead)
    form = client.get("/programmes/new/").content.decode()
    assert "Wessex" in form and "Oxford" not in form  # only the regions they lead
    assert "national programme" not in form
    response = client.post(
        "/programmes/new/",
        {
            "name": "Wessex sepsis collaborative",
            "topic": "sepsis",
            "method": "breakthrough_series",
            "status": "planned",
            "start_date": "2016-04-01",
            "end_date": "2017-03-31",
            "lead_regions": [region("wessex").pk],
            "add_leads": "trust.lead",
        },
    )
    programme = Programme.objects.get()
    assert (
        response.status_code == 302 and response.url == "/programmes/wessex-sepsis-collaborative/"
    )
    assert {u.username for u in programme.leads.all()} == {"lead.wessex", "trust.lead"}


def test_the_create_form_names_missing_lead_regions_and_unknown_usernames(client_for, wessex_lead):
    response = client_for(wessex_lead).post(
        "/programmes/new/",
        {
            "name": "X",
            "topic": "sepsis",
            "method": "other",
            "status": "planned",
            "start_date": "2016-04-01",
            "add_leads": "no.such.person",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "No one uses the service with the username no.such.person" in page
    assert not Programme.objects.exists()
    response = client_for(wessex_lead).post(
        "/programmes/new/",
        {
            "name": "X",
            "topic": "sepsis",
            "method": "other",
            "status": "planned",
            "start_date": "2016-04-01",
        },
    )
    assert "Choose at least one lead region, or make it a national programme" in (
        response.content.decode()
    )
    assert not Programme.objects.exists()


def test_a_national_admin_starts_a_national_programme(client_for, national_admin):
    response = client_for(national_admin).post(
        "/programmes/new/",
        {
            "name": "Maternal and neonatal safety",
            "topic": "maternity_neonatal",
            "method": "other",
            "status": "active",
            "start_date": "2017-04-01",
            "is_national": "on",
        },
    )
    assert response.status_code == 302
    assert Programme.objects.get().is_national


def test_a_programme_lead_edits_and_keeps_leads(client_for, wessex_lead, programme):
    other = UserFactory(username="second.lead")
    programme.leads.add(other)
    response = client_for(wessex_lead).post(
        f"/programmes/{programme.slug}/edit/",
        {
            "name": "Renamed",
            "topic": "falls",
            "method": "other",
            "status": "active",
            "start_date": "2016-04-01",
            "lead_regions": [region("wessex").pk],
            "leads": [wessex_lead.pk],
        },
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.name == "Renamed"
    assert list(programme.leads.all()) == [wessex_lead]


def test_the_overview_shows_teams_calendar_measures_and_attendance(
    client_for, frontline_member, programme
):
    oxford_org = OrganisationFactory(region=region("oxford"), name="Oxford University Hospitals")
    oxford_team = ProjectFactory(title="Oxford falls team", lead_region=region("oxford"))
    oxford_team.organisations.add(oxford_org)
    wessex_team = ProjectFactory(title="Wessex falls team")
    ProgrammeMemberFactory(programme=programme, project=oxford_team, joined_on=date(2016, 4, 1))
    ProgrammeMemberFactory(
        programme=programme,
        project=wessex_team,
        joined_on=date(2016, 5, 1),
        left_on=date(2016, 12, 1),
    )
    first = LearningSessionFactory(programme=programme, title="Launch", held_on=date(2016, 6, 15))
    LearningSessionFactory(programme=programme, title="Second", held_on=date(2016, 9, 20))
    SessionMaterial.objects.create(session=first, title="Slides", url="https://example.org/s")
    person = UserFactory(first_name="Ann", last_name="Nurse")
    SessionAttendance.objects.create(
        session=first, project=oxford_team, user=person, feedback_score=8, contributed=True
    )
    SessionAttendance.objects.create(session=first, project=wessex_team, feedback_score=6)
    standard = StandardMeasure.objects.get(slug="falls-per-1000-bed-days")
    SharedMeasure.objects.create(programme=programme, standard=standard)
    Measure.objects.create(
        project=oxford_team,
        standard=standard,
        name="Oxford falls rate",
        kind="outcome",
        data_type="rate",
        chart="u",
        rules="mdc",
    )

    page = client_for(frontline_member).get(programme.get_absolute_url()).content.decode()

    assert "Oxford University Hospitals" in page
    assert "Now 1 team from 1 organisation in 1 region (2 teams since it began)." in page
    assert "Wessex falls team left" in page
    assert "Action period 1</strong>: 16 June 2016 to 19 September 2016" in page
    assert "Action period 2</strong>: 21 September 2016 to 31 March 2017" in page
    assert 'href="https://example.org/s"' in page
    assert "7.0 out of 10 (2 scores)" in page
    assert "1 of 1 said they contributed" in page
    assert "Attended: Ann Nurse" in page
    assert "Oxford falls rate" in page and "Not measured yet" in page
    assert "Add a team" not in page  # a frontline member reads only


def test_adding_a_team_from_another_region(client_for, wessex_lead, programme):
    project = ProjectFactory(title="Oxford falls team", lead_region=region("oxford"))
    client = client_for(wessex_lead)
    assert (
        "Oxford falls team (Oxford"
        in client.get(f"/programmes/{programme.slug}/teams/new/").content.decode()
    )
    response = client.post(
        f"/programmes/{programme.slug}/teams/new/",
        {"project": project.pk, "joined_on": "2016-04-01"},
    )
    assert response.status_code == 302
    assert ProgrammeMember.objects.get().project == project


def test_a_team_leaves_and_its_dates_are_checked(client_for, wessex_lead, programme):
    member = ProgrammeMemberFactory(programme=programme, joined_on=date(2016, 5, 1))
    url = f"/programmes/{programme.slug}/teams/{member.pk}/edit/"
    client = client_for(wessex_lead)
    response = client.post(url, {"joined_on": "2016-05-01", "left_on": "2016-04-01"})
    assert "The date the team left must be on or after the date it joined" in (
        response.content.decode()
    )
    client.post(url, {"joined_on": "2016-05-01", "left_on": "2016-12-01"})
    member.refresh_from_db()
    assert member.left_on == date(2016, 12, 1)
    client.post(url, {"remove": "1"})
    assert not ProgrammeMember.objects.exists()


def test_adding_and_editing_a_session_with_materials(client_for, wessex_lead, programme):
    client = client_for(wessex_lead)
    response = client.post(
        f"/programmes/{programme.slug}/sessions/new/",
        {
            "title": "Launch",
            "held_on": "2016-06-15",
            "mode": "in_person",
            "place": "Winchester",
            "agenda": "All teach, all learn",
            "materials": "Slides https://example.org/slides\nhttps://example.org/notes",
        },
    )
    assert response.status_code == 302
    session = LearningSession.objects.get()
    assert [(m.title, m.url) for m in session.materials.all()] == [
        ("Slides", "https://example.org/slides"),
        ("https://example.org/notes", "https://example.org/notes"),
    ]
    url = f"/programmes/{programme.slug}/sessions/{session.pk}/edit/"
    assert "Slides https://example.org/slides" in client.get(url).content.decode()
    client.post(
        url,
        {
            "title": "Launch day",
            "held_on": "2016-06-16",
            "mode": "online",
            "materials": "Slides https://example.org/slides",
        },
    )
    session.refresh_from_db()
    assert (session.title, session.mode) == ("Launch day", "online")
    assert session.materials.count() == 1
    response = client.post(
        url,
        {
            "title": "Launch day",
            "held_on": "2016-06-16",
            "mode": "online",
            "materials": "Slides without a link",
        },
    )
    assert "Line 1: end it with the material&#x27;s link" in response.content.decode() or (
        "Line 1: end it with the material" in response.content.decode()
    )


def test_recording_attendance(client_for, wessex_lead, programme):
    member = ProgrammeMemberFactory(programme=programme)
    other = ProgrammeMemberFactory(programme=programme)
    person = UserFactory(first_name="Ann", last_name="Nurse")
    member.project.members.create(user=person, role="member")
    session = LearningSessionFactory(programme=programme)
    url = f"/programmes/{programme.slug}/sessions/{session.pk}/attendance/"
    client = client_for(wessex_lead)
    assert "Ann Nurse" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            f"attended_{member.project.pk}": "on",
            f"person_{member.project.pk}": person.pk,
            f"score_{member.project.pk}": "9",
            f"contributed_{member.project.pk}": "yes",
            f"score_{other.project.pk}": "",
        },
    )
    assert response.status_code == 302
    row = SessionAttendance.objects.get()
    assert (row.project, row.user, row.feedback_score, row.contributed) == (
        member.project,
        person,
        9,
        True,
    )
    response = client.post(
        url, {f"score_{member.project.pk}": "12", f"attended_{member.project.pk}": "on"}
    )
    assert "Enter a feedback score from 0 to 10" in response.content.decode()
    client.post(url, {})
    assert not SessionAttendance.objects.exists()


def test_adding_a_shared_measure_creates_the_teams_measures(client_for, wessex_lead, programme):
    member = ProgrammeMemberFactory(programme=programme)
    standard = StandardMeasure.objects.get(slug="falls-per-1000-bed-days")
    client = client_for(wessex_lead)
    url = f"/programmes/{programme.slug}/measures/new/"
    assert standard.name in client.get(url).content.decode()
    response = client.post(url, {"standard": standard.pk, "is_mandatory": "yes"})
    assert response.status_code == 302
    assert SharedMeasure.objects.get().is_mandatory
    assert Measure.objects.filter(project=member.project, standard=standard).exists()
    assert f'value="{standard.pk}"' not in client.get(url).content.decode()  # shared once


def test_the_project_page_lists_its_programmes(client_for, frontline_member, programme):
    member = ProgrammeMemberFactory(programme=programme, joined_on=date(2016, 4, 1))
    page = client_for(frontline_member).get(member.project.get_absolute_url()).content.decode()
    assert "Wessex falls collaborative" in page and "joined 1 April 2016" in page
