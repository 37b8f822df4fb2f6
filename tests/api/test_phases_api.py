"""Phases through the API agree with the page: the same checks, the same causes."""

from measurement.models import Rebase
from tests.api.conftest import token_client, token_for
from tests.factories import PDSACycleFactory, ProjectFactory


def _post(api, world, **body):
    return api.post(f"/api/v1/measures/{world.measure.pk}/phases/", body, format="json")


def _fields(response) -> dict:
    return {error["field"]: error["message"] for error in response.json()["errors"]}


def test_a_partner_starts_a_phase_linked_to_the_projects_cycle_and_idea(partner_api, world):
    response = _post(
        partner_api,
        world,
        start="2016-04-11",
        reason="New falls bundle",
        pdsa_cycle=world.cycle.pk,
        change_idea=world.change_idea.pk,
    )
    assert response.status_code == 201
    assert response.json() == {
        "phase_start": "2016-04-11",
        "reason": "New falls bundle",
        "pdsa_cycle": world.cycle.pk,
        "change_idea": world.change_idea.pk,
    }
    rebase = Rebase.objects.get()
    assert (rebase.pdsa_cycle, rebase.change_idea) == (world.cycle, world.change_idea)


def test_a_cycle_of_another_project_or_a_period_without_data_is_refused_at_its_field(
    partner_api, world
):
    elsewhere = PDSACycleFactory(change_idea__project=ProjectFactory())
    response = _post(partner_api, world, start="2016-04-11", reason="x", pdsa_cycle=elsewhere.pk)
    assert response.status_code == 400
    assert _fields(response) == {"pdsa_cycle": "Choose a PDSA cycle of this measure's project"}
    response = _post(partner_api, world, start="2016-05-02", reason="x")
    assert response.status_code == 400
    assert "there is no value for 2 May 2016" in _fields(response)["start"]
    assert not Rebase.objects.exists()


def test_someone_who_may_see_but_not_edit_is_refused_before_any_id_is_looked_up(
    world, national_viewer
):
    viewer = token_client(token_for(national_viewer))
    response = _post(viewer, world, start="2016-04-11", reason="x", pdsa_cycle=999999)
    assert response.status_code == 403
    assert "Wessex falls" in response.json()["detail"]
    assert not Rebase.objects.exists()


def test_a_partner_removes_a_phase_by_its_start_and_its_reason_is_kept(partner_api, partner, world):
    _post(partner_api, world, start="2016-04-11", reason="New falls bundle")
    url = f"/api/v1/measures/{world.measure.pk}/phases/"
    assert partner_api.delete(f"{url}2016-04-18/").status_code == 404  # no phase starts then
    assert partner_api.delete(f"{url}2016-02-30/").status_code == 404  # no such day
    response = partner_api.delete(f"{url}2016-04-11/")
    assert response.status_code == 204
    assert not Rebase.objects.exists()
    removed = Rebase.history.get(history_type="-")
    assert (removed.reason, removed.history_user) == ("New falls bundle", partner)
    analysis = partner_api.get(f"/api/v1/measures/{world.measure.pk}/analysis/").json()
    assert {point["phase"] for point in analysis["points"]} == {1}


def test_a_viewer_cannot_remove_a_phase(partner_api, world, national_viewer):
    _post(partner_api, world, start="2016-04-11", reason="New falls bundle")
    viewer = token_client(token_for(national_viewer))
    response = viewer.delete(f"/api/v1/measures/{world.measure.pk}/phases/2016-04-11/")
    assert response.status_code == 403
    assert Rebase.objects.exists()
