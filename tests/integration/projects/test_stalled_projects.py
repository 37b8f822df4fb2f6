"""Stalled projects: an active project quiet for PROJECT_STALLED_AFTER_DAYS (183) becomes
stalled; data, PDSA cycles and edits reset the clock; its region's leads see it listed and close
it or mark it active, through the services, which refuse anyone who may not edit it."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from core.wording import long_date
from measurement.services.data import data_points_upsert
from projects.models import Project, ProjectStatus, StatusChange
from projects.services.pdsa import pdsa_cycle_create
from projects.services.project import project_update
from projects.services.stalled import mark_stalled_projects
from projects.tasks import mark_stalled_projects as sweep_task
from tests.factories import (
    ChangeIdeaFactory,
    MeasureFactory,
    ProjectFactory,
    ProjectMemberFactory,
    region,
)

TODAY = timezone.localdate()


def quiet_project(days: int, **fields) -> Project:
    """An active project whose status began `days` ago, with no activity recorded since."""
    fields.setdefault("lead_region", region("wessex"))
    since = TODAY - timedelta(days=days)
    project = ProjectFactory(start_date=since - timedelta(days=30), status_since=since, **fields)
    last_save = datetime.combine(since, time(12), tzinfo=UTC)
    Project.objects.filter(pk=project.pk).update(updated_at=last_save)  # its last edit
    return project


def status_of(project: Project) -> str:
    return Project.objects.get(pk=project.pk).status


# The sweep ------------------------------------------------------------------------------------


def test_a_project_quiet_for_183_days_becomes_stalled_and_one_quiet_for_182_does_not(db):
    quiet, recent = quiet_project(183), quiet_project(182)
    assert mark_stalled_projects(TODAY) == 1
    quiet.refresh_from_db()
    assert quiet.status == ProjectStatus.STALLED and quiet.status_since == TODAY
    assert status_of(recent) == ProjectStatus.ACTIVE
    change = StatusChange.objects.get(project=quiet)
    assert (change.status, change.began_on) == (ProjectStatus.STALLED, TODAY)
    assert quiet.history.first().status == ProjectStatus.STALLED  # in its history


def test_the_quiet_period_is_a_setting(db, settings):
    settings.PROJECT_STALLED_AFTER_DAYS = 30
    project = quiet_project(30)
    sweep_task()  # the nightly task, today
    assert status_of(project) == ProjectStatus.STALLED


def test_only_active_projects_stall(db):
    planned = quiet_project(400, status=ProjectStatus.PLANNED)
    stopped = quiet_project(400, status=ProjectStatus.STOPPED)
    assert mark_stalled_projects(TODAY) == 0
    assert {status_of(planned), status_of(stopped)} == {"planned", "stopped"}


def test_entering_data_resets_the_quiet_period(db, wessex_lead):
    project = quiet_project(400)
    measure = MeasureFactory(project=project)
    data_points_upsert(
        by=wessex_lead, measure=measure, rows=[{"period": date(2016, 6, 6), "value": 4}]
    )
    assert mark_stalled_projects(TODAY + timedelta(days=182)) == 0
    assert mark_stalled_projects(TODAY + timedelta(days=183)) == 1


def test_a_pdsa_cycle_resets_the_quiet_period(db, wessex_lead):
    project = quiet_project(400)
    idea = ChangeIdeaFactory(project=project)
    pdsa_cycle_create(
        by=wessex_lead,
        project=project,
        change_idea=idea,
        title="Cycle 1",
        objective="Try it on one ward",
        start_date=TODAY,
    )
    assert mark_stalled_projects(TODAY + timedelta(days=182)) == 0
    assert status_of(project) == ProjectStatus.ACTIVE


def test_the_last_save_counts_as_an_edit(db):
    project = quiet_project(400)
    Project.objects.filter(pk=project.pk).update(updated_at=timezone.now() - timedelta(days=182))
    assert mark_stalled_projects(TODAY) == 0
    assert mark_stalled_projects(TODAY + timedelta(days=1)) == 1


def test_an_edit_resets_the_quiet_period(db, wessex_lead):
    project = quiet_project(400)
    project_update(by=wessex_lead, project=project, summary="Still going")
    assert mark_stalled_projects(TODAY + timedelta(days=182)) == 0
    assert mark_stalled_projects(TODAY + timedelta(days=183)) == 1


# The lead's list ------------------------------------------------------------------------------


def stalled_list(slug: str = "wessex") -> str:
    return reverse("projects:stalled", args=[slug])


@pytest.fixture
def stalled(db):
    project = quiet_project(250, title="Hydration rounds on Ward 7")
    mark_stalled_projects(TODAY)
    project.refresh_from_db()
    return project


def test_the_lead_sees_the_regions_stalled_projects_with_their_last_activity(
    client_for, wessex_lead, stalled
):
    quiet_project(10, title="Busy project")
    response = client_for(wessex_lead).get(stalled_list())
    body = response.content.decode()
    assert response.status_code == 200
    assert "Hydration rounds on Ward 7" in body and "Busy project" not in body
    assert f"Last activity: 8 months ago, on {long_date(TODAY - timedelta(days=250))}." in body
    assert reverse("projects:close_stalled", args=[stalled.pk]) in body
    assert reverse("projects:mark_active", args=[stalled.pk]) in body


def test_the_regional_dashboard_and_region_page_link_its_leads_to_the_list(
    client_for, wessex_lead, frontline_member
):
    for where in (
        reverse("dashboards:region", args=["wessex"]),
        reverse("regions:detail", args=["wessex"]),
    ):
        assert stalled_list() in client_for(wessex_lead).get(where).content.decode()
    region_page = client_for(frontline_member).get(reverse("regions:detail", args=["wessex"]))
    assert stalled_list() not in region_page.content.decode()


def test_a_lead_of_another_region_and_a_frontline_member_cannot_see_the_list(
    client_for, oxford_lead, frontline_member, stalled
):
    assert client_for(oxford_lead).get(stalled_list()).status_code == 403
    assert client_for(frontline_member).get(stalled_list()).status_code == 403


def test_the_lead_closes_a_stalled_project_as_stopped(client_for, wessex_lead, stalled):
    response = client_for(wessex_lead).post(
        reverse("projects:close_stalled", args=[stalled.pk]), {"region": "wessex"}
    )
    assert response.status_code == 302 and response["Location"] == stalled_list()
    stalled.refresh_from_db()
    assert (stalled.status, stalled.status_since) == (ProjectStatus.STOPPED, TODAY)
    assert stalled.status_changes.last().status == ProjectStatus.STOPPED
    assert stalled.history.first().history_user == wessex_lead


def test_the_lead_closes_a_stalled_project_as_completed_when_given_a_date(
    client_for, wessex_lead, stalled
):
    done = TODAY - timedelta(days=100)
    client_for(wessex_lead).post(
        reverse("projects:close_stalled", args=[stalled.pk]),
        {"region": "wessex", f"project-{stalled.pk}-completed_on": done.isoformat()},
    )
    stalled.refresh_from_db()
    assert (stalled.status, stalled.completed_on) == (ProjectStatus.COMPLETED, done)


def test_a_completion_date_before_the_start_is_refused_on_the_list(
    client_for, wessex_lead, stalled
):
    early = stalled.start_date - timedelta(days=1)
    response = client_for(wessex_lead).post(
        reverse("projects:close_stalled", args=[stalled.pk]),
        {"region": "wessex", f"project-{stalled.pk}-completed_on": early.isoformat()},
    )
    assert response.status_code == 400
    assert "The completion date must be on or after the start date" in response.content.decode()
    assert status_of(stalled) == ProjectStatus.STALLED


def test_marked_active_it_is_not_stalled_again_until_another_quiet_period(
    client_for, wessex_lead, stalled
):
    response = client_for(wessex_lead).post(reverse("projects:mark_active", args=[stalled.pk]))
    assert response.status_code == 302
    stalled.refresh_from_db()
    assert (stalled.status, stalled.status_since) == (ProjectStatus.ACTIVE, TODAY)
    assert stalled.status_changes.last().status == ProjectStatus.ACTIVE
    assert mark_stalled_projects(TODAY + timedelta(days=182)) == 0
    assert mark_stalled_projects(TODAY + timedelta(days=183)) == 1


@pytest.mark.parametrize("button", ["projects:close_stalled", "projects:mark_active"])
def test_another_regions_lead_and_another_projects_member_are_refused(
    client_for, oxford_lead, frontline_member, stalled, button
):
    ProjectMemberFactory(user=frontline_member, project=quiet_project(5))
    for user in (oxford_lead, frontline_member):
        response = client_for(user).post(reverse(button, args=[stalled.pk]), {"region": "wessex"})
        assert response.status_code == 403
    assert status_of(stalled) == ProjectStatus.STALLED
    assert stalled.status_changes.count() == 1


# The API --------------------------------------------------------------------------------------


def test_the_api_marks_a_stalled_project_active_but_does_not_stall_one(wessex_lead, stalled):
    api = APIClient()
    api.force_login(wessex_lead)
    url = f"/api/v1/projects/{stalled.pk}/"
    assert api.patch(url, {"status": "active"}).status_code == 200
    assert status_of(stalled) == ProjectStatus.ACTIVE
    response = api.patch(url, {"status": "stalled"})
    assert response.status_code == 400 and "stalled" in response.content.decode()
    assert status_of(stalled) == ProjectStatus.ACTIVE


def test_the_api_refuses_another_regions_lead(oxford_lead, stalled):
    api = APIClient()
    api.force_login(oxford_lead)
    response = api.patch(f"/api/v1/projects/{stalled.pk}/", {"status": "stopped"})
    assert response.status_code == 403
    assert status_of(stalled) == ProjectStatus.STALLED


def test_the_list_costs_the_same_queries_however_many_projects(client_for, wessex_lead):
    def queries() -> int:
        client = client_for(wessex_lead)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(stalled_list()).status_code == 200
        return len(captured)

    quiet_project(300)
    mark_stalled_projects(TODAY)
    one = queries()
    for _ in range(5):
        quiet_project(300)
    mark_stalled_projects(TODAY)
    assert queries() == one
