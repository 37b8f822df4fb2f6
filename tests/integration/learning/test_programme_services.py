from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from learning.models import Programme, ProgrammeMember, SessionAttendance, SharedMeasure
from learning.services.programmes import (
    attendance_record,
    material_add,
    member_add,
    member_update,
    programme_create,
    programme_update,
    session_create,
    session_update,
    shared_measure_add,
)
from measurement.models import Measure, StandardMeasure
from tests.factories import (
    LearningSessionFactory,
    MeasureFactory,
    ProgrammeFactory,
    ProgrammeMemberFactory,
    ProjectFactory,
    UserFactory,
    region,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def standard():
    return StandardMeasure.objects.get(slug="falls-per-1000-bed-days")


@pytest.fixture
def programme(wessex_lead):
    return ProgrammeFactory(lead_regions=["wessex"], leads=[UserFactory(username="prog.lead")])


def test_a_regional_lead_starts_a_programme_and_becomes_its_lead(wessex_lead):
    programme = programme_create(
        by=wessex_lead,
        name="Wessex falls collaborative",
        topic="falls",
        start_date=date(2016, 4, 1),
        end_date=date(2017, 3, 31),
        lead_regions=[region("wessex")],
    )
    assert programme.slug == "wessex-falls-collaborative"
    assert list(programme.leads.all()) == [wessex_lead]
    assert list(programme.lead_regions.all()) == [region("wessex")]
    assert programme.created_by == wessex_lead
    assert programme.history.first().history_user == wessex_lead


def test_a_programme_needs_a_lead_region_or_to_be_national(wessex_lead):
    with pytest.raises(ValidationError) as error:
        programme_create(by=wessex_lead, name="X", topic="falls", start_date=date(2016, 4, 1))
    assert error.value.message_dict == {
        "lead_regions": ["Choose at least one lead region, or make it a national programme"]
    }
    assert not Programme.objects.exists()


def test_only_national_admins_start_national_programmes(wessex_lead, national_admin):
    with pytest.raises(PermissionDenied):
        programme_create(
            by=wessex_lead, name="X", topic="falls", start_date=date(2016, 4, 1), is_national=True
        )
    programme = programme_create(
        by=national_admin, name="X", topic="falls", start_date=date(2016, 4, 1), is_national=True
    )
    assert programme.is_national


def test_a_lead_cannot_start_a_programme_led_by_another_region(wessex_lead, national_viewer):
    for user in (wessex_lead, national_viewer):
        with pytest.raises(PermissionDenied):
            programme_create(
                by=user,
                name="X",
                topic="falls",
                start_date=date(2016, 4, 1),
                lead_regions=[region("oxford")],
            )
    assert not Programme.objects.exists()


def test_the_end_must_not_come_before_the_start(wessex_lead):
    with pytest.raises(ValidationError) as error:
        programme_create(
            by=wessex_lead,
            name="X",
            topic="falls",
            start_date=date(2016, 4, 1),
            end_date=date(2016, 3, 1),
            lead_regions=[region("wessex")],
        )
    assert "end_date" in error.value.message_dict


def test_programme_update_by_its_lead_changes_only_what_is_given(programme):
    lead = programme.leads.get()
    programme_update(by=lead, programme=programme, name="Renamed", status="completed")
    programme.refresh_from_db()
    assert (programme.name, programme.status, programme.topic) == ("Renamed", "completed", "falls")


def test_programme_update_refused_to_other_regions_and_viewers(
    programme, oxford_lead, national_viewer, frontline_member
):
    for user in (oxford_lead, national_viewer, frontline_member):
        with pytest.raises(PermissionDenied):
            programme_update(by=user, programme=programme, name="Taken")
    programme.refresh_from_db()
    assert programme.name != "Taken"


def test_a_programme_lead_cannot_add_a_region_they_do_not_lead(programme, national_admin):
    lead = programme.leads.get()
    with pytest.raises(PermissionDenied):
        programme_update(by=lead, programme=programme, lead_regions=[region("oxford")])
    programme_update(
        by=national_admin, programme=programme, lead_regions=[region("wessex"), region("oxford")]
    )
    assert programme.lead_regions.count() == 2


def test_removing_every_lead_region_of_a_regional_programme_is_refused(programme, wessex_lead):
    with pytest.raises(ValidationError) as error:
        programme_update(by=wessex_lead, programme=programme, lead_regions=[])
    assert "lead_regions" in error.value.message_dict


def test_a_team_joins_once(programme, wessex_lead):
    project = ProjectFactory(lead_region=region("oxford"))
    member = member_add(
        by=wessex_lead, programme=programme, project=project, joined_on=date.today()
    )
    assert member.project == project
    with pytest.raises(ValidationError) as error:
        member_add(by=wessex_lead, programme=programme, project=project, joined_on=date.today())
    assert "project" in error.value.message_dict
    assert ProgrammeMember.objects.count() == 1


def test_member_add_refused_to_a_lead_outside_the_programme(programme, oxford_lead):
    project = ProjectFactory(lead_region=region("oxford"))
    with pytest.raises(PermissionDenied):
        member_add(by=oxford_lead, programme=programme, project=project, joined_on=date.today())
    assert not ProgrammeMember.objects.exists()


def test_a_team_cannot_leave_before_it_joined(programme, wessex_lead):
    member = ProgrammeMemberFactory(programme=programme, joined_on=date(2016, 5, 1))
    with pytest.raises(ValidationError) as error:
        member_update(by=wessex_lead, member=member, left_on=date(2016, 4, 1))
    assert "left_on" in error.value.message_dict
    member_update(by=wessex_lead, member=member, left_on=date(2016, 12, 1))
    member.refresh_from_db()
    assert member.left_on == date(2016, 12, 1)


def test_a_mandatory_shared_measure_gives_each_team_its_own_copy(programme, standard):
    lead = programme.leads.get()  # not on either team, nor a regional lead
    oxford_team = ProjectFactory(lead_region=region("oxford"))
    ProgrammeMemberFactory(programme=programme, project=oxford_team)
    wessex_team = ProjectFactory()
    MeasureFactory(project=wessex_team, standard=standard, name="Our own falls rate")
    ProgrammeMemberFactory(programme=programme, project=wessex_team)

    shared = shared_measure_add(by=lead, programme=programme, standard=standard)

    assert shared.is_mandatory and shared.position == 0
    copy = Measure.objects.get(project=oxford_team, standard=standard)
    assert (copy.name, copy.definition, copy.chart, copy.rules, copy.unit, copy.multiplier) == (
        standard.name,
        standard.definition,
        standard.chart,
        standard.rules,
        standard.unit,
        standard.multiplier,
    )
    assert copy.created_by == lead
    # the team that already measured it keeps its own measure, and gets no second one
    assert Measure.objects.filter(project=wessex_team, standard=standard).count() == 1


def test_a_team_joining_later_gets_the_mandatory_measures(programme, standard, wessex_lead):
    shared_measure_add(by=wessex_lead, programme=programme, standard=standard)
    project = ProjectFactory()
    member_add(by=wessex_lead, programme=programme, project=project, joined_on=date.today())
    assert Measure.objects.filter(project=project, standard=standard).count() == 1


def test_an_optional_shared_measure_creates_nothing_for_the_teams(programme, standard):
    ProgrammeMemberFactory(programme=programme)
    shared_measure_add(
        by=programme.leads.get(), programme=programme, standard=standard, is_mandatory=False
    )
    assert not Measure.objects.filter(standard=standard).exists()


def test_a_standard_is_shared_once(programme, standard, wessex_lead):
    shared_measure_add(by=wessex_lead, programme=programme, standard=standard)
    with pytest.raises(ValidationError) as error:
        shared_measure_add(by=wessex_lead, programme=programme, standard=standard)
    assert "standard" in error.value.message_dict
    assert SharedMeasure.objects.count() == 1


def test_shared_measure_add_refused_to_viewers_and_other_leads(
    programme, standard, national_viewer, oxford_lead
):
    ProgrammeMemberFactory(programme=programme)
    for user in (national_viewer, oxford_lead):
        with pytest.raises(PermissionDenied):
            shared_measure_add(by=user, programme=programme, standard=standard)
    assert not SharedMeasure.objects.exists()
    assert not Measure.objects.filter(standard=standard).exists()


def test_sessions_and_materials(programme, wessex_lead, oxford_lead):
    session = session_create(
        by=wessex_lead, programme=programme, title="Launch", held_on=date(2016, 6, 15)
    )
    session_update(by=wessex_lead, session=session, mode="online", place="")
    material_add(by=wessex_lead, session=session, title="Slides", url="https://example.org/s")
    session.refresh_from_db()
    assert session.mode == "online"
    assert session.materials.get().title == "Slides"
    with pytest.raises(PermissionDenied):
        session_create(by=oxford_lead, programme=programme, title="X", held_on=date(2016, 7, 1))
    with pytest.raises(ValidationError) as error:
        material_add(by=wessex_lead, session=session, title="Bad", url="not a link")
    assert "url" in error.value.message_dict


def test_attendance_by_team_then_by_person_updates_one_row(programme, wessex_lead):
    member = ProgrammeMemberFactory(programme=programme)
    session = LearningSessionFactory(programme=programme)
    person = UserFactory()
    attendance_record(by=wessex_lead, session=session, project=member.project, feedback_score=7)
    attendance_record(
        by=wessex_lead,
        session=session,
        project=member.project,
        user=person,
        feedback_score=9,
        contributed=True,
    )
    row = SessionAttendance.objects.get()
    assert (row.project, row.user, row.feedback_score, row.contributed) == (
        member.project,
        person,
        9,
        True,
    )


def test_attendance_checks_team_and_score(programme, wessex_lead, oxford_lead):
    member = ProgrammeMemberFactory(programme=programme)
    session = LearningSessionFactory(programme=programme)
    with pytest.raises(ValidationError) as error:
        attendance_record(by=wessex_lead, session=session, project=ProjectFactory())
    assert "project" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        attendance_record(
            by=wessex_lead, session=session, project=member.project, feedback_score=11
        )
    assert "feedback_score" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        attendance_record(by=oxford_lead, session=session, project=member.project)
    assert not SessionAttendance.objects.exists()


def test_making_an_optional_measure_mandatory_gives_the_teams_their_copies(programme, standard):
    from learning.services.programmes import shared_measure_remove, shared_measure_update

    member = ProgrammeMemberFactory(programme=programme)
    lead = programme.leads.get()
    shared = shared_measure_add(by=lead, programme=programme, standard=standard, is_mandatory=False)
    shared_measure_update(by=lead, shared=shared, is_mandatory=True)
    assert Measure.objects.filter(project=member.project, standard=standard).count() == 1
    shared_measure_remove(by=lead, shared=shared)
    assert not SharedMeasure.objects.exists()
    # the team keeps its measure (and any data) when the programme stops sharing it
    assert Measure.objects.filter(project=member.project, standard=standard).count() == 1


def test_a_team_that_left_gets_no_new_mandatory_measures(programme, standard):
    member = ProgrammeMemberFactory(
        programme=programme, joined_on=date(2016, 4, 1), left_on=date(2016, 9, 1)
    )
    shared_measure_add(by=programme.leads.get(), programme=programme, standard=standard)
    assert not Measure.objects.filter(project=member.project).exists()
