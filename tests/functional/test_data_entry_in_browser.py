from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from measurement.models import DataPoint
from measurement.periods import last_complete_period
from measurement.presenters.entry import period_phrase
from measurement.services.refresh import refresh_measure
from tests.factories import MeasureFactory, ProjectFactory, ProjectMemberFactory, UserFactory
from tests.functional.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIFTEEN_WEEKS = [21, 19, 20, 22, 18, 20, 21, 19, 20, 23, 20, 19, 21, 20, 22]


@pytest.fixture
def falls(frontline_member):
    """A project of the nurse's with 15 weeks of falls, up to the week before last."""
    project = ProjectFactory(title="Falls on Wessex wards")
    ProjectMemberFactory(project=project, user=frontline_member)
    measure = MeasureFactory(
        project=project,
        name="Falls with harm",
        data_type="count",
        chart="xmr",
        rules="mdc",
        improvement="decrease",
    )
    newest = last_complete_period(timezone.localdate(), "weekly") - timedelta(weeks=1)
    DataPoint.objects.bulk_create(
        [
            DataPoint(measure=measure, period=newest - timedelta(weeks=14 - i), value=value)
            for i, value in enumerate(FIFTEEN_WEEKS)
        ]
    )
    refresh_measure(measure.pk)
    return measure


def test_a_team_member_enters_a_week_and_the_chart_changes_without_a_reload(
    page, sign_in, frontline_member, falls
):
    sign_in(frontline_member.username)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Measures").click()
    expect(page.get_by_role("heading", name="Your measures")).to_be_visible()
    expect(page.get_by_text("1 week to enter")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Enter in the grid").click()
    expect(page.get_by_role("heading", name="Enter weekly data")).to_be_visible()
    assert axe_violations(page) == []
    chart = page.locator(f"#chart-{falls.pk} img")
    summary = page.locator(f"#chart-summary-{falls.pk}")
    src_before, summary_before = chart.get_attribute("src"), summary.inner_text()
    page.evaluate("window.__marker = 'the same page'")

    week = last_complete_period(timezone.localdate(), "weekly")
    cell = page.get_by_label(f"Falls with harm, {period_phrase(week, 'weekly')}")
    cell.fill("9")
    cell.press("Enter")

    row = page.locator(f"#period-{week}")
    expect(row.get_by_text("Saved")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("1 added")
    expect(chart).not_to_have_attribute("src", src_before)
    expect(summary).not_to_have_text(summary_before)
    assert page.evaluate("window.__marker") == "the same page"
    assert "?v=" in chart.get_attribute("src")
    expect(row.get_by_label(f"Falls with harm, {period_phrase(week, 'weekly')}")).to_have_value("9")
    assert DataPoint.objects.filter(measure=falls, period=week).get().value == 9
    assert axe_violations(page) == []


def test_a_bad_value_is_named_and_focused_and_nothing_is_saved(
    page, sign_in, frontline_member, falls
):
    sign_in(frontline_member.username)
    page.goto(f"/measures/project/{falls.project_id}/")
    week = last_complete_period(timezone.localdate(), "weekly")
    cell = page.get_by_label(f"Falls with harm, {period_phrase(week, 'weekly')}")
    cell.fill("-3")
    cell.press("Enter")
    summary = page.locator(f"#period-{week} .nhsuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Falls with harm: The value cannot be negative")
    summary.get_by_role("link").click()
    expect(page.get_by_label(f"Falls with harm, {period_phrase(week, 'weekly')}")).to_be_focused()
    assert DataPoint.objects.filter(measure=falls).count() == 15
    assert axe_violations(page) == []


@pytest.mark.slow
def test_a_member_of_another_project_sees_the_grid_without_inputs(page, sign_in, falls):
    other = UserFactory(username="frontline.other")
    ProjectMemberFactory(project=ProjectFactory(title="Another project"), user=other)
    sign_in(other.username)
    page.goto(f"/measures/project/{falls.project_id}/")
    expect(page.get_by_text("Only its team")).to_be_visible()
    assert page.get_by_role("textbox").count() == 0
    assert page.get_by_role("button", name="Save").count() == 0


@pytest.mark.slow
def test_the_upload_and_events_pages_are_accessible(page, sign_in, frontline_member, falls):
    swabs = MeasureFactory(
        project=falls.project, name="Retained swabs", data_type="events", chart="g", rules="anhoej"
    )
    sign_in(frontline_member.username)
    page.goto(f"/measures/{falls.pk}/upload/")
    page.get_by_role("button", name="Upload and save").click()
    expect(page.get_by_role("alert")).to_contain_text("Choose a CSV file to upload")
    assert axe_violations(page) == []

    page.goto(f"/measures/{swabs.pk}/events/")
    page.get_by_label("Date of the event").fill(str(timezone.localdate() - timedelta(days=6)))
    page.get_by_label("Opportunities since the previous event").fill("120")
    page.get_by_role("button", name="Record the event").click()
    expect(page.get_by_role("heading", name="6 days since the last event")).to_be_visible()
    assert axe_violations(page) == []
