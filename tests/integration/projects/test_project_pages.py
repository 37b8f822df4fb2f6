"""Every project page for every role: who may read, who may change, and what a refusal says."""

import html

import pytest
from django.urls import reverse

from projects.models import PDSACycle, Project
from tests.factories import (
    ChangeIdeaFactory,
    PDSACycleFactory,
    ProjectFactory,
    ProjectMemberFactory,
    region,
)


@pytest.fixture
def wessex_project(db):
    return ProjectFactory(title="Falls on Wessex wards", lead_region=region("wessex"))


@pytest.fixture
def team_member(frontline_member, wessex_project):
    ProjectMemberFactory(project=wessex_project, user=frontline_member)
    return frontline_member


def project_form(**overrides):
    return {
        "title": "Sepsis in the ED",
        "lead_region": region("wessex").pk,
        "topic": "sepsis",
        "status": "active",
        "start_date": "2016-05-02",
        **overrides,
    }


def page(pk, name):
    return reverse(f"projects:{name}", args=[pk])


READ_PAGES = ["detail", "team", "history"]


@pytest.mark.parametrize("name", READ_PAGES)
@pytest.mark.parametrize(
    "role", ["national_viewer", "oxford_lead", "frontline_member", "wessex_lead", "national_admin"]
)
def test_every_signed_in_role_reads_a_project(request, client_for, wessex_project, name, role):
    response = client_for(request.getfixturevalue(role)).get(page(wessex_project.pk, name))
    assert response.status_code == 200
    assert "Falls on Wessex wards" in response.content.decode()


@pytest.mark.parametrize("name", READ_PAGES + ["update", "pdsa_create"])
def test_anonymous_visitors_are_sent_to_sign_in(client, wessex_project, name):
    response = client.get(page(wessex_project.pk, name))
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("wessex_lead", 200),
        ("team_member", 200),
        ("national_admin", 200),
        ("oxford_lead", 403),
        ("national_viewer", 403),
        ("frontline_member", 403),
    ],
)
@pytest.mark.parametrize("name", ["update", "pdsa_create"])
def test_only_editors_open_the_edit_forms(request, client_for, wessex_project, role, status, name):
    response = client_for(request.getfixturevalue(role)).get(page(wessex_project.pk, name))
    assert response.status_code == status
    if status == 403:
        assert "Only the project team, leads of its regions and national admins" in (
            html.unescape(response.content.decode())
        )


def test_another_regions_lead_cannot_post_changes(client_for, oxford_lead, wessex_project):
    response = client_for(oxford_lead).post(
        page(wessex_project.pk, "update"), project_form(title="Taken over")
    )
    assert response.status_code == 403
    wessex_project.refresh_from_db()
    assert wessex_project.title == "Falls on Wessex wards"


def test_a_lead_creates_a_project_in_the_browser_form(client_for, wessex_lead):
    response = client_for(wessex_lead).post(
        reverse("projects:create"),
        project_form(
            participating_regions=[region("oxford").pk],
            aim_what="sepsis screening",
            progress_score="1.5",
        ),
    )
    project = Project.objects.get(title="Sepsis in the ED")
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert project.created_by == wessex_lead
    assert str(project.progress_score) == "1.5"


def test_a_lead_cannot_choose_another_region_to_lead(client_for, wessex_lead):
    response = client_for(wessex_lead).post(
        reverse("projects:create"), project_form(lead_region=region("oxford").pk)
    )
    assert response.status_code == 200
    assert not Project.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"expected_end_date": "2016-01-01"},
            "expected_end_date",
            "The expected end date must be on or after the start date",
        ),
        ({"progress_score": "7"}, "progress_score", "Enter a progress score from 0.5 to 5.0"),
        ({"start_date": "2016-02-31"}, "start_date", "Enter the start date as a real date"),
        ({"title": ""}, "title", "Enter the project&#39;s title"),
        ({"status": "completed"}, "completed_on", "Enter the date the project was completed"),
    ],
)
def test_bad_input_is_explained_at_the_field_and_nothing_is_saved(
    client_for, wessex_lead, overrides, field, message
):
    response = client_for(wessex_lead).post(reverse("projects:create"), project_form(**overrides))
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert f'href="#id_{field}"' in body
    assert not Project.objects.exists()


def test_the_lead_region_is_not_also_participating(client_for, wessex_lead):
    response = client_for(wessex_lead).post(
        reverse("projects:create"), project_form(participating_regions=[region("wessex").pk])
    )
    assert "Wessex leads the project, so do not also tick it" in response.content.decode()


def test_the_project_page_shows_history_with_old_and_new_values(
    client_for, wessex_lead, wessex_project
):
    client = client_for(wessex_lead)
    client.post(page(wessex_project.pk, "update"), project_form(title="Falls with harm"))
    body = html.unescape(client.get(page(wessex_project.pk, "history")).content.decode())
    assert "Falls on Wessex wards → Falls with harm" in body
    assert str(wessex_lead) in body


def test_a_team_member_is_added_by_choosing_them(
    client_for, wessex_lead, wessex_project, frontline_member
):
    client = client_for(wessex_lead)
    client.post(page(wessex_project.pk, "team"), {"person": frontline_member.pk, "role": "member"})
    assert wessex_project.members.get().user == frontline_member
    response = client.post(page(wessex_project.pk, "team"), {"person": 99999, "role": "member"})
    assert "Choose someone from the search results" in response.content.decode()
    assert 'href="#person-search"' in response.content.decode()


def test_the_project_page_queries_do_not_grow_with_cycles(
    client_for, national_viewer, wessex_project, django_assert_max_num_queries
):
    client = client_for(national_viewer)

    def count_queries() -> int:
        with django_assert_max_num_queries(200) as captured:
            assert client.get(page(wessex_project.pk, "detail")).status_code == 200
        return len(captured)

    idea = ChangeIdeaFactory(project=wessex_project)
    PDSACycleFactory(change_idea=idea)
    few = count_queries()
    for _ in range(3):
        PDSACycleFactory.create_batch(4, change_idea=ChangeIdeaFactory(project=wessex_project))
    assert count_queries() == few
    assert PDSACycle.objects.count() == 13
