"""A frontline project lead's measurement loop, in Chromium with axe at 1280 and 390 px on every
page: add a proportion measure (Making Data Count offered by default, the direction chosen),
enter 20 weeks in the grid, see the shift, start a new phase with a reason, note a point; the
chart, the data table and the API then tell the same story."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from measurement.models import Measure
from measurement.periods import last_complete_period
from measurement.presenters.entry import period_phrase
from projects.models import ProjectRole
from tests.factories import ProjectFactory, ProjectMemberFactory, region
from tests.functional.conftest import assert_accessible_at_both_widths as _check_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "Patients screened for sepsis within an hour"
# Screened out of 40 each week: about half, then about 85% once the screening tool came in.
BEFORE = [20, 22, 19, 21, 20, 23, 18, 21, 20, 22]
AFTER = [34, 35, 33, 36, 34, 35, 37, 34, 33, 35]
SCREENED = BEFORE + AFTER
REASON = "Sepsis screening tool added to the ED triage form"
NOTE = "Two agency nurses on nights not yet trained in the tool"


@pytest.fixture
def lead_and_project(frontline_member):
    project = ProjectFactory(
        title="Sepsis in the emergency department", lead_region=region("wessex")
    )
    ProjectMemberFactory(project=project, user=frontline_member, role=ProjectRole.LEAD)
    return frontline_member, project


def _add_the_measure(page, project) -> Measure:
    page.goto(project.get_absolute_url())
    _check_axe(page, "the project")
    page.get_by_role("link", name="Add a measure").click()
    expect(page.get_by_role("heading", name="Add a measure", level=1)).to_be_visible()
    expect(
        page.get_by_role("group", name="Chart").get_by_label(
            "Choose for me (the NHS Making Data Count convention)"
        )
    ).to_be_checked()
    _check_axe(page, "the measure form")
    page.get_by_label("Name").fill(NAME)
    page.get_by_label("Kind").select_option(label="Outcome")
    page.get_by_label("Data type").select_option(label="Proportion (numerator out of denominator)")
    page.get_by_label("Higher is better").check()
    page.get_by_role("button", name="Save measure").click()
    expect(page.get_by_role("heading", name=NAME, level=1)).to_be_visible()
    _check_axe(page, "the new measure")
    measure = Measure.objects.get(name=NAME)
    assert (measure.chart, measure.rules, measure.improvement) == ("p", "mdc", "increase")
    assert (measure.unit, measure.multiplier) == ("%", 100)  # read as a percentage
    return measure


def _enter_twenty_weeks(page, measure, weeks) -> None:
    page.goto(f"/measures/project/{measure.project_id}/")
    page.get_by_label("Rows shown").select_option("26")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("tbody[id^=period-]")).to_have_count(26)
    _check_axe(page, "the grid")
    for week, screened in zip(weeks, SCREENED, strict=True):
        when = period_phrase(week, "weekly")
        row = page.locator(f"#period-{week}")
        row.get_by_label(f"{NAME}, numerator, {when}").fill(str(screened))
        denominator = row.get_by_label(f"{NAME}, denominator, {when}")
        denominator.fill("40")
        row.get_by_role("button", name=f"Save the {when}").click()
        expect(row.locator(".nhsuk-tag", has_text="Saved")).to_be_visible()
    _check_axe(page, "the grid after saving")


def test_a_frontline_lead_charts_a_measure_rebases_after_the_shift_and_notes_a_point(
    page, sign_in, lead_and_project
):
    lead, project = lead_and_project
    newest = last_complete_period(timezone.localdate(), "weekly")
    weeks = [newest - timedelta(weeks=len(SCREENED) - 1 - i) for i in range(len(SCREENED))]
    shift_start = weeks[len(BEFORE)]
    noted = weeks[len(BEFORE) + 2]

    sign_in(lead.username)
    measure = _add_the_measure(page, project)
    _enter_twenty_weeks(page, measure, weeks)

    page.goto(measure.get_absolute_url())
    shift = f"{shift_start:%-d %B %Y}"
    suggestion = page.locator("#phase-suggestion")
    expect(suggestion).to_contain_text(f"A shift starts at {shift}.")
    expect(page.locator("figure.app-chart")).to_contain_text("20 weeks")
    _check_axe(page, "the measure with its shift")

    suggestion.get_by_role("link", name=f"Start a new phase from {shift}").click()
    form = page.locator("#new-phase")
    expect(form.get_by_label("First period of the new phase")).to_have_value(
        shift_start.isoformat()
    )
    form.get_by_label("Why the process changed").fill(REASON)
    form.get_by_role("button", name="Start the new phase").click()
    expect(page.locator("#phase-list")).to_contain_text(f"Phase 2 from {shift}: {REASON}")
    _check_axe(page, "the measure rebased")

    page.get_by_label("Which point").select_option(label=f"Week of {noted:%-d %b %Y}")
    page.get_by_label("Note", exact=True).fill(NOTE)
    page.get_by_role("button", name="Add the note").click()
    expect(page.get_by_text("Your note was added to the point.")).to_be_visible()
    _check_axe(page, "the measure with a note")

    # The data table: phase 2 from the shift, the note numbered on its point.
    table = page.locator("table", has=page.get_by_role("columnheader", name="Phase"))
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(len(SCREENED))
    shift_row = rows.filter(has_text=f"{shift_start:%-d %b %Y}")
    expect(shift_row.get_by_role("cell", name="2", exact=True).first).to_be_visible()
    before_row = rows.filter(has_text=f"{weeks[len(BEFORE) - 1]:%-d %b %Y}")
    expect(before_row.get_by_role("cell", name="1", exact=True).first).to_be_visible()
    expect(rows.filter(has_text=f"{noted:%-d %b %Y}")).to_contain_text(f"1. {NOTE}")

    # The chart: drawn again with the phase and the note, and its text alternative says so.
    image = page.locator("figure.app-chart img")
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("img => img.naturalWidth") > 0
    assert "1 note on points" in image.get_attribute("alt")
    assert f"A new phase starts on {shift}: {REASON}." in image.get_attribute("alt")
    assert re.search(r"\(mean \d+(\.\d)?%\)", image.get_attribute("alt"))  # as a percentage
    svg = page.request.get(image.get_attribute("src")).text()
    assert f"Note 1 ({noted:%-d %B %Y}): {NOTE}" in svg  # the marker's own title
    assert "Rebase (new phase)" in svg  # in the legend, with the phase's line on the chart

    # The API: the same phases, points and note.
    analysis = page.request.get(f"/api/v1/measures/{measure.pk}/analysis/").json()
    assert (analysis["chart"], analysis["rules"]) == ("p", "mdc")
    assert [phase["start"] for phase in analysis["phases"]] == [
        weeks[0].isoformat(),
        shift_start.isoformat(),
    ]
    assert analysis["phases"][1]["reason"] == REASON
    points = {point["period"]: point for point in analysis["points"]}
    assert [points[week.isoformat()]["phase"] for week in weeks] == [1] * 10 + [2] * 10
    assert [points[week.isoformat()]["numerator"] for week in weeks] == SCREENED
    assert analysis["variation"] and analysis["assurance"] is None  # no target set
    assert {"screen_moving_ranges", "baseline_points", "notes"} <= set(analysis)
    notes = page.request.get(f"/api/v1/measures/{measure.pk}/notes/").json()
    listed = notes["results"] if isinstance(notes, dict) else notes
    assert [(note["period"], note["text"]) for note in listed] == [(noted.isoformat(), NOTE)]
