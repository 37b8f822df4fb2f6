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
    assert page.locator("table").get_by_role("textbox").count() == 0  # "Go to" is for all
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


@pytest.fixture
def two_measures(falls):
    """Falls with harm and a proportion of patients screened: three boxes a row."""
    return falls, MeasureFactory(
        project=falls.project,
        name="Patients screened for falls risk",
        data_type="proportion",
        chart="p",
        rules="anhoej",
        improvement="increase",
    )


def test_the_grid_moves_with_the_keyboard_like_a_spreadsheet(
    page, sign_in, frontline_member, two_measures
):
    falls, screened = two_measures
    sign_in(frontline_member.username)
    page.goto(f"/measures/project/{falls.project_id}/")
    week = last_complete_period(timezone.localdate(), "weekly")
    before = week - timedelta(weeks=1)

    def box(name, period):
        return page.get_by_label(f"{name}, {period_phrase(period, 'weekly')}")

    falls_now = box("Falls with harm", week)
    falls_now.click()
    falls_now.press("ArrowDown")
    expect(box("Falls with harm", before)).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(falls_now).to_be_focused()
    page.keyboard.press("ArrowRight")  # empty: the cursor is at the end, so it moves on
    numerator = box("Patients screened for falls risk, numerator", week)
    expect(numerator).to_be_focused()
    page.keyboard.type("12")
    page.keyboard.press("ArrowLeft")  # inside what is typed: the cursor moves, not the focus
    expect(numerator).to_be_focused()
    page.keyboard.press("End")
    page.keyboard.press("ArrowRight")
    denominator = box("Patients screened for falls risk, denominator", week)
    expect(denominator).to_be_focused()
    page.keyboard.type("40")
    page.keyboard.press("Tab")  # Tab still goes to the row's Save button
    expect(page.locator(f"#save-{week}")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(denominator).to_be_focused()

    page.keyboard.press("Enter")  # saves the row, then the cursor goes down a row
    expect(page.locator(f"#period-{week}").get_by_text("Saved")).to_be_visible()
    expect(box("Patients screened for falls risk, denominator", before)).to_be_focused()
    point = DataPoint.objects.get(measure=screened, period=week)
    assert (point.numerator, point.denominator) == (12, 40)

    part = box("Patients screened for falls risk, numerator", before)
    part.fill("30.5")
    box("Patients screened for falls risk, denominator", before).fill("40")
    part.press("Enter")  # a problem: the cursor goes to it, not down
    summary = page.locator(f"#period-{before} .nhsuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("The numerator must be a whole number, not 30.5")
    assert not DataPoint.objects.filter(measure=screened, period=before).exists()
    assert axe_violations(page) == []


def test_the_grid_goes_to_a_date_and_fits_a_phone(page, sign_in, frontline_member, two_measures):
    falls, _ = two_measures
    sign_in(frontline_member.username)
    page.goto(f"/measures/project/{falls.project_id}/")
    page.get_by_label("Go to a date").fill("2017-03-15")
    page.get_by_label("Rows shown").select_option("26")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("#period-2017-03-13")).to_be_visible()
    assert page.locator("tbody[id^=period-]").count() == 26
    assert axe_violations(page) == []

    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the page scrolls sideways"
    row = page.locator("#period-2017-03-13")
    save = row.get_by_role("button", name="Save")
    save.scroll_into_view_if_needed()
    box = save.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    cell = row.get_by_label("Falls with harm, week of 13 Mar 2017", exact=True)
    cell.fill("20")
    cell.press("Enter")
    expect(row.locator(".nhsuk-tag", has_text="Saved")).to_be_visible()
    assert DataPoint.objects.get(measure=falls, period="2017-03-13").value == 20
    assert axe_violations(page) == []

    page.goto(f"/measures/project/{falls.project_id}/?go=someday")
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Enter the date to go to as a real date")
    summary.get_by_role("link").click()
    expect(page.get_by_label("Go to a date")).to_be_focused()
    assert axe_violations(page) == []
