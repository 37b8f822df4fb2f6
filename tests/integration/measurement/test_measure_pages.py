import html
from datetime import date, timedelta

import pytest
from django.urls import reverse

from measurement.models import Measure, Notification, Rebase
from measurement.services.data import data_points_upsert
from tests.factories import MeasureFactory, ProjectFactory, region

MONDAY = date(2024, 1, 1)


@pytest.fixture
def project(db):
    return ProjectFactory(title="Falls on Wessex wards", lead_region=region("wessex"))


@pytest.fixture
def measure(project, wessex_lead):
    measure = MeasureFactory(project=project, name="Length of stay", unit="days")
    rows = [
        {"period": (MONDAY + timedelta(weeks=i)).isoformat(), "value": v}
        for i, v in enumerate([10, 11, 9, 10, 12, 10, 11, 9, 10, 11, 10, 12])
    ]
    data_points_upsert(by=wessex_lead, measure=measure, rows=rows)
    measure.refresh_from_db()
    return measure


def measure_form(**overrides):
    return {
        "name": "Falls with harm",
        "kind": "outcome",
        "data_type": "count",
        "improvement": "decrease",
        "frequency": "weekly",
        "multiplier": "1",
        "screen_moving_ranges": "on",
        **overrides,
    }


def test_a_lead_adds_a_measure_and_the_chart_defaults_from_the_data_type(
    client_for, wessex_lead, project
):
    response = client_for(wessex_lead).post(
        reverse("measurement:measure_create", args=[project.pk]), measure_form()
    )
    measure = Measure.objects.get(name="Falls with harm")
    assert response["Location"] == measure.get_absolute_url()
    # Making Data Count's convention: an XmR chart for counts, with its rules.
    assert (measure.chart, measure.rules, measure.created_by) == ("xmr", "mdc", wessex_lead)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"data_type": "continuous", "chart": "p"},
            "chart",
            "A p chart cannot plot continuous data",
        ),
        (
            {"data_type": "events", "chart": "t", "rules": "mdc"},
            "rules",
            "Making Data Count rules cannot be used with a t chart: choose Anhøj rules",
        ),
        ({"baseline_points": "1"}, "baseline_points", "A baseline needs at least 2 points"),
        ({"multiplier": "0"}, "multiplier", "The display multiplier must be above zero"),
        ({"name": ""}, "name", "Enter the measure&#39;s name"),
    ],
)
def test_settings_that_make_no_sense_are_refused_at_the_field(
    client_for, wessex_lead, project, overrides, field, message
):
    response = client_for(wessex_lead).post(
        reverse("measurement:measure_create", args=[project.pk]), measure_form(**overrides)
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body and f'href="#id_{field}"' in body
    assert not Measure.objects.exists()


def test_the_measure_page_reads_the_chart_in_words_and_numbers(
    client_for, national_viewer, measure
):
    body = html.unescape(
        client_for(national_viewer).get(measure.get_absolute_url()).content.decode()
    )
    assert "Common cause variation" in body
    assert "1 Jan 2024" in body  # the data table
    # The address names the data version (and the notes and cycles drawn), so it changes with them.
    assert f'src="/measures/{measure.pk}/chart.svg?v={measure.data_version}-' in body
    assert "Start a new phase" not in body  # a viewer cannot rebase


@pytest.mark.parametrize(("image_format", "start"), [("svg", b"<?xml"), ("png", b"\x89PNG")])
def test_charts_are_served_as_svg_and_png(
    client_for, frontline_member, measure, image_format, start
):
    response = client_for(frontline_member).get(
        reverse("measurement:measure_chart", args=[measure.pk, image_format])
    )
    assert response.status_code == 200
    assert (
        response.content.lstrip().startswith(start)
        or start == b"<?xml"
        and b"<svg" in (response.content[:500])
    )


def test_an_unknown_chart_format_is_not_found(client_for, frontline_member, measure):
    url = reverse("measurement:measure_chart", args=[measure.pk, "gif"])
    assert client_for(frontline_member).get(url).status_code == 404


def test_a_rebase_needs_a_reason_and_a_later_period(client_for, wessex_lead, measure):
    client = client_for(wessex_lead)
    url = reverse("measurement:rebase_create", args=[measure.pk])
    body = html.unescape(
        client.post(url, {"start": "2023-12-25", "reason": "New checklist"}).content.decode()
    )
    assert "A new phase must start after the chart's first point" in body
    body = html.unescape(client.post(url, {"start": "2024-02-05", "reason": ""}).content.decode())
    assert "a new phase needs a reason" in body
    body = html.unescape(client.post(url, {"start": "2024-02-06", "reason": "x"}).content.decode())
    assert "Weekly periods start on a Monday" in body
    assert not Rebase.objects.exists()
    response = client.post(url, {"start": "2024-02-05", "reason": "New checklist"})
    assert response.status_code == 302
    assert Rebase.objects.get().history.first().history_user == wessex_lead


def test_another_regions_lead_cannot_change_a_measure(client_for, oxford_lead, measure):
    client = client_for(oxford_lead)
    assert client.get(reverse("measurement:measure_update", args=[measure.pk])).status_code == 403
    response = client.post(
        reverse("measurement:rebase_create", args=[measure.pk]),
        {"start": "2024-02-05", "reason": "x"},
    )
    assert response.status_code == 403
    assert not Rebase.objects.exists()


def test_notifications_list_and_mark_read(client_for, frontline_member, measure):
    Notification.objects.create(
        user=frontline_member,
        measure=measure,
        message="Length of stay: Special cause concern: a shift.",
    )
    client = client_for(frontline_member)
    url = reverse("measurement:notifications")
    assert "Special cause concern: a shift" in html.unescape(client.get(url).content.decode())
    client.post(url)
    assert not Notification.objects.filter(read_at__isnull=True).exists()
