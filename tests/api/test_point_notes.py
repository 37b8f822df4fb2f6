"""Notes on points through the API: /api/v1/measures/{measure_id}/notes/."""

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from measurement.models import PointNote
from measurement.services.notes import note_add
from tests.factories import PDSACycleFactory

pytestmark = pytest.mark.django_db


def notes_url(measure, note=None) -> str:
    url = f"/api/v1/measures/{measure.pk}/notes/"
    return f"{url}{note.pk}/" if note else url


@pytest.fixture
def api_for():
    def client_for(user):
        client = APIClient()
        client.force_login(user)
        return client

    return client_for


def field_errors(response) -> dict:
    return {error["field"]: error["message"] for error in response.json()["errors"]}


def test_a_team_member_adds_a_note_with_a_pdsa_cycle_and_reads_it_back(
    api_for, frontline_member, world
):
    client = api_for(frontline_member)
    response = client.post(
        notes_url(world.measure),
        {"period": "2016-04-11", "text": "Agency staff on nights", "pdsa_cycle": world.cycle.pk},
    )
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["measure"] == world.measure.pk
    assert (created["period"], created["pdsa_cycle"], created["created_by"]) == (
        "2016-04-11",
        world.cycle.pk,
        "frontline.nurse",
    )
    listed = client.get(notes_url(world.measure)).json()["results"]
    assert [note["text"] for note in listed] == ["Agency staff on nights"]


def test_anyone_who_may_see_the_measure_reads_its_notes(api_for, national_viewer, world):
    note_add(
        by=world.project.members.get().user, measure=world.measure, period=_first(world), text="A"
    )
    response = api_for(national_viewer).get(notes_url(world.measure))
    assert response.status_code == 200 and response.json()["count"] == 1


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"period": "2016-04-12", "text": "x"}, "period", "Choose a period that has data"),
        ({"period": "April", "text": "x"}, "period", "Date has wrong format"),
        ({"text": "x"}, "period", "required"),
        ({"period": "2016-04-11", "text": ""}, "text", "Write the note"),
        ({"period": "2016-04-11"}, "text", "Write the note"),
        ({"period": "2016-04-11", "text": "x" * 1001}, "text", "1,000 characters or fewer"),
        ({"period": "2016-04-11", "text": "x", "pdsa_cycle": 999999}, "pdsa_cycle", "no PDSA"),
    ],
)
def test_a_bad_note_is_a_400_naming_the_field(
    api_for, frontline_member, world, body, field, message
):
    response = api_for(frontline_member).post(notes_url(world.measure), body)
    assert response.status_code == 400
    errors = field_errors(response)
    assert list(errors) == [field] and message in errors[field]
    assert not PointNote.objects.exists()


def test_a_pdsa_cycle_of_another_project_is_refused(api_for, frontline_member, world):
    elsewhere = PDSACycleFactory()
    response = api_for(frontline_member).post(
        notes_url(world.measure), {"period": "2016-04-11", "text": "x", "pdsa_cycle": elsewhere.pk}
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "field": "pdsa_cycle",
            "code": "other_project",
            "message": "Choose a PDSA cycle of this measure's project",
        }
    ]


def test_a_lead_of_another_region_may_read_but_not_write(
    api_for, oxford_lead, frontline_member, world
):
    note = note_add(by=frontline_member, measure=world.measure, period=_first(world), text="Mine")
    client = api_for(oxford_lead)
    assert client.get(notes_url(world.measure)).status_code == 200
    refused = client.post(notes_url(world.measure), {"period": "2016-04-11", "text": "x"})
    assert refused.status_code == 403 and "Wessex falls" in refused.json()["detail"]
    assert client.patch(notes_url(world.measure, note), {"text": "Theirs"}).status_code == 403
    assert client.delete(notes_url(world.measure, note)).status_code == 403
    note.refresh_from_db()
    assert note.text == "Mine" and PointNote.objects.count() == 1


def test_signed_out_callers_get_401(world):
    assert APIClient().get(notes_url(world.measure)).status_code == 401


def test_an_unknown_measure_or_note_is_a_404(api_for, frontline_member, world):
    client = api_for(frontline_member)
    missing = client.get("/api/v1/measures/999999/notes/")
    assert (
        missing.status_code == 404 and "no measure with the id 999999" in missing.json()["detail"]
    )
    note = note_add(by=frontline_member, measure=world.measure, period=_first(world), text="A")
    other = f"/api/v1/measures/{world.events_measure.pk}/notes/{note.pk}/"
    assert client.patch(other, {"text": "B"}).status_code == 404


def test_changing_and_removing_a_note_keeps_its_history(api_for, frontline_member, world):
    note = note_add(by=frontline_member, measure=world.measure, period=_first(world), text="A")
    client = api_for(frontline_member)
    changed = client.patch(notes_url(world.measure, note), {"text": "B", "period": "2016-04-18"})
    assert changed.status_code == 200 and changed.json()["text"] == "B"
    assert changed.json()["period"] == "2016-04-18"
    bad = client.patch(notes_url(world.measure, note), {"period": "2016-05-30"})
    assert bad.status_code == 400 and list(field_errors(bad)) == ["period"]
    assert client.delete(notes_url(world.measure, note)).status_code == 204
    assert [v.text for v in PointNote.history.filter(id=note.pk).order_by("history_id")] == [
        "A",
        "B",
        "B",
    ]


def test_the_notes_endpoints_are_in_the_schema():
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    assert set(paths["/api/v1/measures/{measure_id}/notes/"]) >= {"get", "post"}
    assert set(paths["/api/v1/measures/{measure_id}/notes/{note_id}/"]) >= {
        "get",
        "patch",
        "delete",
    }


def _first(world):
    return world.measure.data_points.order_by("period").first().period
