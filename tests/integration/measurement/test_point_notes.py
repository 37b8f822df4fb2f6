"""Notes on points: the service, the measure page's "Notes on points" and the note's own page."""

import html
import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from measurement.models import PointNote
from measurement.services.data import data_points_upsert
from measurement.services.events import events_upsert
from measurement.services.notes import MAX_NOTE_LENGTH, note_add, note_delete, note_update
from projects.models import ProjectRole
from tests.factories import (
    MeasureFactory,
    PDSACycleFactory,
    ProjectFactory,
    ProjectMemberFactory,
    region,
)

MONDAY = date(2024, 1, 1)


@pytest.fixture
def project(db, frontline_member):
    project = ProjectFactory(title="Falls on Wessex wards", lead_region=region("wessex"))
    ProjectMemberFactory(project=project, user=frontline_member, role=ProjectRole.MEMBER)
    return project


@pytest.fixture
def measure(project, wessex_lead):
    measure = MeasureFactory(project=project, name="Length of stay", unit="days")
    rows = [
        {"period": (MONDAY + timedelta(weeks=i)).isoformat(), "value": v}
        for i, v in enumerate([10, 11, 9, 10, 12, 10])
    ]
    data_points_upsert(by=wessex_lead, measure=measure, rows=rows)
    return measure


def body_of(response) -> str:
    return html.unescape(response.content.decode())


def test_a_team_member_notes_a_point_with_a_pdsa_cycle(frontline_member, measure, project):
    cycle = PDSACycleFactory(project=project, change_idea__project=project)
    note = note_add(
        by=frontline_member,
        measure=measure,
        period=MONDAY + timedelta(weeks=2),
        text="  Agency staff on nights  ",
        pdsa_cycle=cycle,
    )
    assert (note.text, note.pdsa_cycle, note.created_by) == (
        "Agency staff on nights",
        cycle,
        frontline_member,
    )
    assert note.history.get().history_user == frontline_member


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"period": date(2024, 1, 2)}, "period", "there is no point on 2 January 2024"),
        ({"period": date(2023, 12, 25)}, "period", "Choose a period that has data"),
        ({"period": None}, "period", "Choose the point the note is about"),
        ({"text": "   "}, "text", "Write the note"),
        ({"text": "x" * (MAX_NOTE_LENGTH + 1)}, "text", "1,000 characters or fewer"),
    ],
)
def test_a_note_needs_a_point_with_data_and_some_text(
    frontline_member, measure, values, field, message
):
    arguments = {"period": MONDAY, "text": "New rota", **values}
    with pytest.raises(ValidationError) as raised:
        note_add(by=frontline_member, measure=measure, **arguments)
    assert list(raised.value.message_dict) == [field]
    assert message in raised.value.message_dict[field][0]
    assert not PointNote.objects.exists()


def test_a_pdsa_cycle_of_another_project_is_refused(frontline_member, measure):
    elsewhere = PDSACycleFactory()
    with pytest.raises(ValidationError) as raised:
        note_add(
            by=frontline_member, measure=measure, period=MONDAY, text="x", pdsa_cycle=elsewhere
        )
    assert raised.value.message_dict == {
        "pdsa_cycle": ["Choose a PDSA cycle of this measure's project"]
    }


def test_an_events_measure_takes_notes_on_its_event_dates(wessex_lead, project):
    events = MeasureFactory(project=project, data_type="events", chart="t", rules="anhoej")
    events_upsert(by=wessex_lead, measure=events, rows=[{"date": "2024-01-03"}])
    note = note_add(by=wessex_lead, measure=events, period=date(2024, 1, 3), text="Wrong site")
    assert note.period == date(2024, 1, 3)
    with pytest.raises(ValidationError, match="Choose a period that an event was recorded"):
        note_add(by=wessex_lead, measure=events, period=date(2024, 1, 4), text="x")


def test_only_those_who_may_edit_the_measure_may_note_it(
    oxford_lead, national_viewer, wessex_lead, measure
):
    for outsider in (oxford_lead, national_viewer):
        with pytest.raises(PermissionDenied, match="Falls on Wessex wards"):
            note_add(by=outsider, measure=measure, period=MONDAY, text="x")
    note = note_add(by=wessex_lead, measure=measure, period=MONDAY, text="Lead's note")
    with pytest.raises(PermissionDenied):
        note_update(by=oxford_lead, note=note, text="Changed")
    with pytest.raises(PermissionDenied):
        note_delete(by=oxford_lead, note=note)
    note.refresh_from_db()
    assert note.text == "Lead's note"


def test_changing_and_removing_a_note_keeps_its_history(frontline_member, wessex_lead, measure):
    note = note_add(by=frontline_member, measure=measure, period=MONDAY, text="First wording")
    note_update(by=wessex_lead, note=note, text="Second wording")
    note_id = note.pk
    note_delete(by=wessex_lead, note=note)
    versions = PointNote.history.filter(id=note_id).order_by("history_date", "history_id")
    assert [(v.history_type, v.text, v.history_user) for v in versions] == [
        ("+", "First wording", frontline_member),
        ("~", "Second wording", wessex_lead),
        ("-", "Second wording", wessex_lead),
    ]


def test_a_note_keeps_its_period_when_that_value_is_removed(frontline_member, measure):
    note = note_add(by=frontline_member, measure=measure, period=MONDAY, text="Paper records")
    measure.data_points.filter(period=MONDAY).delete()
    changed = note_update(by=frontline_member, note=note, period=MONDAY, text="From paper")
    assert (changed.period, changed.text) == (MONDAY, "From paper")


# The pages


def test_the_measure_page_lists_notes_numbered_with_a_form_to_add_one(
    client_for, frontline_member, measure
):
    note_add(by=frontline_member, measure=measure, period=MONDAY + timedelta(weeks=3), text="B")
    note_add(by=frontline_member, measure=measure, period=MONDAY, text="Agency staff")
    body = body_of(client_for(frontline_member).get(measure.get_absolute_url()))
    assert '<h2 id="notes">Notes on points</h2>' in body
    assert "Note 1, 1 January 2024:</strong> Agency staff" in body
    assert "Note 2, 22 January 2024:</strong> B" in body
    assert "Week of 5 Feb 2024" in body  # the list of points with data
    assert "Add a note to a point" in body and "Change or remove" in body
    ids = re.findall(r' id="([^"]+)"', body)
    assert len(ids) == len(set(ids)), "the note form's ids clash with another form's"


def test_a_viewer_sees_notes_but_no_form(client_for, national_viewer, frontline_member, measure):
    note_add(by=frontline_member, measure=measure, period=MONDAY, text="Agency staff")
    body = body_of(client_for(national_viewer).get(measure.get_absolute_url()))
    assert "Agency staff" in body
    assert "Add a note to a point" not in body and "Change or remove" not in body


def test_the_form_offers_the_projects_pdsa_cycles_only(client_for, frontline_member, measure):
    PDSACycleFactory(
        project=measure.project, change_idea__project=measure.project, title="Stamp in majors"
    )
    PDSACycleFactory(title="Another project's cycle")
    page = body_of(client_for(frontline_member).get(measure.get_absolute_url()))
    notes = page[page.index('<h2 id="notes">') :]
    assert "Stamp in majors (from 4 July 2016)" in notes
    assert "Another project's cycle" not in page


def test_a_member_adds_a_note_from_the_page(client_for, frontline_member, measure):
    response = client_for(frontline_member).post(
        reverse("measurement:note_create", args=[measure.pk]),
        {"note-period": "2024-01-08", "note-text": "New checklist"},
    )
    assert response.status_code == 302 and response["Location"].endswith("#notes")
    assert PointNote.objects.get().text == "New checklist"


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"note-period": "", "note-text": "x"}, "period", "Choose the point the note is about"),
        ({"note-period": "2024-01-09", "note-text": "x"}, "period", "Choose a period from"),
        ({"note-period": "2024-01-08", "note-text": ""}, "text", "Write the note"),
        ({"note-period": "2024-01-08", "note-text": "x" * 1001}, "text", "1,000 characters"),
    ],
)
def test_a_note_with_a_problem_is_shown_again_naming_the_field(
    client_for, frontline_member, measure, form, field, message
):
    response = client_for(frontline_member).post(
        reverse("measurement:note_create", args=[measure.pk]), form
    )
    body = body_of(response)
    assert response.status_code == 200
    assert message in body and f'href="#id_note-{field}"' in body
    assert "<title>Error: Add a note to a point" in body
    assert not PointNote.objects.exists()


def test_a_lead_of_another_region_cannot_add_change_or_remove_notes(
    client_for, oxford_lead, frontline_member, measure
):
    note = note_add(by=frontline_member, measure=measure, period=MONDAY, text="Agency staff")
    client = client_for(oxford_lead)
    add = client.post(
        reverse("measurement:note_create", args=[measure.pk]),
        {"note-period": "2024-01-08", "note-text": "Not mine"},
    )
    edit_url = reverse("measurement:note_update", args=[measure.pk, note.pk])
    assert add.status_code == 403 and "Falls on Wessex wards" in body_of(add)
    assert client.get(edit_url).status_code == 403
    assert (
        client.post(edit_url, {"note-period": "2024-01-01", "note-text": "Changed"}).status_code
        == 403
    )
    remove = reverse("measurement:note_delete", args=[measure.pk, note.pk])
    assert client.post(remove).status_code == 403
    note.refresh_from_db()
    assert note.text == "Agency staff" and PointNote.objects.count() == 1


def test_editing_a_note_shows_its_earlier_wording_who_and_when(
    client_for, frontline_member, wessex_lead, measure
):
    note = note_add(by=frontline_member, measure=measure, period=MONDAY, text="First wording")
    url = reverse("measurement:note_update", args=[measure.pk, note.pk])
    client = client_for(wessex_lead)
    response = client.post(url, {"note-period": "2024-01-08", "note-text": "Second wording"})
    assert response.status_code == 302
    note.refresh_from_db()
    assert (note.period, note.text) == (date(2024, 1, 8), "Second wording")
    body = body_of(client.get(url))
    assert "Change a note on Week of 8 Jan 2024" in body
    history = body[body.index("History of this note") :]
    assert history.index("Second wording") < history.index("First wording")
    assert "frontline.nurse" in history or frontline_member.get_full_name() in history
    assert "created" in history and "changed" in history


def test_a_note_of_another_measure_is_not_found(client_for, frontline_member, measure, project):
    other = MeasureFactory(project=project)
    note = note_add(by=frontline_member, measure=measure, period=MONDAY, text="Agency staff")
    url = reverse("measurement:note_update", args=[other.pk, note.pk])
    assert client_for(frontline_member).get(url).status_code == 404


def test_removing_a_note_takes_it_off_the_page(client_for, frontline_member, measure):
    note = note_add(by=frontline_member, measure=measure, period=MONDAY, text="Agency staff")
    client = client_for(frontline_member)
    response = client.post(reverse("measurement:note_delete", args=[measure.pk, note.pk]))
    assert response.status_code == 302
    assert "Agency staff" not in body_of(client.get(measure.get_absolute_url()))
    assert PointNote.history.filter(id=note.pk, history_type="-").exists()
