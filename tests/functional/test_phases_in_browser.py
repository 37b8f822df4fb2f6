"""A team member rebases a measure from its page after a shift, in Chromium, with axe at 1280
and 390 px: the suggestion, the form, the chart redrawn, the phase in the table, removal."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from measurement.models import DataPoint, Rebase
from measurement.periods import last_complete_period
from measurement.services.refresh import refresh_measure
from tests.factories import (
    ChangeIdeaFactory,
    MeasureFactory,
    PDSACycleFactory,
    ProjectFactory,
    ProjectMemberFactory,
)
from tests.functional.conftest import assert_accessible_at_both_widths as _check_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BEFORE = [10, 11, 9, 10, 12, 10, 11, 9, 10, 11, 10, 12]
VALUES = BEFORE + [value + 10 for value in BEFORE]


@pytest.fixture
def shifted(frontline_member):
    """24 weeks up to last week; the checks doubled from week 12, after a tested change."""
    project = ProjectFactory(title="Falls on Wessex wards")
    ProjectMemberFactory(project=project, user=frontline_member)
    measure = MeasureFactory(
        project=project,
        name="Patients with a falls risk check",
        data_type="count",
        chart="xmr",
        rules="mdc",
        improvement="increase",
    )
    first = last_complete_period(timezone.localdate(), "weekly") - timedelta(weeks=len(VALUES))
    DataPoint.objects.bulk_create(
        [
            DataPoint(measure=measure, period=first + timedelta(weeks=i), value=value)
            for i, value in enumerate(VALUES)
        ]
    )
    refresh_measure(measure.pk)
    idea = ChangeIdeaFactory(project=project, text="Falls risk check at admission")
    PDSACycleFactory(
        change_idea=idea, title="Risk check on ward 3", start_date=first + timedelta(weeks=9)
    )
    measure.shift_start = first + timedelta(weeks=12)
    return measure


def _chart_loaded(page) -> None:
    expect(page.locator("figure.app-chart img")).to_have_js_property("complete", True)
    width = page.locator("figure.app-chart img").evaluate("img => img.naturalWidth")
    assert width > 0


def test_a_team_member_rebases_at_the_suggested_shift_and_removes_it_again(
    page, sign_in, frontline_member, shifted
):
    sign_in(frontline_member.username)
    page.goto(shifted.get_absolute_url())
    shift = f"{shifted.shift_start:%-d %B %Y}"
    suggestion = page.locator("#phase-suggestion")
    expect(suggestion).to_contain_text(
        f"A shift starts at {shift}. If the process changed then, start a new phase there."
    )
    summary = page.locator("#new-phase summary")
    expect(summary).to_have_text("Start a new phase (rebase) after a change")
    assert summary.bounding_box()["height"] > 10  # no longer an empty summary of zero height
    _check_axe(page)
    src_before = page.locator("figure.app-chart img").get_attribute("src")

    suggestion.get_by_role("link", name=f"Start a new phase from {shift}").click()
    form = page.locator("#new-phase")
    expect(form.get_by_label("First period of the new phase")).to_have_value(
        shifted.shift_start.isoformat()
    )
    _check_axe(page)  # with the form open
    form.get_by_label("Why the process changed").fill("Falls risk check at admission on every ward")
    form.get_by_label("The PDSA cycle that tested the change (optional)").select_option(
        label=f"Risk check on ward 3 (from {shifted.shift_start - timedelta(weeks=3):%-d %B %Y})"
    )
    form.get_by_role("button", name="Start the new phase").click()

    phases = page.locator("#phase-list")
    expect(phases).to_contain_text(
        f"Phase 2 from {shift}: Falls risk check at admission on every ward"
    )
    expect(phases.get_by_role("link", name="Risk check on ward 3")).to_be_visible()
    expect(page.locator("#phase-suggestion")).to_have_count(0)
    chart = page.locator("figure.app-chart img")
    expect(chart).not_to_have_attribute("src", src_before)
    _chart_loaded(page)
    table = page.locator("table", has=page.get_by_role("columnheader", name="Phase"))
    shift_row = table.get_by_role("row").filter(has_text=f"{shifted.shift_start:%-d %b %Y}")
    expect(shift_row.get_by_role("cell", name="2", exact=True).first).to_be_visible()
    _check_axe(page)
    assert Rebase.objects.get().created_by == frontline_member

    src_rebased = chart.get_attribute("src")
    phases.get_by_role("link", name="Remove phase 2").click()
    expect(page.get_by_role("heading", name=f"Remove the phase from {shift}?")).to_be_visible()
    _check_axe(page)
    page.get_by_role("button", name="Remove the phase").click()
    removed = page.locator("#removed-phases")
    removed.locator("summary").click()
    expect(removed).to_contain_text(f"From {shift}: Falls risk check at admission on every ward")
    expect(removed).to_contain_text(f"removed by {frontline_member.get_full_name()}")
    expect(page.locator("figure.app-chart img")).not_to_have_attribute("src", src_rebased)
    _chart_loaded(page)
    _check_axe(page)
    assert not Rebase.objects.exists()
