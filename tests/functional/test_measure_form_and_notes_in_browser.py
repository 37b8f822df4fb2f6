"""In Chromium with axe at 1280 and 390 px: a lead adds a proportion measure (Making Data Count
by default, the direction chosen), reads "How to read" from the form, and a nurse notes a point
and changes the note, its history kept."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from measurement.models import Measure, PointNote
from measurement.services.data import data_points_upsert
from projects.models import ProjectRole
from tests.factories import (
    MeasureFactory,
    ProjectFactory,
    ProjectMemberFactory,
    UserFactory,
    region,
)
from tests.functional.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 390)


def fits(page, width: int) -> None:
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "scrolls sideways"


def test_a_lead_adds_a_proportion_measure_that_reads_making_data_count(page, sign_in, wessex_lead):
    project = ProjectFactory(title="Sepsis screening", lead_region=region("wessex"))
    sign_in("lead.wessex")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"/measures/new/{project.pk}/")
        expect(page.get_by_role("heading", name="Add a measure", level=1)).to_be_visible()
        chart = page.get_by_role("group", name="Chart")
        expect(
            chart.get_by_label("Choose for me (the NHS Making Data Count convention)")
        ).to_be_checked()
        fits(page, width)
        page.get_by_role("link", name="How to read these charts").click()
        expect(
            page.get_by_role("heading", name="How to read a run chart or SPC chart")
        ).to_be_visible()
        fits(page, width)

    page.goto(f"/measures/new/{project.pk}/")
    page.get_by_label("Name").fill("Patients screened for sepsis")
    page.get_by_label("Kind").select_option(label="Process")
    page.get_by_label("Data type").select_option(label="Proportion (numerator out of denominator)")
    page.get_by_role("button", name="Save measure").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Choose whether higher or lower is better, or neither")
    fits(page, 390)
    summary.get_by_role("link", name="Choose whether higher or lower is better").click()
    page.get_by_label("Higher is better").check()
    page.get_by_role("button", name="Save measure").click()
    expect(
        page.get_by_role("heading", name="Patients screened for sepsis", level=1)
    ).to_be_visible()
    measure = Measure.objects.get()
    assert (measure.chart, measure.rules, measure.improvement) == ("p", "mdc", "increase")


def test_a_nurse_notes_a_point_and_changes_the_note(page, sign_in, wessex_lead):
    nurse = UserFactory(username="frontline.nurse", first_name="Ada", last_name="Nurse")
    project = ProjectFactory(title="Falls on the wards", lead_region=region("wessex"))
    ProjectMemberFactory(project=project, user=nurse, role=ProjectRole.MEMBER)
    measure = MeasureFactory(project=project, name="Falls with harm", data_type="count")
    monday = date(2024, 1, 1)
    rows = [
        {"period": (monday + timedelta(weeks=n)).isoformat(), "value": value}
        for n, value in enumerate([4, 5, 3, 4, 6, 2, 4, 5])
    ]
    data_points_upsert(by=wessex_lead, measure=measure, rows=rows)
    sign_in("frontline.nurse")

    page.goto(f"/measures/{measure.pk}/")
    page.get_by_label("Which point").select_option(label="Week of 5 Feb 2024")
    page.get_by_label("Note", exact=True).fill("Agency staff on nights")
    page.get_by_role("button", name="Add the note").click()
    expect(page.get_by_text("Your note was added to the point.")).to_be_visible()
    expect(page.get_by_text("Note 1, 5 February 2024:")).to_be_visible()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        fits(page, width)

    page.get_by_role("link", name="Change or remove note 1").click()
    expect(page.get_by_role("heading", name="Change a note on Week of 5 Feb 2024")).to_be_visible()
    page.get_by_label("Note", exact=True).fill("Agency staff on nights; two falls at handover")
    page.get_by_role("button", name="Save note").click()
    expect(page.get_by_text("The note was changed.")).to_be_visible()
    history = page.get_by_role("table")
    expect(history).to_contain_text("Agency staff on nights; two falls at handover")
    expect(history).to_contain_text("Ada Nurse")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        fits(page, width)
    assert PointNote.history.filter(text="Agency staff on nights").exists()
