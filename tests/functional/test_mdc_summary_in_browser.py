"""A regional lead reads the Making Data Count summary of Wessex's measures in Chromium: the
matrix, a cell's link to just its measures, sorting by a column, and the filters with htmx;
axe clean at 1280 and 390 px, and no sideways scrolling on a phone."""

import re
from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from measurement.models import DataPoint
from tests.factories import MeasureFactory, ProjectFactory, UserFactory, region
from tests.functional.conftest import assert_accessible_at_both_widths, width_at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUMMARY = reverse("dashboards:mdc_summary")
READINGS = [
    ("special_cause_concern", "consistent_fail"),
    ("special_cause_improvement", "consistent_pass"),
    ("common_cause", "inconsistent"),
    ("", ""),
]


def _measures():
    project = ProjectFactory(
        title="Reducing inpatient falls with harm on the older people's wards",
        lead_region=region("wessex"),
    )
    for n, (variation, assurance) in enumerate(READINGS):
        measure = MeasureFactory(
            project=project,
            name=f"Falls with harm per 1,000 occupied bed-days, measure {n}",
            variation=variation,
            assurance=assurance,
            target=5.0 if assurance else None,
            unit="per 1,000 bed-days",
        )
        DataPoint.objects.create(measure=measure, period=date(2026, 11, 2), value=4.0 + n)
    MeasureFactory(
        project=ProjectFactory(title="Oxford sepsis", lead_region=region("oxford")),
        name="Oxford's measure",
    )


def _no_sideways_scrolling(page) -> None:
    assert width_at(page, 390) <= 390, "scrolls sideways"
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_lead_reads_the_regions_measures_and_follows_a_cell(page, sign_in):
    UserFactory(username="lead.wessex", led_regions=["wessex"])
    _measures()
    sign_in("lead.wessex")

    page.goto(SUMMARY + "?region=wessex")
    expect(page.locator("h1")).to_have_text("Measures: Wessex")
    rows = page.locator("table.app-mdc-summary tbody tr")
    expect(rows).to_have_count(4)
    expect(page.locator("table.app-mdc-summary")).not_to_contain_text("Oxford's measure")
    expect(page.locator("table.app-mdc-summary")).to_contain_text("Special cause concern")
    assert_accessible_at_both_widths(page, "the summary")
    _no_sideways_scrolling(page)

    page.get_by_role("link", name="1 measure: special cause concern, consistently misses").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("measure 0")
    expect(rows.first).to_contain_text("Of concern")

    page.goto(SUMMARY + "?region=wessex")
    page.get_by_role(
        "link", name=re.compile(r"^Latest value ?, sort by latest value, ascending$")
    ).click()
    expect(page.locator('th[aria-sort="ascending"]')).to_contain_text("Latest value")
    expect(rows.first).to_contain_text("measure 0")
    page.get_by_role(
        "link", name=re.compile(r"^Latest value ?, sort by latest value, descending$")
    ).click()
    expect(page.locator('th[aria-sort="descending"]')).to_contain_text("Latest value")
    expect(rows.first).to_contain_text("measure 3")

    page.get_by_label("Variation", exact=True).select_option(label="Common cause variation")
    page.get_by_role("button", name="Show measures").click()
    expect(rows).to_have_count(1)
    assert "variation=common_cause" in page.url and "region=wessex" in page.url
    expect(page.locator("#matrix")).to_have_text("1 measure by variation and assurance")
    assert_accessible_at_both_widths(page, "the summary filtered")
    _no_sideways_scrolling(page)
