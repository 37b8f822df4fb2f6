"""Each resource's shape and its writes through the services, as a partner platform uses them."""

import pytest

from projects.models import ChangeIdea, PrimaryDriver
from regions.models import Organisation, TrainingRecord
from tests.factories import OrganisationFactory, region

pytestmark = pytest.mark.django_db


def test_a_project_with_regions_organisations_settings_aim_and_team(
    partner_api, world, frontline_member
):
    other = OrganisationFactory(region=region("oxford"), ods_code="RTH")
    response = partner_api.post(
        "/api/v1/projects/",
        {
            "title": "Deterioration in care homes",
            "lead_region": "wessex",
            "participating_regions": ["oxford", "south-west"],
            "organisations": ["rhm", other.pk],
            "care_settings": ["care-home"],
            "topic": "deterioration",
            "start_date": "2016-09-01",
            "status": "active",
            "progress_score": 2.5,
            "aim": {
                "what": "Recognition of deterioration",
                "for_whom": "care home residents",
                "how_much": "50%",
                "by_when": "2018-03-31",
            },
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["participating_regions"] == ["oxford", "south-west"]
    assert sorted(body["organisations"]) == sorted([world.organisation.pk, other.pk])
    assert body["care_settings"] == ["care-home"] and body["progress_score"] == 2.5
    assert body["aim"] == {
        "what": "Recognition of deterioration",
        "for_whom": "care home residents",
        "how_much": "50%",
        "by_when": "2018-03-31",
        "text": "",
    }
    assert body["team"] == []

    team = partner_api.post(
        f"/api/v1/projects/{body['id']}/team/", {"user": frontline_member.username, "role": "lead"}
    )
    assert team.status_code == 201 and team.json()["role"] == "lead"
    shown = partner_api.get(f"/api/v1/projects/{body['id']}/").json()["team"]
    assert [member["user"] for member in shown] == [frontline_member.username]
    gone = partner_api.delete(f"/api/v1/projects/{body['id']}/team/{frontline_member.username}/")
    assert gone.status_code == 204
    assert partner_api.get(f"/api/v1/projects/{body['id']}/").json()["team"] == []


def test_a_project_needs_only_a_title_and_lead_region(partner_api):
    body = partner_api.post(
        "/api/v1/projects/", {"title": "Just started", "lead_region": "wessex"}
    ).json()
    assert (body["topic"], body["status"]) == ("other", "planned")
    assert body["start_date"] and body["status_since"] == body["start_date"]


def test_driver_diagram_nodes(partner_api, world):
    primary = partner_api.post(
        "/api/v1/primary-drivers/", {"project": world.project.pk, "text": "Leadership"}
    ).json()
    secondary = partner_api.post(
        "/api/v1/secondary-drivers/", {"primary_driver": primary["id"], "text": "Board walk-rounds"}
    ).json()
    assert secondary["project"] == world.project.pk
    idea = partner_api.post(
        "/api/v1/change-ideas/",
        {
            "project": world.project.pk,
            "text": "Monthly walk-round",
            "secondary_drivers": [secondary["id"]],
        },
    ).json()
    assert idea["secondary_drivers"] == [secondary["id"]]
    moved = partner_api.post(
        f"/api/v1/primary-drivers/{primary['id']}/move/", {"direction": "up"}
    ).json()
    assert moved["position"] == 0
    relinked = partner_api.patch(
        f"/api/v1/change-ideas/{idea['id']}/",
        {"secondary_drivers": [], "text": "Weekly walk-round"},
    ).json()
    assert relinked["secondary_drivers"] == [] and relinked["text"] == "Weekly walk-round"
    reparented = partner_api.patch(
        f"/api/v1/secondary-drivers/{secondary['id']}/", {"primary_driver": world.primary_driver.pk}
    ).json()
    assert reparented["primary_driver"] == world.primary_driver.pk
    assert partner_api.delete(f"/api/v1/primary-drivers/{primary['id']}/").status_code == 204
    assert not PrimaryDriver.objects.filter(pk=primary["id"]).exists()
    assert ChangeIdea.objects.filter(pk=idea["id"]).exists()


def test_a_node_of_another_project_is_refused(partner_api, world):
    from tests.factories import ProjectFactory

    other = ProjectFactory(lead_region=region("wessex"))
    response = partner_api.post(
        "/api/v1/change-ideas/",
        {"project": other.pk, "text": "Borrowed", "secondary_drivers": [world.secondary_driver.pk]},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "secondary_drivers"


def test_pdsa_cycles(partner_api, world, frontline_member):
    created = partner_api.post(
        "/api/v1/pdsa-cycles/",
        {
            "project": world.project.pk,
            "change_idea": world.change_idea.pk,
            "follows": world.cycle.pk,
            "title": "Cycle 2",
            "objective": "Two wards",
            "start_date": "2016-08-01",
            "owner": frontline_member.username,
        },
    )
    assert created.status_code == 201, created.json()
    done = partner_api.patch(
        f"/api/v1/pdsa-cycles/{created.json()['id']}/",
        {"status": "complete", "decision": "adopt", "end_date": "2016-08-15"},
    )
    assert done.status_code == 200 and done.json()["decision"] == "adopt"
    undecided = partner_api.patch(f"/api/v1/pdsa-cycles/{world.cycle.pk}/", {"status": "complete"})
    assert undecided.status_code == 400
    assert undecided.json()["errors"][0]["field"] == "decision"


def test_organisations_and_activity_records(partner_api, world):
    created = partner_api.post(
        "/api/v1/organisations/",
        {"name": "Poole Hospital", "type": "acute_trust", "region": "wessex", "ods_code": " rd3 "},
    ).json()
    assert created["ods_code"] == "RD3"
    clash = partner_api.post(
        "/api/v1/organisations/",
        {"name": "Again", "type": "acute_trust", "region": "wessex", "ods_code": "RD3"},
    )
    assert clash.json()["errors"][0]["code"] == "duplicate_ods_code"
    assert Organisation.objects.filter(ods_code="RD3").count() == 1

    training = partner_api.post(
        "/api/v1/activity/training/",
        {
            "region": "wessex",
            "date": "2016-06-01",
            "course": "QI silver",
            "training_type": "qi_capability",
            "qi_level": "silver",
            "people_trained": 10,
            "patients_trained": 1,
            "organisation": "RD3",
        },
    ).json()
    assert training["organisation"] == created["id"] and training["region"] == "wessex"
    too_many = partner_api.patch(
        f"/api/v1/activity/training/{training['id']}/", {"patients_trained": 11}
    )
    assert too_many.status_code == 400
    assert "cannot be more than" in too_many.json()["errors"][0]["message"]
    moved = partner_api.patch(f"/api/v1/activity/training/{training['id']}/", {"region": "oxford"})
    assert moved.json()["errors"][0]["code"] == "region_fixed"
    assert partner_api.delete(f"/api/v1/activity/training/{training['id']}/").status_code == 204
    assert not TrainingRecord.objects.filter(pk=training["id"]).exists()


def test_activity_in_another_region_is_refused(partner_api):
    response = partner_api.post(
        "/api/v1/activity/champions/",
        {"region": "oxford", "date": "2016-06-01", "kind": "q_fellow", "count": 1},
    )
    assert response.status_code == 403
    assert "Oxford" in response.json()["detail"]


def test_measures_events_and_phases(partner_api, world):
    changed = partner_api.patch(f"/api/v1/measures/{world.measure.pk}/", {"target": 12})
    assert changed.status_code == 200 and changed.json()["target"] == 12
    retyped = partner_api.patch(
        f"/api/v1/measures/{world.measure.pk}/",
        {"data_type": "proportion", "chart": "p", "rules": "anhoej"},
    )
    assert retyped.status_code == 400 and retyped.json()["errors"][0]["code"] == "has_data"
    events = partner_api.generic(
        "POST",
        f"/api/v1/measures/{world.events_measure.pk}/events/",
        "date\n2016-05-01\n2016-06-11\n2016-09-30\n",
        content_type="text/csv",
    )
    assert events.json() == {"created": 3, "updated": 0, "unchanged": 0, "rejected": []}
    phase = partner_api.post(
        f"/api/v1/measures/{world.measure.pk}/phases/",
        {"start": "2016-04-11", "reason": "New falls bundle"},
    )
    assert phase.status_code == 201
    analysis = partner_api.get(f"/api/v1/measures/{world.measure.pk}/analysis/").json()
    assert [p["phase"] for p in analysis["points"]] == [1, 2, 2]
    chart = partner_api.get(f"/api/v1/measures/{world.measure.pk}/chart.svg/")
    assert chart.status_code == 200 and chart["Content-Type"] == "image/svg+xml"
    missing = partner_api.get("/api/v1/measures/999999/chart.png/", HTTP_ACCEPT="image/png")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"


def test_unknown_project_for_a_measure_is_a_field_error(partner_api):
    response = partner_api.post(
        "/api/v1/measures/",
        {"project": 999999, "name": "x", "kind": "outcome", "data_type": "count"},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "project"
