"""The API keeps the pages' rules: a project's organisations come from its regions, a field
that cannot change is refused rather than ignored, and a write by someone who may not write is
refused whatever its body (an empty one included)."""

import pytest
from django.urls import reverse

from measurement.models import Measure
from projects.models import Project
from tests.api.conftest import token_client, token_for
from tests.factories import OrganisationFactory, ProjectFactory, UserFactory, region


def field_error(response, field: str) -> dict:
    assert response.status_code == 400, response.content
    [error] = [e for e in response.json()["errors"] if e["field"] == field]
    return error


def test_an_organisation_from_a_region_the_project_is_not_in_is_refused(partner_api, world):
    oxford_trust = OrganisationFactory(region=region("oxford"), ods_code="RTH", name="OUH")
    url = f"/api/v1/projects/{world.project.pk}/"
    response = partner_api.patch(url, {"organisations": ["RTH"]}, format="json")
    error = field_error(response, "organisations")
    assert error["code"] == "outside_project_regions" and "OUH (Oxford)" in error["message"]
    assert list(world.project.organisations.all()) == []

    created = partner_api.post(
        "/api/v1/projects/",
        {"title": "Sepsis", "lead_region": "wessex", "organisations": ["RTH"]},
        format="json",
    )
    assert field_error(created, "organisations")["code"] == "outside_project_regions"
    assert not Project.objects.filter(title="Sepsis").exists()

    # Once the project runs in Oxford too, the Oxford trust may join it.
    world.project.participating_regions.add(region("oxford"))
    assert partner_api.patch(url, {"organisations": ["RTH"]}, format="json").status_code == 200
    assert list(world.project.organisations.all()) == [oxford_trust]


def test_the_project_form_refuses_the_same(client_for, db):
    """A lead of Wessex and Oxford is offered both regions' organisations; a Wessex project may
    take an Oxford one only with Oxford participating."""
    lead = UserFactory(username="lead.two", led_regions=["wessex", "oxford"])
    oxford_trust = OrganisationFactory(region=region("oxford"), name="OUH")
    form = {
        "title": "Sepsis six",
        "lead_region": region("wessex").pk,
        "topic": "sepsis",
        "status": "active",
        "start_date": "2016-06-01",
        "organisations": [oxford_trust.pk],
    }
    client = client_for(lead)
    response = client.post(reverse("projects:create"), form)
    assert response.status_code == 200
    assert "Untick the organisations not in the lead or a participating region: OUH" in (
        response.content.decode()
    )
    assert not Project.objects.filter(title="Sepsis six").exists()

    form["participating_regions"] = [region("oxford").pk]
    assert client.post(reverse("projects:create"), form).status_code == 302
    assert list(Project.objects.get(title="Sepsis six").organisations.all()) == [oxford_trust]


def test_a_measure_cannot_move_to_another_project(partner_api, world):
    other = ProjectFactory(lead_region=region("wessex"))
    url = f"/api/v1/measures/{world.measure.pk}/"
    error = field_error(partner_api.patch(url, {"project": other.pk}, format="json"), "project")
    assert error["code"] == "project_fixed"
    assert Measure.objects.get(pk=world.measure.pk).project == world.project
    # Sending back the project it is in, as a client that read the measure would, is fine.
    same = partner_api.patch(url, {"project": world.project.pk, "name": "Falls"}, format="json")
    assert same.status_code == 200 and same.json()["name"] == "Falls"


@pytest.mark.parametrize("body", [{}, {"title": "Taken over"}])
def test_a_write_by_someone_who_may_not_write_is_refused_whatever_its_body(world, body):
    outsider = token_client(token_for(UserFactory(username="outsider", is_api_client=True)))
    for url in (f"/api/v1/projects/{world.project.pk}/", f"/api/v1/measures/{world.measure.pk}/"):
        response = outsider.patch(url, body, format="json")
        assert response.status_code == 403, (url, response.content)
        assert response.json()["code"] == "permission_denied"
    assert Project.objects.get(pk=world.project.pk).title == "Wessex falls"


@pytest.mark.parametrize("chosen", ["abc", "99999", "-1"])
def test_removing_someone_not_on_the_team_says_so_rather_than_failing(
    client_for, national_admin, world, chosen
):
    response = client_for(national_admin).post(
        reverse("projects:team", args=[world.project.pk]), {"remove": chosen}, follow=True
    )
    assert response.status_code == 200
    assert "That person is not on the team (any more)." in response.content.decode()
    assert world.project.members.count() == 1
