"""Enter row after row in the data-entry grid, as fast as a typist or a test can press it: every
value typed is saved and shown, even while the saves before it are still on their way (a race
in the grid's keyboard script lost one now and then on a busy machine)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from measurement.models import DataPoint
from measurement.periods import last_complete_period
from measurement.presenters.entry import period_phrase
from tests.factories import MeasureFactory, ProjectFactory, ProjectMemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FALLS = [20, 21, 19, 22, 20, 18, 21, 23, 19, 20]  # one a week, newest first
SCREENED = [21, 19, 22, 20, 18, 23, 21, 20, 22, 19]  # out of 40, oldest first
SETTLED = 30_000  # ms: every save answered, on a machine as busy as CI's at its worst


@pytest.fixture
def project(frontline_member):
    project = ProjectFactory(title="Falls on Wessex wards")
    ProjectMemberFactory(project=project, user=frontline_member)
    return project


def weeks(count: int) -> list:
    """The newest `count` weeks of the grid, top row first."""
    newest = last_complete_period(timezone.localdate(), "weekly")
    return [newest - timedelta(weeks=i) for i in range(count)]


def count_saves(page) -> None:
    """From now on the page counts htmx's requests: window.saves = {sent: how many, now: on
    their way, most: the most ever on their way together}."""
    page.evaluate(
        """() => {
          const saves = (window.saves = {sent: 0, now: 0, most: 0});
          document.addEventListener("htmx:beforeRequest", () => {
            saves.sent += 1;
            saves.now += 1;
            saves.most = Math.max(saves.most, saves.now);
          });
          document.addEventListener("htmx:afterRequest", () => { saves.now -= 1; });
        }"""
    )


def wait_for_every_save(page, rows: list) -> None:
    for week in rows:
        expect(page.locator(f"#saved-{week}")).to_be_visible(timeout=SETTLED)
    expect(page.locator(".htmx-request")).to_have_count(0, timeout=SETTLED)


def expect_the_newest_chart(page, measure) -> None:
    """The chart beside the grid is the one drawn after the last save: answers came in order."""
    measure.refresh_from_db()
    expect(page.locator(f"#chart-{measure.pk} img")).to_have_attribute(
        "src", re.compile(rf"\?v={measure.data_version}$")
    )


def test_typing_a_value_and_enter_row_after_row_saves_and_shows_every_row(
    page, sign_in, frontline_member, project
):
    falls = MeasureFactory(project=project, name="Falls with harm", data_type="count")
    sign_in(frontline_member.username)
    page.goto(f"/measures/project/{project.pk}/")
    rows = weeks(len(FALLS) + 1)
    count_saves(page)

    def box(week):
        return page.get_by_label(f"Falls with harm, {period_phrase(week, 'weekly')}")

    box(rows[0]).click()
    for value in FALLS:  # the keyboard only, no waiting: each Enter moves the cursor down
        page.keyboard.type(str(value))
        page.keyboard.press("Enter")
    expect(box(rows[len(FALLS)])).to_be_focused()

    wait_for_every_save(page, rows[: len(FALLS)])
    for week, value in zip(rows, FALLS, strict=False):
        expect(box(week)).to_have_value(str(value))
    saved = dict(DataPoint.objects.filter(measure=falls).values_list("period", "value"))
    assert saved == dict(zip(rows, FALLS, strict=False))
    expect(box(rows[len(FALLS)])).to_have_value("")
    expect(box(rows[len(FALLS)])).to_be_focused()  # no save that settled late moved it
    # Each row posted once, one at a time.
    assert page.evaluate("window.saves") == {"sent": len(FALLS), "now": 0, "most": 1}
    expect_the_newest_chart(page, falls)


def test_boxes_filled_and_entered_up_the_grid_without_waiting_are_all_saved(
    page, sign_in, frontline_member, project
):
    """As the frontline journey entered weeks before it clicked each Save: oldest first, so up
    the grid, each row's boxes filled and Enter pressed in the last one."""
    name = "Patients screened for sepsis within an hour"
    screened = MeasureFactory(
        project=project, name=name, data_type="proportion", chart="p", rules="anhoej"
    )
    sign_in(frontline_member.username)
    page.goto(f"/measures/project/{project.pk}/")
    rows = list(reversed(weeks(len(SCREENED))))
    count_saves(page)

    for week, value in zip(rows, SCREENED, strict=True):
        when = period_phrase(week, "weekly")
        row = page.locator(f"#period-{week}")
        row.get_by_label(f"{name}, numerator, {when}").fill(str(value))
        denominator = row.get_by_label(f"{name}, denominator, {when}")
        denominator.fill("40")
        denominator.press("Enter")

    wait_for_every_save(page, rows)
    for week, value in zip(rows, SCREENED, strict=True):
        when = period_phrase(week, "weekly")
        expect(page.get_by_label(f"{name}, numerator, {when}")).to_have_value(str(value))
        expect(page.get_by_label(f"{name}, denominator, {when}")).to_have_value("40")
    saved = {
        point.period: (point.numerator, point.denominator)
        for point in DataPoint.objects.filter(measure=screened)
    }
    assert saved == {week: (value, 40) for week, value in zip(rows, SCREENED, strict=True)}
    assert page.evaluate("window.saves") == {"sent": len(SCREENED), "now": 0, "most": 1}
    expect_the_newest_chart(page, screened)
