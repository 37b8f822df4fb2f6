from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from projects.models import Project, ProjectStatus
from projects.services.project import member_add, project_create, project_update
from tests.factories import ProjectFactory, ProjectMemberFactory, region


def new_project(by, **overrides):
    values = {
        "title": "Falls on medical wards",
        "lead_region": region("wessex"),
        "topic": "falls",
        "start_date": date(2016, 5, 3),
        **overrides,
    }
    return project_create(by=by, **values)


def test_a_lead_creates_a_project_with_its_financial_periods(wessex_lead):
    project = new_project(wessex_lead, participating_regions=[region("oxford")])
    assert (project.start_financial_year, project.start_quarter) == ("2016-17", 1)
    assert list(project.participating_regions.all()) == [region("oxford")]
    assert project.status_changes.get().status == ProjectStatus.PLANNED
    assert project.history.first().history_user == wessex_lead


def test_a_lead_cannot_create_a_project_led_by_another_region(oxford_lead):
    with pytest.raises(PermissionDenied):
        new_project(oxford_lead)
    assert not Project.objects.exists()


def test_end_before_start_is_refused_naming_the_field(wessex_lead):
    with pytest.raises(ValidationError) as error:
        new_project(wessex_lead, expected_end_date=date(2016, 1, 1))
    assert "expected_end_date" in error.value.message_dict
    assert not Project.objects.exists()


@pytest.mark.parametrize("score", [Decimal("7.0"), Decimal("0.0"), Decimal("2.3")])
def test_a_progress_score_off_the_ihi_scale_is_refused(wessex_lead, score):
    with pytest.raises(ValidationError) as error:
        new_project(wessex_lead, progress_score=score)
    assert "0.5 to 5.0" in error.value.message_dict["progress_score"][0]


def test_completing_needs_a_completion_date(wessex_lead):
    project = new_project(wessex_lead, status=ProjectStatus.ACTIVE)
    with pytest.raises(ValidationError) as error:
        project_update(by=wessex_lead, project=project, status=ProjectStatus.COMPLETED)
    assert "completed_on" in error.value.message_dict
    project.refresh_from_db()
    assert project.status == ProjectStatus.ACTIVE
    assert project.status_changes.count() == 1


def test_status_and_score_changes_build_the_timeline(wessex_lead):
    project = new_project(wessex_lead, progress_score=Decimal("1.0"))
    project_update(
        by=wessex_lead,
        project=project,
        status=ProjectStatus.COMPLETED,
        completed_on=date(2017, 2, 1),
        status_since=date(2017, 2, 1),
        progress_score=Decimal("4.5"),
    )
    assert [c.status for c in project.status_changes.all()] == ["planned", "completed"]
    assert [s.score for s in project.progress_scores.all()] == [Decimal("1.0"), Decimal("4.5")]
    assert (project.completion_financial_year, project.completion_quarter) == ("2016-17", 4)


def test_a_failed_update_leaves_the_relations_untouched(wessex_lead):
    project = new_project(wessex_lead, participating_regions=[region("oxford")])
    with pytest.raises(ValidationError):
        project_update(
            by=wessex_lead,
            project=project,
            participating_regions=[],
            expected_end_date=date(2000, 1, 1),
        )
    assert list(project.participating_regions.all()) == [region("oxford")]


def test_leads_of_participating_regions_and_team_members_may_edit(oxford_lead, frontline_member):
    project = ProjectFactory(lead_region=region("wessex"))
    with pytest.raises(PermissionDenied):
        project_update(by=oxford_lead, project=project, title="Taken over")
    project.participating_regions.add(region("oxford"))
    project_update(by=oxford_lead, project=project, title="Joint project")
    ProjectMemberFactory(project=project, user=frontline_member)
    project_update(by=frontline_member, project=project, summary="Week 3 going well")
    project.refresh_from_db()
    assert (project.title, project.summary) == ("Joint project", "Week 3 going well")


def test_national_viewers_cannot_change_a_team(national_viewer, frontline_member):
    with pytest.raises(PermissionDenied):
        member_add(by=national_viewer, project=ProjectFactory(), user=frontline_member)
