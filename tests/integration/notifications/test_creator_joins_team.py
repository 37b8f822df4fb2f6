"""Whoever creates a project is on its team as project lead, from the page and the API alike."""

from django.urls import reverse

from projects.models import Project, ProjectMember, ProjectRole
from tests.factories import UserFactory, region

FORM = {"title": "Sepsis in the ED", "topic": "sepsis", "status": "active"}


def roles(project):
    return list(ProjectMember.objects.filter(project=project).values_list("user__username", "role"))


def test_the_creator_on_the_page_leads_the_team(client_for, wessex_lead):
    client_for(wessex_lead).post(
        reverse("projects:create"),
        {**FORM, "lead_region": region("wessex").pk, "start_date": "2026-05-04"},
    )
    project = Project.objects.get(title="Sepsis in the ED")
    assert roles(project) == [("lead.wessex", ProjectRole.LEAD)]


def test_the_creator_through_the_api_leads_the_team(api_as, national_admin):
    response = api_as(national_admin).post(
        "/api/v1/projects/", {**FORM, "lead_region": "wessex"}, format="json"
    )
    assert response.status_code == 201
    assert roles(Project.objects.get(pk=response.json()["id"])) == [
        ("nhsi.admin", ProjectRole.LEAD)
    ]


def test_a_partner_platforms_account_is_not_put_on_the_team(api_as, db):
    partner = UserFactory(username="partner.wessex", is_api_client=True, led_regions=["wessex"])
    response = api_as(partner).post(
        "/api/v1/projects/", {**FORM, "lead_region": "wessex"}, format="json"
    )
    assert response.status_code == 201
    assert roles(Project.objects.get(pk=response.json()["id"])) == []


def test_the_creator_can_leave_the_team_on_the_team_page(client_for, wessex_lead, team):
    creator = ProjectMember.objects.get(project=team, user=wessex_lead)
    assert creator.role == ProjectRole.LEAD
    response = client_for(wessex_lead).post(
        reverse("projects:team", args=[team.pk]), {"remove": creator.pk}
    )
    assert response.status_code == 302
    assert ("lead.wessex", ProjectRole.LEAD) not in roles(team)
